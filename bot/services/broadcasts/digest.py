"""The weekly digest: upcoming events from every feature that registers a source, sent once a week.

Features with dated events (courses, exhibitions, tours) append a source to SOURCES. The digest is
an ordinary broadcast to all members, created by the scheduler tick at the configured Tehran day
and hour, with an idempotency key per week, so restarts and overlapping ticks never send it twice.
A week with nothing upcoming sends nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.notify import render
from models import Broadcast
from models.enums import BroadcastKind, BroadcastStatus

HORIZON = timedelta(days=14)
SATURDAY = 5  # date.weekday() of شنبه, the first day of the Iranian week


@dataclass(frozen=True)
class DigestItem:
    starts_at: datetime
    title: str
    kind: str  # an EventKind: its icon in texts.delivery.DIGEST_KINDS


DigestSource = Callable[[AsyncSession, datetime, datetime], Awaitable[list[DigestItem]]]
SOURCES: list[DigestSource] = []


def due_this_week(now: datetime, config: Config) -> datetime:
    """This week's digest moment: week days counted from شنبه, at digest_hour Tehran time."""
    local = now.astimezone(config.timezone)
    week_start: date = local.date() - timedelta(days=(local.weekday() - SATURDAY) % 7)
    day = week_start + timedelta(days=config.broadcasting.digest_weekday)
    return datetime.combine(day, time(config.broadcasting.digest_hour), config.timezone)


async def collect(session: AsyncSession, now: datetime) -> list[DigestItem]:
    items = [item for source in SOURCES for item in await source(session, now, now + HORIZON)]
    return sorted(items, key=lambda item: item.starts_at)


@dataclass(frozen=True)
class WeeklyDigest:
    """The week's digest: upcoming items in time order (handlers/broadcasts/notices.py)."""

    items: tuple[DigestItem, ...]


async def create_due_digest(session: AsyncSession, *, config: Config, now: datetime) -> int | None:
    """Create this week's digest broadcast if it is due, not yet created and has something to say."""
    due = due_this_week(now, config)
    if not due <= now <= due + timedelta(minutes=config.broadcasting.late_grace_minutes):
        return None
    key = f"digest:{due.date().isoformat()}"
    if (await session.execute(select(exists().where(Broadcast.origin == key)))).scalar():
        return None
    items = await collect(session, now)
    if not items:
        return None
    admin_chat = min(config.admin_ids, default=0)
    broadcast = Broadcast(
        status=BroadcastStatus.SCHEDULED,
        created_by=0,
        admin_chat_id=admin_chat,
        admin_platform=config.platform,
        kind=BroadcastKind.TEXT,
        text_html=render(WeeklyDigest(tuple(items)), config).text_html,
        buttons=[],
        segment={},
        urgent=False,
        due_at=now,
        expires_at=due + timedelta(minutes=config.broadcasting.late_grace_minutes),
        origin=key,
        created_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(broadcast)
    except IntegrityError:  # another process created it a moment ago
        return None
    return broadcast.id
