"""Process updates concurrently across members but in order within one chat, and fairly.

With PTB's plain concurrent processing, two quick messages from the same grower could be handled
out of order (an answer overtaking the question's step). Here each chat has a lock: different
members are served in parallel (up to `max_concurrent_updates`), one member's updates one by one.

Fairness: the chat's lock is taken BEFORE a concurrency slot, so a chat's backlog waits on its own
lock and holds no slot; 400 messages from one member occupy one slot, not all of them. A chat with
more than `burst_limit` updates waiting is flooding: further updates from it are dropped until its
queue drains, and `on_flood` is called once per flood (the bot answers «لطفاً کمی صبر کنید»).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)
FloodHook = Callable[[Update], Awaitable[None]]
# PTB's own semaphore is taken before do_process_update; it must never be the limit (see module doc).
_UNBOUNDED = 1_000_000


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 32, *, burst_limit: int = 30) -> None:
        super().__init__(_UNBOUNDED)
        self.slots = max_concurrent_updates
        self.burst_limit = burst_limit
        self.on_flood: FloodHook | None = None
        self.dropped = 0
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}
        self._flooding: set[int] = set()

    @staticmethod
    def _key(update: object) -> int | None:
        if not isinstance(update, Update):
            return None
        chat, user = update.effective_chat, update.effective_user
        return chat.id if chat is not None else (user.id if user is not None else None)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = self._key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        if self._users.get(key, 0) >= self.burst_limit:
            await self._drop(key, update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock, self._slots:
                await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:  # nobody else waiting for this chat: forget its lock
                del self._users[key]
                del self._locks[key]
                self._flooding.discard(key)

    async def _drop(self, key: int, update: object, coroutine: Awaitable[Any]) -> None:
        """A flooding chat's update beyond the burst limit: not processed; the member is told once."""
        self.dropped += 1
        if inspect.iscoroutine(coroutine):
            coroutine.close()  # never awaited on purpose
        if key in self._flooding:
            return
        self._flooding.add(key)
        log.warning("chat %s sent more than %d updates at once; dropping the rest", key, self.burst_limit)
        if self.on_flood is not None and isinstance(update, Update):
            try:
                async with self._slots:
                    await self.on_flood(update)
            except Exception as exc:  # telling the flooder is best effort
                log.info("could not ask chat %s to slow down: %r", key, exc)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
