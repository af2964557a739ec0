"""Programme indicators for Aban 1405, a period that cuts through a course and a survey on both ends:
expected numbers computed here from hand-made rows, compared with the service, the text and the .xlsx."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta

import jdatetime
import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.reports import programme as rp
from bot.serve import dashboard_page
from bot.services.common.errors import NotAllowed
from bot.services.dashboard.overview import Overview
from bot.services.members.accounts import Identity
from bot.services.programme import admin as svc
from bot.services.programme import monthly
from bot.services.programme import plan as pl
from bot.services.programme.indicators import programme_report
from bot.services.programme.period import between, day_start
from bot.texts import programme as t
from models import (
    Account,
    Broadcast,
    Consortium,
    Delivery,
    Event,
    ExhibitionDetails,
    Introduction,
    Need,
    NeedEvent,
    ParticipantDocument,
    PlanLine,
    Seat,
    Survey,
    SurveyResponse,
)
from tests.factories import NOW, add_member

ADMIN = Identity("telegram", 9000, 9000)
ABAN = between(jdatetime.date(1405, 8, 1), jdatetime.date(1405, 8, 30))


def at(month: int, day: int, hour: int = 10) -> datetime:
    return day_start(jdatetime.date(1405, month, day)) + timedelta(hours=hour)


def event(
    kind: str, title: str, starts: datetime, ends: datetime, capacity: int | None, status: str = "published"
) -> Event:
    return Event(
        kind=kind,
        status=status,
        title=title,
        starts_at=starts,
        ends_at=ends,
        capacity=capacity,
        segment={},
        created_by=9000,
        created_at=NOW,
        updated_at=NOW,
    )


async def seed(s: AsyncSession) -> None:
    members = []
    for i, (created, role, reachable) in enumerate(
        [
            (at(7, 5), "grower", True),
            (at(7, 6), "grower", True),
            (at(7, 7), "seller", False),
            (at(8, 3), "grower", True),
            (at(8, 29, 23), "seller", True),
            (at(9, 2), "grower", True),
        ]
    ):
        m = await add_member(
            s, 700 + i, role=role, reachable=reachable, place="other" if i == 4 else "mahallat"
        )
        m.created_at = created
        members.append(m)
    await s.flush()
    ids = [m.id for m in members]
    a = event("course", "دورهٔ الف", at(7, 28), at(8, 5), 10)  # straddles the start: not counted
    b = event("course", "دورهٔ ب", at(8, 25), at(9, 5), 4)  # straddles the end: counted
    c = event("course", "دورهٔ ج", at(8, 10), at(8, 10, 14), None)
    d = event("course", "دورهٔ لغوشده", at(8, 12), at(8, 12), 5, status="cancelled")
    tour = event("tour", "تور هلند", at(8, 15), at(8, 20), 10)
    s.add_all([a, b, c, d, tour])
    await s.flush()
    s.add(
        ExhibitionDetails(
            event_id=tour.id,
            trip_kind="tour",
            city="آمستردام",
            country="هلند",
            documents=[{"key": "d1", "label": "گذرنامه"}, {"key": "d2", "label": "عکس"}],
        )
    )

    def seat(
        ev: Event,
        member: int,
        status: str = "registered",
        attended: bool | None = None,
        score: int | None = None,
    ) -> Seat:
        return Seat(
            event_id=ev.id,
            member_id=member,
            status=status,
            queued_at=NOW,
            attended=attended,
            feedback_score=score,
            created_at=NOW,
            updated_at=NOW,
        )

    s.add_all(
        [
            seat(a, ids[0], attended=True, score=2),
            seat(b, ids[0], attended=True, score=5),
            seat(b, ids[1], attended=True, score=4),
            seat(b, ids[2], attended=False),
            seat(b, ids[3], status="cancelled"),
            seat(c, ids[1]),
            seat(d, ids[0]),
            seat(tour, ids[0]),
            seat(tour, ids[1]),
        ]
    )
    for key in ("d1", "d2"):
        s.add(
            ParticipantDocument(
                event_id=tour.id,
                member_id=ids[0],
                doc_key=key,
                file_kind="photo",
                file_id="f",
                received_at=NOW,
            )
        )
    s.add(
        ParticipantDocument(
            event_id=tour.id, member_id=ids[1], doc_key="d1", file_kind="photo", file_id="f", received_at=NOW
        )
    )

    def survey(title: str, opens: datetime, closes: datetime, invited: int) -> Survey:
        return Survey(
            status="closed",
            title=title,
            definition={"questions": []},
            segment={},
            opens_at=opens,
            closes_at=closes,
            invited=invited,
            created_by=9000,
            created_at=NOW,
            updated_at=NOW,
        )

    s1 = survey("نظرسنجی مهر", at(7, 25), at(8, 5), 4)  # opened before: not counted
    s2 = survey("نیازسنجی آبان", at(8, 20), at(9, 10), 5)  # straddles the end: counted
    s.add_all([s1, s2])
    await s.flush()
    for i, status in enumerate(["completed", "completed", "in_progress"]):
        s.add(
            SurveyResponse(
                survey_id=s2.id,
                member_id=ids[i],
                status=status,
                history=[],
                started_at=at(8, 21),
                completed_at=at(8, 21) if status == "completed" else None,
                updated_at=NOW,
            )
        )
    s.add(
        SurveyResponse(
            survey_id=s1.id,
            member_id=ids[0],
            status="completed",
            history=[],
            started_at=at(7, 26),
            completed_at=at(7, 26),
            updated_at=NOW,
        )
    )
    s.add_all(
        [
            Introduction(
                requester_id=ids[0],
                target_id=ids[1],
                status="accepted",
                created_at=at(8, 2),
                answered_at=at(8, 3),
            ),
            Introduction(requester_id=ids[0], target_id=ids[2], status="pending", created_at=at(8, 4)),
            Introduction(
                requester_id=ids[1],
                target_id=ids[2],
                status="accepted",
                created_at=at(7, 1),
                answered_at=at(7, 2),
            ),
        ]
    )
    for name, stage, created in (
        ("الف", "forming", at(7, 1)),
        ("ب", "registered", at(8, 1)),
        ("ج", "registered", at(9, 3)),
    ):
        s.add(
            Consortium(
                name=name,
                market="x",
                focus="cut",
                stage=stage,
                created_by=9000,
                created_at=created,
                updated_at=created,
            )
        )
    solved = Need(
        title="کشت بدون خاک",
        category="cut",
        status="solved",
        created_by=9000,
        created_at=at(7, 1),
        updated_at=NOW,
    )
    open_need = Need(
        title="سردخانه",
        category="cut",
        status="identified",
        created_by=9000,
        created_at=at(8, 2),
        updated_at=NOW,
    )
    s.add_all([solved, open_need])
    await s.flush()
    s.add_all(
        [
            NeedEvent(need_id=solved.id, status="identified", by_user_id=9000, at=at(7, 1)),
            NeedEvent(need_id=solved.id, status="solved", by_user_id=9000, at=at(8, 18)),
        ]
    )
    mine = Broadcast(
        status="done",
        created_by=9000,
        admin_chat_id=9000,
        kind="text",
        text_html="x",
        segment={},
        started_at=at(8, 6),
        created_at=at(8, 6),
        updated_at=at(8, 6),
    )
    bots = Broadcast(
        status="done",
        created_by=0,
        admin_chat_id=0,
        kind="text",
        text_html="y",
        segment={},
        started_at=at(8, 7),
        created_at=at(8, 7),
        updated_at=at(8, 7),
    )
    s.add_all([mine, bots])
    await s.flush()
    accounts = {row[0]: row[1] for row in (await s.execute(select(Account.member_id, Account.id))).all()}
    for i, status in enumerate(["sent", "sent", "sent", "blocked"]):
        s.add(
            Delivery(
                broadcast_id=mine.id,
                member_id=ids[i],
                account_id=accounts.get(ids[i], 1),
                messenger="telegram",
                chat_id=700 + i,
                status=status,
            )
        )
    s.add(
        Delivery(
            broadcast_id=bots.id,
            member_id=ids[0],
            account_id=accounts.get(ids[0], 1),
            messenger="telegram",
            chat_id=700,
            status="sent",
        )
    )
    await add_member(s, 9000)  # the admin (registered today, after the period)
    s.add_all(
        [
            _plan("courses_held", 12, "دورهٔ آموزشی"),
            _plan("course_participants", 300, "نفر-دوره"),
            _plan("survey_response_rate", 50, "پاسخ"),
        ]
    )


def _plan(indicator: str, target: int, label: str) -> PlanLine:
    return PlanLine(
        year=1405, indicator=indicator, target=target, label=label, created_by=9000, created_at=NOW
    )


EXPECTED = {
    "members_new": 2,  # registered 3 and 29 Aban (the 29th at 23:00 is still in)
    "courses_held": 2,  # ب (25 Aban, ends in Azar) and ج; not الف (started in Mehr), not the cancelled
    "course_participants": 4,  # ب: 3 registered (one cancelled seat not counted); ج: 1
    "tours_held": 1,
    "exhibitions_held": 0,
    "exhibition_participants": 2,
    "surveys_launched": 1,  # the one opened 20 Aban; the Mehr one is not
    "survey_response_rate": 40.0,  # 2 completed of 5 invited
    "introductions_requested": 2,
    "introductions_accepted": 1,
    "consortia_registered": 1,  # the third was created after the period
    "consortia_exporting": 0,
    "needs_solved": 1,
    "broadcasts_sent": 1,  # the bot's own notices are not counted
}


async def test_aban_indicators_text_and_workbook(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await seed(s)
    async with sessionmaker() as s:
        report = await programme_report(s, ABAN, now=NOW)
    assert report.values == EXPECTED
    m, c = report.members, report.courses
    assert (m.new, m.total, m.reachable, m.blocked) == (2, 5, 4, 1)
    assert m.by_role == {"grower": 3, "seller": 2}
    assert (
        m.over_time[0] == ("1405-08-01", 3)
        and m.over_time[-1] == ("1405-08-30", 5)
        and len(m.over_time) == 30
    )
    assert (c.held, c.seats, c.capacity) == (2, 4, 4)
    assert c.fill_rate == pytest.approx(75.0)  # ب: 3 of 4; ج has no limit
    assert c.attendance_rate == pytest.approx(200 / 3)  # 2 of the 3 marked
    assert (c.feedback_avg, c.feedback_count) == (pytest.approx(4.5), 2)
    assert (report.trips.participants, report.trips.documents_complete) == (2, 1)
    assert (report.surveys.invited, report.surveys.completed) == (5, 2)
    assert report.broadcast_reach == 3
    assert report.consortia_by_stage == {"forming": 1, "registered": 1}
    assert report.needs_by_status == {"solved": 1, "identified": 1}
    assert [(x.indicator, x.value, x.target) for x in report.targets] == [
        ("courses_held", 2, 12),
        ("course_participants", 4, 300),
        ("survey_response_rate", 40.0, 50),
    ]

    text = rp.summary_text(report, config)
    assert "• دورهٔ آموزشی: ۲ از ۱۲ — ۱۷٪" in text
    assert "• نفر-دوره: ۴ از ۳۰۰ — ۱٪" in text
    assert "• پاسخ: ۴۰٪ از ۵۰٪ — ۸۰٪" in text
    assert "برگزارشده: ۲ | نفر-دوره: ۴ | پرشدن ظرفیت: ۷۵٪ | حضور: ۶۷٪ | میانگین نظر: ۴٫۵" in text
    assert "۱ آبان ۱۴۰۵ تا ۳۰ آبان ۱۴۰۵" in text and len(text) < 4096
    assert "بر پایهٔ محل: محلات ۴، سایر ۱" in text  # a place the member typed: «سایر», not its key

    book = openpyxl.load_workbook(io.BytesIO(rp.workbook(report, config)))
    assert book.sheetnames == [
        t.SHEET_SUMMARY,
        t.SHEET_MEMBERS,
        t.SHEET_EVENTS,
        t.SHEET_SURVEYS,
        t.SHEET_OTHER,
    ]
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    summary = {row[1]: row for row in book[t.SHEET_SUMMARY].iter_rows(min_row=3, values_only=True)}
    assert {k: summary[k][2] for k in EXPECTED} == EXPECTED
    assert summary["courses_held"][3:] == (12, pytest.approx(16.7))
    assert (t.G_PLACE, "سایر", 1) in list(book[t.SHEET_MEMBERS].iter_rows(min_row=2, values_only=True))
    events = list(book[t.SHEET_EVENTS].iter_rows(min_row=2, values_only=True))
    assert [(e[1], e[2], e[4], e[5]) for e in events] == [
        ("دورهٔ ج", "۱۰ آبان ۱۴۰۵", 1, 0),
        ("تور هلند", "۱۵ آبان ۱۴۰۵", 2, 0),
        ("دورهٔ ب", "۲۵ آبان ۱۴۰۵", 3, 2),
    ]

    # the dashboard page shows the same numbers for the same period (bot/serve/dashboard_page.py)
    view = Overview(report, needs=[], needs_total=0, consortia=[], consortia_total=0)
    html = dashboard_page.page(view, "month", 0, config, now=NOW)
    cards = dict(re.findall(r'<div class="card" id="n-(\w+)"><b>([^<]*)</b>', html))
    assert {k: cards[k] for k in ("members_total", "members_new", "courses_held", "course_seats")} == {
        "members_total": "۵",
        "members_new": "۲",
        "courses_held": "۲",
        "course_seats": "۴",
    }
    assert (cards["fill_rate"], cards["attendance_rate"], cards["response_rate"]) == ("۷۵٪", "۶۷٪", "۴۰٪")
    assert (cards["trip_participants"], cards["reach"]) == ("۲", "۳")
    assert "دورهٔ آموزشی: ۲ از ۱۲ — ۱۷٪" in html and "۱ آبان ۱۴۰۵" in html


async def test_plan_upload_replaces_the_year_and_needs_an_admin(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await add_member(s, 9000)
        await add_member(s, 555)
    plan = pl.parse_plan(t.SAMPLE_PLAN.encode())
    async with sessionmaker.begin() as s:
        assert await pl.save_plan(s, ADMIN, config, plan, now=NOW) == 5
        assert await pl.save_plan(s, ADMIN, config, plan, now=NOW) == 5  # replaced, not doubled
    async with sessionmaker() as s:
        assert set(await pl.targets_of(s, 1405)) == {
            "courses_held",
            "course_participants",
            "tours_held",
            "consortia_registered",
            "needs_solved",
        }
        assert await svc.home(s, ADMIN, config, now=NOW) == (1405, 5)
    with pytest.raises(NotAllowed):
        async with sessionmaker.begin() as s:
            await pl.save_plan(s, Identity("telegram", 555, 555), config, plan, now=NOW)


async def test_monthly_report_reaches_admins_once(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    import handlers.programme.notices  # noqa: F401  (how the notice reads)

    async with sessionmaker.begin() as s:
        await seed(s)
    first = day_start(jdatetime.date(1405, 9, 1)) + timedelta(hours=10)
    async with sessionmaker.begin() as s:
        made = await monthly.send_monthly(s, config=config, now=first)
        assert made is not None
        assert await monthly.send_monthly(s, config=config, now=first + timedelta(hours=1)) is None
        fourth_of_dey = day_start(jdatetime.date(1405, 10, 4)) + timedelta(hours=10)
        assert await monthly.send_monthly(s, config=config, now=fourth_of_dey) is None  # only the 1st–3rd
        early = day_start(jdatetime.date(1405, 10, 1)) + timedelta(hours=8)
        assert await monthly.send_monthly(s, config=config, now=early) is None  # from 09:00
    async with sessionmaker() as s:
        sent = await s.get(Broadcast, made)
        assert sent is not None and sent.origin == "programme:1405-08"
        assert "۲ از ۱۲" in (sent.text_html or "") and len(sent.segment["members"]) == 1
