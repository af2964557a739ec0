"""Admins hear about an error once an hour with the repeats counted, in Persian, from every admin list."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import CommandHandler

from bot import texts
from bot.config import Config
from bot.context import KhoosheContext
from bot.db import create_sessionmaker
from bot.error_notices import ErrorNotices, error_code, error_signature
from bot.services.common.admins import add_admin
from tests.e2e_support import Clock, bot_on, having, wait_for
from tests.factories import NOW

LATIN = re.compile(r"[A-Za-z]")


def _raise_key_error() -> KeyError:
    try:
        raise KeyError("x")
    except KeyError as exc:
        return exc
    raise AssertionError


def test_one_notice_per_error_per_hour_with_repeats_counted() -> None:
    notices = ErrorNotices()
    first = error_signature(_raise_key_error())
    assert first == error_signature(_raise_key_error())  # same class, same place
    assert first.startswith("KeyError@")
    assert notices.record(first, NOW) == 0
    assert [notices.record(first, NOW + timedelta(seconds=2 * i)) for i in range(1, 1800)] == [None] * 1799
    assert notices.record("ValueError@x.py:1", NOW) == 0  # another error is told at once
    assert notices.record(first, NOW + timedelta(hours=1, seconds=1)) == 1799
    assert notices.record(first, NOW + timedelta(hours=1, seconds=3)) is None
    assert 1000 <= error_code(first) <= 9999


async def test_a_job_failing_every_tick_makes_one_persian_notice_for_every_admin(
    engine: AsyncEngine, config: Config
) -> None:
    async with create_sessionmaker(engine).begin() as session:
        await add_admin(session, platform="telegram", user_id=9100, now=NOW)
    runs = 0

    async def failing_job(context: KhoosheContext) -> None:
        nonlocal runs
        runs += 1
        raise RuntimeError("database said something in English")

    async def failing_command(update: Update, context: KhoosheContext) -> None:
        raise ValueError("English detail")

    async with bot_on(engine, config, Clock()) as bot:
        assert bot.app is not None and bot.app.job_queue is not None
        cda, assistant = bot.emu.user(9000), bot.emu.user(9100)
        bot.app.job_queue.run_repeating(failing_job, interval=0.05, first=0)
        await wait_for(lambda: runs >= 20, timeout=20)
        for user in (cda, assistant):
            await wait_for(lambda u=user: bool(having(u, "کد خطا")), timeout=10)  # type: ignore[misc]
        # a failing update is a different error: told once too, also to the assistant from the database
        bot.app.add_handler(CommandHandler("boom", failing_command), group=5)
        member = bot.emu.user(4242, first_name="عضو")
        for _ in range(3):
            await member.send_command("/boom")
            await wait_for(lambda: bool(having(member, texts.SOMETHING_WENT_WRONG)), timeout=10)
        await wait_for(lambda: len(having(member, texts.SOMETHING_WENT_WRONG)) == 3, timeout=10)
        await wait_for(lambda: len(having(assistant, "کد خطا")) == 2, timeout=10)
        ran = runs
        await wait_for(lambda: runs >= ran + 20, timeout=20)  # many more failing runs, demonstrably
    for user in (cda, assistant):
        notices = having(user, "کد خطا")
        assert len(notices) == 2, [m.plain_text for m in notices]
        assert any(texts.ADMIN_ERROR_WHERE_JOB in m.plain_text for m in notices)
        assert any(texts.ADMIN_ERROR_WHERE_UPDATE in m.plain_text for m in notices)
        for notice in notices:
            assert not LATIN.search(notice.plain_text), notice.plain_text
