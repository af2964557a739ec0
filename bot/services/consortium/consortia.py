"""The CDA's consortia: create, invite (members accept or decline in the chat), stages, roster, message.

Also the CDA's views over matchmaking: suggested groups per market and ranked groups for a buyer
inquiry. Every call checks admin rights again; members answering an invitation are checked
against their own invitation row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.persian import normalize_text
from bot.services.common import audience_message, segments
from bot.services.common import lifecycle as lc
from bot.services.common.admins import check_admin
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.notify import notify
from bot.services.consortium import export_profile as ep
from bot.services.consortium import matchmaking as mm
from bot.services.members.accounts import Identity
from models import Consortium, ConsortiumMember, ExportProfile, Member
from models.enums import ConsortiumMemberStatus

STAGES = lc.STAGES
NAME_MAX_CHARS = 120
CANDIDATES = 10


@dataclass(frozen=True)
class ConsortiumInvitation:
    """«Join this consortium?» with join / refuse buttons (handlers/consortium/notices.py)."""

    consortium_id: int
    name: str
    market: str  # config key
    focus: str  # product category key


def clean_name(text: str) -> str:
    name = normalize_text(text)
    if not name:
        raise InvalidInput("cns_name_empty")
    if len(name) > NAME_MAX_CHARS:
        raise InvalidInput("cns_name_long")
    return name


def check_key(config: Config, kind: str, key: str) -> str:
    if key not in {c.key for c in getattr(config, kind)}:
        raise StaleAction()
    return key


async def create(
    session: AsyncSession, who: Identity, config: Config, *, name: str, market: str, focus: str, now: datetime
) -> Consortium:
    await check_admin(session, who, config)
    consortium = Consortium(
        name=clean_name(name),
        market=check_key(config, "markets", market),
        focus=check_key(config, "categories", focus),
        stage=STAGES[0],
        created_by=who.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(consortium)
    await session.flush()
    return consortium


async def list_consortia(session: AsyncSession, who: Identity, config: Config) -> list[Consortium]:
    await check_admin(session, who, config)
    return list((await session.execute(select(Consortium).order_by(Consortium.id.desc()))).scalars())


@dataclass
class RosterEntry:
    member: Member
    status: str
    profile: ExportProfile | None


@dataclass
class View:
    consortium: Consortium
    roster: list[RosterEntry]

    def count(self, status: str) -> int:
        return sum(1 for e in self.roster if e.status == status)


async def load(session: AsyncSession, who: Identity, config: Config, consortium_id: int) -> Consortium:
    await check_admin(session, who, config)
    consortium = await session.get(Consortium, consortium_id)
    if consortium is None:
        raise StaleAction()
    return consortium


async def view(session: AsyncSession, who: Identity, config: Config, consortium_id: int) -> View:
    """The card: name, market, focus, stage and the roster (accepted first, then invited, declined)."""
    consortium = await load(session, who, config, consortium_id)
    rows = (
        await session.execute(
            select(ConsortiumMember, Member)
            .join(Member, Member.id == ConsortiumMember.member_id)
            .where(ConsortiumMember.consortium_id == consortium_id)
            .order_by(ConsortiumMember.invited_at, Member.id)
        )
    ).all()
    order: dict[str, int] = {
        ConsortiumMemberStatus.ACCEPTED: 0,
        ConsortiumMemberStatus.INVITED: 1,
        ConsortiumMemberStatus.DECLINED: 2,
    }
    roster = [RosterEntry(m, cm.status, await ep.get_profile(session, m.id)) for cm, m in rows]
    roster.sort(key=lambda e: order.get(e.status, 3))
    return View(consortium, roster)


async def advance_stage(
    session: AsyncSession, who: Identity, config: Config, consortium_id: int, stage: str, *, now: datetime
) -> View:
    """Move to the next stage; `stage` is the one the card showed, so a double tap moves only once."""
    consortium = await load(session, who, config, consortium_id)
    if consortium.stage != stage or not lc.allows(lc.CONSORTIUM, stage, lc.ADVANCE):
        raise StaleAction()
    consortium.stage = STAGES[STAGES.index(stage) + 1]
    consortium.updated_at = now
    return await view(session, who, config, consortium_id)


async def candidates(
    session: AsyncSession, who: Identity, config: Config, consortium_id: int
) -> list[tuple[Member, mm.Contribution]]:
    """Members in matchmaking who target the market and grow the focus, not yet invited; largest first."""
    consortium = await load(session, who, config, consortium_id)
    invited = set(
        (
            await session.execute(
                select(ConsortiumMember.member_id).where(ConsortiumMember.consortium_id == consortium_id)
            )
        ).scalars()
    )
    demand = mm.Demand(consortium.market, frozenset({consortium.focus}))
    pool = [
        mm.contribution(p, demand)
        for p in await ep.load_profiles(session)
        if p.member_id not in invited and mm.eligible(p, demand)
    ]
    pool.sort(key=lambda c: (-max((a for _, a in c.capacity), default=0), c.member_id))
    out = []
    for c in pool[:CANDIDATES]:
        member = await session.get(Member, c.member_id)
        if member is not None:
            out.append((member, c))
    return out


async def invite(
    session: AsyncSession, who: Identity, config: Config, consortium_id: int, member_id: int, *, now: datetime
) -> Member:
    """Invite one member; they get a message with «می‌پذیرم» / «نمی‌پذیرم» through the delivery engine."""
    consortium = await load(session, who, config, consortium_id)
    member = await session.get(Member, member_id)
    profile = await ep.get_profile(session, member_id)
    if member is None or profile is None or profile.opted_out:
        raise StaleAction()
    if await session.get(ConsortiumMember, (consortium_id, member_id)) is not None:
        raise InvalidInput("cns_already_invited")
    session.add(
        ConsortiumMember(
            consortium_id=consortium_id,
            member_id=member_id,
            status=ConsortiumMemberStatus.INVITED,
            invited_at=now,
        )
    )
    await session.flush()
    await notify(
        session,
        config=config,
        member_ids=[member_id],
        notice=ConsortiumInvitation(consortium_id, consortium.name, consortium.market, consortium.focus),
        now=now,
    )
    return member


@dataclass(frozen=True)
class ConsortiumMessage:
    """The CDA's words under the consortium's name (handlers/consortium/notices.py)."""

    name: str
    text_html: str


async def answer_invitation(
    session: AsyncSession, who: Identity, consortium_id: int, accept: bool, *, now: datetime
) -> Consortium:
    """The invited member's answer; only their own open invitation can be answered, once."""
    member = await ep.member_of(session, who)
    row = await session.get(ConsortiumMember, (consortium_id, member.id))
    consortium = await session.get(Consortium, consortium_id)
    if row is None or consortium is None or row.status != ConsortiumMemberStatus.INVITED:
        raise StaleAction()
    row.status, row.answered_at = (
        (ConsortiumMemberStatus.ACCEPTED if accept else ConsortiumMemberStatus.DECLINED),
        now,
    )
    return consortium


