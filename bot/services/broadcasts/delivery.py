"""The delivery engine's bookkeeping: start due broadcasts, fan out, claim, record results, finish.

The database is the truth: every recipient is a `deliveries` row. Work is claimed with conditional
updates (plus `FOR UPDATE SKIP LOCKED` on PostgreSQL), so two ticks or two bot processes never send
the same row twice. A crash leaves at most the claimed rows (≤ max_in_flight) in `sending`; they are
retried after a lease (at once when the restarted process finds its own dead claims) and counted as
possible duplicates. A send whose outcome is unknown is sent at most once more.

`duplicate_cause` says why an earlier copy may already be on the member's screen; `maybe_duplicate`
is set when such a row is claimed again, i.e. when a second copy really went out: the report
counts those.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Boolean, Integer, String, and_, exists, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts.processes import Alive, heartbeat, leave
from bot.services.common import segments
from bot.services.common.quiet_hours import is_quiet
from models import Account, Broadcast, Delivery
from models.enums import BroadcastStatus, DeliveryStatus, DuplicateCause

CLAIM_LEASE = timedelta(seconds=90)


@dataclass(frozen=True)
class Started:
    broadcast_id: int
    expired: bool


@dataclass(frozen=True)
class Claim:
    delivery_id: int
    broadcast_id: int
    chat_id: int
    attempts: int


@dataclass(frozen=True)
class Result:
    """What happened to one claimed delivery, as the sender saw it."""

    delivery_id: int
    outcome: str  # sent | blocked | failed | retry | broken
    message_id: int | None = None
    error: str | None = None
    maybe_delivered: bool = False  # outcome unknown (5xx, broken connection, timeout): it may have arrived


@dataclass(frozen=True)
class Recorded:
    paused: list[int]  # broadcasts paused because their message is broken
    dropped: int  # outcomes for claims this worker no longer held (its lease ran out): not recorded


@dataclass
class Tally:
    total: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    maybe_duplicates: int = 0  # rows sent again after an earlier copy may have arrived
    duplicate_causes: Counter[str] = field(default_factory=Counter)

    @property
    def done(self) -> int:
        return (
            self.by_status[DeliveryStatus.SENT]
            + self.by_status[DeliveryStatus.BLOCKED]
            + self.by_status[DeliveryStatus.FAILED]
        )


def dialect_of(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


async def start_due(session: AsyncSession, *, config: Config, now: datetime) -> list[Started]:
    """Move due scheduled broadcasts to running (fanning out) or to expired when too late."""
    due = (
        await session.execute(
            select(Broadcast.id, Broadcast.expires_at).where(
                Broadcast.status == BroadcastStatus.SCHEDULED, Broadcast.due_at <= now
            )
        )
    ).all()
    started: list[Started] = []
    for broadcast_id, expires_at in due:
        too_late = expires_at is not None and now > expires_at
        claimed = await session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.SCHEDULED)
            .values(
                status=BroadcastStatus.EXPIRED if too_late else BroadcastStatus.RUNNING,
                started_at=now,
                updated_at=now,
                finished_at=now if too_late else None,
            )
        )
        if getattr(claimed, "rowcount", 0) != 1:
            continue  # another tick or process took it
        if not too_late:
            await fan_out(session, broadcast_id, config=config)
        started.append(Started(broadcast_id, too_late))
    return started


async def fan_out(session: AsyncSession, broadcast_id: int, *, config: Config) -> int:
    """Create one pending delivery per recipient; running it again adds nothing (idempotent)."""
    broadcast = await session.get(Broadcast, broadcast_id)
    assert broadcast is not None
    recipients = segments.recipients_query(broadcast.segment, platforms=config.platforms).subquery()
    source = select(
        literal(broadcast_id, Integer),
        recipients.c[0],
        recipients.c[1],
        recipients.c[2],
        recipients.c[3],
        literal(DeliveryStatus.PENDING, String),
        literal(0, Integer),
        literal(False, Boolean),
    ).where(~exists().where(Delivery.broadcast_id == broadcast_id, Delivery.member_id == recipients.c[0]))
    dialect = postgresql if dialect_of(session) == "postgresql" else sqlite
    columns = [
        "broadcast_id",
        "member_id",
        "account_id",
        "chat_id",
        "messenger",
        "status",
        "attempts",
        "maybe_duplicate",
    ]
    await session.execute(dialect.insert(Delivery).from_select(columns, source).on_conflict_do_nothing())
    total = (
        await session.execute(select(func.count()).where(Delivery.broadcast_id == broadcast_id))
    ).scalar_one()
    broadcast.total = int(total)
    return broadcast.total


async def claim(
    session: AsyncSession, *, worker: str, config: Config, now: datetime, limit: int
) -> list[Claim]:
    """Claim up to `limit` pending deliveries of running broadcasts on this worker's messenger
    (`config.platform`); non-urgent ones wait out quiet hours. Another messenger's rows are never touched."""
    quiet = is_quiet(now, config.broadcasting.quiet_start, config.broadcasting.quiet_end, config.timezone)
    running = select(Broadcast.id).where(Broadcast.status == BroadcastStatus.RUNNING).order_by(Broadcast.id)
    if quiet:  # non-urgent broadcasts wait out quiet hours
        running = running.where(Broadcast.urgent.is_(True))
    ids: list[int] = []
    for broadcast_id in (await session.execute(running)).scalars():
        # one broadcast at a time, in id order: a range scan of ix_deliveries_claim, constant time however
        # many rows are pending (a single query over all running broadcasts sorted 100,000 rows)
        candidates = (
            select(Delivery.id)
            .where(
                Delivery.broadcast_id == broadcast_id,
                Delivery.messenger == config.platform,
                Delivery.status == DeliveryStatus.PENDING,
                or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now),
            )
            .order_by(Delivery.id)
            .limit(limit - len(ids))
        )
        if dialect_of(session) == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True)
        ids += (await session.execute(candidates)).scalars()
        if len(ids) >= limit:
            break
    if not ids:
        return []
    rows = await session.execute(
        update(Delivery)
        .where(Delivery.id.in_(ids), Delivery.status == DeliveryStatus.PENDING)
        .values(
            status=DeliveryStatus.SENDING,
            claimed_by=worker,
            claimed_at=now,
            attempts=Delivery.attempts + 1,
            # an earlier copy may have arrived and this claim sends another: a possible duplicate
            maybe_duplicate=or_(Delivery.maybe_duplicate, Delivery.duplicate_cause.is_not(None)),
        )
        .returning(Delivery.id, Delivery.broadcast_id, Delivery.chat_id, Delivery.attempts)
    )
    return sorted((Claim(*row) for row in rows.all()), key=lambda c: c.delivery_id)


