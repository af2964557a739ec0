"""Digits people type are stored as typed and shown Persian in Persian text, never inside a link.

A grower registers as «زهرا احمدی 2» from «سایر» → «شهرک 3»; the CDA writes a course description with an
online-class link ending in `class2`; the member reads «زهرا احمدی ۲» and a link that still works."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.local_run import BotUnderTest
from bot.texts import course_admin as ta
from models import Event, Member
from tests.e2e_support import Clock, bot_on, fast_ticks
from tests.factories import NOW, add_member

ADMIN_ID = 9000
LINK = "https://skyroom.online/ch/khooshe/class2"
START = datetime(2026, 12, 2, 10, 30, tzinfo=ZoneInfo("Asia/Tehran"))


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


async def test_a_name_typed_with_latin_digits_reads_with_persian_ones(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    user = bot.emu.user(2001, first_name="زهرا")
    await user.send_command("/start")
    await user.expect(2)
    await user.send_text("زهرا احمدی 2")
    await user.next_message()
    await user.share_contact("+989121112233")
    await user.expect(2)
    await user.press("تولیدکننده (گلخانه‌دار)")
    await user.expect(2)
    await user.press("گل شاخه‌بریده")
    await user.next_message()
    await user.press(texts.BTN_CATEGORIES_DONE)
    await user.expect(2)
    await user.press(texts.BTN_PLACE_OTHER)
    await user.expect(2)
    await user.send_text("شهرک 3")
    await user.next_message()
    await user.press(texts.BTN_SKIP)
    _, summary = await user.expect(2)
    assert "زهرا احمدی ۲" in summary.plain_text and "شهرک ۳" in summary.plain_text
    assert "زهرا احمدی 2" not in summary.plain_text and "شهرک 3" not in summary.plain_text
    await user.press(texts.BTN_CONFIRM)
    await user.expect(2)
    await user.send_text(texts.BTN_PROFILE)
    profile = await user.next_message()
    assert "زهرا احمدی ۲" in profile.plain_text and "شهرک ۳" in profile.plain_text
    async with create_sessionmaker(engine)() as s:
        member = (await s.execute(select(Member))).scalars().one()
    assert (member.full_name, member.place_other) == ("زهرا احمدی 2", "شهرک 3")  # stored as typed


async def test_a_course_description_link_keeps_its_digits(bot: BotUnderTest, engine: AsyncEngine) -> None:
    async with create_sessionmaker(engine).begin() as s:
        await add_member(s, 2002)
        event = Event(
            kind="course",
            status="published",
            title="هیدروپونیک 2",
            starts_at=START,
            segment={},
            created_by=ADMIN_ID,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(event)
        await s.flush()
        course_id = event.id
    admin, member = bot.emu.user(ADMIN_ID), bot.emu.user(2002)
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(ta.BTN_ADMIN_COURSES)
    listing = await admin.next_message()
    assert "📚 هیدروپونیک ۲" in listing.button_texts
    await admin.press("📚 هیدروپونیک ۲")
    card = await admin.next_message()
    await admin.press(ta.BTN_EDIT_COURSE, message_id=card.message_id)
    await admin.next_message()
    await admin.press(ta.BTN_EDIT_FIELD.format(label=ta.FIELD_LABELS["description"]))
    await admin.next_message()
    await admin.send_text(f"جلسهٔ 2 آنلاین است:\n{LINK}")
    saved, preview, _ = await admin.expect(3)  # then the question's «رد شدن» goes
    assert ta.CADM_EDIT_SAVED.format(label=ta.FIELD_LABELS["description"]) in saved.plain_text
    assert f"جلسهٔ ۲ آنلاین است:\n{LINK}" in preview.plain_text

    await member.send_command(f"/start course_{course_id}")
    shown = await member.next_message()
    assert "هیدروپونیک ۲" in shown.plain_text
    assert f"جلسهٔ ۲ آنلاین است:\n{LINK}" in shown.plain_text and "class۲" not in (shown.text or "")
    async with create_sessionmaker(engine)() as s:
        stored = await s.get(Event, course_id)
        assert stored is not None and stored.description == f"جلسهٔ 2 آنلاین است:\n{LINK}"
