"""A survey's results end to end through the emulator, as the CDA would: «نتایج» (`svr:res:<id>`) gives the
Persian summary and PNG charts as photos, the .xlsx and CSV arrive as files, and «از نتیجه تا اقدام» goes
question → answer → the members who chose it → the broadcast composer, ending in a preview for exactly
them. Members forging `svr:*` presses get nothing; anonymous surveys never become a group."""

from __future__ import annotations

import csv
import io
import struct
from collections.abc import AsyncIterator

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.local_run import BotUnderTest
from bot.texts import broadcast as tb
from bot.texts import survey_results as t
from models import Broadcast
from tests.e2e_support import Clock, bot_on, fast_ticks, replied_after
from tests.survey_factory import seed_survey

ADMIN_ID = 9000
STALE = texts.ERRORS["stale"]


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


async def admin_in_chat(bot: BotUnderTest) -> tuple[EmuUser, int]:
    """The CDA with one message in the chat to press from (the survey card's «نتایج» is `svr:res:<id>`)."""
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    await admin.send_command("/admin")
    menu = await admin.next_message()
    return admin, menu.message_id


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def press_and_answer(user: EmuUser, message_id: int, data: str) -> str:
    await user.press_raw(message_id, data)
    return str((await user.answer()).get("text", ""))


async def broadcasts(engine: AsyncEngine) -> list[Broadcast]:
    async with create_sessionmaker(engine)() as s:
        return list((await s.execute(select(Broadcast).order_by(Broadcast.id))).scalars())


async def test_results_charts_files_and_survey_to_broadcast(bot: BotUnderTest, engine: AsyncEngine) -> None:
    survey_id, members = await seed_survey(create_sessionmaker(engine), extra_members=2)
    admin, menu_id = await admin_in_chat(bot)
    await admin.press_raw(menu_id, f"svr:res:{survey_id}")
    summary, *photos = await admin.expect(5, timeout=20)
    text = summary.plain_text
    for expected in (
        "نتایج نظرسنجی «نیازسنجی فناوری ۱۴۰۵»",
        "دعوت‌شده: ۵ | شروع‌کرده: ۴ | تکمیل‌شده: ۳",
        "نرخ پاسخ: ۶۰٪",
        "• چاه: ۲ (۶۷٪)",
        "• کشت بدون خاک: ۳ (۱۰۰٪)",
        "میانگین ۳٫۶۷ | میانه ۴ | کمترین ۲ | بیشترین ۵",
        "میانگین ۲٬۵۰۰٫۱۷ | میانه ۲٬۵۰۰ | کمترین ۱٬۰۰۰ | بیشترین ۴٬۰۰۰٫۵",
        "پراکندگی (امتیاز: تعداد): ۱: ۰ | ۲: ۱ | ۳: ۰ | ۴: ۱ | ۵: ۱",
        "عضو ۵۰۱: آموزش کنترل آفات",
        "عضو ۵۰۳: سردخانه <b>کوچک</b>",  # typed HTML shown as text, not as formatting
        "• بله: ۲ (۶۷٪)",
    ):
        assert expected in text, expected
    assert "آب شهری: ۰ (۰٪)" in text  # 504 chose it but has not finished: not counted
    assert summary.button_texts == [t.BTN_XLSX, t.BTN_CSV, t.BTN_ACTION]
    assert [p.kind for p in photos] == ["photo"] * 4
    assert [p.plain_text.split(".")[0] for p in photos] == ["📊 ۱", "📊 ۲", "📊 ۳", "📊 ۶"]
    for photo in photos:
        assert photo.document_bytes is not None
        width, height = png_size(photo.document_bytes)
        assert 600 <= width <= 1200 and 250 <= height <= 1200 and len(photo.document_bytes) > 5_000

    await admin.press(t.BTN_XLSX, message_id=summary.message_id)
    xlsx = await admin.next_message()
    assert (xlsx.kind, xlsx.file_name) == (
        "document",
        "پاسخ‌های نظرسنجی - نیازسنجی فناوری ۱۴۰۵ - ۱۴۰۵-۰۹-۰۵.xlsx",
    )
    assert (
        xlsx.document_bytes is not None
        and "(۴ ردیف)" in xlsx.plain_text
        and "شماره موبایل" in xlsx.plain_text
    )
    book = openpyxl.load_workbook(io.BytesIO(xlsx.document_bytes))
    sheet = book["پاسخ‌ها"]
    assert sheet.sheet_view.rightToLeft is True
    assert (sheet["A1"].value, sheet["C1"].value, sheet["F1"].value) == (
        "نام و نام خانوادگی", "وضعیت", "منبع اصلی آب آبیاری شما چیست؟",
    )  # fmt: skip
    assert (sheet["A2"].value, sheet["B2"].value, sheet["C2"].value) == ("عضو 501", "09120000501", "تکمیل‌شده")
    assert (sheet["D2"].value, sheet["E2"].value) == ("۱۴۰۵/۰۹/۰۵ ۱۱:۳۰", "۱۴۰۵/۰۹/۰۵ ۱۱:۳۷")
    assert (sheet["G2"].value, sheet["H2"].value, sheet["I2"].value, sheet["K2"].value) == (
        "کنترل هوشمند اقلیم گلخانه، کشت بدون خاک", 4, 2500, "بله",
    )  # fmt: skip
    assert (sheet["C5"].value, sheet["E5"].value, sheet.max_row) == ("نیمه‌کاره", None, 5)
    summary_sheet = book["خلاصه"]
    assert [summary_sheet[c].value for c in ("A2", "B2", "C2", "D2")] == [5, 4, 3, 0.6]
    assert [summary_sheet[c].value for c in ("A5", "D5", "E5", "F5")] == [
        "منبع اصلی آب آبیاری شما چیست؟", "چاه", 2, 0.6667,
    ]  # fmt: skip

    await admin.press(t.BTN_CSV, message_id=summary.message_id)
    csv_doc = await admin.next_message()
    assert csv_doc.file_name == "پاسخ‌های نظرسنجی - نیازسنجی فناوری ۱۴۰۵ - ۱۴۰۵-۰۹-۰۵.csv"
    assert csv_doc.document_bytes is not None
    rows = list(csv.reader(io.StringIO(csv_doc.document_bytes.decode("utf-8-sig"))))
    assert csv_doc.document_bytes.startswith(b"\xef\xbb\xbf") and rows[1][:3] == [
        "عضو 501",
        "09120000501",
        "تکمیل‌شده",
    ]

    # survey to action: question → answer → group → the broadcast composer with that group
    await admin.press(t.BTN_ACTION, message_id=summary.message_id)
    picker = await admin.next_message()
    assert "از نتیجه تا اقدام" in picker.plain_text
    assert [b.split(".")[0] for b in picker.button_texts] == ["۱", "۲", "۶"]  # choice and yes/no questions
    await admin.press("۲. کدام فناوری‌ها", message_id=picker.message_id)
    answers = await admin.next_message()
    assert answers.edited and answers.message_id == picker.message_id
    assert answers.button_texts == [
        "کنترل هوشمند اقلیم گلخانه (۱)", "کشت بدون خاک (۳)", "کشت بافت (۰)", "روشنایی LED (۱)", t.BTN_BACK,
    ]  # fmt: skip
    await admin.press("کشت بدون خاک (۳)", message_id=picker.message_id)
    group = await admin.next_message()
    assert (
        "۳ عضو در نظرسنجی «نیازسنجی فناوری ۱۴۰۵»" in group.plain_text and "«کشت بدون خاک»" in group.plain_text
    )
    await admin.press(t.BTN_MESSAGE_GROUP.format(count="۳"), message_id=picker.message_id)
    ask = await admin.next_message()
    assert "پیام به ۳ عضوی که در نظرسنجی" in ask.plain_text and "متن پیام را بفرستید" in ask.plain_text
    await admin.send_text("دورهٔ «کشت بدون خاک» پنجشنبه در شهرک گلخانه‌ای برگزار می‌شود.")
    await admin.next_message()  # link buttons?
    await admin.press(tb.BTN_BCAST_NO_BUTTONS)
    _, audience = await admin.expect(2)
    assert "• پاسخ نظرسنجی «نیازسنجی فناوری ۱۴۰۵»: کشت بدون خاک" in audience.plain_text
    assert "تعداد گیرندگان: ۳ نفر" in audience.plain_text
    await admin.press(tb.BTN_BCAST_NEXT, message_id=audience.message_id)
    chosen, preview, controls = await admin.expect(3)
    assert "✅ تعداد گیرندگان: ۳ نفر" in chosen.plain_text and "کشت بدون خاک" in chosen.plain_text
    assert "پنجشنبه در شهرک گلخانه‌ای" in preview.plain_text
    assert "👥 گیرندگان: ۳ نفر" in controls.plain_text
    [draft] = await broadcasts(engine)
    assert draft.status == "draft" and draft.segment == {"survey_choice": [f"{survey_id}:tech:soilless"]}
    assert set(members) == {501, 502, 503, 504}


