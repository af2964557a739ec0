"""Sessions: `sessionmaker()` only reads; on SQLite it never waits for a writer, and writers take turns
in the order they asked (bot/db.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.db import ReadOnlySession, WriteQueue, create_engine, create_sessionmaker, write_queue
from models import Account
from tests.e2e_support import wait_for
from tests.factories import NOW

SM = async_sessionmaker[AsyncSession]


@pytest.fixture
async def sqlite(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A scratch SQLite file with one table `log (who)`: the order in which writers committed."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'turns.db'}")
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE log (who TEXT)"))
    yield engine
    await engine.dispose()


def queue_of(engine: AsyncEngine) -> WriteQueue:
    queue = write_queue(engine)
    assert queue is not None
    return queue


def waiting(queue: WriteQueue, count: int) -> Callable[[], bool]:
    return lambda: queue.waiting() == count


async def write(
    sm: SM, who: str, hold: asyncio.Event | None = None, holding: asyncio.Event | None = None
) -> None:
    async with sm.begin() as s:
        await s.execute(text("INSERT INTO log (who) VALUES (:who)"), {"who": who})
        if holding is not None:
            holding.set()
        if hold is not None:
            await hold.wait()


async def committed(sm: SM) -> list[str]:
    async with sm() as s:
        return list((await s.execute(text("SELECT who FROM log ORDER BY rowid"))).scalars())


async def test_a_read_only_session_refuses_to_write(sessionmaker: SM) -> None:
    async with sessionmaker() as s:
        s.add(Account(platform="telegram", user_id=1, chat_id=1, created_at=NOW, last_seen_at=NOW))
        with pytest.raises(ReadOnlySession):
            await s.flush()
    async with sessionmaker() as s:
        with pytest.raises(ReadOnlySession):
            await s.execute(text("DELETE FROM accounts"))
    async with sessionmaker.begin() as s:  # the same write in a session that may write
        s.add(Account(platform="telegram", user_id=1, chat_id=1, created_at=NOW, last_seen_at=NOW))


async def test_sqlite_a_reader_does_not_wait_for_a_writer(sqlite: AsyncEngine) -> None:
    sm = create_sessionmaker(sqlite)
    hold, holding = asyncio.Event(), asyncio.Event()
    writer = asyncio.create_task(write(sm, "writer", hold, holding))
    await holding.wait()  # the writer holds SQLite's write lock until `hold` is set
    async with sm() as s:
        seen = await asyncio.wait_for(s.scalar(text("SELECT count(*) FROM log")), timeout=10)
    assert seen == 0  # read while the writer held the lock (its row is not committed yet)
    assert not writer.done()
    hold.set()
    await writer
    assert await committed(sm) == ["writer"]


async def test_sqlite_writers_take_turns_in_the_order_they_asked(sqlite: AsyncEngine) -> None:
    """SQLite's own busy wait lets a newcomer overtake a writer who has waited long (its polls are
    100 ms apart by then); the queue serves them in order."""
    sm, queue = create_sessionmaker(sqlite), queue_of(sqlite)
    hold, holding = asyncio.Event(), asyncio.Event()
    first = asyncio.create_task(write(sm, "first", hold, holding))
    await holding.wait()
    writers: list[asyncio.Task[None]] = []
    for who in ("early", "middle", "late"):
        writers.append(asyncio.create_task(write(sm, who)))
        await wait_for(waiting(queue, len(writers)))  # it asked before the next one does
    hold.set()
    await asyncio.gather(first, *writers)
    assert await committed(sm) == ["first", "early", "middle", "late"]
    assert queue.waiting() == 0


async def test_sqlite_the_turn_passes_on_however_a_transaction_ends(sqlite: AsyncEngine) -> None:
    sm, queue = create_sessionmaker(sqlite), queue_of(sqlite)
    with pytest.raises(RuntimeError):  # an error inside the transaction: rolled back
        async with sm.begin() as s:
            await s.execute(text("INSERT INTO log (who) VALUES ('failed')"))
            raise RuntimeError("boom")

    hold, holding = asyncio.Event(), asyncio.Event()
    cancelled_holder = asyncio.create_task(write(sm, "cancelled holder", hold, holding))
    await holding.wait()
    cancelled_waiter = asyncio.create_task(write(sm, "cancelled waiter"))
    after = asyncio.create_task(write(sm, "after"))
    await wait_for(waiting(queue, 2))
    cancelled_waiter.cancel()  # gave up while waiting for its turn
    cancelled_holder.cancel()  # cancelled while it held the turn
    await asyncio.wait_for(after, timeout=10)
    assert cancelled_holder.cancelled() and cancelled_waiter.cancelled()
    assert await committed(sm) == ["after"]
    assert queue.waiting() == 0
    await asyncio.wait_for(write(sm, "next"), timeout=10)  # nothing left holding the turn


async def test_sqlite_a_turn_not_given_in_time_falls_back_to_sqlite(sqlite: AsyncEngine) -> None:
    """A stuck turn never deadlocks the bot: past the timeout the writer asks SQLite itself."""
    sm, queue = create_sessionmaker(sqlite), queue_of(sqlite)
    queue.timeout = 0.2
    hold, holding = asyncio.Event(), asyncio.Event()
    holder = asyncio.create_task(write(sm, "holder", hold, holding))
    await holding.wait()
    late = asyncio.create_task(write(sm, "late"))
    await wait_for(waiting(queue, 1))
    await wait_for(waiting(queue, 0))  # timed out: it asked SQLite, which makes it wait
    assert not late.done()
    hold.set()
    await asyncio.gather(holder, late)
    assert await committed(sm) == ["holder", "late"]
