"""The audit log's one recording mechanism: `record` in the admin action's own transaction.

Summaries never hold a member's phone number: `scrub` replaces anything that looks like one.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outgoing import shorten
from bot.persian import normalize_digits
from bot.services.members.accounts import Identity
from models import Account, AuditEntry, Member
from models.enums import AuditAction, AuditKind

SUMMARY_MAX = 200
NAME_MAX = 120
PHONE_MARK = "***"
_DIGIT = r"[0-9\u06f0-\u06f9\u0660-\u0669]"  # Latin, Persian and Arabic-Indic digits
# A digit run of 7 or more digits, possibly broken by spaces, dashes, dots or brackets, possibly after +:
# every Iranian mobile or landline however it is typed, and no date (۱۴۰۵/۰۹/۱۱), time or small count.
_PHONE_LIKE = re.compile(rf"\+?\(?{_DIGIT}(?:[\s\-.()\u200c\u200f\u200e]*{_DIGIT}){{6,}}\)?")


_DATE = re.compile(rf"(?:1[34]|19|20){_DIGIT}{{2}}[\-.]{_DIGIT}{{1,2}}[\-.]{_DIGIT}{{1,2}}")


def _mark(match: re.Match[str]) -> str:
    text = match.group(0)
    return text if _DATE.fullmatch(normalize_digits(text)) else PHONE_MARK


def scrub(text: str) -> str:
    """`text` with every phone-number-like run replaced by «***» (a dashed date such as 1405-09-11 stays)."""
    return _PHONE_LIKE.sub(_mark, text)


async def _actor_name(session: AsyncSession, who: Identity) -> str:
    """The member's registered name when the admin is one, else the messenger's display name."""
    stmt = (
        select(Member.full_name)
        .join(Account, Account.member_id == Member.id)
        .where(Account.platform == who.platform, Account.user_id == who.user_id)
    )
    name = (await session.execute(stmt)).scalar_one_or_none()
    return name or who.name


async def record(
    session: AsyncSession,
    who: Identity | None,
    action: AuditAction,
    kind: AuditKind,
    object_id: int | None,
    summary: str,
    *,
    now: datetime | None,
    platform: str = "",
) -> AuditEntry:
    """Add one entry; `who` None is the command line (`platform` says for which messenger)."""
    if who is None:
        actor_platform, actor_id, name = platform, 0, ""
    else:
        actor_platform, actor_id, name = who.platform, who.user_id, await _actor_name(session, who)
    entry = AuditEntry(
        at=now or datetime.now(UTC),  # None: a caller (an older test) that passes no clock
        actor_platform=actor_platform,
        actor_user_id=actor_id,
        actor_name=shorten(scrub(name), NAME_MAX),
        action=action,
        object_kind=kind,
        object_id=object_id,
        summary=shorten(scrub(" ".join(summary.split())), SUMMARY_MAX),
    )
    session.add(entry)
    await session.flush()
    return entry