async def test_members_forging_presses_and_anonymous_surveys(bot: BotUnderTest, engine: AsyncEngine) -> None:
    sm = create_sessionmaker(engine)
    named_id, _ = await seed_survey(sm)
    admin, menu_id = await admin_in_chat(bot)
    grower = bot.emu.user(501)
    forged = [
        *(f"svr:{a}:{named_id}" for a in ("res", "xlsx", "csv", "act")),
        f"svr:q:{named_id}:2", f"svr:c:{named_id}:2:2", f"svr:bc:{named_id}:2:2",
        "svr:res:abc", "svr:nonsense:1", "svr:c:1:2", "svr:res:1:2:3:4",
    ]  # fmt: skip
    for data in forged:
        assert await press_and_answer(grower, 1, data) == STALE, data
    await replied_after(grower)
    await grower.expect_nothing(0)  # no results, no file, no group
    # the CDA's forged or stale positions are refused too
    for data in (f"svr:c:{named_id}:3:1", f"svr:q:{named_id}:9", f"svr:res:{named_id + 50}"):
        assert await press_and_answer(admin, menu_id, data) == STALE, data
    assert await broadcasts(engine) == []


async def test_anonymous_survey_results_without_names_or_groups(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    survey_id, _ = await seed_survey(create_sessionmaker(engine), anonymous=True)
    admin, menu_id = await admin_in_chat(bot)
    await admin.press_raw(menu_id, f"svr:res:{survey_id}")
    summary, *_ = await admin.expect(5, timeout=20)
    assert "(بی‌نام)" in summary.plain_text and "عضو ۵۰" not in summary.plain_text
    assert "• آموزش کنترل آفات" in summary.plain_text
    assert summary.button_texts == [t.BTN_XLSX, t.BTN_CSV]  # no «از نتیجه تا اقدام»
    answer = await press_and_answer(admin, menu_id, f"svr:c:{survey_id}:2:2")  # forged: refused with a reason
    assert answer == t.ERRORS["survey_anonymous"]
    await replied_after(admin)
    await admin.expect_nothing(0)
