"""The audit log end to end through the emulator: the CDA publishes a course and downloads its roster,
then finds both in «🧾 گزارش کارها» and under the course card's «🧾 سابقه»; a grower's forged presses
show nothing."""

from __future__ import annotations

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
from bot.local_run import BotUnderTest
from bot.persian import to_persian_digits
from bot.texts import audit as ta
from bot.texts import course_admin as tc
from models import AuditEntry, Event
from tests.e2e_support import Clock, bot_on, fast_ticks, replied_after
from tests.factories import NOW, add_member

ADMIN_ID = 9000
TITLE = "کشت بدون خاک"
STALE = texts.ERRORS["stale"]


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


async def draft_course(engine: AsyncEngine) -> int:
    async with create_sessionmaker(engine).begin() as s:
        await add_member(s, 51)
        event = Event(
            kind="course", status="draft", title=TITLE, starts_at=NOW + timedelta(days=6), capacity=5,
            segment={}, created_by=ADMIN_ID, created_at=NOW, updated_at=NOW,
        )  # fmt: skip
        s.add(event)
        await s.flush()
        return event.id


async def audit_rows(engine: AsyncEngine) -> list[tuple[str, str, int | None, int]]:
    async with create_sessionmaker(engine)() as s:
        rows = (await s.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
    return [(e.action, e.object_kind, e.object_id, e.actor_user_id) for e in rows]


async def test_the_cda_sees_what_they_did_in_the_log_and_on_the_card(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    course = await draft_course(engine)
    admin = bot.emu.user(ADMIN_ID, first_name="مریم")
    await admin.send_command("/admin")
    assert ta.BTN_ADMIN_AUDIT in (await admin.next_message()).button_texts
    await admin.press(tc.BTN_ADMIN_COURSES)
    await admin.next_message()
    await admin.press(TITLE)
    card = await admin.next_message()
    await admin.press(tc.BTN_PUBLISH, message_id=card.message_id)
    published = await admin.next_message()
    assert "منتشر شد" in published.plain_text and published.message_id == card.message_id
    card = await admin.next_message()  # the live course's card, with its own buttons
    assert ta.BTN_HISTORY in card.button_texts
    await admin.press(tc.BTN_XLSX, message_id=card.message_id)
    assert (await admin.next_message()).kind == "document"
    assert await audit_rows(engine) == [
        ("publish", "course", course, ADMIN_ID),
        ("export", "course", course, ADMIN_ID),
    ]

    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(ta.BTN_ADMIN_AUDIT)
    log = (await admin.next_message()).plain_text
    number = to_persian_digits(course)
    assert f"مریم: انتشار دوره {number} | {TITLE}" in log
    assert f"مریم: دریافت فایل دوره {number} | {TITLE} | فایل اکسل" in log  # the format in its Persian name
    assert log.index("دریافت فایل") < log.index("انتشار")  # newest first
    assert "۱۴۰۵" in log  # Jalali times

    await admin.press(ta.BTN_HISTORY, message_id=card.message_id)
    history = await admin.next_message()
    assert f"سابقهٔ دوره شمارهٔ {number}" in history.plain_text
    assert "انتشار" in history.plain_text and "دریافت فایل" in history.plain_text

    await admin.press(ta.BTN_XLSX)  # the whole log as a file, from the «🧾 گزارش کارها» message
    document = await admin.next_message()
    assert document.file_name == "گزارش کارها - ۱۴۰۵-۰۹-۰۵.xlsx" and document.document_bytes is not None
    sheet = openpyxl.load_workbook(io.BytesIO(document.document_bytes)).active
    assert sheet is not None and sheet.sheet_view.rightToLeft
    assert [c.value for c in sheet[2]][3:5] == ["انتشار", "دوره"]


async def test_a_growers_forged_presses_show_nothing(bot: BotUnderTest, engine: AsyncEngine) -> None:
    course = await draft_course(engine)
    async with create_sessionmaker(engine).begin() as s:
        s.add(AuditEntry(at=NOW, actor_platform="telegram", actor_user_id=ADMIN_ID, actor_name="مریم",
                         action="publish", object_kind="course", object_id=course,
                         summary=TITLE))  # fmt: skip
    grower = bot.emu.user(51)
    forged = ["adm:audit", "aud:l:0:0", "aud:l:0:1", f"aud:h:{course}:course:0", f"aud:o:{course}:course:0",
              "aud:x:0", "aud:h:1:nonsense:0", "aud:l:0:99999999"]  # fmt: skip
    for data in forged:
        await grower.press_raw(1, data)
        assert (await grower.answer()).get("text") == STALE, data
    await replied_after(grower)
    await grower.expect_nothing(0)
    assert len(await audit_rows(engine)) == 1  # a refused export records nothing
