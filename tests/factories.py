"""Fast test data: members with accounts inserted directly (the registration flow has its own tests)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import Account, Member, MemberCategory

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # 11:30 in Tehran: outside quiet hours


async def add_member(
    session: AsyncSession,
    user_id: int,
    *,
    role: str = "grower",
    place: str = "mahallat",
    categories: Sequence[str] = ("cut",),
    reachable: bool = True,
    platform: str = "telegram",
) -> Member:
    member = Member(
        full_name=f"عضو {user_id}",
        phone=f"+98912{user_id % 10_000_000:07d}",
        role=role,
        place=place,
        created_at=NOW,
        updated_at=NOW,
        categories=[MemberCategory(category=c) for c in categories],
    )
    session.add(member)
    await session.flush()
    session.add(
        Account(
            member_id=member.id,
            platform=platform,
            user_id=user_id,
            chat_id=user_id,
            is_reachable=reachable,
            created_at=NOW,
            last_seen_at=NOW,
        )
    )
    return member


async def seed_members(
    sm: async_sessionmaker[AsyncSession], count: int, *, first_id: int = 100_000
) -> list[int]:
    """`count` growers in Mahallat with category «cut»; returns their user ids."""
    ids = list(range(first_id, first_id + count))
    async with sm.begin() as session:
        for user_id in ids:
            await add_member(session, user_id)
    return ids