async def record(
    session: AsyncSession, results: list[Result], *, worker: str, config: Config, now: datetime
) -> Recorded:
    """Store what happened to the claims `worker` still holds; outcomes for lost claims are dropped."""
    paused: set[int] = set()
    dropped = 0
    for result in results:
        delivery = await session.get(Delivery, result.delivery_id, populate_existing=True)
        if delivery is None or delivery.status != DeliveryStatus.SENDING or delivery.claimed_by != worker:
            dropped += 1  # the lease ran out and the row was handed on: its new holder records it
            continue
        delivery.claimed_by = None
        delivery.error = result.error[:255] if result.error else None
        if result.outcome == "sent":
            delivery.status, delivery.sent_at, delivery.message_id = (
                DeliveryStatus.SENT,
                now,
                result.message_id,
            )
        elif result.outcome == "blocked":
            await session.execute(
                update(Account).where(Account.id == delivery.account_id).values(is_reachable=False)
            )
            if not await hand_to_other_messenger(session, delivery, config=config):
                delivery.status = DeliveryStatus.BLOCKED
        elif result.outcome == "broken":
            delivery.status, delivery.attempts = DeliveryStatus.PENDING, delivery.attempts - 1
            paused.add(delivery.broadcast_id)
        elif result.maybe_delivered and delivery.duplicate_cause is not None:
            delivery.status = DeliveryStatus.FAILED  # two copies may be out already: never a third
        elif result.outcome == "retry" and delivery.attempts < config.broadcasting.max_attempts:
            delivery.status = DeliveryStatus.PENDING
            delivery.next_attempt_at = now + timedelta(seconds=2**delivery.attempts)
            if result.maybe_delivered:
                delivery.duplicate_cause = DuplicateCause.ANSWER_LOST
        else:
            delivery.status = DeliveryStatus.FAILED
    for broadcast_id in paused:
        await session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.RUNNING)
            .values(status=BroadcastStatus.PAUSED, pause_reason="broken_message", updated_at=now)
        )
    return Recorded(sorted(paused), dropped)


async def hand_to_other_messenger(session: AsyncSession, delivery: Delivery, *, config: Config) -> bool:
    """The member blocked the bot on one messenger: re-address the row to their other reachable account.

    The row goes back to pending under the other messenger, whose worker claims it; one row per person
    stays the rule, so they still get the message once."""
    other = (
        await session.execute(
            select(Account.id, Account.chat_id, Account.platform)
            .where(
                Account.member_id == delivery.member_id,
                Account.id != delivery.account_id,
                Account.is_reachable.is_(True),
                Account.platform.in_(config.platforms),
            )
            .order_by(Account.last_seen_at.desc(), Account.id)
            .limit(1)
        )
    ).first()
    if other is None:
        return False
    delivery.account_id, delivery.chat_id, delivery.messenger = other
    delivery.status, delivery.error = DeliveryStatus.PENDING, None
    return True


