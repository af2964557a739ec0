"""One-time dashboard links and browser sessions (telegram-free; the web server and the chat call these).

/admin → «🖥 داشبورد» calls `issue_link` (admin rights re-checked): a random token, valid LINK_TTL,
bound to that admin; only its sha256 is stored. `open_link` spends it once and starts a session whose
random cookie id is stored hashed too; `session_admin` keeps it alive (IDLE) up to MAX_SESSION and
re-checks that its admin is still one. Every refusal is a `LinkRefused` with a reason the page words.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.admins import check_admin, is_admin
from bot.services.common.errors import DomainError
from bot.services.members.accounts import Identity
from models import DashboardLink, DashboardSession

LINK_TTL = timedelta(minutes=15)
IDLE = timedelta(minutes=30)
MAX_SESSION = timedelta(hours=2)
TOKEN_BYTES = 32
AdminIds = Callable[[str], Iterable[int]]  # a messenger's admin ids from config (platform -> ids)


class LinkRefused(DomainError):
    """code: "forged" (no such link/session), "used", "expired" or "not_admin"."""


@dataclass(frozen=True)
class Admin:
    platform: str
    user_id: int


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def issue_link(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> str:
    """A fresh one-time token for this admin (NotAllowed for anyone else)."""
    await check_admin(session, who, config)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        DashboardLink(
            token_hash=digest(token),
            admin_platform=who.platform,
            admin_user_id=who.user_id,
            created_at=now,
            expires_at=now + LINK_TTL,
        )
    )
    await session.execute(delete(DashboardLink).where(DashboardLink.expires_at < now - timedelta(days=1)))
    await session.execute(delete(DashboardSession).where(DashboardSession.expires_at < now))
    await session.flush()
    return token


async def _still_admin(session: AsyncSession, admin: Admin, admin_ids: AdminIds) -> bool:
    return await is_admin(
        session, platform=admin.platform, user_id=admin.user_id, config_ids=admin_ids(admin.platform)
    )


async def open_link(
    session: AsyncSession, token: str, admin_ids: AdminIds, *, now: datetime
) -> tuple[str, Admin]:
    """Spend the link: (the new session's cookie id, its admin). LinkRefused otherwise."""
    link = (
        await session.execute(
            select(DashboardLink).where(DashboardLink.token_hash == digest(token or "")).with_for_update()
        )
    ).scalar_one_or_none()
    if link is None:
        raise LinkRefused("forged")
    # spend it first, as one conditional update: two browsers racing for one link cannot both win
    spent = await session.execute(
        update(DashboardLink)
        .where(DashboardLink.id == link.id, DashboardLink.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:  # type: ignore[attr-defined]
        raise LinkRefused("used")
    if now >= link.expires_at:
        raise LinkRefused("expired")
    admin = Admin(link.admin_platform, link.admin_user_id)
    if not await _still_admin(session, admin, admin_ids):
        raise LinkRefused("not_admin")
    cookie = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(
        DashboardSession(
            session_hash=digest(cookie),
            admin_platform=admin.platform,
            admin_user_id=admin.user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + MAX_SESSION,
        )
    )
    await session.flush()
    return cookie, admin


async def session_admin(
    session: AsyncSession, cookie: str | None, admin_ids: AdminIds, *, now: datetime
) -> Admin:
    """The admin of a live session (its idle clock restarts); LinkRefused "forged"/"expired"/"not_admin"."""
    if not cookie:
        raise LinkRefused("forged")
    row = (
        await session.execute(select(DashboardSession).where(DashboardSession.session_hash == digest(cookie)))
    ).scalar_one_or_none()
    if row is None:
        raise LinkRefused("forged")
    if now >= row.expires_at or now - row.last_seen_at >= IDLE:
        await session.delete(row)
        raise LinkRefused("expired")
    admin = Admin(row.admin_platform, row.admin_user_id)
    if not await _still_admin(session, admin, admin_ids):
        await session.delete(row)
        raise LinkRefused("not_admin")
    row.last_seen_at = now
    return admin


def identity(admin: Admin) -> Identity:
    """The session's admin as the services' caller (for check_admin and the audit log)."""
    return Identity(platform=admin.platform, user_id=admin.user_id, chat_id=admin.user_id)
