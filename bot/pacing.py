"""Outgoing-request pacing for every Bot API call: a sliding one-second window and polite retries.

Telegram allows about 30 messages per second overall. Replies to people chatting with the bot use
the whole window; bulk sends (rate_limit_args={"lane": "bulk"}) may only use `bulk_per_second` of
it, so a running broadcast never queues a reply behind it. A sliding window (not a token
bucket) means no one-second span ever holds more than the limit.

Several bot processes on one database share Telegram's budget: `set_share(n, …)` gives this process
1/n of the bulk share, and the processes that receive updates split the headroom for replies (the
delivery engine counts live processes in the database every tick).

A send whose outcome is unknown (a 5xx answer, the connection broke or timed out after the request
went out) may already be on the member's screen: it is repeated at most once. A request that never
left (connect errors, no free connection) is safe to repeat.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter
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
NEVER_LEFT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def request_never_left(error: NetworkError) -> bool:
    """True when the request cannot have reached Telegram (repeating it shows nobody anything twice)."""
    return isinstance(error.__cause__, NEVER_LEFT) or error.message.startswith(
        ("Pool timeout", "httpx.ConnectError", "httpx.ConnectTimeout")
    )


def outcome_unknown(error: NetworkError) -> bool:
    """A 5xx answer, a broken connection or a timeout after the request went out: it may have arrived."""
    return not isinstance(error, BadRequest) and not request_never_left(error)


@dataclass
class PacerStats:
    sent: int = 0
    retry_after: int = 0
    retried_network: int = 0
    retried_unknown: int = 0  # sends repeated once after an unknown outcome (possible duplicates)


class SlidingWindow:
    """At most `limit` sends in any `window` seconds, counting sends still in flight.

    A send holds a slot from the moment it is taken until it completes; then its stamp is kept for
    a further `window`. `release()` stamps the completion time (after Telegram received it: strict
    whatever the jitter, but a round trip of r seconds caps the rate at limit / (1 + r));
    `release(departed)` stamps the departure, so slow round trips keep the full rate and only
    jitter in the one-way time can move an arrival (the Pacer does this; bulk keeps a margin), and a
    round trip slower than the fastest recent one moves its stamp later by the difference.
    """

    def __init__(self, limit: int, window: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self.stamps: list[float] = []  # sorted
        self.round_trips: deque[float] = deque(maxlen=64)
        self.in_flight = 0
        self.paused_until = 0.0

    def _prune(self, now: float) -> None:
        old = bisect.bisect_right(self.stamps, now - self.window)
        if old:
            del self.stamps[:old]

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

    def take(self) -> float:
        """Hold a slot; returns the departure time (for `release(departed)`)."""
        self.in_flight += 1
        return self.clock()

    def release(self, departed: float | None = None) -> None:
        """Count the send from its completion, or from `departed` — moved later by however much this
        round trip was slower than the fastest recent one (a stall may have held the request back)."""
        now = self.clock()
        self.in_flight -= 1
        stamp = now
        if departed is not None:
            self.round_trips.append(now - departed)
            stamp = max(departed, now - min(self.round_trips))
        bisect.insort(self.stamps, stamp)

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
        self.overall_per_second = overall_per_second
        self.window = SlidingWindow(overall_per_second)
        self.bulk_window = SlidingWindow(overall_per_second)
        self.bulk_ceiling = bulk_per_second
        self.bulk_per_second = bulk_per_second
        self.share = 1.0  # this process's part of the budget (1/n with n live bot processes)
        self.round_trips: deque[float] = deque(maxlen=64)  # recent bulk send round trips, seconds
        self.per_chat_interval = 1.0
        self.last_sent: dict[Any, float] = {}
        self.max_retries = max_retries
        self.backoff = backoff
        self.stats = PacerStats()

    def set_share(self, processes: int, *, repliers: int = 1, replies: bool = True) -> None:
        """n live processes send through one token: each keeps 1/n of the bulk budget, and the
        headroom above it (for replies) is split between the processes that receive updates."""
        self.share = 1.0 / max(1, processes)
        headroom = (self.overall_per_second - self.bulk_ceiling) / max(1, repliers) if replies else 0.0
        self.window.limit = max(1, int(self.bulk_ceiling * self.share + headroom + 1e-9))

    def latency_p90(self) -> float:
        """The 90th percentile of recent bulk round trips (0 before the first)."""
        if not self.round_trips:
            return 0.0
        ordered = sorted(self.round_trips)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]

    async def _acquire(self, bulk: bool) -> tuple[list[SlidingWindow], float]:
        """Replies need a slot in the overall window; bulk also needs one in its own, smaller share."""
        windows = [self.window, self.bulk_window] if bulk else [self.window]
        while True:
            wait = self.window.wait_time(self.window.limit)
            if bulk:
                wait = max(wait, self.bulk_window.wait_time(self.bulk_per_second * self.share))
            if wait <= 0:
                departed = 0.0
                for window in windows:
                    departed = window.take()
                return windows, departed
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
        windows, departed = await self._acquire(bulk)
        try:
            return await callback(*args, **kwargs)
        finally:
            for window in windows:
                window.release(departed)
            if bulk:
                self.round_trips.append(time.monotonic() - departed)
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
        repeated_unknown = False
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
                if isinstance(exc, BadRequest) or attempt == self.max_retries or bulk:
                    raise  # bulk: the engine decides, from the database, whether to send again
                if outcome_unknown(exc) and not endpoint.startswith(IDEMPOTENT_PREFIXES):
                    if repeated_unknown:  # it may be on the member's screen twice already
                        raise
                    repeated_unknown = True
                    self.stats.retried_unknown += 1
                    log.warning("%s: outcome unknown (%s); sending once more", endpoint, exc.message)
                self.stats.retried_network += 1
                await asyncio.sleep(self.backoff * 2**attempt)
            else:
                if endpoint in SEND_METHODS:
                    self.stats.sent += 1
                    if bulk:
                        self.bulk_per_second = min(self.bulk_ceiling, self.bulk_per_second + 0.1)
                return result
        raise AssertionError("unreachable")  # pragma: no cover
