"""The CDA's side of courses: draft → published ⇄ closed → cancelled, edits, reschedule, announcements.

Every function re-checks that the caller is an admin and that the course is in a state where the
action makes sense (button data is user-controlled), and changes seats with the event row locked,
as the sign-up engine does. Members hear about changes through notification broadcasts whose
`origin` makes each one happen once; the publish announcement is an ordinary broadcast to the
course's target segment with a «مشاهده و ثبت‌نام» button (`crs:open:<id>`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts import lifecycle as bc
from bot.services.common import lifecycle as lc
from bot.services.common import segments
from bot.services.common.admins import check_admin
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.notify import notify, render
from bot.services.common.rows import get_locked
from bot.services.courses import fields as cf
from bot.services.courses import seats as en
from bot.services.courses.notices import announce_offers
from bot.services.members.accounts import Identity
from models import Event, Seat
from models.enums import BroadcastKind, EventKind, EventStatus, SeatStatus

LIVE = (EventStatus.PUBLISHED, EventStatus.CLOSED)
EDITABLE_STATES = lc.allowing(lc.COURSE, lc.EDIT)
TARGET_DIMENSIONS = {"c": "categories", "p": "places"}
LIST_MAX = 15
PAST_DAYS = 30  # finished or cancelled courses stay in the admin list this long


class CapacityBelowTaken(InvalidInput):
    """The new capacity is below the seats already held; `taken` goes into the Persian message."""

    def __init__(self, taken: int) -> None:
        super().__init__("capacity_below_taken")
        self.taken = taken


@dataclass
class CourseSummary:
    """A course with its registrations counted by status and the size of its target audience."""

    event: Event
    counts: Counter[str] = field(default_factory=Counter)
    audience: int = 0


@dataclass(frozen=True)
class Change:
    """What an action did, for the handler's reply."""

    summary: CourseSummary
    told: int = 0  # members who will be told (notification or announcement)
    broadcast_id: int | None = None
    offers: int = 0
    old_starts_at: datetime | None = None
    deadline_dropped: bool = False


async def load(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, states: tuple[str, ...]
) -> Event:
    """The course, locked, if the caller is an admin and it is in one of `states`; else StaleAction."""
    await check_admin(session, who, config)
    event = await get_locked(session, Event, event_id)
    if event is None or event.kind != EventKind.COURSE or event.status not in states:
        raise StaleAction()
    return event


async def counts(session: AsyncSession, event_id: int) -> Counter[str]:
    stmt = select(Seat.status, func.count()).where(Seat.event_id == event_id).group_by(Seat.status)
    return Counter({status: int(n) for status, n in (await session.execute(stmt)).all()})


def target_segment(event: Event) -> segments.Segment:
    raw = event.segment or {}
    return segments.clean_segment({"categories": raw.get("categories"), "places": raw.get("places")})


async def audience_size(session: AsyncSession, segment: dict[str, Any], config: Config) -> int:
    return await segments.count_recipients(session, segment, platforms=config.platforms)


async def summarise(session: AsyncSession, event: Event, config: Config) -> CourseSummary:
    return CourseSummary(
        event, await counts(session, event.id), await audience_size(session, target_segment(event), config)
    )


async def summary(session: AsyncSession, who: Identity, config: Config, event_id: int) -> CourseSummary:
    event = await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.VIEW))
    return await summarise(session, event, config)


async def editable(session: AsyncSession, who: Identity, config: Config, event_id: int) -> CourseSummary:
    """The course, if it can still be edited (a draft or a live course)."""
    event = await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.EDIT))
    return await summarise(session, event, config)


async def list_courses(
    session: AsyncSession, who: Identity, config: Config, *, now: datetime
) -> tuple[list[CourseSummary], int]:
    """Drafts and courses that have not long passed, soonest first; and how many more there are."""
    await check_admin(session, who, config)
    recent = or_(Event.status == EventStatus.DRAFT, Event.starts_at > now - timedelta(days=PAST_DAYS))
    where = (Event.kind == EventKind.COURSE, recent)
    total = int((await session.execute(select(func.count()).select_from(Event).where(*where))).scalar_one())
    stmt = select(Event).where(*where).order_by(Event.starts_at.desc(), Event.id.desc()).limit(LIST_MAX)
    events = (await session.execute(stmt)).scalars().all()
    out = [CourseSummary(e, await counts(session, e.id)) for e in events]
    return out, max(0, total - LIST_MAX)


