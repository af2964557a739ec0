"""Outgoing-request pacing for every Bot API call: a sliding one-second window and polite retries.

Telegram allows about 30 messages per second overall. Replies to people chatting with the bot use
the whole window; bulk sends (rate_limit_args={"lane": "bulk"}) may only use `bulk_per_second` of
it, so a running broadcast never queues a reply behind it. A strict sliding window (not a token
bucket) means no one-second span ever holds more than the limit.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

# Methods that deliver something to a chat and count against Telegram's send limits.
SEND_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendVideo",
        "sendAnimation",
        "sendAudio",
        "sendVoice",
        "copyMessage",
        "forwardMessage",
        "sendMediaGroup",
        "sendLocation",
        "sendContact",
        "sendPoll",
    }
)
# Safe to repeat after a timeout: repeating them cannot show the member anything twice.
IDEMPOTENT_PREFIXES = ("get", "edit", "answer", "set", "delete")


@dataclass
class PacerStats:
    sent: int = 0
    retry_after: int = 0
    retried_network: int = 0


class SlidingWindow:
    """At most `limit` sends in any `window` seconds, counting sends still in flight.

    A send holds a slot from the moment it is taken until it completes; only then is its stamp
    (the completion time, which is after Telegram received it) kept for a further `window`. So the
    arrivals of any two sends counted apart are more than `window` apart, whatever the network
    jitter: no one-second span at Telegram's end can hold more than `limit`.
    """

    def __init__(self, limit: int, window: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self.stamps: deque[float] = deque()
        self.in_flight = 0
        self.paused_until = 0.0

    def _prune(self, now: float) -> None:
        while self.stamps and self.stamps[0] <= now - self.window:
            self.stamps.popleft()

    def wait_time(self, share: float) -> float:
        """Seconds until one more send fits under `share` per window (0 = it fits now)."""
        now = self.clock()
        if now < self.paused_until:
            return self.paused_until - now
        self._prune(now)
        allowed = max(1, int(min(share, self.limit)))
        used = len(self.stamps) + self.in_flight
        if used < allowed:
            return 0.0
        if used - allowed >= len(self.stamps):  # only in-flight sends block: wait for one to complete
            return 0.01
        return max(0.001, self.stamps[used - allowed] + self.window - now)

    def take(self) -> None:
        self.in_flight += 1

    def release(self) -> None:
        self.in_flight -= 1
        self.stamps.append(self.clock())

    def delay(self, share: float) -> float:
        """wait_time, and when it is 0 an instant send is recorded (for callers that do not wait on I/O)."""
        wait = self.wait_time(share)
        if wait == 0:
            self.stamps.append(self.clock())
        return wait

    def pause(self, seconds: float) -> None:
        self.paused_until = max(self.paused_until, self.clock() + seconds)


class Pacer(BaseRateLimiter[dict[str, Any]]):
    """PTB rate limiter: paces sends, waits out 429s, retries transient failures a few times."""

    def __init__(
        self,
        *,
        overall_per_second: int = 30,
        bulk_per_second: float = 25.0,
        max_retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        self.window = SlidingWindow(overall_per_second)
        self.bulk_window = SlidingWindow(overall_per_second)
        self.bulk_ceiling = bulk_per_second
        self.bulk_per_second = bulk_per_second
        self.per_chat_interval = 1.0
        self.last_sent: dict[Any, float] = {}
        self.max_retries = max_retries
        self.backoff = backoff
        self.stats = PacerStats()

    async def _acquire(self, bulk: bool) -> list[SlidingWindow]:
        """Replies need a slot in the overall window; bulk also needs one in its own, smaller share."""
        windows = [self.window, self.bulk_window] if bulk else [self.window]
        while True:
            wait = self.window.wait_time(self.window.limit)
            if bulk:
                wait = max(wait, self.bulk_window.wait_time(self.bulk_per_second))
            if wait <= 0:
                for window in windows:
                    window.take()
                return windows
            await asyncio.sleep(wait)

    async def _chat_gap(self, chat: Any) -> None:
        """Bulk sends keep about a second between two messages to the same chat."""
        while (wait := self.last_sent.get(chat, -1e9) + self.per_chat_interval - time.monotonic()) > 0:
            await asyncio.sleep(wait)

    def _note_chat(self, chat: Any) -> None:
        now = time.monotonic()
        self.last_sent[chat] = now
        if len(self.last_sent) > 10_000:  # forget chats quiet for longer than the interval
            self.last_sent = {c: t for c, t in self.last_sent.items() if now - t < self.per_chat_interval}

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def _call(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        chat: Any,
        bulk: bool,
    ) -> Any:
        """One attempt; send methods hold their window slots until Telegram has answered."""
        if endpoint not in SEND_METHODS:
            return await callback(*args, **kwargs)
        if bulk:
            await self._chat_gap(chat)
        windows = await self._acquire(bulk)
        try:
            return await callback(*args, **kwargs)
        finally:
            for window in windows:
                window.release()
            self._note_chat(chat)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        bulk = (rate_limit_args or {}).get("lane") == "bulk"
        chat = data.get("chat_id")
        for attempt in range(self.max_retries + 1):
            try:
                result = await self._call(callback, args, kwargs, endpoint, chat, bulk)
            except RetryAfter as exc:
                self.stats.retry_after += 1
                after = exc.retry_after
                seconds = after if isinstance(after, int | float) else after.total_seconds()
                log.warning("429 on %s: waiting %.1fs (attempt %d)", endpoint, seconds, attempt + 1)
                if bulk:  # the broadcast waits and slows down, then recovers; replies go on meanwhile
                    self.bulk_window.pause(seconds)
                    self.bulk_per_second = max(1.0, self.bulk_per_second * 0.7)
                if attempt == self.max_retries:
                    raise
                if not bulk:  # only this reply waits: often one chat's own limit, saying nothing of others
                    await asyncio.sleep(seconds)
            except NetworkError as exc:
                repeatable = not isinstance(exc, TimedOut) or endpoint.startswith(IDEMPOTENT_PREFIXES)
                if isinstance(exc, BadRequest) or not repeatable or attempt == self.max_retries or bulk:
                    raise
                self.stats.retried_network += 1
                await asyncio.sleep(self.backoff * 2**attempt)
            else:
                if endpoint in SEND_METHODS:
                    self.stats.sent += 1
                    if bulk:
                        self.bulk_per_second = min(self.bulk_ceiling, self.bulk_per_second + 0.1)
                return result
        raise AssertionError("unreachable")  # pragma: no cover
