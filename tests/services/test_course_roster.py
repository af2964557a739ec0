"""A course's roster on SQLite and PostgreSQL: counts, order, attendance, absent ids, messages, feedback,
export rows and files — and none of it for non-admins."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.common.errors import InvalidInput, NotAllowed, StaleAction
from bot.services.courses import export, roster
from bot.services.courses import seats as en
from bot.services.members.accounts import Identity
from models import Broadcast, Event, Seat
from tests.factories import NOW, add_member

SM = async_sessionmaker[AsyncSession]
ADMIN = Identity("telegram", 9000, 9000)


async def setup_course(sm: SM, people: int = 5, capacity: int = 3) -> tuple[int, list[int]]:
    """A published course with `people` signing up a minute apart (the rest waitlisted)."""
    async with sm.begin() as s:
        ids = [
            (await add_member(s, 100 + i, place="nimvar" if i == 1 else "mahallat")).id for i in range(people)
        ]
        event = Event(
            kind="course", status="published", title="آبیاری <هوشمند>", starts_at=NOW + timedelta(days=7),
            capacity=capacity, segment={}, created_by=9000, created_at=NOW, updated_at=NOW,
        )  # fmt: skip
        s.add(event)
        await s.flush()
    for i, member_id in enumerate(ids):
        async with sm.begin() as s:
            await en.sign_up(s, event_id=event.id, member_id=member_id, now=NOW + timedelta(minutes=i))
    return event.id, ids


async def test_roster_counts_and_order(sessionmaker: SM, config: Config) -> None:
    event_id, ids = await setup_course(sessionmaker)
    async with sessionmaker.begin() as s:
        await en.cancel(s, event_id=event_id, member_id=ids[0], config=config, now=NOW + timedelta(hours=1))
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        r = await roster.roster(s, ADMIN, config, event_id)
    assert r.counts == {"registered": 2, "offered": 1, "waitlisted": 1, "cancelled": 1}
    assert [(e.member_id, e.status, e.position) for e in r.entries] == [
        (ids[1], "registered", None),
        (ids[2], "registered", None),
        (ids[3], "offered", None),
        (ids[4], "waitlisted", 1),
        (ids[0], "cancelled", None),
    ]
    first = r.entries[0]
    assert (first.name, first.phone, first.role, first.place) == (
        "عضو 101",
        "+989120000101",
        "تولیدکننده (گلخانه‌دار)",
        "نیمور",
    )


async def test_attendance_cycles_and_absent_members(sessionmaker: SM, config: Config) -> None:
    event_id, ids = await setup_course(sessionmaker, people=4, capacity=3)
    marks = []
    for _ in range(4):
        async with sessionmaker.begin() as s:
            page = await roster.toggle_attendance(s, ADMIN, config, event_id, ids[0], page=0, now=NOW)
        marks.append(next(e.attended for e in page.entries if e.member_id == ids[0]))
    assert marks == [True, False, None, True]
    assert (page.present, page.absent, page.unmarked, page.pages) == (1, 0, 2, 1)
    async with sessionmaker.begin() as s:
        await roster.toggle_attendance(s, ADMIN, config, event_id, ids[1], page=0, now=NOW)
        await roster.toggle_attendance(s, ADMIN, config, event_id, ids[1], page=0, now=NOW)  # absent
        for forged in (ids[3], 999_999):  # waitlisted, or nobody: refused
            with pytest.raises(StaleAction):
                await roster.toggle_attendance(s, ADMIN, config, event_id, forged, page=0, now=NOW)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        assert await roster.absent_member_ids(s, ADMIN, config, event_id) == [ids[1]]
    async with sessionmaker.begin() as s:
        page = await roster.mark_rest_absent(s, ADMIN, config, event_id, page=0, now=NOW)
    assert (page.present, page.absent, page.unmarked) == (1, 2, 0)
    async with sessionmaker.begin() as s:
        assert await roster.message(s, ADMIN, config, event_id, "abs", "<b>جلسهٔ جبرانی</b>", now=NOW) == 2
        assert await roster.message(s, ADMIN, config, event_id, "reg", "سلام", now=NOW) == 3
        with pytest.raises(InvalidInput, match="empty"):
            await roster.message(s, ADMIN, config, event_id, "reg", "  ", now=NOW)
        with pytest.raises(InvalidInput, match="too_long"):
            await roster.message(s, ADMIN, config, event_id, "reg", "ب" * 3501, now=NOW)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        absent, everyone = (await s.execute(select(Broadcast).order_by(Broadcast.id))).scalars().all()
    assert absent.segment == {"members": sorted(str(m) for m in ids[1:3])}
    assert absent.text_html == "📚 <b>دربارهٔ دورهٔ «آبیاری &lt;هوشمند&gt;»</b>\n\n<b>جلسهٔ جبرانی</b>"
    assert everyone.segment == {"members": sorted(str(m) for m in ids[:3])}


async def test_attendance_pages(sessionmaker: SM, config: Config) -> None:
    event_id, ids = await setup_course(sessionmaker, people=23, capacity=30)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        first = await roster.attendance(s, ADMIN, config, event_id, 0)
        second = await roster.attendance(s, ADMIN, config, event_id, 1)
        clamped = await roster.attendance(s, ADMIN, config, event_id, 7)
    assert (first.pages, len(first.entries), len(second.entries), clamped.page) == (2, 20, 3, 1)
    assert [e.member_id for e in first.entries + second.entries] == ids


async def test_feedback_summary(sessionmaker: SM, config: Config) -> None:
    event_id, ids = await setup_course(sessionmaker, people=4, capacity=4)
    async with sessionmaker.begin() as s:
        for member_id, score, comment in (
            (ids[0], 5, "عالی بود"),
            (ids[1], 4, None),
            (ids[2], 2, "کوتاه بود"),
        ):
            await s.execute(
                update(Seat)
                .where(Seat.member_id == member_id)
                .values(attended=True, feedback_score=score, feedback_comment=comment)
            )
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        fb = await roster.feedback(s, ADMIN, config, event_id)
    assert (fb.present, fb.count, fb.distribution) == (3, 3, {5: 1, 4: 1, 2: 1})
    assert fb.average == pytest.approx(11 / 3)
    assert fb.comments == [(5, "عالی بود"), (2, "کوتاه بود")]


async def test_export_rows_and_files(sessionmaker: SM, config: Config) -> None:
    event_id, ids = await setup_course(sessionmaker, people=4, capacity=3)
    async with sessionmaker.begin() as s:
        await roster.toggle_attendance(s, ADMIN, config, event_id, ids[0], page=0, now=NOW)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        r = await roster.export(s, ADMIN, config, event_id)
    rows = export.rows(r)
    assert rows[0] == [
        "عضو 100",
        "09120000100",
        "تولیدکننده (گلخانه‌دار)",
        "محلات",
        "ثبت‌نام‌شده",
        None,
        "۱۴۰۵/۰۹/۰۵ ۱۱:۳۰",
        "حاضر",
    ]
    assert rows[3][4:8] == ["فهرست انتظار", 1, "۱۴۰۵/۰۹/۰۵ ۱۱:۳۳", ""]

    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(r))).active
    assert sheet is not None and sheet.sheet_view.rightToLeft
    assert [c.value for c in sheet[1]] == list(export.t.EXPORT_HEADERS)
    assert sheet["B2"].value == "09120000100" and sheet["B2"].data_type == "s"
    assert (sheet["A3"].value, sheet["F5"].value, sheet.max_row) == ("عضو 101", 1, 5)

    data = export.to_csv(r)
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert (
        parsed[0][:2] == ["نام و نام خانوادگی", "شماره موبایل"]
        and parsed[1][1] == "09120000100"
        and parsed[4][5] == "1"
    )
    assert len(parsed) == 5


async def test_roster_is_for_admins_only(sessionmaker: SM, config: Config) -> None:
    event_id, ids = await setup_course(sessionmaker, people=2)
    grower = Identity("telegram", 100, 100)  # registered in the course, still not allowed
    calls = [
        lambda s: roster.roster(s, grower, config, event_id),
        lambda s: roster.export(s, grower, config, event_id),
        lambda s: roster.attendance(s, grower, config, event_id, 0),
        lambda s: roster.toggle_attendance(s, grower, config, event_id, ids[0], page=0, now=NOW),
        lambda s: roster.mark_rest_absent(s, grower, config, event_id, page=0, now=NOW),
        lambda s: roster.absent_member_ids(s, grower, config, event_id),
        lambda s: roster.message(s, grower, config, event_id, "reg", "سلام", now=NOW),
        lambda s: roster.feedback(s, grower, config, event_id),
    ]
    for call in calls:
        async with sessionmaker.begin() as s:
            with pytest.raises(NotAllowed):
                await call(s)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        attended = (await s.execute(select(Seat.attended))).scalars().all()
        assert attended == [None, None] and (await s.execute(select(Broadcast))).first() is None


async def test_cancelled_course_keeps_its_roster_but_no_attendance(sessionmaker: SM, config: Config) -> None:
    event_id, _ = await setup_course(sessionmaker, people=2)
    async with sessionmaker.begin() as s:
        await s.execute(update(Event).values(status="cancelled"))
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        assert (await roster.roster(s, ADMIN, config, event_id)).counts == {"registered": 2}
        with pytest.raises(StaleAction):
            await roster.attendance(s, ADMIN, config, event_id, 0)
