"""The members' «نیازهای فناورانهٔ خوشه»: published needs (paged), one need with its status, what is planned
and who can help, «من هم این نیاز را دارم» (idempotent: a second tap adds nothing) and the member's
own switch for notices about that need. An unpublished or unknown need is a stale press."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.common import lifecycle as lc
from bot.services.common.errors import StaleAction
from bot.services.courses.catalog import member_of
from bot.services.members.accounts import Identity
from bot.services.needs import links as nl
from bot.services.needs import needs as nd
from bot.services.needs import providers as pv
from models import Need, NeedMember, SolutionProvider
from models.enums import NeedLinkKind, NeedMemberSource

PLANNED_KINDS = (NeedLinkKind.COURSE, NeedLinkKind.TOUR, NeedLinkKind.EXHIBITION, NeedLinkKind.CONSORTIUM)


async def page(session: AsyncSession, who: Identity, *, page: int = 0) -> nd.NeedPage:
    await member_of(session, who)
    return await nd.page_of(session, [Need.published.is_(True)], page)


@dataclass
class MemberView:
    need: Need
    count: int  # members who share it
    shared: bool  # this member shares it
    notices: bool  # … and is told of changes
    planned: list[nl.Target] = field(default_factory=list)
    providers: list[SolutionProvider] = field(default_factory=list)

    @property
    def can_share(self) -> bool:
        return lc.allows(lc.NEED, self.need.status, lc.SHARE)


async def _published(session: AsyncSession, need_id: int) -> Need:
    need = await session.get(Need, need_id)
    if need is None or not need.published:
        raise StaleAction()
    return need


async def view(session: AsyncSession, who: Identity, need_id: int) -> MemberView:
    member = await member_of(session, who)
    need = await _published(session, need_id)
    row = await session.get(NeedMember, (need_id, member.id))
    planned = [t for t in await nl.described(session, need_id) if t.kind in PLANNED_KINDS]
    return MemberView(
        need,
        await nd.member_count(session, need_id),
        row is not None,
        row is not None and row.notices,
        planned,
        await pv.of_need(session, need_id),
    )


async def share(
    session: AsyncSession, who: Identity, need_id: int, *, now: datetime
) -> tuple[MemberView, bool]:
    """«من هم این نیاز را دارم»: attach the member (once); returns the view and whether it changed."""
    member = await member_of(session, who)
    need = await _published(session, need_id)
    if not lc.allows(lc.NEED, need.status, lc.SHARE):
        raise StaleAction()
    added = await nd.attach(session, need_id, [member.id], NeedMemberSource.SELF, now)
    await session.flush()
    return await view(session, who, need_id), added > 0


async def set_notices(
    session: AsyncSession, who: Identity, need_id: int, on: bool
) -> tuple[MemberView, bool]:
    """Turn this need's status notices on or off for the member; returns the view and whether it changed."""
    member = await member_of(session, who)
    await _published(session, need_id)
    row = await session.get(NeedMember, (need_id, member.id))
    if row is None:
        raise StaleAction()
    changed = row.notices != on
    row.notices = on
    await session.flush()
    return await view(session, who, need_id), changed
