"""Live bot processes (heartbeats): workers of one messenger share its send budget between them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from models import BotProcess


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


@dataclass(frozen=True)
class Alive:
    processes: int  # live bot processes, this one included: they split the bulk budget
    repliers: int  # those receiving updates (and so sending replies): they split the reply headroom


async def heartbeat(
    session: AsyncSession,
    *,
    worker: str,
    now: datetime,
    alive_within: timedelta,
    receives_updates: bool,
    messenger: str | None = None,
) -> Alive:
    """Say this worker is alive; returns how many workers of its messenger (this one included) are alive.

    Each messenger has its own send budget: a Telegram worker and a Bale worker do not share one."""
    dialect = postgresql if _dialect(session) == "postgresql" else sqlite
    row = {"seen_at": now, "receives_updates": receives_updates, "messenger": messenger}
    upsert = dialect.insert(BotProcess).values(worker_id=worker, **row)
    await session.execute(upsert.on_conflict_do_update(index_elements=["worker_id"], set_=row))
    await session.execute(delete(BotProcess).where(BotProcess.seen_at < now - timedelta(days=1)))
    same_budget = [] if messenger is None else [BotProcess.messenger == messenger]
    alive = (
        await session.execute(
            select(BotProcess.receives_updates, func.count())
            .where(BotProcess.seen_at >= now - alive_within, *same_budget)
            .group_by(BotProcess.receives_updates)
        )
    ).all()
    counts = {bool(polls): int(n) for polls, n in alive}
    return Alive(max(1, sum(counts.values())), max(1, counts.get(True, 0)))


async def leave(session: AsyncSession, *, worker: str) -> None:
    """A clean stop: the other processes take back the whole budget at their next tick."""
    await session.execute(delete(BotProcess).where(BotProcess.worker_id == worker))