async def create_draft(
    session: AsyncSession, who: Identity, config: Config, values: dict[str, Any], *, now: datetime
) -> Event:
    """A draft course from the answers of the creation conversation (already parsed and checked)."""
    await check_admin(session, who, config)
    if not values.get("title") or not isinstance(values.get("starts_at"), datetime):
        raise StaleAction()
    cf.check_start(values["starts_at"], now)
    cf.check_deadline(values.get("registration_deadline"), values["starts_at"], now)
    columns = ("title", "description", "instructor", "sessions", "starts_at", "place", "online_link")
    event = Event(
        kind=EventKind.COURSE,
        status=EventStatus.DRAFT,
        **{c: values.get(c) for c in columns},
        capacity=values.get("capacity"),
        registration_deadline=values.get("registration_deadline"),
        segment=segments.clean_segment(values.get("segment") or {}),
        created_by=who.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(event)
    await session.flush()
    return event


def toggle_key(segment: dict[str, Any], config: Config, code: str, key: str) -> dict[str, list[str]]:
    """Tick or untick one category (`c`) or place (`p`) in a target segment."""
    dimension = TARGET_DIMENSIONS.get(code)
    if dimension is None:
        raise InvalidInput("unknown_choice")
    valid = {c.key for c in getattr(config, dimension)} | ({"other"} if dimension == "places" else set())
    if key not in valid:
        raise InvalidInput("unknown_choice")
    chosen = set(segment.get(dimension) or []) ^ {key}
    return segments.clean_segment({**segment, dimension: sorted(chosen)})


async def toggle_target(
    session: AsyncSession, who: Identity, config: Config, event_id: int, code: str, key: str, *, now: datetime
) -> CourseSummary:
    event = await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.EDIT))
    event.segment = toggle_key(target_segment(event), config, code, key)
    event.updated_at = now
    return await summarise(session, event, config)


async def set_field(
    session: AsyncSession,
    who: Identity,
    config: Config,
    event_id: int,
    name: str,
    text: str | None,
    *,
    now: datetime,
) -> Change:
    """Edit one field (None = cleared, optional fields only). A live course's start moves by `reschedule`."""
    event = await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.EDIT))
    if name == "starts_at" and event.status != EventStatus.DRAFT:
        raise StaleAction()
    values = cf.parse_field(name, text, now=now, starts_at=event.starts_at)
    if name == "starts_at":
        cf.check_deadline(event.registration_deadline, values["starts_at"], now)
    if name == "capacity" and values["capacity"] is not None:
        taken = await en.seats_taken(session, event.id)
        if values["capacity"] < taken:
            raise CapacityBelowTaken(taken)
    for column, value in values.items():
        setattr(event, column, value)
    event.updated_at = now
    await session.flush()
    offers = await _offer_new_seats(session, event, config, now) if name == "capacity" else []
    return Change(await summarise(session, event, config), offers=len(offers))


async def _offer_new_seats(
    session: AsyncSession, event: Event, config: Config, now: datetime
) -> list[en.Offer]:
    """More seats (or no limit any more): offered to those first on the waitlist, never given silently."""
    unlimited = event.capacity is None
    if unlimited:  # everyone waiting gets an offer
        waiting = len(await member_ids(session, event.id, (SeatStatus.WAITLISTED,)))
        event.capacity = await en.seats_taken(session, event.id) + waiting
    offers = await en.offer_free_seats(session, event, config=config, now=now)
    if unlimited:
        event.capacity = None
    await announce_offers(session, offers, config=config, now=now)
    return offers


@dataclass(frozen=True)
class CourseAnnounced:
    """The publish announcement with «مشاهده و ثبت‌نام» (handlers/courses/notices.py)."""

    event: Event


@dataclass(frozen=True)
class CourseRescheduled:
    event: Event
    old_starts_at: datetime


@dataclass(frozen=True)
class CourseCancelled:
    event: Event


