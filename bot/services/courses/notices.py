"""What the sign-up engine tells members, sent through the delivery engine: offers, lapses, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts.digest import DigestItem
from bot.services.common.notify import notify
from bot.services.courses import seats as en
from models import Event, Seat
from models.enums import EventKind, EventStatus, SeatStatus


@dataclass(frozen=True)
class SeatOffered:
    """A freed seat offered until `expires_at`, with accept and decline buttons (handlers/courses/notices)."""

    event: Event
    expires_at: datetime


@dataclass(frozen=True)
class OfferLapsed:
    event: Event


@dataclass(frozen=True)
class CourseReminder:
    event: Event


async def announce_offers(
    session: AsyncSession, offers: list[en.Offer], *, config: Config, now: datetime
) -> None:
    """Tell each member offered a seat, with buttons to accept or decline (same transaction as the offer)."""
    for offer in offers:
        event = await session.get(Event, offer.event_id)
        assert event is not None
        await notify(
            session,
            config=config,
            member_ids=[offer.member_id],
            notice=SeatOffered(event, offer.expires_at),
            now=now,
        )


async def expire_and_pass_on(session: AsyncSession, *, config: Config, now: datetime) -> int:
    """Lapse unanswered offers, tell those members, and offer the seats to the next people."""
    lapsed, offers = await en.expire_offers(session, config=config, now=now)
    for event_id, member_id in lapsed:
        event = await session.get(Event, event_id)
        assert event is not None
        await notify(session, config=config, member_ids=[member_id], now=now, notice=OfferLapsed(event))
    await announce_offers(session, offers, config=config, now=now)
    return len(lapsed)


async def send_due_reminders(session: AsyncSession, *, config: Config, now: datetime) -> int:
    """Remind registered members `reminder_hours` before each course starts; once per reminder and start time.

    After downtime only the nearest due reminder goes out (never a "tomorrow" reminder an hour before).
    """
    hours = sorted(config.courses.reminder_hours)
    if not hours:
        return 0
    horizon = now + timedelta(hours=hours[-1])
    events = (
        (
            await session.execute(
                select(Event).where(
                    Event.kind == EventKind.COURSE,  # exhibitions and tours remind in exhibition_reminders
                    Event.status.in_((EventStatus.PUBLISHED, EventStatus.CLOSED)),
                    Event.starts_at > now,
                    Event.starts_at <= horizon,
                )
            )
        )
        .scalars()
        .all()
    )
    created = 0
    for event in events:
        due = next((h for h in hours if event.starts_at - timedelta(hours=h) <= now), None)
        if due is None:
            continue
        registered = (
            (
                await session.execute(
                    select(Seat.member_id).where(
                        Seat.event_id == event.id, Seat.status == SeatStatus.REGISTERED
                    )
                )
            )
            .scalars()
            .all()
        )
        origin = f"remind:{event.id}:{due}h:{event.starts_at.strftime('%Y%m%d%H%M')}"
        if await notify(
            session,
            config=config,
            member_ids=registered,
            notice=CourseReminder(event),
            now=now,
            origin=origin,
        ):
            created += 1
    return created


async def upcoming_courses(session: AsyncSession, start: datetime, end: datetime) -> list[DigestItem]:
    """Digest source: published courses starting in [start, end]."""
    stmt = select(Event).where(
        Event.kind == EventKind.COURSE,
        Event.status == EventStatus.PUBLISHED,
        Event.starts_at >= start,
        Event.starts_at <= end,
    )
    return [
        DigestItem(e.starts_at, e.title, EventKind.COURSE) for e in (await session.execute(stmt)).scalars()
    ]
