"""The CDA reads why a broadcast failed in Persian; the messenger's English stays in the database and log."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Config
from bot.local_run import BotUnderTest
from bot.services.broadcasts import lifecycle as bc
from models import Delivery
from tests.e2e.test_e2e_delivery import CDA, received, seed, sm_of, wait_status, wait_until
from tests.e2e_support import Clock, bot_on, fast_ticks
from tests.factories import NOW

LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config, progress_every_seconds=0.2), Clock(NOW)) as running:
        running.emu.user(CDA.user_id, first_name="عامل توسعه")
        yield running


async def test_a_refused_photo_is_reported_in_persian_with_the_english_kept_for_the_log(
    bot: BotUnderTest, engine: AsyncEngine, config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    await seed(engine, bot, [(71, "grower"), (72, "grower")])
    caplog.set_level(logging.WARNING, logger="bot.delivery")
    async with sm_of(engine).begin() as s:  # a photo the messenger no longer has
        b = await bc.create_draft(
            s, CDA, config, bc.Content("photo", "پوستر نمایشگاه", "gone-file-id"), now=NOW
        )
        await bc.schedule(s, CDA, config, b.id, due_at=None, now=NOW)
    await wait_status(engine, b.id, "done")
    await wait_until(lambda: any("گزارش پیام همگانی" in m for m in received(bot, CDA.user_id)))
    report = next(m for m in received(bot, CDA.user_id) if "گزارش" in m)
    assert "ناموفق: ۲" in report and "فایل یا تصویر پیام دیگر در دسترس پیام‌رسان نیست: ۲" in report
    assert not LATIN.search(report), report
    async with sm_of(engine)() as s:
        errors = set((await s.execute(select(Delivery.error).where(Delivery.broadcast_id == b.id))).scalars())
    assert errors == {"Wrong file identifier/http url specified"}  # the messenger's words are kept
    assert "wrong file identifier" in caplog.text.lower()  # and logged


async def test_a_broken_message_pauses_with_a_persian_reason(bot: BotUnderTest, engine: AsyncEngine) -> None:
    await seed(engine, bot, [(73, "grower")])
    bot.emu.inject_failure("sendMessage", kind="bad_entities", count=2, chat_id=73)  # refused, plain too
    config = bot.config
    async with sm_of(engine).begin() as s:
        b = await bc.create_draft(s, CDA, config, bc.Content("text", "<b>دوره</b> تازه"), now=NOW)
        await bc.schedule(s, CDA, config, b.id, due_at=None, now=NOW)
    await wait_status(engine, b.id, "paused")
    await wait_until(lambda: any("متوقف شد" in m for m in received(bot, CDA.user_id)))
    notice = next(m for m in received(bot, CDA.user_id) if "متوقف شد" in m)
    assert "علت: قالب‌بندی پیام (پررنگ، پیوند و …) را پیام‌رسان نخواند" in notice
    assert not LATIN.search(notice), notice
