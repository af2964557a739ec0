"""The CDA's technology needs: create (by hand or from a survey answer), status changes with a dated note,
publish, the members who share a need, messages to exactly them.

Every call re-checks admin rights; status changes follow the lifecycle table (bot/services/common/
lifecycle.py NEED, NEED_MOVES) and carry the status the card showed, so a double tap moves once.
Members who share a published need are told of each change once: a notification whose `origin` is
`need:<id>:event:<need_event id>`; those who turned notices off for that need are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.persian import normalize_text
from bot.services.common import audience_message, segments
from bot.services.common import lifecycle as lc
from bot.services.common.admins import check_admin
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.notify import notify
from bot.services.members.accounts import Identity
from bot.services.needs.segment import DIMENSION
from bot.services.surveys.segment import chose_in_survey
from models import Member, Need, NeedEvent, NeedLink, NeedMember
from models.enums import NeedLinkKind, NeedMemberSource, NeedStatus

TITLE_MAX = 200
DESCRIPTION_MAX = 1500
NOTE_MAX = 500
LIST_PAGE = 8


@dataclass(frozen=True)
class NeedStatusChanged:
    """«The need you share is now …» with the CDA's note (handlers/needs/notices.py)."""

    need_id: int
    title: str
    status: str  # NeedStatus
    note: str | None


@dataclass(frozen=True)
class NeedMessage:
    """The CDA's words under the need's title (handlers/needs/notices.py)."""

    title: str
    text_html: str


def clean_title(text: str) -> str:
    title = normalize_text(text)
    if not title:
        raise InvalidInput("need_title_empty")
    if len(title) > TITLE_MAX:
        raise InvalidInput("need_title_long")
    return title


def clean_description(text: str) -> str:
    description = (text or "").strip()
    if not description:
        raise InvalidInput("need_text_empty")
    if len(description) > DESCRIPTION_MAX:
        raise InvalidInput("need_description_long")
    return description


def clean_note(text: str) -> str:
    note = (text or "").strip()
    if not note:
        raise InvalidInput("need_text_empty")
    if len(note) > NOTE_MAX:
        raise InvalidInput("need_note_long")
    return note


def check_category(config: Config, key: str) -> str:
    if key not in {c.key for c in config.categories}:
        raise StaleAction()
    return key


async def load(
    session: AsyncSession, who: Identity, config: Config, need_id: int, action: str = lc.VIEW
) -> Need:
    """The need, for an admin, in a status that allows `action`; anything else is a stale press."""
    await check_admin(session, who, config)
    need = await session.get(Need, need_id)
    if need is None or not lc.allows(lc.NEED, need.status, action):
        raise StaleAction()
    return need


async def surveyed_members(session: AsyncSession, source: str) -> list[int]:
    """Members whose completed, named response chose the answer `source` ("<survey>:<q>:<choice>")."""
    stmt = select(Member.id).where(chose_in_survey([source])).order_by(Member.id)
    return list((await session.execute(stmt)).scalars())


