"""What the admin menu shows; each call re-checks the caller's rights on the server."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.admins import check_admin, is_admin, list_admins
from bot.services.members.accounts import Identity
from bot.services.members.members import MemberStats, member_stats


async def caller_is_admin(session: AsyncSession, identity: Identity, config: Config) -> bool:
    return await is_admin(
        session, platform=identity.platform, user_id=identity.user_id, config_ids=config.admin_ids
    )


async def stats(session: AsyncSession, identity: Identity, config: Config, *, now: datetime) -> MemberStats:
    await check_admin(session, identity, config)
    return await member_stats(session, now=now)


async def admins(session: AsyncSession, identity: Identity, config: Config) -> list[tuple[int, str]]:
    await check_admin(session, identity, config)
    return await list_admins(session, platform=identity.platform, config_ids=config.admin_ids)
