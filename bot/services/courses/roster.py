"""A course's roster for the CDA: who is registered, waiting, offered or gone; attendance; feedback;
exports; messages to those registered or absent. Admins only (the roster holds phone numbers).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import audience_message
from bot.services.common import lifecycle as lc
from bot.services.common.audit import record
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.courses import admin as ca
from bot.services.members.accounts import Identity
from models import Event, Member, Seat
from models.enums import AuditAction, AuditKind, SeatStatus

ORDER = (
    SeatStatus.REGISTERED,
    SeatStatus.OFFERED,
    SeatStatus.WAITLISTED,
    SeatStatus.CANCELLED,
    SeatStatus.EXPIRED,
)
PAGE_SIZE = 20
NEXT_MARK = {None: True, True: False, False: None}  # ⬜️ → ✅ present → ❌ absent → ⬜️


@dataclass(frozen=True)
class Entry:
    """One registration with the member's details (labels resolved from the config)."""

    member_id: int
    name: str
    phone: str
    role: str
    place: str  # "" for «other» without a name (shown as texts' PLACE_OTHER)
    status: str
    position: int | None  # on the waitlist, 1 = next
    queued_at: datetime
    attended: bool | None
    score: int | None
    comment: str | None


@dataclass
class Roster:
    event: Event
    counts: Counter[str]
    entries: list[Entry]

    def of(self, status: str) -> list[Entry]:
        return [e for e in self.entries if e.status == status]


@dataclass(frozen=True)
class AttendancePage:
    event: Event
    entries: list[Entry]  # this page's registered members
    page: int
    pages: int
    present: int
    absent: int
    unmarked: int


@dataclass
class Feedback:
    event: Event
    present: int
    count: int
    average: float | None
    distribution: Counter[int] = field(default_factory=Counter)
    comments: list[tuple[int | None, str]] = field(default_factory=list)


def _place(member: Member, config: Config) -> str:
    if member.place == "other":
        return member.place_other or ""
    return config.label_of("places", member.place)


@dataclass(frozen=True)
class RosterMessage:
    """The CDA's words under the course's heading (handlers/courses/notices.py)."""

    title: str
    text_html: str


async def _entries(session: AsyncSession, event_id: int, config: Config) -> list[Entry]:
    """Every registration of the course, in ORDER of status and arrival within each."""
    stmt = (
        select(Seat, Member)
        .join(Member, Member.id == Seat.member_id)
        .where(Seat.event_id == event_id)
        .order_by(Seat.queued_at, Seat.id)
    )
    out: list[Entry] = []
    waiting = 0
    for reg, member in (await session.execute(stmt)).all():
        waiting += reg.status == SeatStatus.WAITLISTED
        out.append(
            Entry(
                member.id,
                member.full_name,
                member.phone,
                config.label_of("roles", member.role),
                _place(member, config),
                reg.status,
                waiting if reg.status == SeatStatus.WAITLISTED else None,
                reg.queued_at,
                reg.attended,
                reg.feedback_score,
                reg.feedback_comment,
            )
        )
    rank: dict[str, int] = {status: i for i, status in enumerate(ORDER)}
    return sorted(out, key=lambda e: rank.get(e.status, len(ORDER)))  # stable: arrival order kept


async def _roster(session: AsyncSession, who: Identity, config: Config, event_id: int) -> Roster:
    event = await ca.load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.ROSTER))
    entries = await _entries(session, event_id, config)
    return Roster(event, Counter(e.status for e in entries), entries)


async def roster(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, now: datetime | None = None
) -> Roster:
    """The roster with names and phones shown to the CDA: recorded in the audit log as member data viewed."""
    found = await _roster(session, who, config, event_id)
    title = found.event.title
    await record(session, who, AuditAction.MEMBER_DATA_VIEWED, AuditKind.COURSE, event_id, title, now=now)
    return found


async def _page(session: AsyncSession, event: Event, config: Config, page: int) -> AttendancePage:
    registered = [e for e in await _entries(session, event.id, config) if e.status == SeatStatus.REGISTERED]
    pages = max(1, -(-len(registered) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    marks = Counter(e.attended for e in registered)
    return AttendancePage(
        event,
        registered[page * PAGE_SIZE : (page + 1) * PAGE_SIZE],
        page,
        pages,
        present=marks[True],
        absent=marks[False],
        unmarked=marks[None],
    )


async def attendance(
    session: AsyncSession, who: Identity, config: Config, event_id: int, page: int = 0
) -> AttendancePage:
    event = await ca.load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.ATTENDANCE))
    return await _page(session, event, config, page)


