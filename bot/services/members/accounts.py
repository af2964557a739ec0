"""Messenger accounts: find or create the row for whoever sent an update."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account

PAYLOAD_MAX = 64
# last_seen_at is kept to this precision: a member's next presses within it write nothing, so a
# menu press or a word outside any flow is answered from a read-only session (no SQLite write lock).
LAST_SEEN_PRECISION = timedelta(minutes=5)


@dataclass(frozen=True)
class Identity:
    """Who sent an update, as the services need it (no Telegram types)."""

    platform: str
    user_id: int
    chat_id: int
    name: str = field(default="", compare=False)  # the messenger's display name (the audit log's snapshot)


async def find_account(session: AsyncSession, identity: Identity) -> Account | None:
    stmt = select(Account).where(Account.platform == identity.platform, Account.user_id == identity.user_id)
    return (await session.execute(stmt)).scalar_one_or_none()


def needs_touch(account: Account, identity: Identity, *, now: datetime) -> bool:
    """Would `touch_account` change this account (its chat, reachability, or a stale last_seen_at)?"""
    return (
        account.chat_id != identity.chat_id
        or not account.is_reachable
        or now - account.last_seen_at >= LAST_SEEN_PRECISION
    )


async def mark_unreachable(session: AsyncSession, identity: Identity) -> bool:
    """The member blocked the bot or deleted their account: stop addressing this account."""
    account = await find_account(session, identity)
    if account is None:
        return False
    account.is_reachable = False
    return True


async def touch_account(
    session: AsyncSession, identity: Identity, *, now: datetime, start_payload: str | None = None
) -> Account:
    """Return the sender's account, creating it on first contact; they wrote to us, so they are reachable."""
    account = await find_account(session, identity)
    if account is None:
        account = Account(
            platform=identity.platform,
            user_id=identity.user_id,
            chat_id=identity.chat_id,
            created_at=now,
            last_seen_at=now,
            is_reachable=True,
        )
        try:
            async with session.begin_nested():
                session.add(account)
        except IntegrityError:  # the same user's other update created it a moment ago
            account = await find_account(session, identity)
            assert account is not None
    if needs_touch(account, identity, now=now):
        account.chat_id = identity.chat_id
        account.last_seen_at = now
        account.is_reachable = True
    if start_payload and account.member_id is None and account.start_payload is None:
        account.start_payload = start_payload[:PAYLOAD_MAX]
    return account
