"""Exhibitions and tours as members see them: the calendar, a card, «علاقه‌مندم», taking part, «ثبت‌نام‌های من».

Taking part is a sign-up in the courses' engine (seats, waitlist, offers), preceded by a few short
questions answered with buttons (the answers wait in `conversation_states`, flow `exh_join`). Every
call finds the member from the sender and re-checks the item's state, so an old or forged button
gets a clear refusal and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import callbacks
from bot.config import Config
from bot.services.common.conversations import clear_state, start_flow, state_of, update_state
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.courses import seats as en
from bot.services.courses.catalog import member_of
from bot.services.courses.notices import announce_offers
from bot.services.members.accounts import Identity, touch_account
from models import Event, ExhibitionDetails, ExhibitionResponse, Member, ParticipantDocument, Seat
from models.enums import EventKind, EventStatus, ExhibitionChoice, TripKind

KINDS = (EventKind.EXHIBITION, EventKind.TOUR)
DEEP_LINK = "exh"  # ?start=exh_<id>
JOIN_FLOW = "exh_join"
PRODUCTS, BOOTH, PEOPLE = "products", "booth", "people"
BOOTHS = ("visit", "shared", "9", "18", "36")
PEOPLE_CHOICES = ("1", "2", "3", "4")
LIST_MAX = 30


@dataclass(frozen=True)
class ItemView:
    event: Event
    details: ExhibitionDetails
    seats_left: int | None  # None: no limit
    accepting: bool  # responses still open (published, before the deadline and the start)
    response: str | None = None  # interested | participate | None
    my_status: str | None = None  # registered | waitlisted | offered | None
    my_position: int | None = None
    offer_expires_at: datetime | None = None
    documents_received: int = 0
    ended: str | None = None  # «ثبت‌نام‌های من»: withdrawn | expired (an offer lapsed) | event_cancelled

    @property
    def documents_needed(self) -> int:
        return len(self.details.documents or [])


@dataclass(frozen=True)
class JoinStep:
    """The next question of «شرکت می‌کنم» (products → booth for exhibitions, people for tours)."""

    view: ItemView
    step: str
    products: list[str]


def check_open(event: Event, now: datetime) -> None:
    """The same rules as course sign-up: published, before the response deadline and the start."""
    if event.status == EventStatus.CANCELLED:
        raise en.SignUpRefused("event_cancelled")
    if event.status != EventStatus.PUBLISHED:
        raise en.SignUpRefused("registration_closed")
    if event.registration_deadline is not None and now > event.registration_deadline:
        raise en.SignUpRefused("deadline_passed")
    if now >= event.starts_at:
        raise en.SignUpRefused("event_started")


def is_accepting(event: Event, now: datetime) -> bool:
    try:
        check_open(event, now)
    except en.SignUpRefused:
        return False
    return True


async def load_item(session: AsyncSession, event_id: int) -> tuple[Event, ExhibitionDetails]:
    """A published, closed or cancelled exhibition/tour; drafts and unknown ids are stale."""
    event = await session.get(Event, event_id)
    details = await session.get(ExhibitionDetails, event_id)
    if event is None or details is None or event.kind not in KINDS or event.status == EventStatus.DRAFT:
        raise StaleAction()
    return event, details


async def response_of(session: AsyncSession, event_id: int, member_id: int) -> ExhibitionResponse | None:
    stmt = select(ExhibitionResponse).where(
        ExhibitionResponse.event_id == event_id, ExhibitionResponse.member_id == member_id
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def _view(
    session: AsyncSession, event: Event, details: ExhibitionDetails, member: Member, now: datetime
) -> ItemView:
    seats = None
    if event.capacity is not None:
        seats = max(0, event.capacity - await en.seats_taken(session, event.id))
    accepting = is_accepting(event, now)
    response = await response_of(session, event.id, member.id)
    stmt = select(Seat).where(Seat.event_id == event.id, Seat.member_id == member.id)
    registration = (await session.execute(stmt)).scalar_one_or_none()
    choice = (
        response.choice if response is not None and response.choice == ExhibitionChoice.INTERESTED else None
    )
    docs = int(
        (
            await session.execute(
                select(func.count()).where(
                    ParticipantDocument.event_id == event.id, ParticipantDocument.member_id == member.id
                )
            )
        ).scalar_one()
    )
    if registration is None or registration.status not in en.ACTIVE:
        return ItemView(event, details, seats, accepting, choice, documents_received=docs)
    position = await en.waitlist_position(session, registration)
    return ItemView(
        event,
        details,
        seats,
        accepting,
        ExhibitionChoice.PARTICIPATE,
        registration.status,
        position,
        registration.offer_expires_at,
        docs,
    )


async def item(session: AsyncSession, who: Identity, event_id: int, *, now: datetime) -> ItemView:
    member = await member_of(session, who)
    event, details = await load_item(session, event_id)
    return await _view(session, event, details, member, now)


async def upcoming(session: AsyncSession, who: Identity, *, now: datetime) -> list[ItemView]:
    """Published or closed items that have not started, soonest first (the calendar list)."""
    member = await member_of(session, who)
    stmt = (
        select(Event, ExhibitionDetails)
        .join(ExhibitionDetails, ExhibitionDetails.event_id == Event.id)
        .where(
            Event.kind.in_(KINDS),
            Event.status.in_((EventStatus.PUBLISHED, EventStatus.CLOSED)),
            Event.starts_at > now,
        )
        .order_by(Event.starts_at, Event.id)
        .limit(LIST_MAX)
    )
    rows = (await session.execute(stmt)).all()
    return [await _view(session, event, details, member, now) for event, details in rows]


async def mine(session: AsyncSession, who: Identity, *, now: datetime) -> list[ItemView]:
    """Items still to come that the member answered: the live answers (interested, taking part) first,
    then those that ended (`ended`: withdrawn, an offer lapsed, the CDA cancelled the item)."""
    member = await member_of(session, who)
    stmt = (
        select(Event, ExhibitionDetails, ExhibitionResponse.choice)
        .join(ExhibitionDetails, ExhibitionDetails.event_id == Event.id)
        .join(ExhibitionResponse, ExhibitionResponse.event_id == Event.id)
        .where(
            ExhibitionResponse.member_id == member.id,
            Event.status != EventStatus.DRAFT,
            Event.starts_at > now,
        )
        .order_by(Event.starts_at, Event.id)
    )
    active, ended = [], []
    for event, details, choice in (await session.execute(stmt)).all():
        view = await _view(session, event, details, member, now)
        if event.status == EventStatus.CANCELLED:
            ended.append(replace(view, ended="event_cancelled"))
        elif view.response is not None:
            active.append(view)
        else:  # withdrew, or took part and the seat offered later lapsed
            ended.append(
                replace(view, ended="expired" if choice == ExhibitionChoice.PARTICIPATE else "withdrawn")
            )
    return active + ended


async def _set_response(
    session: AsyncSession, event_id: int, member_id: int, choice: str, answers: dict[str, Any], now: datetime
) -> ExhibitionResponse:
    response = await response_of(session, event_id, member_id)
    if response is None:
        response = ExhibitionResponse(
            event_id=event_id,
            member_id=member_id,
            choice=choice,
            answers=answers,
            created_at=now,
            updated_at=now,
        )
        session.add(response)
    else:
        response.choice, response.answers, response.updated_at = choice, dict(answers), now
    await session.flush()
    return response


async def express_interest(
    session: AsyncSession, who: Identity, event_id: int, *, now: datetime
) -> tuple[bool, ItemView]:
    """«علاقه‌مندم»: keep me informed. Returns (already, view); a participant stays a participant."""
    member = await member_of(session, who)
    event, details = await load_item(session, event_id)
    view = await _view(session, event, details, member, now)
    if view.response is not None:
        return True, view
    check_open(event, now)
    await _set_response(session, event_id, member.id, ExhibitionChoice.INTERESTED, {}, now)
    return False, await _view(session, event, details, member, now)


async def _join_state(session: AsyncSession, who: Identity, event_id: int) -> Any:
    state = await state_of(session, who)
    if state is None or state.flow != JOIN_FLOW or state.data.get("event_id") != event_id:
        raise StaleAction()
    return state


async def begin_join(session: AsyncSession, who: Identity, event_id: int, *, now: datetime) -> JoinStep:
    """«شرکت می‌کنم» / «در تور شرکت می‌کنم»: the first short question (or `already`)."""
    member = await member_of(session, who)
    event, details = await load_item(session, event_id)
    view = await _view(session, event, details, member, now)
    if view.my_status is not None:
        raise InvalidInput("already_participating")
    check_open(event, now)
    step = PEOPLE if details.trip_kind == TripKind.TOUR else PRODUCTS
    account = await touch_account(session, who, now=now)
    await start_flow(
        session, account.id, flow=JOIN_FLOW, step=step, data={"event_id": event_id, "products": []}, now=now
    )
    return JoinStep(view, step, [])


async def toggle_product(
    session: AsyncSession, who: Identity, config: Config, event_id: int, key: str, *, now: datetime
) -> JoinStep:
    state = await _join_state(session, who, event_id)
    if state.step != PRODUCTS:
        raise StaleAction()
    if key not in {c.key for c in config.categories}:
        raise InvalidInput("unknown_choice")
    chosen = sorted(set(state.data.get("products") or []) ^ {key})
    update_state(state, now=now, products=chosen)
    return JoinStep(await item(session, who, event_id, now=now), PRODUCTS, chosen)


async def products_done(session: AsyncSession, who: Identity, event_id: int, *, now: datetime) -> JoinStep:
    state = await _join_state(session, who, event_id)
    if state.step != PRODUCTS:
        raise StaleAction()
    chosen = list(state.data.get("products") or [])
    if not chosen:
        raise InvalidInput("no_product")
    update_state(state, now=now, step=BOOTH)
    return JoinStep(await item(session, who, event_id, now=now), BOOTH, chosen)


async def finish_join(
    session: AsyncSession,
    who: Identity,
    config: Config,
    event_id: int,
    step: str,
    value: str,
    *,
    now: datetime,
) -> tuple[en.SignUp, ItemView]:
    """The last answer (booth size or number of people): take a seat or a waitlist place, in one go."""
    state = await _join_state(session, who, event_id)
    valid = BOOTHS if step == BOOTH else PEOPLE_CHOICES if step == PEOPLE else ()
    if state.step != step or value not in valid:
        raise StaleAction()
    member = await member_of(session, who)
    answers: dict[str, Any] = {step: value}
    if step == BOOTH:
        answers[PRODUCTS] = list(state.data.get("products") or [])
    result = await en.sign_up(session, event_id=event_id, member_id=member.id, now=now)
    await _set_response(session, event_id, member.id, ExhibitionChoice.PARTICIPATE, answers, now)
    await clear_state(session, state.account_id)
    return result, await item(session, who, event_id, now=now)


async def leave(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, now: datetime
) -> tuple[list[en.Offer], ItemView]:
    """Withdraw from taking part; a freed seat is offered to the next person in the same transaction."""
    member = await member_of(session, who)
    await load_item(session, event_id)
    offers = await en.cancel(session, event_id=event_id, member_id=member.id, config=config, now=now)
    response = await response_of(session, event_id, member.id)
    if response is not None:
        response.choice, response.updated_at = ExhibitionChoice.WITHDRAWN, now
    await announce_offers(session, offers, config=config, now=now)
    return offers, await item(session, who, event_id, now=now)


async def accept(
    session: AsyncSession, who: Identity, event_id: int, *, now: datetime
) -> tuple[bool, ItemView]:
    """Take the offered seat. Returns (already: the seat was taken before, e.g. a double tap; view)."""
    member = await member_of(session, who)
    await load_item(session, event_id)
    result = await en.accept_offer(session, event_id=event_id, member_id=member.id, now=now)
    return result.already, await item(session, who, event_id, now=now)


def parse_deep_link(payload: str | None) -> int | None:
    """`exh_12` (https://t.me/<bot>?start=exh_12) → 12; anything else (a forged id) → None."""
    link = callbacks.parse_deep_link(payload, {DEEP_LINK})
    return link.object_id if link is not None else None
