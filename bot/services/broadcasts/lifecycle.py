"""Broadcast lifecycle for the CDA: draft → scheduled → running ⇄ paused → done (or cancelled/expired).

Every public function re-checks that the caller is an admin and that the broadcast is in a state
where the action makes sense, because button data is user-controlled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import lifecycle as lc
from bot.services.common import segments
from bot.services.common.admins import check_admin
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.quiet_hours import quiet_end_after
from bot.services.common.rows import get_locked
from bot.services.members.accounts import Identity
from models import Broadcast, Delivery
from models.enums import BroadcastKind, BroadcastStatus, DeliveryStatus

ACTIVE = lc.allowing(lc.BROADCAST, lc.LIST)  # scheduled, running, paused: shown as cards
KINDS = tuple(BroadcastKind)
MAX_BUTTONS = 6
BUTTON_TEXT_MAX = 40
URL = re.compile(r"^(https?://[^\s/$.?#][^\s]*|tg://[^\s]+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Content:
    kind: str
    text_html: str | None
    file_id: str | None = None


async def load(
    session: AsyncSession, who: Identity, config: Config, broadcast_id: int, *, states: tuple[str, ...]
) -> Broadcast:
    """The broadcast, if the caller is an admin and it is in one of `states`; else StaleAction."""
    await check_admin(session, who, config)
    broadcast = await get_locked(session, Broadcast, broadcast_id)
    if broadcast is None or broadcast.status not in states:
        raise StaleAction()
    return broadcast


async def create_draft(
    session: AsyncSession, who: Identity, config: Config, content: Content, *, now: datetime
) -> Broadcast:
    await check_admin(session, who, config)
    if content.kind not in KINDS:
        raise InvalidInput("bcast_unsupported")
    if content.kind == BroadcastKind.TEXT and not (content.text_html or "").strip():
        raise InvalidInput("empty")
    broadcast = Broadcast(
        status=BroadcastStatus.DRAFT,
        created_by=who.user_id,
        admin_chat_id=who.chat_id,
        admin_platform=who.platform,
        kind=content.kind,
        text_html=content.text_html,
        file_id=content.file_id,
        file_platform=who.platform if content.file_id else None,
        buttons=[],
        segment={},
        created_at=now,
        updated_at=now,
    )
    session.add(broadcast)
    await session.flush()
    return broadcast


def parse_link_buttons(text: str) -> list[dict[str, str]]:
    """One button per line, «عنوان | https://…»; a clear error code for anything else."""
    buttons: list[dict[str, str]] = []
    for line in filter(None, (raw.strip() for raw in text.splitlines())):
        title, sep, url = (part.strip() for part in line.partition("|"))
        if not sep or not title or not URL.match(url):
            raise InvalidInput("bcast_bad_button")
        if len(title) > BUTTON_TEXT_MAX:
            raise InvalidInput("bcast_button_long")
        buttons.append({"text": title, "url": url})
    if not buttons:
        raise InvalidInput("bcast_bad_button")
    if len(buttons) > MAX_BUTTONS:
        raise InvalidInput("bcast_too_many_buttons")
    return buttons


async def set_buttons(
    session: AsyncSession,
    who: Identity,
    config: Config,
    broadcast_id: int,
    buttons: list[dict[str, str]],
    *,
    now: datetime,
) -> Broadcast:
    broadcast = await load(session, who, config, broadcast_id, states=lc.allowing(lc.BROADCAST, lc.EDIT))
    broadcast.buttons = list(buttons)
    broadcast.updated_at = now
    return broadcast


async def toggle_segment(
    session: AsyncSession,
    who: Identity,
    config: Config,
    broadcast_id: int,
    dimension: str,
    key: str,
    *,
    now: datetime,
) -> Broadcast:
    """Tick or untick one role/category/place; `dimension == "all"` clears the segment."""
    broadcast = await load(session, who, config, broadcast_id, states=lc.allowing(lc.BROADCAST, lc.EDIT))
    if dimension == "all":
        broadcast.segment = {}
    else:
        choices = {"roles": config.roles, "categories": config.categories, "places": config.places}.get(
            dimension
        )
        valid = {c.key for c in choices or ()} | ({"other"} if dimension == "places" else set())
        if key not in valid:
            raise InvalidInput("unknown_choice")
        current = set(broadcast.segment.get(dimension, []))
        current ^= {key}
        broadcast.segment = segments.clean_segment({**broadcast.segment, dimension: sorted(current)})
    broadcast.updated_at = now
    return broadcast


