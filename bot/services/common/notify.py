"""Messages to named members (offers, reminders, changes to an event) go through the delivery engine.

A notification is an ordinary broadcast whose audience is a list of members, due now, so it is
paced, retried, crash-safe and held during quiet hours like any other. An `origin` key makes it
idempotent: asking twice for the same notification (two ticks, a restart) creates it once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts.lifecycle import SCHEDULED
from models import Broadcast


async def notify(
    session: AsyncSession,
    *,
    config: Config,
    member_ids: Iterable[int],
    text_html: str,
    now: datetime,
    origin: str | None = None,
    buttons: list[dict[str, Any]] | None = None,
    urgent: bool = False,
) -> int | None:
    """Queue one message to these members; None when there is nobody or `origin` was already used."""
    members = sorted({str(m) for m in member_ids})
    if not members:
        return None
    if (
        origin is not None
        and (await session.execute(select(exists().where(Broadcast.origin == origin)))).scalar()
    ):
        return None
    broadcast = Broadcast(
        status=SCHEDULED,
        created_by=0,
        admin_chat_id=0,
        kind="text",
        text_html=text_html,
        buttons=list(buttons or []),
        segment={"members": members},
        urgent=urgent,
        due_at=now,
        expires_at=now + timedelta(days=2),
        origin=origin,
        created_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(broadcast)
    except IntegrityError:  # the same origin, created by another process a moment ago
        return None
    return broadcast.id
