"""The CDA's needs report (data only; handlers/needs/report.py words it as text, a chart and an .xlsx):
needs by status and by category, the members affected (distinct people, overall and per status), the
days from identified to solved, and the solution providers engaged (knowledge-based among them).

«Identified» is the need's first event (its creation; a need dropped and taken up again keeps it);
«solved» is the event that moved it to رفع‌شده (a solved need moves no more). Days are exact
(fractions of a day), so the median and mean are as precise as the stored dates. Admin rights are
re-checked on every call.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.admins import check_admin
from bot.services.members.accounts import Identity
from bot.services.needs.needs import counts_of
from models import Need, NeedEvent, NeedMember, NeedProvider, SolutionProvider
from models.enums import NeedStatus

DAY_SECONDS = 86_400
STATUSES = tuple(NeedStatus)  # in the order a need moves


@dataclass(frozen=True)
class NeedRow:
    """One need as the report's sheet lists it."""

    need: Need
    members: int
    providers: list[SolutionProvider]
    identified_at: datetime
    solved_at: datetime | None

    @property
    def days(self) -> float | None:
        """Days from identified to solved (a solved need only)."""
        if self.solved_at is None:
            return None
        return (self.solved_at - self.identified_at).total_seconds() / DAY_SECONDS


@dataclass(frozen=True)
class NeedsReport:
    rows: list[NeedRow]  # every need, oldest first
    by_status: list[tuple[str, int]]  # every status, in NeedStatus order (zeros included)
    by_category: list[tuple[str, int]]  # categories that have needs: most first, then config order
    members: int  # distinct members attached to any need
    members_by_status: list[tuple[str, int]]  # distinct members attached to a need in that status
    providers: list[SolutionProvider]  # distinct providers linked to any need, by name
    made_at: datetime

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def solved_days(self) -> list[float]:
        return [d for r in self.rows if (d := r.days) is not None]

    @property
    def median_days(self) -> float | None:
        days = self.solved_days
        return float(statistics.median(days)) if days else None

    @property
    def mean_days(self) -> float | None:
        days = self.solved_days
        return statistics.fmean(days) if days else None

    @property
    def knowledge_based(self) -> int:
        return sum(1 for p in self.providers if p.knowledge_based)


async def _event_dates(session: AsyncSession) -> tuple[dict[int, datetime], dict[int, datetime]]:
    """need id -> its first event's date, and -> the date it was solved."""
    first: dict[int, datetime] = {}
    solved: dict[int, datetime] = {}
    rows = await session.execute(
        select(NeedEvent.need_id, NeedEvent.status, NeedEvent.at).order_by(NeedEvent.at, NeedEvent.id)
    )
    for need_id, status, at in rows.all():
        first.setdefault(need_id, at)
        if status == NeedStatus.SOLVED:
            solved[need_id] = at
    return first, solved


async def _providers_of(session: AsyncSession) -> dict[int, list[SolutionProvider]]:
    rows = await session.execute(
        select(NeedProvider.need_id, SolutionProvider)
        .join(SolutionProvider, SolutionProvider.id == NeedProvider.provider_id)
        .order_by(NeedProvider.added_at, SolutionProvider.id)
    )
    found: dict[int, list[SolutionProvider]] = {}
    for need_id, provider in rows.all():
        found.setdefault(need_id, []).append(provider)
    return found


async def _members(session: AsyncSession) -> tuple[int, dict[str, int]]:
    total = await session.execute(select(func.count(distinct(NeedMember.member_id))))
    per_status = await session.execute(
        select(Need.status, func.count(distinct(NeedMember.member_id)))
        .join(NeedMember, NeedMember.need_id == Need.id)
        .group_by(Need.status)
    )
    return int(total.scalar_one()), {status: int(n) for status, n in per_status.all()}


def _categories(config: Config, needs: list[Need]) -> list[tuple[str, int]]:
    counts = Counter(n.category for n in needs)
    order = {c.key: i for i, c in enumerate(config.categories)}
    return sorted(counts.items(), key=lambda kc: (-kc[1], order.get(kc[0], len(order)), kc[0]))


async def build(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> NeedsReport:
    """«📊 گزارش نیازها»: every need with its members, providers and dates, and the totals."""
    await check_admin(session, who, config)
    needs = list((await session.execute(select(Need).order_by(Need.created_at, Need.id))).scalars())
    counts = await counts_of(session, [n.id for n in needs])
    first, solved = await _event_dates(session)
    providers_of = await _providers_of(session)
    rows = [
        NeedRow(
            need=n,
            members=counts.get(n.id, 0),
            providers=providers_of.get(n.id, []),
            identified_at=first.get(n.id, n.created_at),
            solved_at=solved.get(n.id) if n.status == NeedStatus.SOLVED else None,
        )
        for n in needs
    ]
    statuses = Counter(n.status for n in needs)
    members, per_status = await _members(session)
    engaged = {p.id: p for ps in providers_of.values() for p in ps}
    return NeedsReport(
        rows=rows,
        by_status=[(s.value, statuses.get(s, 0)) for s in STATUSES],
        by_category=_categories(config, needs),
        members=members,
        members_by_status=[(s.value, per_status[s]) for s in STATUSES if s in per_status],
        providers=sorted(engaged.values(), key=lambda p: (p.name, p.id)),
        made_at=now,
    )