async def _seat(session: AsyncSession, event_id: int, member_id: int) -> Seat:
    stmt = select(Seat).where(Seat.event_id == event_id, Seat.member_id == member_id)
    reg = (await session.execute(stmt)).scalar_one_or_none()
    if reg is None or reg.status != SeatStatus.REGISTERED:  # a forged id, or the member left meanwhile
        raise StaleAction()
    return reg


async def toggle_attendance(
    session: AsyncSession,
    who: Identity,
    config: Config,
    event_id: int,
    member_id: int,
    *,
    page: int,
    now: datetime,
) -> AttendancePage:
    """One tap on a name: ⬜️ → ✅ → ❌ → ⬜️."""
    event = await ca.load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.ATTENDANCE))
    reg = await _seat(session, event_id, member_id)
    reg.attended, reg.updated_at = NEXT_MARK[reg.attended], now
    await session.flush()
    return await _page(session, event, config, page)


async def mark_rest_absent(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, page: int, now: datetime
) -> AttendancePage:
    """«بقیه غایب»: every registered member not yet marked is marked absent."""
    event = await ca.load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.ATTENDANCE))
    stmt = select(Seat).where(
        Seat.event_id == event_id,
        Seat.status == SeatStatus.REGISTERED,
        Seat.attended.is_(None),
    )
    for reg in (await session.execute(stmt)).scalars():
        reg.attended, reg.updated_at = False, now
    await session.flush()
    return await _page(session, event, config, page)


async def recipients(session: AsyncSession, event_id: int, to: str) -> list[int]:
    """Member ids of those registered (`reg`) or registered and marked absent (`abs`)."""
    stmt = select(Seat.member_id).where(Seat.event_id == event_id, Seat.status == SeatStatus.REGISTERED)
    if to == "abs":
        stmt = stmt.where(Seat.attended.is_(False))
    elif to != "reg":
        raise StaleAction()
    return list((await session.execute(stmt.order_by(Seat.member_id))).scalars())


async def absent_member_ids(session: AsyncSession, who: Identity, config: Config, event_id: int) -> list[int]:
    await ca.load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.MESSAGE))
    return await recipients(session, event_id, "abs")


async def message(
    session: AsyncSession,
    who: Identity,
    config: Config,
    event_id: int,
    to: str,
    text_html: str,
    *,
    now: datetime,
) -> int:
    """Queue the CDA's message (formatting kept) to the course's registered or absent members
    (one length rule and delivery path: bot/services/common/audience_message.py)."""
    event = await ca.load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.MESSAGE))
    audience_message.check(text_html)
    members = await recipients(session, event_id, to)
    if not members:
        raise InvalidInput("no_recipients")
    await audience_message.queue(
        session,
        config=config,
        segment=audience_message.members(members),
        notice=RosterMessage(event.title, text_html),
        text_html=text_html,
        now=now,
    )
    summary = f"{event.title} | {to} | {len(members)}"
    await record(session, who, AuditAction.BROADCAST_SENT, AuditKind.COURSE, event.id, summary, now=now)
    return len(members)


async def feedback(session: AsyncSession, who: Identity, config: Config, event_id: int) -> Feedback:
    """Average score, how many answered, the distribution and the comments (newest registrations last)."""
    event = await ca.load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.FEEDBACK))
    entries = await _entries(session, event_id, config)
    scores = [e.score for e in entries if e.score is not None]
    return Feedback(
        event,
        present=sum(e.attended is True for e in entries),
        count=len(scores),
        average=sum(scores) / len(scores) if scores else None,
        distribution=Counter(scores),
        comments=[(e.score, e.comment) for e in entries if e.comment],
    )


async def export(
    session: AsyncSession,
    who: Identity,
    config: Config,
    event_id: int,
    *,
    fmt: str = "xlsx",
    now: datetime | None = None,
) -> Roster:
    """The full roster for the .xlsx / CSV files (rows built by bot.services.courses.export); audited."""
    found = await _roster(session, who, config, event_id)
    summary = f"{found.event.title} | {fmt}"
    await record(session, who, AuditAction.EXPORT, AuditKind.COURSE, event_id, summary, now=now)
    return found
