"""Confirmations tell the CDA when a queued message goes out: at night (quiet hours 22:00–07:00
Tehran) a message to a course's registered members waits until 07:00 and the reply says so; by day
the same reply carries no such line and the message goes at once. (Introduction requests and
consortium invitations: tests/e2e/test_e2e_consortia.py.)"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.local_run import BotUnderTest
from bot.services.courses import seats as en
from bot.texts import course_admin as t
from models import Event
from tests.e2e_support import Clock, bot_on, fast_ticks, having, ticks_pass, wait_for
from tests.factories import NOW, add_member

TEHRAN = ZoneInfo("Asia/Tehran")
NIGHT = datetime(2026, 11, 27, 2, 30, tzinfo=TEHRAN)  # after midnight: «ساعت ۷ صبح» the same day
MORNING = datetime(2026, 11, 27, 7, 0, tzinfo=TEHRAN)
DAY = datetime(2026, 11, 27, 10, 0, tzinfo=TEHRAN)
ADMIN_ID = 9000
TITLE = "کشت بدون خاک (هیدروپونیک)"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config, clock: Clock) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), clock) as running:
        yield running


async def course_with(engine: AsyncEngine, *user_ids: int) -> None:
    async with create_sessionmaker(engine).begin() as s:
        event = Event(
            kind="course",
            status="published",
            title=TITLE,
            starts_at=datetime(2026, 12, 2, 10, 30, tzinfo=TEHRAN),
            capacity=10,
            segment={},
            created_by=ADMIN_ID,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(event)
        await s.flush()
        for user_id in user_ids:
            member = await add_member(s, user_id)
            await en.sign_up(s, event_id=event.id, member_id=member.id, now=NOW)


async def message_registered(admin: EmuUser, text: str) -> str:
    """/admin → courses → the course's card → «✉️ پیام به ثبت‌نام‌شده‌ها» → the text; the reply."""
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_COURSES)
    await admin.next_message()
    await admin.press(f"📚 {TITLE}")
    await admin.next_message()
    await admin.press(t.BTN_MSG_REGISTERED)
    await admin.next_message()
    await admin.send_text(text)
    await wait_for(lambda: bool(having(admin, "در صف ارسال")))
    return having(admin, "در صف ارسال")[-1].plain_text


async def test_a_message_queued_at_night_says_it_goes_at_seven(
    bot: BotUnderTest, engine: AsyncEngine, clock: Clock
) -> None:
    await course_with(engine, 11)
    member, admin = bot.emu.user(11), bot.emu.user(ADMIN_ID)
    clock.now = NIGHT
    reply = await message_registered(admin, "کلاس فردا در سالن شمارهٔ ۲ است.")
    assert reply.endswith("🌙 الان ساعت سکوت است؛ ساعت ۷ صبح فرستاده می‌شود.")
    await ticks_pass(bot)
    assert not having(member, "سالن شمارهٔ ۲")  # held, as the reply said
    clock.now = MORNING
    await wait_for(lambda: bool(having(member, "سالن شمارهٔ ۲")))


async def test_a_message_queued_by_day_goes_now_and_says_nothing_of_quiet_hours(
    bot: BotUnderTest, engine: AsyncEngine, clock: Clock
) -> None:
    await course_with(engine, 12)
    member, admin = bot.emu.user(12), bot.emu.user(ADMIN_ID)
    clock.now = DAY
    reply = await message_registered(admin, "کلاس فردا در سالن شمارهٔ ۳ است.")
    assert reply == t.CADM_MESSAGE_QUEUED.format(count="۱")
    await wait_for(lambda: bool(having(member, "سالن شمارهٔ ۳")))