async def toggle_flag(
    session: AsyncSession, who: Identity, config: Config, broadcast_id: int, flag: str, *, now: datetime
) -> Broadcast:
    broadcast = await load(session, who, config, broadcast_id, states=lc.allowing(lc.BROADCAST, lc.EDIT))
    if flag == "urgent":
        broadcast.urgent = not broadcast.urgent
    elif flag == "mirror" and config.broadcasting.channel_id:
        broadcast.mirror_to_channel = not broadcast.mirror_to_channel
    else:
        raise StaleAction()
    broadcast.updated_at = now
    return broadcast


async def audience_size(session: AsyncSession, broadcast: Broadcast, config: Config) -> int:
    return await segments.count_recipients(session, broadcast.segment, platforms=config.platforms)


def effective_due(broadcast: Broadcast, wanted: datetime, config: Config) -> datetime:
    """When it will really start: a non-urgent broadcast waits for the end of quiet hours."""
    if broadcast.urgent:
        return wanted
    b = config.broadcasting
    return quiet_end_after(wanted, b.quiet_start, b.quiet_end, config.timezone)


async def schedule(
    session: AsyncSession,
    who: Identity,
    config: Config,
    broadcast_id: int,
    *,
    due_at: datetime | None,
    now: datetime,
) -> Broadcast:
    """Schedule (or send now when `due_at` is None); also reschedules a scheduled one."""
    broadcast = await load(session, who, config, broadcast_id, states=lc.allowing(lc.BROADCAST, lc.PUBLISH))
    wanted = now if due_at is None else due_at
    if wanted < now - timedelta(minutes=1):
        raise InvalidInput("bcast_in_past")
    if broadcast.status == BroadcastStatus.DRAFT and await audience_size(session, broadcast, config) == 0:
        raise InvalidInput("bcast_no_audience")
    broadcast.due_at = effective_due(broadcast, wanted, config)
    broadcast.expires_at = broadcast.due_at + timedelta(minutes=config.broadcasting.late_grace_minutes)
    broadcast.status = BroadcastStatus.SCHEDULED
    broadcast.updated_at = now
    return broadcast


async def cancel(
    session: AsyncSession, who: Identity, config: Config, broadcast_id: int, *, now: datetime
) -> Broadcast:
    broadcast = await load(session, who, config, broadcast_id, states=lc.allowing(lc.BROADCAST, lc.CANCEL))
    broadcast.status = BroadcastStatus.CANCELLED
    broadcast.finished_at = now
    broadcast.updated_at = now
    await session.execute(
        update(Delivery)
        .where(Delivery.broadcast_id == broadcast.id, Delivery.status == DeliveryStatus.PENDING)
        .values(status=DeliveryStatus.CANCELLED)
    )
    return broadcast


async def pause(
    session: AsyncSession, who: Identity, config: Config, broadcast_id: int, *, now: datetime
) -> Broadcast:
    return await _move(session, who, config, broadcast_id, lc.PAUSE, BroadcastStatus.PAUSED, now=now)


async def resume(
    session: AsyncSession, who: Identity, config: Config, broadcast_id: int, *, now: datetime
) -> Broadcast:
    return await _move(session, who, config, broadcast_id, lc.RESUME, BroadcastStatus.RUNNING, now=now)


async def _move(
    session: AsyncSession,
    who: Identity,
    config: Config,
    broadcast_id: int,
    action: str,
    target: str,
    *,
    now: datetime,
) -> Broadcast:
    """Move a broadcast whose status allows `action` (the lifecycle table) to `target`."""
    broadcast = await load(session, who, config, broadcast_id, states=lc.allowing(lc.BROADCAST, action))
    broadcast.status = target
    broadcast.pause_reason = None
    broadcast.updated_at = now
    return broadcast


async def list_active(session: AsyncSession, who: Identity, config: Config) -> list[Broadcast]:
    await check_admin(session, who, config)
    stmt = select(Broadcast).where(Broadcast.status.in_(ACTIVE)).order_by(Broadcast.due_at, Broadcast.id)
    return list((await session.execute(stmt)).scalars())


def describe_segment(segment: dict[str, Any]) -> dict[str, list[str]]:
    return segments.clean_segment(segment)
