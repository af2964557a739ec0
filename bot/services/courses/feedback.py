"""After a course: ask those marked present for a score (1–5) and an optional comment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.persian import normalize_text
from bot.services.common.conversations import clear_state, get_state, start_flow
from bot.services.common.errors import InvalidInput, NotRegistered, StaleAction
from bot.services.common.notify import notify
from bot.services.members.accounts import Identity, find_account
from models import Event, Seat
from models.enums import EventKind, EventStatus

FLOW = "crsfb"
COMMENT_MAX = 1000
DEFAULT_LENGTH = timedelta(hours=3)  # when a course has no end time


@dataclass(frozen=True)
class FeedbackRequest:
    """«How was this course?» with score buttons 5…1 (handlers/courses/notices.py)."""

    event_id: int
    title: str


async def send_feedback_requests(session: AsyncSession, *, config: Config, now: datetime) -> int:
    """Once a course is over, ask every member marked present (once per course)."""
    ended = (
        (
            await session.execute(
                select(Event).where(
                    Event.kind == EventKind.COURSE,
                    Event.status.in_((EventStatus.PUBLISHED, EventStatus.CLOSED)),
                    Event.starts_at < now - DEFAULT_LENGTH,
                    Event.starts_at > now - timedelta(days=14),
                )
            )
        )
        .scalars()
        .all()
    )
    asked = 0
    for event in ended:
        if (event.ends_at or event.starts_at + DEFAULT_LENGTH) > now:
            continue
        present = (
            (
                await session.execute(
                    select(Seat.member_id).where(Seat.event_id == event.id, Seat.attended.is_(True))
                )
            )
            .scalars()
            .all()
        )
        created = await notify(
            session,
            config=config,
            member_ids=present,
            now=now,
            notice=FeedbackRequest(event.id, event.title),
            origin=f"feedback:{event.id}",
        )
        asked += bool(created)
    return asked


async def _present_seat(session: AsyncSession, who: Identity, event_id: int) -> Seat:
    account = await find_account(session, who)
    if account is None or account.member_id is None:
        raise NotRegistered()
    stmt = select(Seat).where(Seat.event_id == event_id, Seat.member_id == account.member_id)
    registration = (await session.execute(stmt)).scalar_one_or_none()
    if registration is None or registration.attended is not True:
        raise StaleAction()
    return registration


async def give_score(
    session: AsyncSession, who: Identity, event_id: int, score: int, *, now: datetime
) -> None:
    """Store (or change) the score and wait for an optional comment."""
    if not 1 <= score <= 5:
        raise StaleAction()
    registration = await _present_seat(session, who, event_id)
    registration.feedback_score, registration.updated_at = score, now
    account = await find_account(session, who)
    assert account is not None
    await start_flow(session, account.id, flow=FLOW, step="comment", data={"event_id": event_id}, now=now)


async def give_comment(session: AsyncSession, who: Identity, text: str | None, *, now: datetime) -> None:
    """The optional comment (None = skipped); ends the feedback flow."""
    account = await find_account(session, who)
    state = await get_state(session, account.id) if account is not None else None
    if account is None or state is None or state.flow != FLOW:
        raise StaleAction()
    if text is not None:
        comment = normalize_text(text)
        if not comment:
            raise InvalidInput("empty")
        if len(comment) > COMMENT_MAX:
            raise InvalidInput("comment_too_long")
        registration = await _present_seat(session, who, int(state.data["event_id"]))
        registration.feedback_comment, registration.updated_at = comment, now
    await clear_state(session, account.id)
