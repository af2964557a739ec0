"""An old «رد شدن» (or kind) button left under an earlier question of the CDA's course or exhibition
creation chat, pressed while a later question is asked, is refused with «این دکمه دیگر فعال نیست.» and
changes nothing: the step and the answers stay, and finishing the flow keeps what the CDA typed.
Before the guided-form mechanism such a press made the course unlimited or removed its deadline.

The bot now also takes those buttons away once a question is answered by typing, so the presses below
are what an older client, a cached screen or a forged update still sends: the old callback data."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.emulator.messages import EmuMessage
from bot.local_run import BotUnderTest
from bot.texts import course_admin as tc
from bot.texts import exhibition_admin as tx
from models import Account, ConversationState, Event, ExhibitionDetails
from tests.e2e_support import Clock, bot_on, fast_ticks

ADMIN_ID = 9000
STALE = "این دکمه دیگر فعال نیست."


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


async def conversation(engine: AsyncEngine) -> tuple[str, dict[str, Any]]:
    """The CDA's stored step and data (answers, segment, token)."""
    async with create_sessionmaker(engine)() as s:
        stmt = (
            select(ConversationState)
            .join(Account, Account.id == ConversationState.account_id)
            .where(Account.user_id == ADMIN_ID)
        )
        state = (await s.execute(stmt)).scalar_one()
        return state.step, dict(state.data)


async def refused(admin: EmuUser, engine: AsyncEngine, *questions: EmuMessage) -> None:
    """Press the «رد شدن» each old question was shown with: each is answered as stale, nothing moves."""
    before = await conversation(engine)
    for question in questions:
        skip = question.find_button(tc.BTN_SKIP)
        assert skip is not None  # as it was shown
        assert not next(m for m in admin.messages if m.message_id == question.message_id).inline_buttons
        await admin.press_raw(question.message_id, str(skip["callback_data"]))
        assert (await admin.answer())["text"] == STALE
    assert await conversation(engine) == before


async def typed(admin: EmuUser, text: str) -> EmuMessage:
    """Type an answer; when the question had buttons they are taken away first. The next question."""
    had_buttons = bool(admin.messages[-1].inline_buttons)
    await admin.send_text(text)
    if not had_buttons:
        return await admin.next_message()
    closed, asked = await admin.expect(2)
    assert closed.edited and not closed.inline_buttons
    return asked


async def only_event(engine: AsyncEngine) -> Event:
    async with create_sessionmaker(engine)() as s:
        return (await s.execute(select(Event))).scalar_one()


def test_the_stale_text_is_the_one_the_issue_names() -> None:
    assert texts.ERRORS["stale"] == STALE


async def test_an_old_skip_under_the_description_cannot_skip_capacity_or_deadline(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(tc.BTN_ADMIN_COURSES)
    await admin.next_message()
    await admin.press(tc.BTN_CADM_NEW)
    await admin.next_message()
    await admin.send_text("کشت بدون خاک")
    description = await admin.next_message()
    assert tc.BTN_SKIP in description.button_texts
    for answer in ("آشنایی با کوکوپیت", "دکتر نیلوفر احمدی", "۱۴۰۵/۰۹/۱۱ ۱۰:۳۰", "۳ جلسه", "سالن شهرک"):
        asked = await typed(admin, answer)
    capacity = asked
    assert "ظرفیت" in capacity.plain_text and (await conversation(engine))[0] == "capacity"

    await refused(admin, engine, description)
    deadline = await typed(admin, "۷")
    assert (await conversation(engine))[0] == "deadline"
    await refused(admin, engine, description, capacity)
    targets = await typed(admin, "۱۴۰۵/۰۹/۱۰ ۱۸:۰۰")
    assert (await conversation(engine))[0] == "targets"
    await refused(admin, engine, description, capacity, deadline)
    await admin.press(tc.BTN_TARGETS_DONE, message_id=targets.message_id)
    _, preview = await admin.expect(2)
    assert "۷ نفر" in preview.plain_text and "سه‌شنبه ۱۰ آذر ۱۴۰۵، ساعت ۱۸:۰۰" in preview.plain_text
    event = await only_event(engine)
    assert event.capacity == 7 and event.registration_deadline is not None


async def test_an_old_skip_or_kind_in_the_exhibition_chat_changes_nothing(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(tx.BTN_ADMIN_EXHIBITIONS)
    await admin.next_message()
    await admin.press(tx.BTN_NEW)
    _, kinds = await admin.expect(2)
    domestic = str(kinds.button_data[0])  # the kind buttons are closed once one is pressed
    await admin.press("✈️ نمایشگاه خارجی", message_id=kinds.message_id)
    await admin.expect(2)
    await typed(admin, "نمایشگاه IPM اسن")
    venue = await typed(admin, "اسن، آلمان")
    assert tx.BTN_SKIP in venue.button_texts
    answers = ("Messe Essen", "۱۴۰۵/۱۰/۰۷ ۱۰:۰۰", "۱۴۰۵/۱۰/۱۰", "۱۴۰۵/۰۹/۲۰", "حدود ۸۵ میلیون", "۵۰٪ غرفه")
    for answer in answers:
        asked = await typed(admin, answer)
    capacity = asked
    assert "ظرفیت" in capacity.plain_text and (await conversation(engine))[0] == "capacity"

    await refused(admin, engine, venue)
    before = await conversation(engine)
    await admin.press_raw(kinds.message_id, domestic)  # an old kind button: stale too
    assert (await admin.answer())["text"] == STALE and await conversation(engine) == before
    await typed(admin, "۱۲")  # the documents
    docs_deadline = await typed(admin, "کپی گذرنامه")
    assert (await conversation(engine))[0] == "docs_deadline"
    await refused(admin, engine, venue, capacity)
    poster = await typed(admin, "۱۴۰۵/۰۹/۲۵")
    assert (await conversation(engine))[0] == "poster"
    await refused(admin, engine, venue, capacity, docs_deadline)
    await admin.press(tx.BTN_SKIP, message_id=poster.message_id)  # the poster's own skip is live
    await admin.expect(2)
    await admin.press(tx.BTN_TARGETS_DONE)
    await admin.expect(2)
    event = await only_event(engine)
    async with create_sessionmaker(engine)() as s:
        details = await s.get(ExhibitionDetails, event.id)
    assert details is not None and details.documents_deadline is not None
    assert (event.capacity, event.place, details.trip_kind) == (12, "Messe Essen", "foreign")
