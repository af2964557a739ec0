"""The CDA's side of exhibitions and tours: draft → published ⇄ closed → cancelled, the announcement
(a broadcast to the target segment, with the poster as a photo and the response buttons), responses
counted, messages to those who responded or have not sent their documents.

Every function re-checks that the caller is an admin and that the item is in a state where the
action makes sense (button data is user-controlled); seats change with the event row locked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts import lifecycle as bc
from bot.services.common import audience_message, segments
from bot.services.common import lifecycle as lc
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.notify import notify, render
from bot.services.common.rows import get_locked
from bot.services.courses import admin as ca
from bot.services.courses import seats as en
from bot.services.courses.notices import announce_offers
from bot.services.exhibitions import catalog as ex
from bot.services.exhibitions import documents as docs
from bot.services.exhibitions import fields as xf
from bot.services.members.accounts import Identity
from models import Event, ExhibitionDetails, ExhibitionResponse, Seat
from models.enums import BroadcastKind, EventStatus, ExhibitionChoice, SeatStatus, TripKind

LIVE = (EventStatus.PUBLISHED, EventStatus.CLOSED)
ALL_STATES = (EventStatus.DRAFT, *LIVE, EventStatus.CANCELLED)
AUDIENCES = ("all", "nodocs")
LIST_MAX = 15


@dataclass
class ItemSummary:
    """An item with its responses counted (interested, and registrations by status) and its audience."""

    event: Event
    details: ExhibitionDetails
    counts: Counter[str] = field(default_factory=Counter)
    audience: int = 0
    documents_complete: int = 0  # registered participants who sent every document


@dataclass(frozen=True)
class Change:
    summary: ItemSummary
    told: int = 0
    broadcast_id: int | None = None
    offers: int = 0


@dataclass(frozen=True)
class ExhibitionAnnounced:
    """The announcement (the poster's caption) with the response buttons (handlers/exhibitions/notices)."""

    event: Event
    details: ExhibitionDetails


@dataclass(frozen=True)
class ExhibitionCancelled:
    event: Event


@dataclass(frozen=True)
class ExhibitionMessage:
    """The CDA's words under the item's heading; for those missing documents, with a button to send them."""

    event_id: int
    title: str
    text_html: str
    documents_button: bool


async def load(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, states: tuple[str, ...]
) -> tuple[Event, ExhibitionDetails]:
    """The item, locked, if the caller is an admin and it is in one of `states`; else StaleAction."""
    await ca.check_admin(session, who, config)
    event = await get_locked(session, Event, event_id)
    details = await session.get(ExhibitionDetails, event_id)
    if event is None or details is None or event.kind not in ex.KINDS or event.status not in states:
        raise StaleAction()
    return event, details


async def counts(session: AsyncSession, event_id: int) -> Counter[str]:
    """Registrations by status plus `interested` (responses that did not take part)."""
    regs = select(Seat.status, func.count()).where(Seat.event_id == event_id)
    out = Counter({s: int(n) for s, n in (await session.execute(regs.group_by(Seat.status))).all()})
    interested = select(func.count()).where(
        ExhibitionResponse.event_id == event_id, ExhibitionResponse.choice == ExhibitionChoice.INTERESTED
    )
    out[ExhibitionChoice.INTERESTED] = int((await session.execute(interested)).scalar_one())
    return out


async def summarise(
    session: AsyncSession, event: Event, details: ExhibitionDetails, config: Config
) -> ItemSummary:
    segment = ca.target_segment(event)
    audience = await segments.count_recipients(session, segment, platforms=config.platforms)
    c = await counts(session, event.id)
    complete = 0
    if details.documents:
        complete = c[SeatStatus.REGISTERED] - len(await docs.missing_by_member(session, event.id, details))
    return ItemSummary(event, details, c, audience, complete)


async def summary(session: AsyncSession, who: Identity, config: Config, event_id: int) -> ItemSummary:
    event, details = await load(session, who, config, event_id, states=lc.allowing(lc.EXHIBITION, lc.VIEW))
    return await summarise(session, event, details, config)


async def list_items(
    session: AsyncSession, who: Identity, config: Config, *, now: datetime
) -> list[ItemSummary]:
    """Drafts and items that have not ended, soonest first."""
    await ca.check_admin(session, who, config)
    stmt = (
        select(Event, ExhibitionDetails)
        .join(ExhibitionDetails, ExhibitionDetails.event_id == Event.id)
        .where(Event.kind.in_(ex.KINDS), (Event.status == EventStatus.DRAFT) | (Event.starts_at > now))
        .order_by(Event.starts_at, Event.id)
        .limit(LIST_MAX)
    )
    return [ItemSummary(e, d, await counts(session, e.id)) for e, d in (await session.execute(stmt)).all()]


async def create_draft(
    session: AsyncSession, who: Identity, config: Config, values: dict[str, Any], *, now: datetime
) -> Event:
    """A draft from the answers of the creation conversation (already parsed and checked)."""
    await ca.check_admin(session, who, config)
    kind = values.get("trip_kind")
    if (
        kind not in xf.TRIP_KINDS
        or not values.get("title")
        or not isinstance(values.get("starts_at"), datetime)
    ):
        raise StaleAction()
    if values["starts_at"] <= now:
        raise InvalidInput("starts_in_past")
    event = Event(
        kind=xf.EVENT_KIND[kind],
        status=EventStatus.DRAFT,
        title=values["title"],
        starts_at=values["starts_at"],
        ends_at=values.get("ends_at"),
        place=values.get("place"),
        capacity=values.get("capacity"),
        registration_deadline=values.get("registration_deadline"),
        segment=segments.clean_segment(values.get("segment") or {}),
        created_by=who.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(event)
    await session.flush()
    session.add(
        ExhibitionDetails(
            event_id=event.id,
            trip_kind=kind,
            city=values.get("city") or "",
            country=values.get("country") or xf.HOME_COUNTRY,
            costs=values.get("costs"),
            subsidy=values.get("subsidy"),
            poster_file_id=values.get("poster_file_id"),
            documents=list(values.get("documents") or []) if kind == TripKind.FOREIGN else [],
            documents_deadline=values.get("documents_deadline") if kind == TripKind.FOREIGN else None,
        )
    )
    await session.flush()
    return event


def announcement_origin(event_id: int) -> str:
    return f"exh:{event_id}:announce"


async def publish(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, announce: bool, now: datetime
) -> Change:
    """Open responses; with `announce`, a broadcast to the target segment carrying the response buttons
    (a photo with the announcement as caption when there is a poster)."""
    event, details = await load(session, who, config, event_id, states=lc.allowing(lc.EXHIBITION, lc.PUBLISH))
    if event.starts_at <= now:
        raise InvalidInput("starts_in_past")
    if event.registration_deadline is not None and event.registration_deadline <= now:
        raise InvalidInput("deadline_in_past")
    event.status, event.updated_at = EventStatus.PUBLISHED, now
    await session.flush()
    result = await summarise(session, event, details, config)
    if not announce or result.audience == 0:
        return Change(result)
    announcement = render(ExhibitionAnnounced(event, details), config)
    html = announcement.text_html
    content = (
        bc.Content(BroadcastKind.PHOTO, html, details.poster_file_id)
        if details.poster_file_id
        else bc.Content(BroadcastKind.TEXT, html)
    )
    broadcast = await bc.create_draft(session, who, config, content, now=now)
    broadcast.segment = ca.target_segment(event)
    broadcast.origin = announcement_origin(event.id)  # reminders keep their distance from it
    await bc.set_buttons(session, who, config, broadcast.id, announcement.buttons, now=now)
    await bc.schedule(session, who, config, broadcast.id, due_at=None, now=now)
    return Change(result, told=result.audience, broadcast_id=broadcast.id)


async def discard_draft(session: AsyncSession, who: Identity, config: Config, event_id: int) -> str:
    event, details = await load(session, who, config, event_id, states=lc.allowing(lc.EXHIBITION, lc.DISCARD))
    title = event.title
    await session.delete(details)
    await session.delete(event)
    await session.flush()
    return title


async def close(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, now: datetime
) -> Change:
    event, details = await load(session, who, config, event_id, states=lc.allowing(lc.EXHIBITION, lc.CLOSE))
    event.status, event.updated_at = EventStatus.CLOSED, now
    return Change(await summarise(session, event, details, config))


async def reopen(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, now: datetime
) -> Change:
    event, details = await load(session, who, config, event_id, states=lc.allowing(lc.EXHIBITION, lc.REOPEN))
    if event.starts_at <= now:
        raise StaleAction()
    event.status, event.updated_at = EventStatus.PUBLISHED, now
    await session.flush()
    offers = await en.offer_free_seats(session, event, config=config, now=now)
    await announce_offers(session, offers, config=config, now=now)
    return Change(await summarise(session, event, details, config), offers=len(offers))


async def responders(session: AsyncSession, event_id: int) -> list[int]:
    """Members who answered (interested, or taking part/waiting/offered), without those who withdrew."""
    interested = select(ExhibitionResponse.member_id).where(
        ExhibitionResponse.event_id == event_id, ExhibitionResponse.choice == ExhibitionChoice.INTERESTED
    )
    active = select(Seat.member_id).where(Seat.event_id == event_id, Seat.status.in_(en.ACTIVE))
    ids = set((await session.execute(interested)).scalars()) | set((await session.execute(active)).scalars())
    return sorted(ids)


async def recipients(session: AsyncSession, event: Event, details: ExhibitionDetails, to: str) -> list[int]:
    if to == "all":
        return await responders(session, event.id)
    if to == "nodocs":
        return sorted(await docs.missing_by_member(session, event.id, details))
    raise StaleAction()


async def audience_of_message(
    session: AsyncSession, who: Identity, config: Config, event_id: int, to: str
) -> int:
    event, details = await load(session, who, config, event_id, states=lc.allowing(lc.EXHIBITION, lc.MESSAGE))
    return len(await recipients(session, event, details, to))


async def message(
    session: AsyncSession,
    who: Identity,
    config: Config,
    event_id: int,
    to: str,
    text_html: str,
    *,
    now: datetime,
) -> int:
    """A typed message to those who responded (`all`) or have not sent every document (`nodocs`)."""
    event, details = await load(session, who, config, event_id, states=lc.allowing(lc.EXHIBITION, lc.MESSAGE))
    audience_message.check(text_html)
    people = await recipients(session, event, details, to)
    if not people:
        raise InvalidInput("no_recipients")
    notice = ExhibitionMessage(event.id, event.title, text_html, documents_button=to == "nodocs")
    await audience_message.queue(
        session,
        config=config,
        segment=audience_message.members(people),
        notice=notice,
        text_html=text_html,
        now=now,
    )
    return len(people)


async def cancel(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, now: datetime
) -> Change:
    """Cancel a live item: everyone who responded is told, once."""
    event, details = await load(session, who, config, event_id, states=lc.allowing(lc.EXHIBITION, lc.CANCEL))
    people = await responders(session, event.id)
    event.status, event.updated_at = EventStatus.CANCELLED, now
    await session.flush()
    notice = ExhibitionCancelled(event)
    created = await notify(
        session, config=config, member_ids=people, notice=notice, now=now, origin=f"exh:{event.id}:cancel"
    )
    return Change(await summarise(session, event, details, config), told=len(people) if created else 0)
