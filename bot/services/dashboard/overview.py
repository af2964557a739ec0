"""What the dashboard page shows: the programme report for a named period plus bounded lists of needs
and consortia, and the two exports. Rights are re-checked on every call (check_admin)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.audit import log
from bot.services.common.admins import check_admin
from bot.services.common.errors import StaleAction
from bot.services.members.accounts import Identity
from bot.services.programme import period as pd
from bot.services.programme.indicators import ProgrammeReport, programme_report
from models import AuditEntry, Consortium, Need

LIST_MAX = 50  # rows of one list on the page; the count says how many there are
PERIODS = {"month": pd.month_of, "season": pd.season_of, "year": pd.year_of}


@dataclass(frozen=True)
class Row:
    id: int
    title: str
    status: str


@dataclass(frozen=True)
class Overview:
    report: ProgrammeReport
    needs: list[Row]
    needs_total: int
    consortia: list[Row]
    consortia_total: int


def period_of(kind: str, now: datetime) -> pd.Period:
    make = PERIODS.get(kind)
    if make is None:
        raise StaleAction()
    return make(now)


async def report(
    session: AsyncSession, who: Identity, config: Config, kind: str, *, now: datetime
) -> ProgrammeReport:
    await check_admin(session, who, config)
    return await programme_report(session, period_of(kind, now), now=now)


async def overview(
    session: AsyncSession, who: Identity, config: Config, kind: str, *, now: datetime
) -> Overview:
    """The report, the newest LIST_MAX needs (as at the end of the period) and consortia with their totals."""
    found = await report(session, who, config, kind, now=now)
    end = found.period.end
    needs_total = int(
        (await session.execute(select(func.count(Need.id)).where(Need.created_at < end))).scalar_one()
    )
    needs = [
        Row(n.id, n.title, n.status)
        for n in (
            await session.execute(
                select(Need).where(Need.created_at < end).order_by(Need.id.desc()).limit(LIST_MAX)
            )
        ).scalars()
    ]
    where = Consortium.created_at < end
    consortia_total = int(
        (await session.execute(select(func.count(Consortium.id)).where(where))).scalar_one()
    )
    consortia = [
        Row(c.id, c.name, c.stage)
        for c in (
            await session.execute(
                select(Consortium).where(where).order_by(Consortium.id.desc()).limit(LIST_MAX)
            )
        ).scalars()
    ]
    return Overview(found, needs, needs_total, consortia, consortia_total)


async def audit_export(
    session: AsyncSession, who: Identity, config: Config, *, now: datetime
) -> list[AuditEntry]:
    return await log.for_export(session, who, config, now=now)
