"""The monthly programme report to the admins: last Jalali month's indicators, once per month.

A scheduled job (handlers/programme/feature.py); from 09:00 Tehran on the first three days of a Jalali
month (so a bot that was down on the 1st catches up, and a bot started mid-month sends nothing) it queues
the previous month's report through bot/services/common/notify.py to the admins who are registered
members (an admin without a member account gets it in /admin instead). The origin key
`programme:<year>-<month>` makes it idempotent across ticks, restarts and processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.jalali import TEHRAN, jalali_day
from bot.services.common.notify import notify
from bot.services.programme.indicators import ProgrammeReport, programme_report
from bot.services.programme.period import month_of
from models import Account, Admin, Broadcast

SEND_FROM_HOUR = 9
CATCH_UP_DAYS = 3


@dataclass(frozen=True)
class MonthlyProgrammeReport:
    """The notice (handlers/programme/notices.py words it)."""

    report: ProgrammeReport


def origin_of(now: datetime) -> str:
    first = month_of(now, back=1).first_day
    return f"programme:{first.year}-{first.month:02d}"


async def admin_member_ids(session: AsyncSession, config: Config) -> list[int]:
    ids = set(config.admin_ids) | set((await session.execute(select(Admin.user_id))).scalars())
    if not ids:
        return []
    rows = await session.execute(
        select(Account.member_id).where(Account.user_id.in_(ids), Account.member_id.is_not(None))
    )
    return sorted({m for m in rows.scalars() if m is not None})


async def send_monthly(session: AsyncSession, *, config: Config, now: datetime) -> int | None:
    """Queue last month's report once; None when not yet due, already sent, or no admin is a member."""
    if now.astimezone(TEHRAN).hour < SEND_FROM_HOUR or jalali_day(now).day > CATCH_UP_DAYS:
        return None
    origin = origin_of(now)
    if (await session.execute(select(exists().where(Broadcast.origin == origin)))).scalar():
        return None  # checked first: the tick runs every few seconds, the report takes a fraction of one
    members = await admin_member_ids(session, config)
    if not members:
        return None
    report = await programme_report(session, month_of(now, back=1), now=now)
    return await notify(
        session,
        config=config,
        member_ids=members,
        now=now,
        notice=MonthlyProgrammeReport(report),
        origin=origin,
    )