async def create(
    session: AsyncSession,
    who: Identity,
    config: Config,
    *,
    title: str,
    category: str,
    description: str | None,
    source: str | None = None,
    now: datetime,
) -> Need:
    """A new need «شناسایی‌شده», not yet published; from a survey answer: with the members who chose it."""
    await check_admin(session, who, config)
    need = Need(
        title=clean_title(title),
        category=check_category(config, category),
        description=description,
        status=NeedStatus.IDENTIFIED,
        published=False,
        source=source,
        created_by=who.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(need)
    await session.flush()
    session.add(NeedEvent(need_id=need.id, status=need.status, note=None, by_user_id=who.user_id, at=now))
    if source is not None:
        await attach(session, need.id, await surveyed_members(session, source), NeedMemberSource.SURVEY, now)
    await session.flush()
    return need


async def attach(
    session: AsyncSession, need_id: int, member_ids: list[int], source: str, now: datetime
) -> int:
    """Attach members to a need; those already attached stay as they were. Returns how many were new."""
    added = 0
    for member_id in sorted(set(member_ids)):
        if await session.get(NeedMember, (need_id, member_id)) is not None:
            continue
        try:
            async with session.begin_nested():
                session.add(NeedMember(need_id=need_id, member_id=member_id, source=source, added_at=now))
        except IntegrityError:  # the same member attached by a concurrent press a moment ago
            continue
        added += 1
    return added


async def member_count(session: AsyncSession, need_id: int) -> int:
    stmt = select(func.count()).select_from(NeedMember).where(NeedMember.need_id == need_id)
    return int((await session.execute(stmt)).scalar_one())


@dataclass(frozen=True)
class NeedPage:
    needs: list[tuple[Need, int]]  # with the number of members who share it
    page: int
    pages: int


async def counts_of(session: AsyncSession, need_ids: list[int]) -> dict[int, int]:
    if not need_ids:
        return {}
    rows = await session.execute(
        select(NeedMember.need_id, func.count())
        .where(NeedMember.need_id.in_(need_ids))
        .group_by(NeedMember.need_id)
    )
    return {need_id: int(n) for need_id, n in rows.all()}


async def page_of(session: AsyncSession, conditions: list[ColumnElement[bool]], page: int) -> NeedPage:
    """One page of needs (open ones first, then newest), each with its member count."""
    total = int(
        (await session.execute(select(func.count()).select_from(Need).where(*conditions))).scalar_one()
    )
    pages = max(1, -(-total // LIST_PAGE))
    page = min(max(page, 0), pages - 1)
    finished = Need.status.in_((NeedStatus.SOLVED, NeedStatus.DROPPED))
    stmt = (
        select(Need)
        .where(*conditions)
        .order_by(finished, Need.id.desc())
        .offset(page * LIST_PAGE)
        .limit(LIST_PAGE)
    )
    needs = list((await session.execute(stmt)).scalars())
    counts = await counts_of(session, [n.id for n in needs])
    return NeedPage([(n, counts.get(n.id, 0)) for n in needs], page, pages)


async def list_needs(session: AsyncSession, who: Identity, config: Config, *, page: int = 0) -> NeedPage:
    await check_admin(session, who, config)
    return await page_of(session, [], page)


async def set_published(
    session: AsyncSession, who: Identity, config: Config, need_id: int, shown: bool, *, now: datetime
) -> Need:
    """Show the need to members (or take it off their board); `shown` is what the card showed."""
    need = await load(session, who, config, need_id, lc.PUBLISH)
    if need.published != shown:
        raise StaleAction()
    need.published, need.updated_at = not shown, now
    return need


@dataclass(frozen=True)
class Move:
    need: Need
    told: int  # members a notice was queued for
    event_id: int


async def move(
    session: AsyncSession,
    who: Identity,
    config: Config,
    need_id: int,
    *,
    from_status: str,
    to_status: str,
    note: str | None,
    now: datetime,
) -> Move:
    """Change the status (only as NEED_MOVES allows, and only from the status the card showed), record a
    dated note, and tell the members who share a published need — once per change."""
    need = await load(session, who, config, need_id, lc.ADVANCE)
    if need.status != from_status or not lc.can_move(need.status, to_status):
        raise StaleAction()
    need.status, need.updated_at = NeedStatus(to_status), now
    event = NeedEvent(need_id=need.id, status=need.status, note=note, by_user_id=who.user_id, at=now)
    session.add(event)
    await session.flush()
    told = 0
    if need.published:
        ids = await members_to_tell(session, need.id)
        created = await notify(
            session,
            config=config,
            member_ids=ids,
            now=now,
            notice=NeedStatusChanged(need.id, need.title, need.status, note),
            origin=f"need:{need.id}:event:{event.id}",
        )
        told = len(ids) if created is not None else 0
    return Move(need, told, event.id)


async def members_to_tell(session: AsyncSession, need_id: int) -> list[int]:
    stmt = select(NeedMember.member_id).where(NeedMember.need_id == need_id, NeedMember.notices.is_(True))
    return sorted((await session.execute(stmt)).scalars())


async def roster(
    session: AsyncSession, who: Identity, config: Config, need_id: int
) -> tuple[Need, list[tuple[Member, NeedMember]]]:
    """Who shares the need (the CDA sees who): in the order they were attached."""
    need = await load(session, who, config, need_id)
    rows = await session.execute(
        select(Member, NeedMember)
        .join(NeedMember, NeedMember.member_id == Member.id)
        .where(NeedMember.need_id == need_id)
        .order_by(NeedMember.added_at, Member.id)
    )
    return need, [(m, nm) for m, nm in rows.all()]


def segment_of(need_id: int) -> dict[str, list[str]]:
    return {DIMENSION: [str(need_id)]}


async def audience(session: AsyncSession, config: Config, need_id: int) -> int:
    """How many people a message to the need's members reaches (reachable accounts, one per person)."""
    return await segments.count_recipients(session, segment_of(need_id), platforms=config.platforms)


async def message_members(
    session: AsyncSession, who: Identity, config: Config, need_id: int, text_html: str, *, now: datetime
) -> int:
    """«📣 پیام به اعضای این نیاز»: a broadcast to exactly the members attached (segment `need`), with the
    delivery report to the CDA; the broadcast is listed among the need's actions."""
    need = await load(session, who, config, need_id, lc.MESSAGE)
    audience_message.check(text_html)
    count = await audience(session, config, need_id)
    if count == 0:
        raise InvalidInput("need_no_members")
    broadcast = await audience_message.queue(
        session,
        config=config,
        segment=segment_of(need.id),
        notice=NeedMessage(need.title, text_html),
        text_html=text_html,
        now=now,
        report_to=who,
    )
    session.add(NeedLink(need_id=need.id, kind=NeedLinkKind.BROADCAST, target_id=broadcast.id, added_at=now))
    return count
