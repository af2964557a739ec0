"""The sign-up engine shared by courses and (later) tours: seats, a waitlist in arrival order, offers.

Every change to an event's seats happens with the event row locked (`SELECT … FOR UPDATE` on
PostgreSQL; SQLite transactions start with BEGIN IMMEDIATE, which serialises them), so capacity is
never exceeded however many members press ثبت‌نام at once. Cancelling and offering the freed seat
to the next person is one transaction. Nobody is promoted silently: a freed seat becomes an *offer*
that the member accepts within a deadline whose clock stops during quiet hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.errors import DomainError, StaleAction
from bot.services.common.quiet_hours import add_active_time
from bot.services.common.rows import get_locked
from models import Event, Seat
from models.enums import EventStatus, SeatStatus

HOLDS_SEAT = (SeatStatus.REGISTERED, SeatStatus.OFFERED)
ACTIVE = (SeatStatus.REGISTERED, SeatStatus.WAITLISTED, SeatStatus.OFFERED)


class SignUpRefused(DomainError):
    """Codes: event_cancelled, registration_closed, deadline_passed, event_started, no_offer."""


@dataclass(frozen=True)
class SignUp:
    status: str
    position: int | None  # place on the waitlist (1 = next), None otherwise
    already: bool = False  # it was so before this press (a double tap)


@dataclass(frozen=True)
class Offer:
    """A seat offered to `member_id` until `expires_at` (to be told by the caller)."""

    registration_id: int
    event_id: int
    member_id: int
    expires_at: datetime


async def _locked_event(session: AsyncSession, event_id: int) -> Event:
    event = await get_locked(session, Event, event_id)
    if event is None:
        raise StaleAction()
    return event


async def _seat(session: AsyncSession, event_id: int, member_id: int) -> Seat | None:
    stmt = select(Seat).where(Seat.event_id == event_id, Seat.member_id == member_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def seats_taken(session: AsyncSession, event_id: int) -> int:
    stmt = select(func.count()).where(Seat.event_id == event_id, Seat.status.in_(HOLDS_SEAT))
    return int((await session.execute(stmt)).scalar_one())


async def waitlist_position(session: AsyncSession, registration: Seat) -> int | None:
    if registration.status != SeatStatus.WAITLISTED:
        return None
    ahead = select(func.count()).where(
        Seat.event_id == registration.event_id,
        Seat.status == SeatStatus.WAITLISTED,
        (Seat.queued_at < registration.queued_at)
        | ((Seat.queued_at == registration.queued_at) & (Seat.id < registration.id)),
    )
    return int((await session.execute(ahead)).scalar_one()) + 1


def _check_open(event: Event, now: datetime) -> None:
    if event.status == EventStatus.CANCELLED:
        raise SignUpRefused("event_cancelled")
    if event.status != EventStatus.PUBLISHED:
        raise SignUpRefused("registration_closed")
    if event.registration_deadline is not None and now > event.registration_deadline:
        raise SignUpRefused("deadline_passed")
    if now >= event.starts_at:
        raise SignUpRefused("event_started")


async def sign_up(session: AsyncSession, *, event_id: int, member_id: int, now: datetime) -> SignUp:
    """Take a seat, or a place at the end of the waitlist; pressing again changes nothing."""
    event = await _locked_event(session, event_id)
    registration = await _seat(session, event_id, member_id)
    if registration is not None and registration.status in ACTIVE:
        return SignUp(registration.status, await waitlist_position(session, registration), already=True)
    _check_open(event, now)
    full = event.capacity is not None and await seats_taken(session, event_id) >= event.capacity
    status = SeatStatus.WAITLISTED if full else SeatStatus.REGISTERED
    if registration is None:
        registration = Seat(event_id=event_id, member_id=member_id, created_at=now, status=status,
                                    queued_at=now, updated_at=now)  # fmt: skip
        session.add(registration)
    else:  # signing up again after cancelling: to the end of the queue
        registration.status, registration.queued_at, registration.updated_at = status, now, now
        registration.offer_expires_at = None
    await session.flush()
    return SignUp(status, await waitlist_position(session, registration))


async def offer_free_seats(
    session: AsyncSession, event: Event, *, config: Config, now: datetime
) -> list[Offer]:
    """Offer every free seat to the next people on the waitlist, in arrival order."""
    if event.status != EventStatus.PUBLISHED or event.capacity is None:
        return []
    free = event.capacity - await seats_taken(session, event.id)
    if free <= 0:
        return []
    queue = (
        select(Seat)
        .where(Seat.event_id == event.id, Seat.status == SeatStatus.WAITLISTED)
        .order_by(Seat.queued_at, Seat.id)
        .limit(free)
    )
    b = config.broadcasting
    hours = timedelta(hours=config.courses.offer_hours)
    offers = []
    for registration in (await session.execute(queue)).scalars():
        registration.status = SeatStatus.OFFERED
        registration.offer_expires_at = add_active_time(
            now, hours, b.quiet_start, b.quiet_end, config.timezone
        )
        registration.updated_at = now
        offers.append(Offer(registration.id, event.id, registration.member_id, registration.offer_expires_at))
    await session.flush()
    return offers


async def cancel(
    session: AsyncSession, *, event_id: int, member_id: int, config: Config, now: datetime
) -> list[Offer]:
    """Leave the event (seat, waitlist place or offer); the freed seat is offered on, in one transaction."""
    event = await _locked_event(session, event_id)
    registration = await _seat(session, event_id, member_id)
    if registration is None or registration.status not in ACTIVE:
        raise StaleAction()
    registration.status, registration.offer_expires_at, registration.updated_at = (
        SeatStatus.CANCELLED,
        None,
        now,
    )
    await session.flush()
    return await offer_free_seats(session, event, config=config, now=now)


async def accept_offer(session: AsyncSession, *, event_id: int, member_id: int, now: datetime) -> SignUp:
    event = await _locked_event(session, event_id)
    registration = await _seat(session, event_id, member_id)
    if registration is not None and registration.status == SeatStatus.REGISTERED:
        return SignUp(SeatStatus.REGISTERED, None, already=True)
    if registration is None or registration.status != SeatStatus.OFFERED:
        raise SignUpRefused("no_offer")
    if event.status == EventStatus.CANCELLED:
        raise SignUpRefused("event_cancelled")
    if registration.offer_expires_at is not None and now > registration.offer_expires_at:
        raise SignUpRefused("offer_expired")
    registration.status, registration.offer_expires_at, registration.updated_at = (
        SeatStatus.REGISTERED,
        None,
        now,
    )
    return SignUp(SeatStatus.REGISTERED, None)


async def expire_offers(
    session: AsyncSession, *, config: Config, now: datetime
) -> tuple[list[tuple[int, int]], list[Offer]]:
    """Offers not accepted in time lapse and pass on: ((event id, member id) that lapsed, new offers)."""
    lapsed_rows = (
        await session.execute(
            select(Seat.event_id, Seat.id)
            .where(Seat.status == SeatStatus.OFFERED, Seat.offer_expires_at < now)
            .order_by(Seat.event_id, Seat.id)
        )
    ).all()
    lapsed: list[tuple[int, int]] = []
    offers: list[Offer] = []
    for event_id in sorted({event_id for event_id, _ in lapsed_rows}):
        event = await _locked_event(session, event_id)
        stale = (
            await session.execute(
                select(Seat).where(
                    Seat.event_id == event_id,
                    Seat.status == SeatStatus.OFFERED,
                    Seat.offer_expires_at < now,
                )
            )
        ).scalars()  # re-read under the lock: another process may have handled them
        for registration in stale:
            registration.status, registration.updated_at = SeatStatus.EXPIRED, now
            lapsed.append((event_id, registration.member_id))
        await session.flush()
        offers += await offer_free_seats(session, event, config=config, now=now)
    return lapsed, offers
