"""Reminders of exhibitions and tours, created by the delivery engine's tick; each is sent once.

- members of the target segment who have not responded, `nonresponder_hours` before the response deadline;
- registered participants, `participant_hours` before the start;
- registered participants still missing documents, `documents_hours` before the documents deadline
  (the start when the CDA set none). Offsets come from config.toml's [exhibitions].

Each is a notification broadcast whose `origin` names the item, the reminder and the moment it is
about, so two ticks, two processes or a restart create it once; a moved deadline reminds again.
None is created within `reminder_gap_hours` after the item's announcement (announced late, the
reminder comes later or not at all), and none during quiet hours: a reminder is made when it can be
sent at once, so its audience is whoever has not answered *then* (members who registered overnight
included, those who answered overnight left out).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts.digest import DigestItem
from bot.services.common import segments
from bot.services.common.notify import notify
from bot.services.common.quiet_hours import is_quiet
from bot.services.courses import admin as ca
from bot.services.exhibitions import catalog as ex
from bot.services.exhibitions import documents as docs
from bot.services.exhibitions.admin import announcement_origin
from models import Broadcast, Event, ExhibitionDetails, ExhibitionResponse, Seat
from models.enums import EventStatus, SeatStatus


@dataclass(frozen=True)
class NonResponderReminder:
    """«The deadline is near» with the response buttons (handlers/exhibitions/notices.py)."""

    event: Event
    details: ExhibitionDetails
    deadline: datetime


@dataclass(frozen=True)
class ParticipantReminder:
    event: Event
    details: ExhibitionDetails


@dataclass(frozen=True)
class DocumentsReminder:
    """What this member still owes, with a button to send documents."""

    event_id: int
    title: str
    missing: tuple[str, ...]  # document labels
    deadline: datetime


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M")


@dataclass(frozen=True)
class _Tick:
    """One item's reminders in one tick: where, when, and the earliest moment after its announcement."""

    session: AsyncSession
    config: Config
    now: datetime
    not_before: datetime | None

    def due(self, moment: datetime, hours: int) -> bool:
        start = moment - timedelta(hours=hours)
        if self.not_before is not None:
            start = max(start, self.not_before)
        return start <= self.now < moment


async def _announced_at(session: AsyncSession, event_id: int) -> datetime | None:
    stmt = select(Broadcast.started_at, Broadcast.due_at, Broadcast.created_at).where(
        Broadcast.origin == announcement_origin(event_id)
    )
    row = (await session.execute(stmt)).first()
    return next((moment for moment in row if moment is not None), None) if row else None


async def _made(session: AsyncSession, prefix: str) -> set[str]:
    """Origins already used that start with `prefix`: checked before any audience is computed, so a
    tick inside a reminder's window costs one indexed lookup once the reminder exists."""
    stmt = select(Broadcast.origin).where(Broadcast.origin.like(f"{prefix}%"))
    return {o for o in (await session.execute(stmt)).scalars() if o}


async def _answered(session: AsyncSession, event_id: int) -> set[int]:
    responded = select(ExhibitionResponse.member_id).where(ExhibitionResponse.event_id == event_id)
    registered = select(Seat.member_id).where(Seat.event_id == event_id)
    return set((await session.execute(responded)).scalars()) | set(
        (await session.execute(registered)).scalars()
    )


async def non_responders(session: AsyncSession, event: Event, config: Config) -> list[int]:
    """Reachable members of the item's target segment who neither said «علاقه‌مندم» nor took part."""
    query = segments.recipients_query(ca.target_segment(event), platforms=config.platforms)
    audience = [row[0] for row in (await session.execute(query)).all()]
    answered = await _answered(session, event.id)
    return [m for m in audience if m not in answered]


async def _remind_non_responders(tick: _Tick, event: Event, details: ExhibitionDetails) -> bool:
    session, config, now = tick.session, tick.config, tick.now
    deadline = event.registration_deadline or event.starts_at
    hours = config.exhibitions.nonresponder_hours
    if event.status != EventStatus.PUBLISHED or not tick.due(deadline, hours):
        return False
    origin = f"exh:{event.id}:nonresp:{_stamp(deadline)}"
    if await _made(session, origin):
        return False
    people = await non_responders(session, event, config)
    notice = NonResponderReminder(event, details, deadline)
    return bool(
        await notify(session, config=config, member_ids=people, notice=notice, now=now, origin=origin)
    )


async def _remind_participants(tick: _Tick, event: Event, details: ExhibitionDetails) -> bool:
    session, config, now = tick.session, tick.config, tick.now
    origin = f"exh:{event.id}:start:{_stamp(event.starts_at)}"
    hours = config.exhibitions.participant_hours
    if not tick.due(event.starts_at, hours) or await _made(session, origin):
        return False
    stmt = select(Seat.member_id).where(Seat.event_id == event.id, Seat.status == SeatStatus.REGISTERED)
    people = list((await session.execute(stmt)).scalars())
    notice = ParticipantReminder(event, details)
    return bool(
        await notify(session, config=config, member_ids=people, notice=notice, now=now, origin=origin)
    )


async def _remind_documents(tick: _Tick, event: Event, details: ExhibitionDetails) -> int:
    session, config, now = tick.session, tick.config, tick.now
    deadline = details.documents_deadline or event.starts_at
    hours = config.exhibitions.documents_hours
    if not details.documents or not tick.due(deadline, hours):
        return 0
    prefix = f"exh:{event.id}:docs:{_stamp(deadline)}:"
    made = await _made(session, prefix)
    missing = await docs.missing_by_member(session, event.id, details)
    created = 0
    for member_id, labels in sorted(missing.items()):  # each member hears what *they* still owe
        origin = f"{prefix}{member_id}"
        if origin in made:
            continue
        created += bool(
            await notify(
                session,
                config=config,
                member_ids=[member_id],
                notice=DocumentsReminder(event.id, event.title, tuple(labels), deadline),
                now=now,
                origin=origin,
            )
        )
    return created


async def send_exhibition_reminders(session: AsyncSession, *, config: Config, now: datetime) -> int:
    """Create whichever reminders are due now; returns how many notification broadcasts were made."""
    stmt = (
        select(Event, ExhibitionDetails)
        .join(ExhibitionDetails, ExhibitionDetails.event_id == Event.id)
        .where(
            Event.kind.in_(ex.KINDS),
            Event.status.in_((EventStatus.PUBLISHED, EventStatus.CLOSED)),
            Event.starts_at > now,
        )
    )
    b = config.broadcasting
    if is_quiet(now, b.quiet_start, b.quiet_end, config.timezone):
        return 0  # made in the morning, for whoever has not answered then
    gap = timedelta(hours=config.exhibitions.reminder_gap_hours)
    created = 0
    for event, details in (await session.execute(stmt)).all():
        announced = await _announced_at(session, event.id)
        tick = _Tick(session, config, now, announced + gap if announced is not None else None)
        created += await _remind_non_responders(tick, event, details)
        created += await _remind_participants(tick, event, details)
        created += await _remind_documents(tick, event, details)
    return created


async def upcoming_exhibitions(session: AsyncSession, start: datetime, end: datetime) -> list[DigestItem]:
    """Digest source: published exhibitions and tours starting in [start, end]."""
    stmt = select(Event).where(
        Event.kind.in_(ex.KINDS),
        Event.status == EventStatus.PUBLISHED,
        Event.starts_at >= start,
        Event.starts_at <= end,
    )
    return [DigestItem(e.starts_at, e.title, e.kind) for e in (await session.execute(stmt)).scalars()]
