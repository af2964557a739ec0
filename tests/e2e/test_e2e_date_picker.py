"""The CDA creates a course (and an exhibition) through the emulator choosing dates with the Jalali
date picker (month, then day, then time) instead of typing; past days and times are not offered, a
choice the course refuses keeps the picker, and a picker left under an answered question is stale.

The clock stands at پنجشنبه ۵ آذر ۱۴۰۵، ساعت ۱۱:۳۰ (Tehran)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.emulator.messages import EmuMessage
from bot.jalali import tehran_moment
from bot.local_run import BotUnderTest
from bot.texts import course_admin as t
from bot.texts import dates as td
from bot.texts import exhibition_admin as tx
from models import ConversationState, Event
from tests.e2e_support import Clock, bot_on, fast_ticks, replied_after

ADMIN_ID = 9000
STALE = texts.ERRORS["stale"]
PERSIAN_DIGITS = set("۰۱۲۳۴۵۶۷۸۹")


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


async def pressed(admin: EmuUser, label: str, message: EmuMessage) -> EmuMessage:
    """Press `label` on `message` and return the message as the bot edited it."""
    await admin.press(label, message_id=message.message_id)
    edited = await admin.next_message()
    assert edited.message_id == message.message_id and edited.edited
    return edited


async def stale(admin: EmuUser, message_id: int, data: str) -> bool:
    await admin.press_raw(message_id, data)
    return (await admin.answer()).get("text") == STALE


def with_token(data: str, token: str) -> str:
    """`cadm:pk:<id>:<token>:<part…>` with another step token (a picker from an earlier question)."""
    parts = data.split(":")
    if token == "another":
        token = "000000" if parts[3] != "000000" else "111111"
    parts[3] = token
    return ":".join(parts)


def with_part(data: str, part: str) -> str:
    """The same picker button carrying another choice (a forged or outdated one)."""
    return ":".join([*data.split(":")[:4], part])


def data_of(message: EmuMessage, label: str) -> str:
    button = message.find_button(label)
    assert button is not None, f"{label!r} not in {message.button_texts}"
    return str(button["callback_data"])


async def test_the_cda_creates_a_course_with_the_date_picker(bot: BotUnderTest, engine: AsyncEngine) -> None:
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_COURSES)
    await admin.next_message()
    await admin.press(t.BTN_CADM_NEW)
    await admin.next_message()
    await admin.send_text("پرورش ژربرا در بستر کوکوپیت")
    await admin.next_message()
    await admin.press(t.BTN_SKIP)  # description
    await admin.expect(2)
    await admin.press(t.BTN_SKIP)  # instructor
    _, question = await admin.expect(2)

    # The start: six months from this one, Jalali names and Persian digits, typing still explained.
    assert "زمان شروع دوره" in question.plain_text and td.PICK_HINT.strip() in question.plain_text
    months = ["آذر ۱۴۰۵", "دی ۱۴۰۵", "بهمن ۱۴۰۵", "اسفند ۱۴۰۵", "فروردین ۱۴۰۶", "اردیبهشت ۱۴۰۶"]
    assert question.button_texts == months
    assert all(len(b["callback_data"].encode()) <= 64 for row in question.inline_buttons for b in row)
    month_data = data_of(question, "آذر ۱۴۰۵")

    days = await pressed(admin, "آذر ۱۴۰۵", question)
    day_labels = [label for label in days.button_texts if label.strip() and label[0] in PERSIAN_DIGITS]
    assert day_labels[0] == "۵" and day_labels[-1] == "۳۰" and "۴" not in day_labels  # nothing in the past
    assert days.button_texts[:8] == ["🗓 آذر ۱۴۰۵", "ش", "ی", "د", "س", "چ", "پ", "ج"]
    assert days.inline_buttons[2][5]["text"] == "۵"  # 5 Azar 1405 is a Thursday: پ, the sixth column

    today = await pressed(admin, "۵", days)  # today: only the times still ahead of 11:30
    assert today.button_texts[0] == "🗓 پنجشنبه ۵ آذر" and "۱۱:۳۰" not in today.button_texts
    assert today.button_texts[1] == "۱۲:۰۰" and td.BTN_PICK_END_OF_DAY not in today.button_texts
    days = await pressed(admin, td.BTN_PICK_DAYS.format(month="آذر"), today)
    times = await pressed(admin, "۱۱", days)
    assert times.button_texts[:3] == ["🗓 چهارشنبه ۱۱ آذر", "۰۷:۰۰", "۰۷:۳۰"]

    assert await stale(admin, times.message_id, with_token(data_of(times, "۱۰:۳۰"), "another"))

    await admin.press("۱۰:۳۰", message_id=times.message_id)
    closed, sessions = await admin.expect(2)
    assert closed.message_id == question.message_id and not closed.inline_buttons
    assert "✅ چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰" in closed.plain_text
    assert "جلسات" in sessions.plain_text
    assert await stale(admin, question.message_id, month_data)  # the start was answered

    await admin.press(t.BTN_SKIP)  # sessions
    await admin.expect(2)
    await admin.press(t.BTN_SKIP)  # place
    await admin.expect(2)
    await admin.press(t.BTN_SKIP)  # capacity
    _, deadline = await admin.expect(2)
    assert "مهلت ثبت‌نام" in deadline.plain_text and t.BTN_SKIP in deadline.button_texts

    # The deadline: a time after the start is refused with the course's own message; the picker stays.
    times = await pressed(admin, "۱۲", await pressed(admin, "آذر ۱۴۰۵", deadline))
    assert td.BTN_PICK_END_OF_DAY in times.button_texts  # a deadline may be the end of a day
    await admin.press("۱۰:۰۰", message_id=times.message_id)
    refusal = await admin.answer()
    assert "مهلت ثبت‌نام" in refusal["text"] and refusal.get("show_alert")
    await replied_after(admin)
    assert admin.messages[-1].message_id == deadline.message_id and admin.messages[-1].inline_buttons

    days = await pressed(admin, td.BTN_PICK_DAYS.format(month="آذر"), times)
    times = await pressed(admin, "۱۰", days)
    await admin.press(td.BTN_PICK_END_OF_DAY, message_id=times.message_id)
    closed, targets = await admin.expect(2)
    assert "✅ سه‌شنبه ۱۰ آذر ۱۴۰۵، ساعت ۲۳:۵۹" in closed.plain_text and not closed.inline_buttons
    await admin.press(t.BTN_TARGETS_DONE, message_id=targets.message_id)
    _, preview = await admin.expect(2)
    assert "چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰" in preview.plain_text
    assert "سه‌شنبه ۱۰ آذر ۱۴۰۵، ساعت ۲۳:۵۹" in preview.plain_text

    async with create_sessionmaker(engine)() as s:
        [event] = (await s.execute(select(Event))).scalars()
    assert event.starts_at == tehran_moment(1405, 9, 11, 10, 30)
    assert event.registration_deadline == tehran_moment(1405, 9, 10, 23, 59)


async def test_rescheduling_offers_the_picker_and_refuses_a_past_time(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_COURSES)
    await admin.next_message()
    await admin.press(t.BTN_CADM_NEW)
    await admin.next_message()
    for answer in ("دورهٔ آبیاری", None, None, "۱۴۰۵/۰۹/۲۰ ساعت ۹ صبح", None, None, None, None):
        if answer is None:
            await admin.press(t.BTN_SKIP, message_id=admin.messages[-1].message_id)
            await admin.expect(2)
        elif admin.messages[-1].inline_buttons:  # the start time's picker goes once it is typed
            asked = admin.messages[-1]
            await admin.send_text(answer)
            closed, _ = await admin.expect(2)
            assert closed.message_id == asked.message_id and not closed.inline_buttons
        else:
            await admin.send_text(answer)
            await admin.next_message()
    await admin.press(t.BTN_TARGETS_DONE)
    _, preview = await admin.expect(2)
    assert "جمعه ۲۰ آذر ۱۴۰۵، ساعت ۰۹:۰۰" in preview.plain_text  # «۹ صبح» typed
    await admin.press(t.BTN_PUBLISH, message_id=preview.message_id)
    _, card = await admin.expect(2)
    await admin.press(t.BTN_RESCHEDULE, message_id=card.message_id)
    question = await admin.next_message()
    assert question.button_texts[0] == "آذر ۱۴۰۵"
    times = await pressed(admin, "۲۲", await pressed(admin, "آذر ۱۴۰۵", question))
    past = with_part(data_of(times, "۱۶:۳۰"), "t:14050901:1000")  # a picker shown days ago
    await admin.press_raw(times.message_id, past)
    refusal = await admin.answer()
    assert "گذشته" in refusal["text"] and refusal.get("show_alert")
    assert await stale(admin, times.message_id, with_part(data_of(times, "۱۶:۳۰"), "t:14051331:1000"))
    await admin.press("۱۶:۳۰", message_id=times.message_id)
    closed, done = await admin.expect(2)
    assert "✅ یکشنبه ۲۲ آذر ۱۴۰۵، ساعت ۱۶:۳۰" in closed.plain_text
    assert "یکشنبه ۲۲ آذر ۱۴۰۵، ساعت ۱۶:۳۰" in done.plain_text
    async with create_sessionmaker(engine)() as s:
        [event] = (await s.execute(select(Event))).scalars()
    assert event.starts_at == tehran_moment(1405, 9, 22, 16, 30)


async def test_the_cda_picks_an_exhibitions_dates(bot: BotUnderTest, engine: AsyncEngine) -> None:
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(tx.BTN_ADMIN_EXHIBITIONS)
    await admin.next_message()
    await admin.press(tx.BTN_NEW)
    await admin.expect(2)
    await admin.press("🚌 تور بازدید")
    await admin.expect(2)
    await admin.send_text("بازدید از گلخانه‌های پاکدشت")
    await admin.next_message()
    await admin.send_text("پاکدشت")
    await admin.next_message()
    await admin.press(tx.BTN_SKIP)  # venue
    _, start = await admin.expect(2)
    assert td.PICK_HINT.strip() in start.plain_text and td.BTN_PICK_MONTHS not in start.button_texts
    times = await pressed(admin, "۲۷", await pressed(admin, "دی ۱۴۰۵", start))
    assert td.BTN_PICK_END_OF_DAY not in times.button_texts  # a start needs its hour
    await admin.press("۰۷:۳۰", message_id=times.message_id)
    closed, end = await admin.expect(2)
    assert "✅ یکشنبه ۲۷ دی ۱۴۰۵، ساعت ۰۷:۳۰" in closed.plain_text
    assert "تاریخ پایان" in end.plain_text and tx.BTN_SKIP in end.button_texts
    times = await pressed(admin, "۲۷", await pressed(admin, "دی ۱۴۰۵", end))
    await admin.press(td.BTN_PICK_END_OF_DAY, message_id=times.message_id)
    closed, deadline = await admin.expect(2)
    assert "✅ یکشنبه ۲۷ دی ۱۴۰۵، ساعت ۲۳:۵۹" in closed.plain_text
    assert "مهلت اعلام آمادگی" in deadline.plain_text
    assert await stale(admin, end.message_id, data_of(times, "۰۷:۰۰"))  # the end was answered
    async with create_sessionmaker(engine)() as s:
        state = (await s.execute(select(ConversationState))).scalar_one()
    assert state.data["values"]["starts_at"] == tehran_moment(1405, 10, 27, 7, 30).isoformat()
    assert state.data["values"]["ends_at"] == tehran_moment(1405, 10, 27, 23, 59).isoformat()