_REQUEUE = {
    "status": DeliveryStatus.PENDING,
    "claimed_by": None,
    "duplicate_cause": func.coalesce(Delivery.duplicate_cause, DuplicateCause.STOPPED.value),
}


async def reclaim_stale(session: AsyncSession, *, now: datetime, lease: timedelta = CLAIM_LEASE) -> int:
    """Claims older than the lease belong to a process that died: send them again, flagged."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.status == DeliveryStatus.SENDING, Delivery.claimed_at < now - lease)
        .values(**_REQUEUE)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def release_own(session: AsyncSession, *, worker: str) -> int:
    """A clean stop, or a dead worker of this host: hand its unsent claims back (flagged: may be out)."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.status == DeliveryStatus.SENDING, Delivery.claimed_by == worker)
        .values(**_REQUEUE)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def claimants(session: AsyncSession) -> list[str]:
    """The workers holding claims right now (a handful of rows at most)."""
    stmt = select(Delivery.claimed_by).where(Delivery.status == DeliveryStatus.SENDING).distinct()
    return [w for w in (await session.execute(stmt)).scalars() if w]


async def tally(session: AsyncSession, broadcast_id: int) -> Tally:
    result = Tally()
    rows = await session.execute(
        select(
            Delivery.status, Delivery.error, Delivery.maybe_duplicate, Delivery.duplicate_cause, func.count()
        )
        .where(Delivery.broadcast_id == broadcast_id)
        .group_by(Delivery.status, Delivery.error, Delivery.maybe_duplicate, Delivery.duplicate_cause)
    )
    for status, error, maybe_duplicate, cause, n in rows.all():
        result.total += n
        result.by_status[status] += n
        if status in (DeliveryStatus.FAILED, DeliveryStatus.BLOCKED) and error:
            result.errors[error] += n
        if maybe_duplicate and status in (DeliveryStatus.SENT, DeliveryStatus.FAILED):
            result.maybe_duplicates += n
            result.duplicate_causes[cause or DuplicateCause.STOPPED] += n
    return result


async def finish_if_complete(session: AsyncSession, broadcast_id: int, *, now: datetime) -> bool:
    """Mark a running broadcast done once nothing is pending or in flight; True for the caller that did."""
    open_work = exists().where(
        Delivery.broadcast_id == broadcast_id,
        Delivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.SENDING)),
    )
    result = await session.execute(
        update(Broadcast)
        .where(and_(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.RUNNING, ~open_work))
        .values(status=BroadcastStatus.DONE, finished_at=now, updated_at=now)
    )
    return getattr(result, "rowcount", 0) == 1


async def running_ids(session: AsyncSession) -> list[int]:
    stmt = select(Broadcast.id).where(Broadcast.status == BroadcastStatus.RUNNING).order_by(Broadcast.id)
    return list((await session.execute(stmt)).scalars())


async def has_work(session: AsyncSession, *, now: datetime) -> bool:
    """Anything to start or send (any messenger: a worker that finds nothing of its own stops at once)."""
    stmt = select(
        exists().where(
            or_(
                Broadcast.status == BroadcastStatus.RUNNING,
                and_(Broadcast.status == BroadcastStatus.SCHEDULED, Broadcast.due_at <= now),
            )
        )
    )
    return bool((await session.execute(stmt)).scalar())


__all__ = ["Alive", "Claim", "Recorded", "Result", "Started", "Tally", "heartbeat", "leave"]


async def load_broadcasts(session: AsyncSession, ids: list[int]) -> dict[int, Broadcast]:
    rows = await session.execute(select(Broadcast).where(Broadcast.id.in_(ids)))
    return {b.id: b for b in rows.scalars()}


async def set_progress_message(session: AsyncSession, broadcast_id: int, message_id: int) -> None:
    await session.execute(
        update(Broadcast).where(Broadcast.id == broadcast_id).values(progress_message_id=message_id)
    )


async def claim_mirror(session: AsyncSession, broadcast_id: int) -> bool:
    """True once per broadcast that asked for the channel mirror (safe with two processes)."""
    result = await session.execute(
        update(Broadcast)
        .where(
            Broadcast.id == broadcast_id, Broadcast.mirror_to_channel.is_(True), Broadcast.mirrored.is_(False)
        )
        .values(mirrored=True)
    )
    return getattr(result, "rowcount", 0) == 1


async def count_waiting(session: AsyncSession) -> int:
    """Deliveries not yet sent (pending or being sent): what /healthz reports as the backlog."""
    stmt = select(func.count(Delivery.id)).where(
        Delivery.status.in_((DeliveryStatus.PENDING, DeliveryStatus.SENDING))
    )
    return int((await session.execute(stmt)).scalar_one())
