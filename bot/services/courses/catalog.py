"""Courses as members see them: the open list, a course card, sign-up, cancel, offers, «دوره‌های من».

Each function finds the member from the sender's identity and re-checks the course's state, so a
button pressed on an old message or a forged id gets a clear refusal and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import callbacks
from bot.config import Config
from bot.services.common.errors import NotRegistered, StaleAction
from bot.services.courses import seats as en
from bot.services.courses.notices import announce_offers
from bot.services.members.accounts import Identity, find_account
from models import Event, Member, Seat
from models.enums import EventKind, EventStatus

DEEP_LINK = "course"  # ?start=course_<id>
PAGE_SIZE = 5


@dataclass(frozen=True)
class CourseView:
    event: Event
    seats_left: int | None  # None: no limit
    my_status: str | None = None  # registered | waitlisted | offered | None
    my_position: int | None = None
    offer_expires_at: datetime | None = None
    ended: str | None = None  # «دوره‌های من»: cancelled (the member left) | expired (offer) | event_cancelled

    @property
    def open_for_sign_up(self) -> bool:
        return self.event.status == EventStatus.PUBLISHED


@dataclass(frozen=True)
class CoursePage:
    items: list[CourseView]
    page: int
    pages: int


async def member_of(session: AsyncSession, who: Identity) -> Member:
    account = await find_account(session, who)
    if account is None or account.member is None:
        raise NotRegistered()
    return account.member


async def _seats_left(session: AsyncSession, event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(0, event.capacity - await en.seats_taken(session, event.id))


async def _view(session: AsyncSession, event: Event, member: Member | None) -> CourseView:
    seats = await _seats_left(session, event)
    if member is None:
        return CourseView(event, seats)
    stmt = select(Seat).where(Seat.event_id == event.id, Seat.member_id == member.id)
    registration = (await session.execute(stmt)).scalar_one_or_none()
    if registration is None or registration.status not in en.ACTIVE:
        return CourseView(event, seats)
    position = await en.waitlist_position(session, registration)
    return CourseView(event, seats, registration.status, position, registration.offer_expires_at)


def _listed(now: datetime) -> list[ColumnElement[bool]]:
    """Published or closed (still shown, without sign-up) courses that have not started yet."""
    return [
        Event.kind == EventKind.COURSE,
        Event.status.in_((EventStatus.PUBLISHED, EventStatus.CLOSED)),
        Event.starts_at > now,
    ]


async def open_courses(session: AsyncSession, who: Identity, *, page: int, now: datetime) -> CoursePage:
    member = await member_of(session, who)
    total = int(
        (await session.execute(select(func.count()).select_from(Event).where(*_listed(now)))).scalar_one()
    )
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    stmt = select(Event).where(*_listed(now)).order_by(Event.starts_at, Event.id).offset(page * PAGE_SIZE)
    events = (await session.execute(stmt.limit(PAGE_SIZE))).scalars().all()
    return CoursePage([await _view(session, e, member) for e in events], page, pages)


async def course(session: AsyncSession, who: Identity, event_id: int) -> CourseView:
    """One course's card; a draft or unknown id (forged button, old link) is stale."""
    member = await member_of(session, who)
    event = await session.get(Event, event_id)
    if event is None or event.kind != EventKind.COURSE or event.status == EventStatus.DRAFT:
        raise StaleAction()
    return await _view(session, event, member)


async def sign_up(
    session: AsyncSession, who: Identity, event_id: int, *, now: datetime
) -> tuple[en.SignUp, CourseView]:
    member = await member_of(session, who)
    result = await en.sign_up(session, event_id=event_id, member_id=member.id, now=now)
    return result, await course(session, who, event_id)


async def leave(
    session: AsyncSession, who: Identity, event_id: int, *, config: Config, now: datetime
) -> tuple[list[en.Offer], CourseView]:
    """Cancel a seat, waitlist place or offer; returns the offers made for the freed seat."""
    member = await member_of(session, who)
    offers = await en.cancel(session, event_id=event_id, member_id=member.id, config=config, now=now)
    await announce_offers(session, offers, config=config, now=now)
    return offers, await course(session, who, event_id)


async def accept(session: AsyncSession, who: Identity, event_id: int, *, now: datetime) -> en.SignUp:
    member = await member_of(session, who)
    return await en.accept_offer(session, event_id=event_id, member_id=member.id, now=now)


async def my_courses(session: AsyncSession, who: Identity, *, now: datetime) -> list[CourseView]:
    """«دوره‌های من»: the member's seats in courses still to come — active ones first, then the ones
    that ended (`ended`: the member left, an offer lapsed, the CDA cancelled the course)."""
    member = await member_of(session, who)
    stmt = (
        select(Event, Seat.status)
        .join(Seat, Seat.event_id == Event.id)
        .where(
            Seat.member_id == member.id,
            Event.kind == EventKind.COURSE,
            Event.status != EventStatus.DRAFT,
            Event.starts_at > now,
        )
        .order_by(Event.starts_at, Event.id)
    )
    active, ended = [], []
    for event, status in (await session.execute(stmt)).all():
        if event.status == EventStatus.CANCELLED:
            ended.append(CourseView(event, None, ended="event_cancelled"))
        elif status in en.ACTIVE:
            active.append(await _view(session, event, member))
        else:
            ended.append(CourseView(event, None, ended=status))
    return active + ended


def parse_deep_link(payload: str | None) -> int | None:
    """`course_12` (from https://t.me/<bot>?start=course_12) → 12; anything else (a forged id) → None."""
    link = callbacks.parse_deep_link(payload, {DEEP_LINK})
    return link.object_id if link is not None else None
