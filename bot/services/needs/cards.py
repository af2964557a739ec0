"""What the CDA's need card and the members' need view hold (data only; handlers/needs/render.py words it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import lifecycle as lc
from bot.services.members.accounts import Identity
from bot.services.needs import links as nl
from bot.services.needs import needs as nd
from bot.services.needs import providers as pv
from models import Need, NeedEvent, NeedMember, SolutionProvider

HISTORY_SHOWN = 6


@dataclass
class Card:
    """The CDA's card: the need, its members by source, history, providers, actions, courses to announce."""

    need: Need
    by_source: dict[str, int] = field(default_factory=dict)
    history: list[NeedEvent] = field(default_factory=list)
    providers: list[SolutionProvider] = field(default_factory=list)
    links: list[nl.Target] = field(default_factory=list)
    announceable: list[nl.Target] = field(default_factory=list)

    @property
    def members(self) -> int:
        return sum(self.by_source.values())


async def history_of(session: AsyncSession, need_id: int, limit: int = HISTORY_SHOWN) -> list[NeedEvent]:
    """The latest status changes, newest first."""
    stmt = (
        select(NeedEvent)
        .where(NeedEvent.need_id == need_id)
        .order_by(NeedEvent.at.desc(), NeedEvent.id.desc())
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def card(session: AsyncSession, who: Identity, config: Config, need_id: int, *, now: datetime) -> Card:
    need = await nd.load(session, who, config, need_id)
    rows = await session.execute(
        select(NeedMember.source, func.count())
        .where(NeedMember.need_id == need_id)
        .group_by(NeedMember.source)
    )
    announce = (
        await nl.announceable(session, need_id, now=now)
        if lc.allows(lc.NEED, need.status, lc.MESSAGE)
        else []
    )
    return Card(
        need,
        {source: int(n) for source, n in rows.all()},
        await history_of(session, need_id),
        await pv.of_need(session, need_id),
        await nl.described(session, need_id),
        announce,
    )
