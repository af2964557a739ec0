"""The programme's indicators for a Jalali period, as plain dataclasses (chat report, .xlsx, web dashboard).

`programme_report(session, period, now=...)` is the one entry point; every number is an aggregate
query, so a year of a 5,000-member cluster takes well under a second. What "in the period" means is
in bot/services/programme/period.py. Events count unless cancelled or still drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.programme import plan as pl
from bot.services.programme.counting import grouped as _grouped
from bot.services.programme.counting import scalar as _scalar
from bot.services.programme.counting import share
from bot.services.programme.period import Period, buckets
from models import (
    Account,
    Broadcast,
    Consortium,
    Delivery,
    Event,
    ExhibitionDetails,
    Introduction,
    Member,
    MemberCategory,
    Need,
    NeedEvent,
    ParticipantDocument,
    Seat,
    Survey,
    SurveyResponse,
)
from models.enums import (
    ConsortiumStage,
    DeliveryStatus,
    EventKind,
    EventStatus,
    IntroductionStatus,
    NeedStatus,
    SeatStatus,
    SurveyResponseStatus,
    SurveyStatus,
)

HELD = (EventStatus.PUBLISHED, EventStatus.CLOSED)
REGISTERED_OR_BEYOND = (ConsortiumStage.REGISTERED, ConsortiumStage.EXPORTING)


@dataclass(frozen=True)
class Members:
    new: int
    total: int
    reachable: int
    blocked: int  # every account of the member unreachable (blocked the bot)
    by_role: dict[str, int]
    by_place: dict[str, int]
    by_category: dict[str, int]
    over_time: list[tuple[str, int]]  # (Jalali date "1405-08-30", members registered by its end)


@dataclass(frozen=True)
class EventRow:
    """One course, exhibition or tour held in the period."""

    id: int
    kind: str
    title: str
    starts_at: datetime
    capacity: int | None
    registered: int
    attended: int
    attendance_marked: int
    feedback_avg: float | None
    documents_complete: int  # exhibitions/tours: participants with every required document


@dataclass(frozen=True)
class Courses:
    held: int
    seats: int  # registered seats (seat-people)
    capacity: int  # of the courses with a limit
    fill_rate: float | None  # seats of limited courses / their capacity
    attendance_rate: float | None  # attended / seats whose attendance was marked
    feedback_avg: float | None
    feedback_count: int


@dataclass(frozen=True)
class Trips:
    exhibitions_held: int
    tours_held: int
    participants: int
    documents_complete: int


@dataclass(frozen=True)
class SurveyRow:
    id: int
    title: str
    opens_at: datetime
    invited: int
    completed: int


@dataclass(frozen=True)
class Surveys:
    launched: int
    invited: int
    completed: int
    response_rate: float | None
    rows: list[SurveyRow]


@dataclass(frozen=True)
class Target:
    """One plan line next to what was reached: «۷ از ۱۲ دوره — ۵۸٪»."""

    indicator: str
    label: str
    target: int
    value: float
    reached: float | None


@dataclass(frozen=True)
class ProgrammeReport:
    period: Period
    members: Members
    courses: Courses
    trips: Trips
    surveys: Surveys
    events: list[EventRow]
    introductions_requested: int
    introductions_accepted: int
    consortia_by_stage: dict[str, int]
    broadcasts_sent: int
    broadcast_reach: int  # messages delivered by those broadcasts
    needs_by_status: dict[str, int]
    needs_solved: int
    values: dict[str, float]  # every plan.INDICATORS key
    targets: list[Target] = field(default_factory=list)


async def _members(session: AsyncSession, period: Period) -> Members:
    before_end = Member.created_at < period.end
    new = await _scalar(
        session, select(func.count(Member.id)).where(Member.created_at >= period.start, before_end)
    )
    total = await _scalar(session, select(func.count(Member.id)).where(before_end))
    reachable = await _scalar(
        session,
        select(func.count(distinct(Account.member_id)))
        .join(Member, Member.id == Account.member_id)
        .where(before_end, Account.is_reachable.is_(True)),
    )
    with_account = await _scalar(
        session,
        select(func.count(distinct(Account.member_id)))
        .join(Member, Member.id == Account.member_id)
        .where(before_end),
    )
    by_role = await _grouped(
        session, select(Member.role, func.count()).where(before_end).group_by(Member.role)
    )
    by_place = await _grouped(
        session, select(Member.place, func.count()).where(before_end).group_by(Member.place)
    )
    by_category = await _grouped(
        session,
        select(MemberCategory.category, func.count())
        .join(Member, Member.id == MemberCategory.member_id)
        .where(before_end)
        .group_by(MemberCategory.category),
    )
    created = sorted((await session.execute(select(Member.created_at).where(before_end))).scalars())
    over_time: list[tuple[str, int]] = []
    index = 0
    for day, moment in buckets(period):
        while index < len(created) and created[index] < moment:
            index += 1
        over_time.append((f"{day.year}-{day.month:02d}-{day.day:02d}", index))
    return Members(new, total, reachable, with_account - reachable, by_role, by_place, by_category, over_time)


async def _events(session: AsyncSession, period: Period) -> list[EventRow]:
    registered = Seat.status == SeatStatus.REGISTERED
    seats = (
        select(
            Seat.event_id,
            func.count(Seat.id),
            func.count(Seat.id).filter(Seat.attended.is_(True)),
            func.count(Seat.id).filter(Seat.attended.is_not(None)),
            func.avg(Seat.feedback_score),
        )
        .join(Event, Event.id == Seat.event_id)
        .where(registered, Event.starts_at >= period.start, Event.starts_at < period.end)
        .group_by(Seat.event_id)
    )
    counts = {row[0]: row[1:] for row in (await session.execute(seats)).all()}
    docs = (
        select(
            ParticipantDocument.event_id,
            ParticipantDocument.member_id,
            func.count(distinct(ParticipantDocument.doc_key)),
        )
        .join(Event, Event.id == ParticipantDocument.event_id)
        .join(Seat, and_(Seat.event_id == Event.id, Seat.member_id == ParticipantDocument.member_id))
        .where(registered, Event.starts_at >= period.start, Event.starts_at < period.end)
        .group_by(ParticipantDocument.event_id, ParticipantDocument.member_id)
    )
    sent: dict[int, list[int]] = {}
    for event_id, _, n in (await session.execute(docs)).all():
        sent.setdefault(event_id, []).append(int(n))
    rows = (
        await session.execute(
            select(Event, ExhibitionDetails.documents)
            .outerjoin(ExhibitionDetails, ExhibitionDetails.event_id == Event.id)
            .where(Event.status.in_(HELD), Event.starts_at >= period.start, Event.starts_at < period.end)
            .order_by(Event.starts_at, Event.id)
        )
    ).all()
    out = []
    for event, required in rows:
        n, attended, marked, avg = counts.get(event.id, (0, 0, 0, None))
        need = len(required or [])
        complete = sum(1 for k in sent.get(event.id, []) if k >= need) if need else 0
        out.append(
            EventRow(
                event.id,
                event.kind,
                event.title,
                event.starts_at,
                event.capacity,
                int(n),
                int(attended),
                int(marked),
                float(avg) if avg is not None else None,
                complete,
            )
        )
    return out


def _courses(events: list[EventRow], feedback: tuple[float | None, int]) -> Courses:
    courses = [e for e in events if e.kind == EventKind.COURSE]
    limited = [e for e in courses if e.capacity]
    capacity = sum(e.capacity or 0 for e in limited)
    marked = sum(e.attendance_marked for e in courses)
    return Courses(
        held=len(courses),
        seats=sum(e.registered for e in courses),
        capacity=capacity,
        fill_rate=share(sum(e.registered for e in limited), capacity),
        attendance_rate=share(sum(e.attended for e in courses), marked),
        feedback_avg=feedback[0],
        feedback_count=feedback[1],
    )


async def _feedback(session: AsyncSession, period: Period) -> tuple[float | None, int]:
    row = (
        await session.execute(
            select(func.avg(Seat.feedback_score), func.count(Seat.feedback_score))
            .join(Event, Event.id == Seat.event_id)
            .where(
                Event.kind == EventKind.COURSE,
                Event.status.in_(HELD),
                Seat.status == SeatStatus.REGISTERED,
                Event.starts_at >= period.start,
                Event.starts_at < period.end,
            )
        )
    ).one()
    return (float(row[0]) if row[0] is not None else None), int(row[1] or 0)


async def _surveys(session: AsyncSession, period: Period, now: datetime) -> Surveys:
    completed = (
        select(SurveyResponse.survey_id, func.count(SurveyResponse.id))
        .where(SurveyResponse.status == SurveyResponseStatus.COMPLETED)
        .group_by(SurveyResponse.survey_id)
        .subquery()
    )
    rows = (
        await session.execute(
            select(Survey.id, Survey.title, Survey.opens_at, Survey.invited, func.coalesce(completed.c[1], 0))
            .outerjoin(completed, completed.c.survey_id == Survey.id)
            .where(
                Survey.status.in_((SurveyStatus.OPEN, SurveyStatus.CLOSED)),
                Survey.opens_at >= period.start,
                Survey.opens_at < period.end,
                Survey.opens_at <= now,
            )
            .order_by(Survey.opens_at, Survey.id)
        )
    ).all()
    items = [SurveyRow(r[0], r[1], r[2], int(r[3] or 0), int(r[4])) for r in rows]
    invited = sum(s.invited for s in items)
    done = sum(s.completed for s in items)
    return Surveys(len(items), invited, done, share(done, invited), items)


async def programme_report(session: AsyncSession, period: Period, *, now: datetime) -> ProgrammeReport:
    """Every indicator of the programme for `period`, next to the plan of `period.plan_year`."""
    in_period = lambda column: and_(column >= period.start, column < period.end)  # noqa: E731
    members = await _members(session, period)
    events = await _events(session, period)
    courses = _courses(events, await _feedback(session, period))
    trips_rows = [e for e in events if e.kind != EventKind.COURSE]
    trips = Trips(
        exhibitions_held=sum(1 for e in trips_rows if e.kind == EventKind.EXHIBITION),
        tours_held=sum(1 for e in trips_rows if e.kind == EventKind.TOUR),
        participants=sum(e.registered for e in trips_rows),
        documents_complete=sum(e.documents_complete for e in trips_rows),
    )
    surveys = await _surveys(session, period, now)
    requested = await _scalar(
        session, select(func.count(Introduction.id)).where(in_period(Introduction.created_at))
    )
    accepted = await _scalar(
        session,
        select(func.count(Introduction.id)).where(
            Introduction.status == IntroductionStatus.ACCEPTED, in_period(Introduction.answered_at)
        ),
    )
    stages = await _grouped(
        session,
        select(Consortium.stage, func.count())
        .where(Consortium.created_at < period.end)
        .group_by(Consortium.stage),
    )
    own = and_(Broadcast.created_by != 0, in_period(Broadcast.started_at))
    sent = await _scalar(session, select(func.count(Broadcast.id)).where(own))
    reach = await _scalar(
        session,
        select(func.count(Delivery.id))
        .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
        .where(own, Delivery.status == DeliveryStatus.SENT),
    )
    needs = await _grouped(
        session, select(Need.status, func.count()).where(Need.created_at < period.end).group_by(Need.status)
    )
    solved = await _scalar(
        session,
        select(func.count(distinct(NeedEvent.need_id))).where(
            NeedEvent.status == NeedStatus.SOLVED, in_period(NeedEvent.at)
        ),
    )
    values: dict[str, float] = {
        "members_new": members.new,
        "courses_held": courses.held,
        "course_participants": courses.seats,
        "tours_held": trips.tours_held,
        "exhibitions_held": trips.exhibitions_held,
        "exhibition_participants": trips.participants,
        "surveys_launched": surveys.launched,
        "survey_response_rate": round(surveys.response_rate or 0.0, 1),
        "introductions_requested": requested,
        "introductions_accepted": accepted,
        "consortia_registered": sum(stages.get(s, 0) for s in REGISTERED_OR_BEYOND),
        "consortia_exporting": stages.get(ConsortiumStage.EXPORTING, 0),
        "needs_solved": solved,
        "broadcasts_sent": sent,
    }
    plan = await pl.targets_of(session, period.plan_year)
    targets = [
        Target(key, plan[key].label, plan[key].target, values[key], share(values[key], plan[key].target))
        for key in pl.INDICATORS
        if key in plan
    ]
    return ProgrammeReport(
        period,
        members,
        courses,
        trips,
        surveys,
        events,
        requested,
        accepted,
        stages,
        sent,
        reach,
        needs,
        solved,
        values,
        targets,
    )
