"""What was done about a need: links to a course, a visit tour, an exhibition, a consortium or a broadcast,
and «announce this course to the need's members» — a notification to exactly the members attached,
once per need and course (`origin need:<id>:course:<event id>`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import lifecycle as lc
from bot.services.common import segments
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.notify import notify
from bot.services.members.accounts import Identity
from bot.services.needs import needs as nd
from models import Broadcast, Consortium, Event, NeedLink, NeedMember
from models.enums import EventKind, EventStatus, NeedLinkKind

K = NeedLinkKind
PICKABLE = (K.COURSE, K.TOUR, K.EXHIBITION, K.CONSORTIUM)  # the CDA links these; broadcasts link themselves
EVENT_KINDS = {K.COURSE: EventKind.COURSE, K.TOUR: EventKind.TOUR, K.EXHIBITION: EventKind.EXHIBITION}
CANDIDATES = 10
LIVE = (EventStatus.PUBLISHED, EventStatus.CLOSED)


@dataclass(frozen=True)
class NeedCourseAnnounced:
    """A linked course announced to the need's members (handlers/needs/notices.py)."""

    need_title: str
    event: Event


@dataclass(frozen=True)
class Target:
    kind: str  # NeedLinkKind
    id: int
    title: str
    when: datetime | None


def check_kind(kind: str) -> str:
    if kind not in PICKABLE:
        raise StaleAction()
    return kind


async def candidates(
    session: AsyncSession, who: Identity, config: Config, need_id: int, kind: str, *, now: datetime
) -> list[Target]:
    """Upcoming courses / tours / exhibitions (published or closed), or the newest consortia."""
    await nd.load(session, who, config, need_id, lc.LINK)
    kind = check_kind(kind)
    if kind == K.CONSORTIUM:
        rows = (
            await session.execute(select(Consortium).order_by(Consortium.id.desc()).limit(CANDIDATES))
        ).scalars()
        return [Target(kind, c.id, c.name, None) for c in rows]
    stmt = (
        select(Event)
        .where(Event.kind == EVENT_KINDS[K(kind)], Event.status.in_(LIVE), Event.starts_at > now)
        .order_by(Event.starts_at, Event.id)
        .limit(CANDIDATES)
    )
    return [Target(kind, e.id, e.title, e.starts_at) for e in (await session.execute(stmt)).scalars()]


async def _target(session: AsyncSession, kind: str, target_id: int, *, now: datetime) -> Target:
    """The object a link points to, checked as the candidates list would have it; else stale."""
    if kind == K.CONSORTIUM:
        consortium = await session.get(Consortium, target_id)
        if consortium is None:
            raise StaleAction()
        return Target(kind, consortium.id, consortium.name, None)
    event = await session.get(Event, target_id)
    if (
        event is None
        or event.kind != EVENT_KINDS[K(kind)]
        or event.status not in LIVE
        or event.starts_at <= now
    ):
        raise StaleAction()
    return Target(kind, event.id, event.title, event.starts_at)


async def link(
    session: AsyncSession,
    who: Identity,
    config: Config,
    need_id: int,
    kind: str,
    target_id: int,
    *,
    now: datetime,
) -> Target:
    """Link the need to an action; linking the same one twice keeps one link."""
    await nd.load(session, who, config, need_id, lc.LINK)
    target = await _target(session, check_kind(kind), target_id, now=now)
    await add(session, need_id, K(kind), target_id, now=now)
    return target


async def add(
    session: AsyncSession, need_id: int, kind: NeedLinkKind, target_id: int, *, now: datetime
) -> None:
    stmt = select(NeedLink.id).where(
        NeedLink.need_id == need_id, NeedLink.kind == kind, NeedLink.target_id == target_id
    )
    if (await session.execute(stmt)).first() is not None:
        return
    try:
        async with session.begin_nested():
            session.add(NeedLink(need_id=need_id, kind=kind, target_id=target_id, added_at=now))
    except IntegrityError:  # the same link added by a concurrent press a moment ago
        return


async def described(session: AsyncSession, need_id: int) -> list[Target]:
    """Every action linked to the need, oldest first, with its title (a broadcast: its start of text)."""
    rows = (
        await session.execute(
            select(NeedLink).where(NeedLink.need_id == need_id).order_by(NeedLink.added_at, NeedLink.id)
        )
    ).scalars()
    out: list[Target] = []
    for row in rows:
        if row.kind == K.CONSORTIUM:
            consortium = await session.get(Consortium, row.target_id)
            if consortium is not None:
                out.append(Target(row.kind, row.target_id, consortium.name, None))
        elif row.kind == K.BROADCAST:
            broadcast = await session.get(Broadcast, row.target_id)
            if broadcast is not None:
                out.append(Target(row.kind, row.target_id, broadcast.text_html or "", row.added_at))
        else:
            event = await session.get(Event, row.target_id)
            if event is not None:
                out.append(Target(row.kind, row.target_id, event.title, event.starts_at))
    return out


async def announceable(session: AsyncSession, need_id: int, *, now: datetime) -> list[Target]:
    """Linked courses that are still open for sign-up and have not started: each can be announced."""
    found = []
    for target in await described(session, need_id):
        if target.kind != K.COURSE:
            continue
        event = await session.get(Event, target.id)
        if event is not None and event.status == EventStatus.PUBLISHED and event.starts_at > now:
            found.append(target)
    return found


async def announce_course(
    session: AsyncSession, who: Identity, config: Config, need_id: int, event_id: int, *, now: datetime
) -> int:
    """Announce a linked course to exactly the members attached to the need (with «مشاهده و ثبت‌نام»),
    once per need and course; the notification is listed among the need's actions. Returns the count."""
    need = await nd.load(session, who, config, need_id, lc.MESSAGE)
    if not any(t.id == event_id for t in await announceable(session, need_id, now=now)):
        raise StaleAction()
    event = await session.get(Event, event_id)
    assert event is not None
    stmt = select(NeedMember.member_id).where(NeedMember.need_id == need_id)
    member_ids = sorted((await session.execute(stmt)).scalars())
    reach = await segments.count_recipients(
        session, {"members": [str(m) for m in member_ids]}, platforms=config.platforms
    )
    if not member_ids or reach == 0:
        raise InvalidInput("need_no_members")
    broadcast_id = await notify(
        session,
        config=config,
        member_ids=member_ids,
        now=now,
        notice=NeedCourseAnnounced(need.title, event),
        origin=f"need:{need_id}:course:{event_id}",
    )
    if broadcast_id is None:
        raise InvalidInput("need_already_announced")
    await add(session, need_id, K.BROADCAST, broadcast_id, now=now)
    return reach
