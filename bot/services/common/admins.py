"""Admin rights: config.toml's list plus rows added with `khooshe admin add`; checked on every update."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.audit import record
from bot.services.common.errors import NotAllowed
from bot.services.members.accounts import Identity
from models import Admin
from models.enums import AuditAction, AuditKind


async def is_admin(session: AsyncSession, *, platform: str, user_id: int, config_ids: Iterable[int]) -> bool:
    if user_id in set(config_ids):
        return True
    stmt = select(Admin.id).where(Admin.platform == platform, Admin.user_id == user_id)
    return (await session.execute(stmt)).first() is not None


async def add_admin(
    session: AsyncSession, *, platform: str, user_id: int, now: datetime, by: Identity | None = None
) -> bool:
    """Add an admin (audited; `by` None is `khooshe admin add`); returns False when they already were one."""
    stmt = select(Admin).where(Admin.platform == platform, Admin.user_id == user_id)
    if (await session.execute(stmt)).scalar_one_or_none() is not None:
        return False
    session.add(Admin(platform=platform, user_id=user_id, added_at=now))
    await session.flush()
    await record(
        session, by, AuditAction.ADMIN_ADDED, AuditKind.ADMIN, user_id, platform, now=now, platform=platform
    )
    return True


async def list_admins(
    session: AsyncSession, *, platform: str, config_ids: Iterable[int]
) -> list[tuple[int, str]]:
    """Every admin id with where it comes from ("config" or "database"), config first."""
    out = [(uid, "config") for uid in sorted(set(config_ids))]
    seen = {uid for uid, _ in out}
    rows = (
        await session.execute(select(Admin.user_id).where(Admin.platform == platform).order_by(Admin.id))
    ).scalars()
    out += [(uid, "database") for uid in rows if uid not in seen]
    return out


async def require_admin(
    session: AsyncSession, *, platform: str, user_id: int, config_ids: Iterable[int]
) -> None:
    """Raise NotAllowed unless the caller is an admin; called by every admin action, every time."""
    if not await is_admin(session, platform=platform, user_id=user_id, config_ids=config_ids):
        raise NotAllowed()


async def check_admin(session: AsyncSession, who: Identity, config: Config) -> None:
    """The caller's rights, re-checked by every admin action (NotAllowed otherwise)."""
    await require_admin(session, platform=who.platform, user_id=who.user_id, config_ids=config.admin_ids)
