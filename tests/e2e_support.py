"""What the end-to-end tests share: a hand-moved clock, a fast-ticking bot, waiting for a condition."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Config
from bot.emulator import EmuUser
from bot.emulator.messages import EmuMessage
from bot.local_run import BotUnderTest, running_bot
from tests.factories import NOW


class Clock:
    """A clock the test moves by hand; the bot reads it through build_application(clock=…)."""

    def __init__(self, start: datetime = NOW) -> None:  # پنجشنبه ۵ آذر ۱۴۰۵، ساعت ۱۱:۳۰ Tehran
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def fast_ticks(config: Config, **broadcasting: Any) -> Config:
    """The scheduler ticks every 0.2 s so reminders, offers and broadcasts happen within a test."""
    return dataclasses.replace(
        config, broadcasting=dataclasses.replace(config.broadcasting, tick_seconds=0.2, **broadcasting)
    )


@asynccontextmanager
async def bot_on(engine: AsyncEngine, config: Config, clock: Clock) -> AsyncIterator[BotUnderTest]:
    """The real Application against the emulator, on the test's database."""
    async with running_bot(config, engine.url.render_as_string(hide_password=False), clock=clock) as running:
        yield running


async def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


def having(user: EmuUser, text: str) -> list[EmuMessage]:
    """The messages in the user's chat containing `text`."""
    return [m for m in user.messages if text in m.plain_text]
