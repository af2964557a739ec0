"""The CDA's needs report end to end: from the needs list «📊 گزارش نیازها» gives the Persian summary with the
numbers worked out from hand-made needs, a chart photo and an .xlsx whose cells match; a member forging
the press gets «این دکمه دیگر فعال نیست» and no report."""

from __future__ import annotations

import io
import statistics
from collections.abc import AsyncIterator

import openpyxl
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.local_run import BotUnderTest
from bot.texts import needs as t
from tests.e2e_support import Clock, bot_on, fast_ticks, replied_after
from tests.factories import add_member
from tests.needs_report_factory import NEEDS, expected, seed

ADMIN_ID = 9000
STALE = texts.ERRORS["stale"]


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


async def test_the_report_text_chart_and_sheet_match_the_needs(
    bot: BotUnderTest, engine: AsyncEngine, config: Config
) -> None:
    sm = create_sessionmaker(engine)
    await seed(sm)
    async with sm.begin() as s:
        await add_member(s, ADMIN_ID)
    e = expected()
    median, mean = statistics.median(e.days), statistics.fmean(e.days)
    assert (round(median, 1), round(mean, 1)) == (10.5, 13.9)

    # a member forging the press first: refused, and nothing arrives in their chat
    intruder = bot.emu.user(5)
    await intruder.press_raw(1, "nda:rep:0")
    assert (await intruder.answer())["text"] == STALE
    await replied_after(intruder)
    assert intruder.messages == []

    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    await admin.send_command("/admin")
    menu = await admin.next_message()
    await admin.press(t.BTN_ADMIN_NEEDS, message_id=menu.message_id)
    home = await admin.next_message()
    assert t.BTN_REPORT in home.button_texts
    await admin.press(t.BTN_REPORT, message_id=home.message_id)
    summary, chart, sheet_doc = await admin.expect(3, timeout=20)

    text = summary.plain_text
    for line in (
        "گزارش نیازهای فناورانه | ۵ آذر ۱۴۰۵",
        "💡 نیازها: ۶",
        "🔎 شناسایی‌شده: ۱",
        "🧭 در جست‌وجوی راه‌حل: ۱",
        "🗓 اقدام برنامه‌ریزی‌شده: ۰",
        "⚙️ در حال اجرا: ۰",
        "✅ رفع‌شده: ۳",
        "⏸ کنارگذاشته: ۱",
        "• گل شاخه‌بریده: ۳",
        "• گیاهان آپارتمانی و گلدانی: ۲",
        "• پیاز و غده گل: ۱",
        "اعضای درگیر: ۶ نفر",
        "✅ رفع‌شده: ۴ نفر",
        "🧭 در جست‌وجوی راه‌حل: ۲ نفر",
        "⏸ کنارگذاشته: ۱ نفر",
        "(۳ نیاز رفع‌شده): میانه ۱۰٫۵ روز | میانگین ۱۳٫۹ روز",
        "ارائه‌دهندگان درگیر: ۳ | دانش‌بنیان: ۱",
    ):
        assert line in text, line
    assert "شناسایی‌شده: ۰ نفر" not in text  # statuses whose needs nobody shares are left out

    assert chart.kind == "photo" and chart.document_bytes is not None
    assert chart.document_bytes[:4] == b"\x89PNG" and len(chart.document_bytes) > 5_000
    assert chart.plain_text == t.REPORT_CHART_CAPTION

    assert (sheet_doc.kind, sheet_doc.file_name) == ("document", "گزارش نیازهای فناورانه - ۱۴۰۵-۰۹-۰۵.xlsx")
    assert "۶ نیاز" in sheet_doc.plain_text and sheet_doc.document_bytes is not None
    book = openpyxl.load_workbook(io.BytesIO(sheet_doc.document_bytes))
    assert book.sheetnames == [t.SHEET_SUMMARY, t.SHEET_NEEDS, t.SHEET_PROVIDERS]
    assert all(book[name].sheet_view.rightToLeft for name in book.sheetnames)
    summary_sheet = {row[0]: row[1] for row in book[t.SHEET_SUMMARY].iter_rows(min_row=2, values_only=True)}
    assert summary_sheet == {
        "نیازها": 6,
        "وضعیت: شناسایی‌شده": 1, "وضعیت: در جست‌وجوی راه‌حل": 1, "وضعیت: اقدام برنامه‌ریزی‌شده": 0,
        "وضعیت: در حال اجرا": 0, "وضعیت: رفع‌شده": 3, "وضعیت: کنارگذاشته": 1,
        "زمینه: گل شاخه‌بریده": 3, "زمینه: گیاهان آپارتمانی و گلدانی": 2, "زمینه: پیاز و غده گل": 1,
        "اعضای درگیر (هر عضو یک بار)": len(e.members),
        "اعضای درگیر، در جست‌وجوی راه‌حل": 2, "اعضای درگیر، رفع‌شده": 4, "اعضای درگیر، کنارگذاشته": 1,
        "نیازهای رفع‌شده": len(e.days),
        "میانهٔ روز از شناسایی تا رفع": round(median, 1),
        "میانگین روز از شناسایی تا رفع": round(mean, 1),
        "ارائه‌دهندگان درگیر": len(e.providers), "ارائه‌دهندگان دانش‌بنیان درگیر": 1,
    }  # fmt: skip

    needs = list(book[t.SHEET_NEEDS].iter_rows(values_only=True))
    assert needs[0] == t.NEEDS_HEADERS and len(needs) == 1 + len(NEEDS)
    by_title = {row[0]: row for row in needs[1:]}
    cold = by_title["زنجیرهٔ سرد"]
    assert cold[1:8] == (
        "گل شاخه‌بریده",
        "رفع‌شده",
        "بله",
        3,
        "سرمایش گستر، پژوهشکدهٔ گل",
        1,
        "۱۴۰۵/۰۷/۰۵ ۱۱:۳۰",
    )
    assert (cold[8], cold[9]) == ("۱۴۰۵/۰۷/۱۵ ۲۳:۳۰", 10.5)
    repacked = by_title["بسته‌بندی گلدان"]  # dropped and taken up again: counted from the first event
    assert (repacked[2], repacked[4], repacked[9]) == ("رفع‌شده", 0, round(7.25, 1))
    bulbs = by_title["پیاز لاله"]
    assert bulbs[2:5] == ("کنارگذاشته", "خیر", 1) and bulbs[8] is None and bulbs[9] is None
    for made in NEEDS:
        assert by_title[made.title][4] == len(made.members)

    providers = list(book[t.SHEET_PROVIDERS].iter_rows(values_only=True))
    assert providers[0] == t.PROVIDER_HEADERS
    assert sorted((r[0], r[4], r[5]) for r in providers[1:]) == sorted(
        [("سرمایش گستر", "بله", 2), ("پژوهشکدهٔ گل", "خیر", 1), ("مهندس رضایی", "خیر", 1)]
    )

    # the forged press again, after the report exists: still nothing for the member
    await intruder.press_raw(1, "nda:rep:0")
    assert (await intruder.answer())["text"] == STALE
    await replied_after(intruder)
    assert intruder.messages == []
