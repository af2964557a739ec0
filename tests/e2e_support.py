"""What the end-to-end tests share: a hand-moved clock, a fast-ticking bot, waiting for a condition.

Negative checks ("nothing was sent") never sleep a guessed time: they wait for something that has
demonstrably happened since the action — two more completed scheduler ticks with the send worker
idle (`ticks_pass`), or the bot's answer to a later update in the same chat (`replied_after`) —
and then assert with `user.expect_nothing(0)`.
"""

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


async def ticks_pass(bot: BotUnderTest, ticks: int = 2, timeout: float = 10.0) -> None:
    """Wait until the delivery engine completed `ticks` more ticks and its send worker is idle.

    The first tick to complete may have started before the caller's last change (and read the clock
    before it moved); the second one started after it. The worker a tick starts sends what the tick
    found due; once it is idle, everything the scheduler does about the current state has been sent.
    """
    assert bot.app is not None
    engine = bot.app.bot_data.delivery
    target = engine.ticks_completed + ticks

    def done() -> bool:
        worker = engine._task
        return engine.ticks_completed >= target and (worker is None or worker.done())

    await wait_for(done, timeout)


async def replied_after(user: EmuUser) -> None:
    """Press a button no feature knows and wait for its answer.

    One chat's updates are handled one by one, in order (bot/update_processor.py), so when this
    answer arrives every earlier update of this chat has been handled completely, including what its
    handler sent to other chats. The press itself changes nothing and sends no message.
    """
    await user.press_raw(1, "test:marker")
    await user.answer()