async def message_members(
    session: AsyncSession, who: Identity, config: Config, consortium_id: int, text_html: str, *, now: datetime
) -> int:
    """A broadcast to the consortium's accepted members (segment dimension `consortium`), sent now, with
    the delivery report to the CDA (one length rule and path: bot/services/common/audience_message.py)."""
    consortium = await load(session, who, config, consortium_id)
    audience_message.check(text_html)
    segment = {"consortium": [str(consortium.id)]}
    count = await segments.count_recipients(session, segment, platforms=config.platforms)
    if count == 0:
        raise InvalidInput("cns_no_members")
    await audience_message.queue(
        session,
        config=config,
        segment=segment,
        notice=ConsortiumMessage(consortium.name, text_html),
        text_html=text_html,
        now=now,
        report_to=who,
    )
    return count


async def names_of(session: AsyncSession, member_ids: list[int]) -> dict[int, str]:
    if not member_ids:
        return {}
    rows = await session.execute(select(Member.id, Member.full_name).where(Member.id.in_(member_ids)))
    return {member_id: name for member_id, name in rows.all()}


async def market_groups(
    session: AsyncSession, who: Identity, config: Config, market: str
) -> tuple[list[mm.Group], dict[int, str]]:
    """Suggested groups (group_min..group_max members) for one market, with the members' names.

    Every group the pool allows, not only the first few: the CDA sees everyone who can be grouped;
    a long list reaches the chat as several messages (bot/outgoing.py)."""
    await check_admin(session, who, config)
    check_key(config, "markets", market)
    c = config.consortia
    profiles = await ep.load_profiles(session)
    groups = mm.groups_for_market(
        profiles, market, min_size=c.group_min, max_size=c.group_max, limit=len(profiles) // c.group_min + 1
    )
    return groups, await names_of(session, [m for g in groups for m in g.member_ids])


async def inquiry_groups(
    session: AsyncSession, who: Identity, config: Config, demand: mm.Demand
) -> tuple[list[mm.Group], dict[int, str]]:
    """Ranked groups that together meet a buyer's request (those that meet it first), with names."""
    await check_admin(session, who, config)
    groups = mm.groups_for_demand(
        await ep.load_profiles(session), demand, max_size=config.consortia.group_max
    )
    return groups, await names_of(session, [m for g in groups for m in g.member_ids])


async def overview(
    session: AsyncSession, who: Identity, config: Config
) -> tuple[list[Consortium], dict[int, int], int]:
    """The CDA's home: consortia (newest first), accepted members of each, members in matchmaking."""
    consortia = await list_consortia(session, who, config)
    rows = await session.execute(
        select(ConsortiumMember.consortium_id, func.count())
        .where(ConsortiumMember.status == ConsortiumMemberStatus.ACCEPTED)
        .group_by(ConsortiumMember.consortium_id)
    )
    counts = {cid: int(n) for cid, n in rows.all()}
    stmt = select(func.count()).select_from(ExportProfile).where(ExportProfile.opted_out.is_(False))
    return consortia, counts, int((await session.execute(stmt)).scalar_one())
