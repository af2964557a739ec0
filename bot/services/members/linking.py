"""One member per person: an account on a second messenger joins the member the person already is.

Two ways, both during registration on the second messenger (the same /start → name → phone steps):
- both accounts shared their own contact (the messenger vouches for the number) with the same phone:
  the new account links at once, right after the contact;
- otherwise (a typed number on either side) nothing links by itself: the bot offers a one-time code,
  sent to the account already registered; typing it here links the two.

A member never gets two accounts on one messenger: a member who already has an account here is not
offered (that number belongs to someone else's registration on this messenger, or to an old one).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.persian import normalize_digits
from bot.services.common.errors import InvalidInput
from bot.services.common.notify import notify
from models import Account, ConversationState, Member

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=15)
MAX_TRIES = 5
LINK_KEY = "link"  # in the registration draft: {"member": id, "hash": …, "expires": iso, "tries": n}


@dataclass(frozen=True)
class LinkCode:
    """The notice carrying the code to the registered account (rendered in handlers/members/notices.py)."""

    code: str
    new_platform: str  # where someone asks to link: the member knows whether it is them


async def registered_elsewhere(
    session: AsyncSession, account: Account, phone: str, *, platforms: tuple[str, ...]
) -> Member | None:
    """The member registered with this phone on another running messenger, with no account on this one."""
    here = exists().where(Account.member_id == Member.id, Account.platform == account.platform)
    elsewhere = exists().where(
        Account.member_id == Member.id,
        Account.platform != account.platform,
        Account.platform.in_(platforms),
    )
    stmt = select(Member).where(Member.phone == phone, ~here, elsewhere).order_by(Member.id).limit(1)
    return (await session.execute(stmt)).scalar_one_or_none()


def link(account: Account, member: Member) -> Member:
    """Attach the account to the member: from now on both accounts are this one person."""
    account.member_id = member.id
    account.member = member
    account.start_payload = None
    return member


def _digest(code: str, salt: str) -> str:
    return hmac.new(salt.encode(), code.encode(), hashlib.sha256).hexdigest()


async def send_code(
    session: AsyncSession,
    state: ConversationState,
    member_id: int,
    *,
    platform: str,
    config: Config,
    now: datetime,
) -> dict[str, Any]:
    """Make a one-time code, keep only its digest in the draft, and queue it to the registered account."""
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    salt = secrets.token_hex(8)
    pending = {
        "member": member_id,
        "salt": salt,
        "hash": _digest(code, salt),
        "expires": (now + CODE_LIFETIME).isoformat(),
        "tries": 0,
    }
    await notify(
        session,
        config=config,
        member_ids=[member_id],
        now=now,
        notice=LinkCode(code, platform),
        origin=f"link:{state.account_id}:{secrets.token_hex(6)}",
        urgent=True,  # the person waits for it on the other messenger, at any hour
    )
    return pending


def check_code(state: ConversationState, typed: str, *, now: datetime) -> int:
    """The member id the typed code links to; InvalidInput (link_wrong, link_expired, link_locked) if not."""
    pending = dict(state.data.get(LINK_KEY) or {})
    if not pending:
        raise InvalidInput("link_expired")
    if datetime.fromisoformat(pending["expires"]) < now:
        raise InvalidInput("link_expired")
    if int(pending.get("tries", 0)) >= MAX_TRIES:
        raise InvalidInput("link_locked")
    code = normalize_digits(typed).strip().replace(" ", "")
    if not hmac.compare_digest(_digest(code, str(pending["salt"])), str(pending["hash"])):
        pending["tries"] = int(pending.get("tries", 0)) + 1
        state.data = {**state.data, LINK_KEY: pending}
        raise InvalidInput("link_locked" if pending["tries"] >= MAX_TRIES else "link_wrong")
    return int(pending["member"])


AUTO = "auto"  # messages go to the messenger the member used last


async def messengers_of(session: AsyncSession, member_id: int, platforms: tuple[str, ...]) -> list[str]:
    """The running messengers this member has an account on, in the deployment's order."""
    stmt = select(Account.platform).where(Account.member_id == member_id)
    mine = set((await session.execute(stmt)).scalars())
    return [p for p in platforms if p in mine]


async def choose_messenger(
    session: AsyncSession, member: Member, choice: str, *, platforms: tuple[str, ...], now: datetime
) -> str | None:
    """The profile setting: deliver to one messenger, or (AUTO) to the one used last. Returns the setting."""
    if choice == AUTO:
        member.preferred_platform = None
    elif choice in await messengers_of(session, member.id, platforms):
        member.preferred_platform = choice
    else:  # a forged or stale press: a messenger they have no account on, or not run here
        raise InvalidInput("unknown_choice")
    member.updated_at = now
    return member.preferred_platform
