"""Partner suggestions and double opt-in introductions between members.

A request shows the target the requester's business profile (never a phone number); only when the
target accepts do both receive each other's name and mobile. A member may make
`consortia.weekly_requests` requests in any 7 days, never asks the same person twice (so never
again after a decline), and members who opted out or whose profile is incomplete (no product or no
target market) can neither ask nor be asked. Between two members there is at most one
introduction; what became of it (`past`) is told from each side's point of view.
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


# What became of the introduction between the caller and another member, from the caller's side
ASKED, THEY_ASKED, INTRODUCED, THEY_DECLINED, YOU_DECLINED = (
    "asked",
    "they_asked",
    "introduced",
    "they_declined",
    "you_declined",
)
REFUSAL_OF = {
    ASKED: "mch_already_asked",
    THEY_ASKED: "mch_they_asked",
    INTRODUCED: "mch_introduced",
    THEY_DECLINED: "mch_declined_before",  # the other member declined the caller's request
    YOU_DECLINED: "mch_you_declined",  # the caller declined the other member's request
}


def past_of(intro: Introduction, member_id: int) -> str:
    """The introduction's outcome as `member_id` (requester or target) sees it."""
    mine = intro.requester_id == member_id
    if intro.status == IntroductionStatus.ACCEPTED:
        return INTRODUCED
    if intro.status == IntroductionStatus.DECLINED:
        return THEY_DECLINED if mine else YOU_DECLINED
    return ASKED if mine else THEY_ASKED


@dataclass
class Suggestion:
    match: mm.Match
    member: Member
    profile: ExportProfile
    past: str | None = None  # an introduction between the two already exists: what became of it

    @property
    def requested(self) -> bool:
        """No new request is possible (the caller asked, was asked, or one of them declined)."""
        return self.past is not None


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
    past = await _pasts(session, member.id, [m.member_id for m in chosen])
    items = []
    for match in chosen:
        other = await session.get(Member, match.member_id)
        other_profile = await ep.get_profile(session, match.member_id)
        assert other is not None and other_profile is not None
        items.append(Suggestion(match, other, other_profile, past.get(match.member_id)))
    return SuggestionPage(items, page, pages, len(matches), profile)


async def _pasts(session: AsyncSession, member_id: int, others: list[int]) -> dict[int, str]:
    """What became of the introductions between `member_id` and each of `others` (either direction)."""
    if not others:
        return {}
    stmt = select(Introduction).where(
        or_(
            (Introduction.requester_id == member_id) & Introduction.target_id.in_(others),
            (Introduction.target_id == member_id) & Introduction.requester_id.in_(others),
        )
    )
    out: dict[int, str] = {}
    for intro in (await session.execute(stmt.order_by(Introduction.id))).scalars():
        other = intro.target_id if intro.requester_id == member_id else intro.requester_id
        out[other] = past_of(intro, member_id)
    return out


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
    if target is None or target_profile is None or target_id == member.id:
        raise StaleAction()
    if target_profile.opted_out or not ep.is_filled(target_profile):  # an old suggestion page
        raise InvalidInput("mch_unavailable")
    past = (await _pasts(session, member.id, [target_id])).get(target_id)
    if past is not None:
        raise InvalidInput(REFUSAL_OF[past])
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
