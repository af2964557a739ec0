"""Partner suggestions and double opt-in introductions between members.

A request shows the target the requester's business profile (never a phone number); only when the
target accepts do both receive each other's name and mobile. A member may make
`consortia.weekly_requests` requests in any 7 days, never asks the same person twice (so never
again after a decline), and opted-out members can neither ask nor be asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.notify import notify
from bot.services.consortium import export_profile as ep
from bot.services.consortium import matchmaking as mm
from bot.services.members.accounts import Identity
from models import ExportProfile, Introduction, Member
from models.enums import IntroductionStatus

WEEK = timedelta(days=7)


@dataclass
class Suggestion:
    match: mm.Match
    member: Member
    profile: ExportProfile
    requested: bool  # the caller already asked this member


@dataclass
class SuggestionPage:
    items: list[Suggestion]
    page: int
    pages: int
    total: int
    me: ExportProfile


@dataclass(frozen=True)
class IntroductionRequested:
    """To the target: the requester's business card, accept / decline (handlers/consortium/notices.py)."""

    intro_id: int
    requester: Member
    profile: ExportProfile


@dataclass(frozen=True)
class IntroductionAnswered:
    """To the requester: the target's contact card when accepted, else a polite no."""

    target: Member
    accepted: bool


async def _ready_profile(
    session: AsyncSession, who: Identity, *, now: datetime
) -> tuple[Member, ExportProfile]:
    member, profile = await ep.my_profile(session, who, now=now)
    if profile.opted_out:
        raise InvalidInput("exp_opted_out")
    if not ep.is_filled(profile):
        raise InvalidInput("exp_incomplete")
    return member, profile


async def suggestions(
    session: AsyncSession, who: Identity, config: Config, page: int, *, now: datetime
) -> SuggestionPage:
    """«پیشنهاد همکاری»: the best partners for the caller, `page` (0-based) of them."""
    member, profile = await _ready_profile(session, who, now=now)
    others = await ep.load_profiles(session)
    matches = mm.suggest_partners(ep.to_profile(profile), others)
    size = config.consortia.page_size
    pages = max(1, -(-len(matches) // size))
    page = min(max(page, 0), pages - 1)
    chosen = matches[page * size : (page + 1) * size]
    asked = set(
        (
            await session.execute(
                select(Introduction.target_id).where(Introduction.requester_id == member.id)
            )
        ).scalars()
    )
    items = []
    for match in chosen:
        other = await session.get(Member, match.member_id)
        other_profile = await ep.get_profile(session, match.member_id)
        assert other is not None and other_profile is not None
        items.append(Suggestion(match, other, other_profile, match.member_id in asked))
    return SuggestionPage(items, page, pages, len(matches), profile)


async def requests_this_week(session: AsyncSession, member_id: int, *, now: datetime) -> int:
    stmt = select(func.count(Introduction.id)).where(
        Introduction.requester_id == member_id, Introduction.created_at > now - WEEK
    )
    return int((await session.execute(stmt)).scalar_one())


async def request_intro(
    session: AsyncSession, who: Identity, config: Config, target_id: int, *, now: datetime
) -> Introduction:
    """Ask for an introduction; the target is told (through the delivery engine) with accept/decline."""
    member, profile = await _ready_profile(session, who, now=now)
    target = await session.get(Member, target_id)
    target_profile = await ep.get_profile(session, target_id)
    if target is None or target_profile is None or target_profile.opted_out or target_id == member.id:
        raise StaleAction()
    existing = (
        (
            await session.execute(
                select(Introduction).where(
                    or_(
                        (Introduction.requester_id == member.id) & (Introduction.target_id == target_id),
                        (Introduction.requester_id == target_id) & (Introduction.target_id == member.id),
                    )
                )
            )
        )
        .scalars()
        .all()
    )
    for intro in existing:
        if intro.status == IntroductionStatus.DECLINED:
            raise InvalidInput("mch_declined_before")
        raise InvalidInput("mch_already_asked" if intro.requester_id == member.id else "mch_they_asked")
    if await requests_this_week(session, member.id, now=now) >= config.consortia.weekly_requests:
        raise InvalidInput("mch_weekly_limit")
    intro = Introduction(
        requester_id=member.id, target_id=target_id, status=IntroductionStatus.PENDING, created_at=now
    )
    session.add(intro)
    await session.flush()
    await notify(
        session,
        config=config,
        member_ids=[target_id],
        notice=IntroductionRequested(intro.id, member, profile),
        now=now,
        about_member_id=member.id,  # the requester's business card
    )
    return intro


@dataclass
class Answer:
    intro: Introduction
    requester: Member
    accepted: bool


async def answer_intro(
    session: AsyncSession, who: Identity, config: Config, intro_id: int, accept: bool, *, now: datetime
) -> Answer:
    """The target accepts (both get each other's contact) or declines (the requester only hears no)."""
    member = await ep.member_of(session, who)
    intro = await session.get(Introduction, intro_id)
    if intro is None or intro.target_id != member.id or intro.status != IntroductionStatus.PENDING:
        raise StaleAction()
    requester = await session.get(Member, intro.requester_id)
    requester_profile = await ep.get_profile(session, intro.requester_id)
    assert requester is not None
    mine = await ep.get_profile(session, member.id)
    if accept and (
        requester_profile is None or requester_profile.opted_out or mine is None or mine.opted_out
    ):
        raise InvalidInput("mch_left")
    intro.status, intro.answered_at = (
        (IntroductionStatus.ACCEPTED if accept else IntroductionStatus.DECLINED),
        now,
    )
    await notify(
        session,
        config=config,
        member_ids=[requester.id],
        notice=IntroductionAnswered(member, accept),
        now=now,
        about_member_id=member.id if accept else None,  # the target's contact card
    )
    return Answer(intro, requester, accept)


@dataclass
class Inbox:
    incoming: list[tuple[Introduction, Member, ExportProfile]]
    outgoing: list[tuple[Introduction, Member]]
    used: int  # requests in the last 7 days


async def inbox(session: AsyncSession, who: Identity, *, now: datetime) -> Inbox:
    """Requests waiting for the caller's answer and the caller's own requests with their status."""
    member = await ep.member_of(session, who)
    incoming = []
    stmt = select(Introduction).where(
        Introduction.target_id == member.id, Introduction.status == IntroductionStatus.PENDING
    )
    for intro in (await session.execute(stmt.order_by(Introduction.id))).scalars():
        requester = await session.get(Member, intro.requester_id)
        profile = await ep.get_profile(session, intro.requester_id)
        if requester is not None and profile is not None and not profile.opted_out:
            incoming.append((intro, requester, profile))
    outgoing = []
    stmt = select(Introduction).where(Introduction.requester_id == member.id).order_by(Introduction.id.desc())
    for intro in (await session.execute(stmt.limit(20))).scalars():
        target = await session.get(Member, intro.target_id)
        target_profile = await ep.get_profile(session, intro.target_id)
        if target is not None and target_profile is not None and not target_profile.opted_out:
            outgoing.append((intro, target))
    return Inbox(incoming, outgoing, await requests_this_week(session, member.id, now=now))
