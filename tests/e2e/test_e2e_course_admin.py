"""The CDA's courses end to end through the emulator, as the CDA would: create by conversation, preview,
edit, publish and announce, roster, .xlsx and CSV, attendance, message the absent, reschedule, cancel —
and a grower forging `cadm:*` presses gets nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.emulator.messages import EmuMessage
from bot.local_run import BotUnderTest
from bot.services.courses import seats as en
from bot.texts import course_admin as t
from models import Account, Broadcast, Event, Seat
from tests.e2e_support import Clock, bot_on, fast_ticks, having, replied_after, wait_for
from tests.factories import NOW, add_member

ADMIN_ID = 9000
STALE = texts.ERRORS["stale"]
TITLE = "کشت بدون خاک (هیدروپونیک)"


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


async def seed(engine: AsyncEngine, bot: BotUnderTest, specs: dict[int, str]) -> dict[int, EmuUser]:
    async with create_sessionmaker(engine).begin() as s:
        for user_id, category in specs.items():
            await add_member(s, user_id, categories=(category,))
    return {user_id: bot.emu.user(user_id) for user_id in specs}


async def member_id_of(engine: AsyncEngine, user_id: int) -> int:
    async with create_sessionmaker(engine)() as s:
        stmt = select(Account.member_id).where(Account.user_id == user_id)
        member_id = (await s.execute(stmt)).scalar_one()
        assert member_id is not None
        return member_id


async def sign_up(engine: AsyncEngine, event_id: int, *user_ids: int) -> None:
    for user_id in user_ids:
        member_id = await member_id_of(engine, user_id)
        async with create_sessionmaker(engine).begin() as s:
            await en.sign_up(s, event_id=event_id, member_id=member_id, now=NOW)


async def typed_answer(admin: EmuUser, text: str) -> EmuMessage:
    """Type the answer to a question shown with «رد شدن»: its button goes, then the next question comes."""
    asked = next(m for m in reversed(admin.messages) if m.inline_buttons)
    await admin.send_text(text)
    closed, question = await admin.expect(2)
    assert closed.edited and closed.message_id == asked.message_id and not closed.inline_buttons
    assert closed.plain_text == asked.plain_text  # the question stays readable above the answer
    return question


async def create_by_conversation(admin: EmuUser) -> EmuMessage:
    """Every question answered as the CDA would, with one mistake each on the date and the capacity."""
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_COURSES)
    assert (await admin.next_message()).plain_text == t.CADM_LIST_EMPTY.replace("<b>", "")
    await admin.press(t.BTN_CADM_NEW)
    assert "عنوان دوره" in (await admin.next_message()).plain_text
    await admin.send_text(TITLE)
    assert t.BTN_SKIP in (await admin.next_message()).button_texts  # description is optional
    await typed_answer(admin, "آشنایی با بسترهای کوکوپیت و پرلیت")
    start = await typed_answer(admin, "دکتر نیلوفر احمدی")
    assert "۱۴۰۵/۰۹/۱۲ ۱۰:۰۰" in start.plain_text  # a typeable example
    await admin.send_text("۱۴۰۵/۰۷/۳۱ ۱۰:۰۰")
    assert "مهر ۳۰ روز دارد؛ ۳۱ مهر ۱۴۰۵ وجود ندارد" in (await admin.next_message()).plain_text
    assert "جلسات" in (await typed_answer(admin, "۱۴۰۵/۰۹/۱۱ ۱۰:۳۰")).plain_text  # the picker goes too
    await admin.press(t.BTN_SKIP)
    closed, place = await admin.expect(2)
    assert closed.edited and not closed.inline_buttons and "محل برگزاری" in place.plain_text
    await typed_answer(admin, "سالن شهرک گلخانه‌ای محلات")
    await admin.send_text("صفر")
    assert (await admin.next_message()).plain_text == t.ERRORS["capacity_not_positive"]
    assert t.BTN_SKIP in admin.messages[-2].button_texts  # a rejected answer leaves the question open
    await typed_answer(admin, "۳")
    targets = await typed_answer(admin, "۱۴۰۵/۰۹/۱۰ ۱۸:۰۰")
    assert "<b>۵</b>" in (targets.text or "")  # all five members until a category is chosen
    await admin.press("🌱 گل شاخه‌بریده")
    ticked = await admin.next_message()
    assert ticked.message_id == targets.message_id and "✅ گل شاخه‌بریده" in ticked.button_texts
    assert "<b>۴</b>" in (ticked.text or "") and "زمینه: گل شاخه‌بریده" in ticked.plain_text
    await admin.press(t.BTN_TARGETS_DONE)
    closed, preview = await admin.expect(2)
    assert closed.edited and not closed.inline_buttons
    return preview


async def test_the_cda_runs_a_course_from_creation_to_cancellation(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    users = await seed(engine, bot, {11: "cut", 12: "cut", 13: "cut", 14: "potted", 15: "cut"})
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    preview = await create_by_conversation(admin)
    for expected in (TITLE, "دکتر نیلوفر احمدی", "چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰", "۳ نفر", "برای ۴ نفر"):
        assert expected in preview.plain_text
    assert "سه‌شنبه ۱۰ آذر ۱۴۰۵، ساعت ۱۸:۰۰" in preview.plain_text

    await admin.press(t.BTN_EDIT, message_id=preview.message_id)  # fix the instructor before publishing
    await admin.next_message()
    await admin.press("✏️ مدرس")
    question = await admin.next_message()
    assert "فعلاً: دکتر نیلوفر احمدی" in question.plain_text and t.BTN_SKIP in question.button_texts
    await admin.send_text("مهندس رضا کریمی")
    saved, preview, closed = await admin.expect(3)  # the edit ends the flow: then its «رد شدن» goes
    assert "مدرس دوره تغییر کرد" in saved.plain_text and "مهندس رضا کریمی" in preview.plain_text
    assert closed.message_id == question.message_id and not closed.inline_buttons
    [event] = await events(engine)
    assert (event.status, event.capacity, event.segment) == ("draft", 3, {"categories": ["cut"]})

    await admin.press(t.BTN_PUBLISH_ANNOUNCE, message_id=preview.message_id)
    await wait_for(lambda: all(having(users[u], "دورهٔ آموزشی تازه") for u in (11, 12, 13, 15)))
    announcement = having(users[11], "دورهٔ آموزشی تازه")[0]
    assert announcement.inline_buttons == [
        [{"text": "مشاهده و ثبت‌نام", "callback_data": f"crs:open:{event.id}"}]
    ]
    await wait_for(lambda: bool(having(admin, "گزارش پیام همگانی")))  # the engine's report to the CDA
    assert having(users[14], "دورهٔ آموزشی تازه") == []  # another category
    assert having(admin, "منتشر شد و اطلاعیهٔ آن")[0].message_id == preview.message_id
    card = next(m for m in admin.messages if "مدیریت دوره" in m.plain_text)
    admin.skip()
    users[11].skip()
    await users[11].press("مشاهده و ثبت‌نام")  # the member side answers the announcement's button
    assert TITLE in (await users[11].next_message()).plain_text
    await sign_up(engine, event.id, 11, 12, 13, 15, 14)  # three seats, two on the waitlist

    await admin.press(t.BTN_ROSTER, message_id=card.message_id)
    listing = (await admin.next_message()).plain_text
    assert "ثبت‌نام‌شده: ۳ از ۳" in listing and "فهرست انتظار: ۲" in listing and "۱. عضو ۱۵" in listing

    await admin.press(t.BTN_XLSX, message_id=card.message_id)
    xlsx = await admin.next_message()
    assert (xlsx.kind, xlsx.file_name) == ("document", f"فهرست ثبت‌نام - {TITLE} - ۱۴۰۵-۰۹-۰۵.xlsx")
    assert "شماره موبایل" in xlsx.plain_text and xlsx.document_bytes is not None
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.document_bytes)).active
    assert sheet is not None and sheet.sheet_view.rightToLeft is True
    assert [c.value for c in sheet[1]] == list(t.EXPORT_HEADERS)
    assert (sheet["A2"].value, sheet["B2"].value, sheet["E2"].value) == ("عضو 11", "09120000011", "ثبت‌نام‌شده")
    assert sheet["G2"].value == "۱۴۰۵/۰۹/۰۵ ۱۱:۳۰" and sheet["B2"].data_type == "s"
    assert (sheet["A5"].value, sheet["E5"].value, sheet["F5"].value) == ("عضو 15", "فهرست انتظار", 1)
    assert (sheet["A6"].value, sheet["F6"].value, sheet.max_row) == ("عضو 14", 2, 6)
    await admin.press(t.BTN_CSV, message_id=card.message_id)
    csv_doc = await admin.next_message()
    assert (
        csv_doc.file_name == f"فهرست ثبت‌نام - {TITLE} - ۱۴۰۵-۰۹-۰۵.csv" and csv_doc.document_bytes is not None
    )
    assert csv_doc.document_bytes.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(csv_doc.document_bytes.decode("utf-8-sig"))))
    assert rows[0] == list(t.EXPORT_HEADERS) and rows[1][:2] == ["عضو 11", "09120000011"] and len(rows) == 6

    await admin.press(t.BTN_ATTENDANCE, message_id=card.message_id)
    sheet_msg = await admin.next_message()
    assert sheet_msg.button_texts[:3] == ["⬜️ عضو ۱۱", "⬜️ عضو ۱۲", "⬜️ عضو ۱۳"]
    for name in ("⬜️ عضو ۱۱", "⬜️ عضو ۱۲", "✅ عضو ۱۲"):  # 11 present; 12 tapped twice: absent
        await admin.press(name, message_id=sheet_msg.message_id)
        edited = await admin.next_message()
        assert edited.edited and edited.message_id == sheet_msg.message_id
    assert edited.button_texts[:3] == ["✅ عضو ۱۱", "❌ عضو ۱۲", "⬜️ عضو ۱۳"]
    await admin.press(t.BTN_REST_ABSENT, message_id=sheet_msg.message_id)
    rest = await admin.next_message()
    assert (
        rest.button_texts == ["✅ عضو ۱۱", "❌ عضو ۱۲", "❌ عضو ۱۳"]
        and "حاضر: ۱ | غایب: ۲" in rest.plain_text
    )

    await admin.press(t.BTN_MSG_ABSENT, message_id=card.message_id)
    assert "۲ نفر غایب" in (await admin.next_message()).plain_text
    await admin.send_text("جلسهٔ جبرانی پنجشنبه ساعت ۱۰ برگزار می‌شود.")
    assert "برای ۲ نفر" in (await admin.next_message()).plain_text
    await wait_for(lambda: all(having(users[u], "جلسهٔ جبرانی") for u in (12, 13)))
    assert having(users[11], "جلسهٔ جبرانی") == [] and having(users[15], "جلسهٔ جبرانی") == []

    await admin.press(t.BTN_RESCHEDULE, message_id=card.message_id)
    asked = await admin.next_message()
    assert "به ۳ نفر ثبت‌نام‌شده" in asked.plain_text and asked.inline_buttons  # the date picker
    await admin.send_text("۱۴۰۵/۰۹/۱۲ ۱۱:۰۰")
    moved_note, closed = await admin.expect(2)  # the flow ends: then the picker goes
    assert "پنجشنبه ۱۲ آذر ۱۴۰۵، ساعت ۱۱:۰۰" in moved_note.plain_text
    assert closed.message_id == asked.message_id and not closed.inline_buttons
    await wait_for(lambda: all(having(users[u], "تغییر زمان دورهٔ") for u in (11, 12, 13)))
    moved = having(users[11], "تغییر زمان دورهٔ")[0].plain_text
    assert "زمان تازه: پنجشنبه ۱۲ آذر ۱۴۰۵، ساعت ۱۱:۰۰" in moved and "چهارشنبه ۱۱ آذر" in moved
    assert having(users[15], "تغییر زمان دورهٔ") == []  # waitlisted: not told

    await admin.press(t.BTN_CANCEL_COURSE, message_id=card.message_id)
    assert "به ۵ نفر" in (await admin.next_message()).plain_text
    await admin.press(t.BTN_CANCEL_CONFIRM)
    done = await admin.next_message()
    assert done.edited and "لغو شد" in done.plain_text and not done.inline_buttons
    await wait_for(lambda: all(having(users[u], "لغو شد") for u in (11, 12, 13, 14, 15)))
    assert await press_and_answer(admin, done.message_id, f"cadm:cnclok:{event.id}") == STALE  # twice
    async with create_sessionmaker(engine).begin() as s:  # a newcomer cannot sign up any more
        newcomer = await add_member(s, 16)
        with pytest.raises(en.SignUpRefused, match="event_cancelled"):
            await en.sign_up(s, event_id=event.id, member_id=newcomer.id, now=NOW)
    origins = sorted(b.origin or "" for b in await broadcasts(engine))
    assert origins == [
        "",
        "",
        f"course:{event.id}:cancel",
        f"course:{event.id}:resched:2026-12-03T07:30:00+00:00",
    ]


async def events(engine: AsyncEngine) -> list[Event]:
    async with create_sessionmaker(engine)() as s:
        return list((await s.execute(select(Event).order_by(Event.id))).scalars())


async def broadcasts(engine: AsyncEngine) -> list[Broadcast]:
    async with create_sessionmaker(engine)() as s:
        return list((await s.execute(select(Broadcast).order_by(Broadcast.id))).scalars())


async def press_and_answer(user: EmuUser, message_id: int, data: str) -> str:
    await user.press_raw(message_id, data)
    return str((await user.answer()).get("text", ""))


async def test_a_grower_forging_course_admin_presses_gets_nothing(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    users = await seed(engine, bot, {51: "cut", 52: "cut"})
    common = {"kind": "course", "segment": {}, "created_by": ADMIN_ID, "created_at": NOW, "updated_at": NOW}
    async with create_sessionmaker(engine).begin() as s:
        event = Event(
            status="published", title=TITLE, starts_at=NOW + timedelta(days=6), capacity=5, **common
        )
        draft = Event(status="draft", title="پیش‌نویس", starts_at=NOW + timedelta(days=7), **common)
        s.add_all([event, draft])
    await sign_up(engine, event.id, 51, 52)
    grower = users[51]
    await grower.send_command("/admin")
    assert (await grower.next_message()).plain_text == texts.UNKNOWN_COMMAND
    grower.skip()
    member_id = (await registrations(engine))[0].member_id
    e, d = event.id, draft.id
    forged = [
        *("cadm:list:0", "cadm:new:0", "cadm:tgok:0", "cadm:skip:0", "cadm:nonsense:1", "cadm:xlsx:abc"),
        *(f"cadm:{action}:{e}" for action in ("card", "roster", "xlsx", "csv", "att", "fb", "msgr", "msga")),
        *(f"cadm:{action}:{e}" for action in ("resch", "close", "cncl", "cnclok", "edit")),
        *(f"cadm:{action}:{d}" for action in ("pub", "puba", "drop")),
        f"cadm:at:{e}:{member_id}:0", f"cadm:atrest:{e}:0", f"cadm:fld:{e}:title", f"cadm:tg:{e}:c:cut",
    ]  # fmt: skip
    for data in forged:
        assert await press_and_answer(grower, 1, data) == STALE, data
    await replied_after(grower)
    await grower.expect_nothing(0)  # no roster, no file, no question
    assert [(e.status, e.title, e.segment) for e in await events(engine)] == [
        ("published", TITLE, {}),
        ("draft", "پیش‌نویس", {}),
    ]
    assert [r.attended for r in await registrations(engine)] == [None, None]
    assert await broadcasts(engine) == []
    await grower.send_text("سلام")  # not in any course flow: the ordinary reply
    assert (await grower.next_message()).plain_text == texts.UNKNOWN_TEXT


async def registrations(engine: AsyncEngine) -> list[Seat]:
    async with create_sessionmaker(engine)() as s:
        return list((await s.execute(select(Seat).order_by(Seat.id))).scalars())


async def test_cancel_mid_way_and_discarding_a_draft(bot: BotUnderTest, engine: AsyncEngine) -> None:
    await seed(engine, bot, {61: "cut"})
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_COURSES)
    await admin.next_message()
    await admin.press(t.BTN_CADM_NEW)
    await admin.next_message()
    await admin.send_text("دورهٔ رهاشده")
    question = await admin.next_message()
    await admin.send_command("/cancel")
    closed, cancelled = await admin.expect(2)  # the question's «رد شدن» goes, then the reply
    assert closed.message_id == question.message_id and not closed.inline_buttons
    assert cancelled.plain_text == t.CADM_FLOW_CANCELLED
    assert await press_and_answer(admin, question.message_id, "cadm:skip:0") == STALE  # an old client
    assert await events(engine) == []

    await admin.press(t.BTN_CADM_NEW)  # the list's button again: a fresh start
    await admin.next_message()
    await admin.send_text("وبینار آبیاری قطره‌ای")
    await admin.next_message()
    for answer in (None, None, "1405-9-11 18:00", None, "https://meet.example.com/abc", None, None):
        if answer is None:
            await admin.press(t.BTN_SKIP)
            await admin.expect(2)
        else:  # «رد شدن», or the start time's date picker, goes once the answer is typed
            await typed_answer(admin, answer)
    await admin.press(t.BTN_TARGETS_DONE)
    _, preview = await admin.expect(2)
    for expected in ("آنلاین — https://meet.example.com/abc", "بدون محدودیت", "تا شروع دوره", "همهٔ اعضا"):
        assert expected in preview.plain_text
    await admin.press(t.BTN_DISCARD, message_id=preview.message_id)
    gone = await admin.next_message()
    assert gone.edited and t.CADM_DISCARDED in gone.plain_text and not gone.inline_buttons
    [event_id] = {int(str(d).split(":")[2]) for d in preview.button_data}
    assert await press_and_answer(admin, preview.message_id, f"cadm:pub:{event_id}") == STALE
    assert await events(engine) == [] and await broadcasts(engine) == []


async def test_start_in_the_middle_of_creating_keeps_the_answers(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    """/start while the CDA (also a member) is half-way through: the menu, and the conversation goes on."""
    await seed(engine, bot, {ADMIN_ID: "cut"})
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_COURSES)
    await admin.next_message()
    await admin.press(t.BTN_CADM_NEW)
    await admin.next_message()
    await admin.send_text(TITLE)
    await admin.next_message()  # the description question
    await admin.send_command("/start")
    welcome = await admin.next_message()
    menu_buttons = [button for row in welcome.reply_keyboard or [] for button in row]
    assert texts.FLOW_KEPT in welcome.plain_text and texts.BTN_COURSES in menu_buttons
    # still the description step: it goes on (and the description question's «رد شدن» goes)
    assert "مدرس" in (await typed_answer(admin, "آشنایی با بسترهای کوکوپیت")).plain_text