async def publish(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, announce: bool, now: datetime
) -> Change:
    """Open sign-up; with `announce`, queue a broadcast to the target segment (none if it is empty)."""
    event = await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.PUBLISH))
    if event.starts_at <= now:
        raise InvalidInput("starts_in_past")
    cf.check_deadline(event.registration_deadline, event.starts_at, now)
    event.status, event.updated_at = EventStatus.PUBLISHED, now
    await session.flush()
    summary = await summarise(session, event, config)
    if not announce or summary.audience == 0:
        return Change(summary)
    announcement = render(CourseAnnounced(event), config)
    content = bc.Content(BroadcastKind.TEXT, announcement.text_html)
    broadcast = await bc.create_draft(session, who, config, content, now=now)
    broadcast.segment = target_segment(event)
    await bc.set_buttons(session, who, config, broadcast.id, announcement.buttons, now=now)
    await bc.schedule(session, who, config, broadcast.id, due_at=None, now=now)
    return Change(summary, told=summary.audience, broadcast_id=broadcast.id)


async def discard_draft(session: AsyncSession, who: Identity, config: Config, event_id: int) -> str:
    """«لغو» under a preview: the draft is deleted (nobody has seen it); returns its title."""
    event = await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.DISCARD))
    title = event.title
    await session.delete(event)
    await session.flush()
    return title


async def member_ids(session: AsyncSession, event_id: int, statuses: tuple[str, ...]) -> list[int]:
    stmt = (
        select(Seat.member_id)
        .where(Seat.event_id == event_id, Seat.status.in_(statuses))
        .order_by(Seat.member_id)
    )
    return list((await session.execute(stmt)).scalars())


async def reschedule(
    session: AsyncSession, who: Identity, config: Config, event_id: int, text: str, *, now: datetime
) -> Change:
    """Move a live course; everyone registered is told the new time (once per new time)."""
    event = await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.RESCHEDULE))
    values = cf.parse_field("starts_at", text, now=now)
    old, new = event.starts_at, values["starts_at"]
    if new == old:
        return Change(await summarise(session, event, config), old_starts_at=old)
    if event.ends_at is not None:
        event.ends_at = event.ends_at + (new - old)
    dropped = event.registration_deadline is not None and event.registration_deadline > new
    if dropped:
        event.registration_deadline = None
    event.starts_at, event.updated_at = new, now
    await session.flush()
    registered = await member_ids(session, event.id, (SeatStatus.REGISTERED,))
    notice = CourseRescheduled(event, old)
    origin = f"course:{event.id}:resched:{new.isoformat()}"
    created = await notify(
        session, config=config, member_ids=registered, notice=notice, now=now, origin=origin
    )
    summary = await summarise(session, event, config)
    return Change(
        summary, told=len(registered) if created else 0, old_starts_at=old, deadline_dropped=dropped
    )


async def close_sign_up(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, now: datetime
) -> Change:
    event = await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.CLOSE))
    event.status, event.updated_at = EventStatus.CLOSED, now
    return Change(await summarise(session, event, config))


async def reopen_sign_up(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, now: datetime
) -> Change:
    event = await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.REOPEN))
    if event.starts_at <= now:
        raise StaleAction()
    event.status, event.updated_at = EventStatus.PUBLISHED, now
    await session.flush()
    offers = await en.offer_free_seats(session, event, config=config, now=now)
    await announce_offers(session, offers, config=config, now=now)
    return Change(await summarise(session, event, config), offers=len(offers))


async def to_be_told_on_cancel(session: AsyncSession, who: Identity, config: Config, event_id: int) -> int:
    """How many members «لغو دوره» would tell (asked before confirming)."""
    await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.CANCEL))
    return len(await member_ids(session, event_id, en.ACTIVE))


async def cancel(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, now: datetime
) -> Change:
    """Cancel a live course: everyone registered, waitlisted or offered a seat is told, once."""
    event = await load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.CANCEL))
    event.status, event.updated_at = EventStatus.CANCELLED, now
    await session.flush()
    people = await member_ids(session, event.id, en.ACTIVE)
    created = await notify(
        session,
        config=config,
        member_ids=people,
        notice=CourseCancelled(event),
        now=now,
        origin=f"course:{event.id}:cancel",
    )
    return Change(await summarise(session, event, config), told=len(people) if created else 0)
