"""«📈 گزارش برنامه» end to end: the CDA gets the sample plan file, uploads a broken one (refused with the
line, nothing saved) and the sample (saved), opens this month's report and gets the text with the plan
targets, the charts and the .xlsx; a typed period works too; a member's forged presses change nothing."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import timedelta

import jdatetime
import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.local_run import BotUnderTest
from bot.services.programme.period import day_start
from bot.texts import programme as t
from models import Event, PlanLine, Seat
from tests.e2e_support import Clock, bot_on, fast_ticks, having, ticks_pass, wait_for
from tests.factories import NOW, add_member

ADMIN_ID = 9000
STALE = texts.ERRORS["stale"]


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


async def seed(engine: AsyncEngine) -> None:
    """The admin, two members and a course that started on 2 Azar with both of them."""
    async with create_sessionmaker(engine).begin() as s:
        await add_member(s, ADMIN_ID)
        members = [await add_member(s, uid) for uid in (501, 502)]
        course = Event(
            kind="course",
            status="published",
            title="کشت بدون خاک",
            starts_at=NOW - timedelta(days=3),
            capacity=10,
            segment={},
            created_by=ADMIN_ID,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(course)
        await s.flush()
        for m in members:
            s.add(
                Seat(
                    event_id=course.id,
                    member_id=m.id,
                    status="registered",
                    queued_at=NOW,
                    attended=True,
                    created_at=NOW,
                    updated_at=NOW,
                )
            )


async def plan_lines(engine: AsyncEngine) -> int:
    async with create_sessionmaker(engine)() as s:
        return int((await s.execute(select(func.count(PlanLine.id)))).scalar() or 0)


async def test_plan_upload_and_report(bot: BotUnderTest, engine: AsyncEngine) -> None:
    await seed(engine)
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    await admin.send_command("/admin")
    panel = await admin.next_message()
    await admin.press(t.BTN_ADMIN_PROGRAMME, message_id=panel.message_id)
    menu = await admin.next_message()
    assert "برنامهٔ سال ۱۴۰۵: هنوز بارگذاری نشده" in menu.plain_text

    await admin.press(t.BTN_SAMPLE, message_id=menu.message_id)
    sample = await admin.next_message()
    assert sample.kind == "document" and sample.document_bytes == t.SAMPLE_PLAN.encode()

    await admin.press(t.BTN_UPLOAD_PLAN, message_id=menu.message_id)
    assert "فایل برنامهٔ عملیاتی" in (await admin.next_message()).plain_text
    broken = t.SAMPLE_PLAN.replace('indicator = "tours_held"', 'indicator = "kites"').encode()
    await admin.send_document("plan.toml", data=broken)
    refused = await admin.next_message()
    assert (
        "فایل برنامه پذیرفته نشد" in refused.plain_text
        and "خط ۲۲: شاخص «kites» شناخته نیست." in refused.plain_text
    )
    assert await plan_lines(engine) == 0
    await admin.send_document("plan.toml", data=sample.document_bytes)
    assert (await admin.next_message()).plain_text == "✅ برنامهٔ سال ۱۴۰۵ با ۵ ردیف ذخیره شد."
    assert await plan_lines(engine) == 5

    await admin.press(t.BTN_THIS_MONTH, message_id=menu.message_id)
    text, *charts, xlsx = await admin.expect(4, timeout=20)
    assert "۱ آذر ۱۴۰۵ تا ۳۰ آذر ۱۴۰۵" in text.plain_text
    assert "• دورهٔ آموزشی: ۱ از ۱۲ — ۸٪" in text.plain_text and "• نفر-دوره: ۲ از ۳۰۰ — ۱٪" in text.plain_text
    assert [c.kind for c in charts] == ["photo", "photo"]
    assert all(c.document_bytes and c.document_bytes.startswith(b"\x89PNG") for c in charts)
    assert xlsx.kind == "document" and (xlsx.file_name or "").endswith(".xlsx") and xlsx.document_bytes
    book = openpyxl.load_workbook(io.BytesIO(xlsx.document_bytes))
    summary = {row[1]: row for row in book[t.SHEET_SUMMARY].iter_rows(min_row=3, values_only=True)}
    assert summary["courses_held"][2:4] == (1, 12) and summary["course_participants"][2:4] == (2, 300)

    await admin.press(t.BTN_RANGE, message_id=menu.message_id)
    await admin.next_message()
    await admin.send_text("۱۴۰۵/۰۸/۰۱")
    assert (await admin.next_message()).plain_text == t.RANGE_ONE_LINE
    await admin.send_text("۱۴۰۵/۰۸/۰۱\n۱۴۰۵/۰۸/۳۰")
    typed, *rest = await admin.expect(3, timeout=20)
    assert [m.kind for m in rest] == [
        "photo",
        "document",
    ]  # text, the members chart, the .xlsx (nothing held in Aban)
    assert (
        "۱ آبان ۱۴۰۵ تا ۳۰ آبان ۱۴۰۵" in typed.plain_text
        and "• دورهٔ آموزشی: ۰ از ۱۲ — ۰٪" in typed.plain_text
    )


async def test_member_presses_change_nothing(bot: BotUnderTest, engine: AsyncEngine) -> None:
    await seed(engine)
    intruder = bot.emu.user(501)
    await intruder.send_command("/help")
    await intruder.next_message()
    for data in (
        "prg:rep:0:month",
        "prg:ask:0:plan",
        "prg:sample:0",
        "prg:rep:0:decade",
        "adm:programme:",
        "prg:rep:7:year",
    ):
        await intruder.press_raw(1, data)
        assert (await intruder.answer()).get("text") == STALE, data
    await intruder.send_document("plan.toml", data=t.SAMPLE_PLAN.encode())
    await intruder.next_message()  # whatever a member's stray file gets, it is not a saved plan
    assert await plan_lines(engine) == 0
    assert not [m for m in intruder.messages if m.kind == "document"]


async def test_monthly_report_reaches_the_admin_once(engine: AsyncEngine, config: Config) -> None:
    """On 2 Azar at 10:00 last month's (Aban) report reaches the admin by itself, once; members don't."""
    await seed(engine)
    clock = Clock(day_start(jdatetime.date(1405, 9, 2)) + timedelta(hours=10))
    async with bot_on(engine, fast_ticks(config), clock) as running:
        admin, member = running.emu.user(ADMIN_ID), running.emu.user(501)
        await wait_for(lambda: bool(having(admin, "گزارش ماهانهٔ برنامه")))
        monthly = having(admin, "گزارش ماهانهٔ برنامه")[0]
        assert "۱ آبان ۱۴۰۵ تا ۳۰ آبان ۱۴۰۵" in monthly.plain_text and "/admin" in monthly.plain_text
        await ticks_pass(running)
        clock.now += timedelta(hours=1)
        await ticks_pass(running)
        assert len(having(admin, "گزارش ماهانهٔ برنامه")) == 1 and not having(member, "گزارش ماهانهٔ برنامه")
