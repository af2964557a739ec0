"""Async engine and sessionmaker; nothing connects until first used.

Two kinds of session, by how they are opened:
- `async with sessionmaker.begin() as session:` reads and writes, and commits at the end;
- `async with sessionmaker() as session:` only reads. It never commits (a write there would be lost
  at close), so a write is refused (ReadOnlySession) instead of silently rolled back.

SQLite allows one writer at a time, and the difference matters there:
- a write transaction starts with BEGIN IMMEDIATE (the write lock at once), so a transaction that
  reads and then writes never fails when it would upgrade its lock;
- within one process, write transactions queue first come, first served (`WriteQueue`) before
  asking SQLite for its lock. SQLite's own busy wait polls with sleeps that grow to 100 ms and
  lets a newcomer overtake a transaction that has waited for long: ten members pressing a button
  at once made one of them wait 0.9 s behind twenty transactions of a few ms each. Several
  processes on one SQLite file still queue on SQLite's busy timeout between them;
- a read-only session starts with a plain (deferred) BEGIN: in WAL mode it reads a consistent
  snapshot while a writer works, and takes no place in the writers' queue.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, event
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio.session import _AsyncSessionContextManager  # what begin() returns
from sqlalchemy.util.concurrency import await_only, in_greenlet

log = logging.getLogger(__name__)

READS_ONLY = "khooshe_reads_only"  # execution option of the engine a read-only session is bound to
BUSY_TIMEOUT = 30.0  # seconds a writer waits for its turn (the queue, then SQLite's lock) before failing
_WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"})
_IN_QUEUE = "khooshe_write_turn"  # connection info key: this connection holds the queue's turn


class ReadOnlySession(InvalidRequestError):
    """A write in a session opened with `sessionmaker()`: open it with `sessionmaker.begin()`."""


# Connections kept open between bursts: ten members answered at once need ten connections, and
# with SQLAlchemy's default of five, each burst opened and closed five more (a thread and the pragmas
# on SQLite, a login on PostgreSQL: 40 and 18 connects in the 6 s of bench/flood.py).
POOL_SIZE = 10
POOL_OVERFLOW = 22  # up to 32 at once: max_concurrent_updates' default, the tick and the send worker


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Engine with per-backend settings: SQLite gets foreign keys, WAL, a busy timeout and a write queue."""
    if "memory" not in url:  # an in-memory SQLite database has a single connection
        kwargs.setdefault("pool_size", POOL_SIZE)
        kwargs.setdefault("max_overflow", POOL_OVERFLOW)
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": BUSY_TIMEOUT})
        engine = create_async_engine(url, **kwargs)
        _QUEUES[engine.sync_engine] = queue = WriteQueue()
        _enable_sqlite_pragmas(engine, queue)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        engine = create_async_engine(url, **kwargs)
    _refuse_writes_when_reading(engine)
    return engine


class _Turns:
    """A first-come, first-served lock: `give` hands the turn straight to the longest waiter."""

    def __init__(self) -> None:
        self.taken = False
        self.waiters: deque[asyncio.Future[None]] = deque()

    async def take(self) -> None:
        if not self.taken:
            self.taken = True
            return
        turn = asyncio.get_running_loop().create_future()
        self.waiters.append(turn)
        try:
            await turn
        except asyncio.CancelledError:  # also a timeout
            if turn.done() and not turn.cancelled():  # handed the turn as it was cancelled: pass it on
                self.give()
            elif turn in self.waiters:
                self.waiters.remove(turn)
            raise

    def give(self) -> None:
        while self.waiters:
            turn = self.waiters.popleft()
            if not turn.done():
                turn.set_result(None)  # still taken: it changed hands
                return
        self.taken = False


class WriteQueue:
    """This process's write transactions on one SQLite database, one at a time, in the order they asked.

    `acquire` runs inside SQLAlchemy's greenlet (from the "begin" event) and waits for the turn;
    the turn is recorded in the connection's info and handed on when the transaction ends,
    whichever way it ends (commit, rollback, or the pool taking the connection back). A turn not
    given within the busy timeout is logged and SQLite's own busy wait decides: never a deadlock.
    """

    def __init__(self, timeout: float = BUSY_TIMEOUT) -> None:
        self.timeout = timeout
        self._turns: WeakKeyDictionary[asyncio.AbstractEventLoop, _Turns] = WeakKeyDictionary()

    def _here(self) -> _Turns:
        loop = asyncio.get_running_loop()
        turns = self._turns.get(loop)
        if turns is None:
            turns = self._turns[loop] = _Turns()
        return turns

    def waiting(self) -> int:
        """Write transactions of this event loop waiting for their turn."""
        return sum(not turn.done() for turn in self._here().waiters)

    async def _take(self, turns: _Turns) -> bool:
        try:
            async with asyncio.timeout(self.timeout):
                await turns.take()
        except TimeoutError:
            log.error("no write turn within %.0f s: asking SQLite directly", self.timeout)
            return False
        return True

    def acquire(self, info: dict[Any, Any]) -> None:
        if _IN_QUEUE in info or not in_greenlet():  # a synchronous caller has no loop to queue on
            return
        turns = self._here()
        if await_only(self._take(turns)):
            info[_IN_QUEUE] = turns

    @staticmethod
    def release(info: dict[Any, Any] | None) -> None:
        turns = info.pop(_IN_QUEUE, None) if info is not None else None
        if turns is not None:
            turns.give()


_QUEUES: WeakKeyDictionary[Engine, WriteQueue] = WeakKeyDictionary()


def write_queue(engine: AsyncEngine) -> WriteQueue | None:
    """The write queue of a SQLite engine made by `create_engine` (None for PostgreSQL)."""
    return _QUEUES.get(engine.sync_engine)


def _info(connection: Any) -> dict[Any, Any] | None:
    """The pooled connection's info dict (shared by the Connection and its pool record)."""
    try:
        return connection.info
    except Exception:  # an invalidated or closed connection: the pool events release it
        return None


def _enable_sqlite_pragmas(engine: AsyncEngine, queue: WriteQueue) -> None:
    """Foreign keys, WAL; BEGIN IMMEDIATE after the write queue for writers, a deferred BEGIN for readers."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" below issue BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(READS_ONLY):
            connection.exec_driver_sql("BEGIN")
            return
        info = connection.info
        queue.acquire(info)
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            queue.release(info)
            raise

    # The turn is handed on when the transaction ends (just before COMMIT/ROLLBACK is sent: the next
    # writer's BEGIN IMMEDIATE queues behind it in SQLite for a moment) or, whatever happened to the
    # connection, when it goes back to the pool or is invalidated.
    @event.listens_for(engine.sync_engine, "commit")
    def _on_commit(connection: Any) -> None:
        queue.release(_info(connection))

    @event.listens_for(engine.sync_engine, "rollback")
    def _on_rollback(connection: Any) -> None:
        queue.release(_info(connection))

    @event.listens_for(engine.sync_engine.pool, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        queue.release(record.info)

    @event.listens_for(engine.sync_engine.pool, "invalidate")
    def _on_invalidate(_dbapi_connection: Any, record: Any, _exception: Any) -> None:
        queue.release(record.info)


def _refuse_writes_when_reading(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _check(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if connection.get_execution_options().get(READS_ONLY):
            verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
            if verb in _WRITES:
                raise ReadOnlySession(
                    f"{verb} in a read-only session: open it with sessionmaker.begin() to write"
                )


class SessionMaker(async_sessionmaker[AsyncSession]):
    """`sessionmaker()`: a read-only session; `sessionmaker.begin()`: a session that writes and commits."""

    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__(engine, expire_on_commit=False)
        self.reader = engine.execution_options(**{READS_ONLY: True})

    def __call__(self, **local_kw: Any) -> AsyncSession:
        local_kw.setdefault("bind", self.reader)
        return super().__call__(**local_kw)

    def begin(self) -> _AsyncSessionContextManager[AsyncSession]:
        return self.writer()._maker_context_manager()

    def writer(self) -> AsyncSession:
        """A session that may write (commit it yourself, or use `begin()`)."""
        return super().__call__()


def create_sessionmaker(engine: AsyncEngine) -> SessionMaker:
    return SessionMaker(engine)
