"""Optional real-world behaviour: flood limits, blocked/deactivated users, injected failures.

Everything is off by default. Pure bookkeeping: callers pass the current time in.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field

SEND_METHODS = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendVideo", "copyMessage", "forwardMessage"}
)
# lost_answer: the message IS delivered, then the answer is a 502 (the bot cannot know it arrived)
FAILURE_KINDS = frozenset({"timeout", "server_error", "bad_entities", "lost_answer"})


@dataclass
class EmuStats:
    sent: dict[str, int] = field(default_factory=dict)  # successful send-type calls per method
    rate_limited: int = 0
    forbidden: int = 0
    failures_injected: int = 0
    answers_lost: int = 0  # delivered, but answered 502 (lost_answer or lost_answer_rate)

    @property
    def total_sent(self) -> int:
        return sum(self.sent.values())


@dataclass
class FailureRule:
    method: str | None  # lower-cased method name; None = any method except getUpdates
    kind: str
    remaining: int
    chat_id: int | None = None

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.remaining <= 0:
            return False
        if self.method is None and method.lower() == "getupdates":
            return False
        if self.method is not None and self.method != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id


class _Window:
    """Sliding window limiter: at most `capacity` events per `span` seconds."""

    def __init__(self, per_second: float) -> None:
        self.span = max(1.0, 1.0 / per_second)
        self.capacity = max(1, int(per_second * self.span + 1e-9))
        self.times: deque[float] = deque()

    def full(self, now: float) -> bool:
        while self.times and now - self.times[0] >= self.span:
            self.times.popleft()
        return len(self.times) >= self.capacity

    def add(self, now: float) -> None:
        self.times.append(now)


class Realism:
    def __init__(self) -> None:
        self.global_per_second: float | None = None
        self.per_chat_per_second: float | None = None
        self.retry_after = 1
        self.blocked: set[int] = set()
        self.deactivated: set[int] = set()
        self.failures: list[FailureRule] = []
        self.timeout_hold = 6.0
        self.lost_answer_rate = 0.0  # share of successful sends answered 502 AFTER delivering
        self.latency = 0.0  # seconds added to every request but getUpdates (half before, half after)
        self.slow_rate = 0.0  # share of requests whose answer takes `slow_seconds` more
        self.slow_seconds = 0.0
        self.random = random.Random(13)
        self._global: _Window | None = None
        self._chats: dict[int, _Window] = {}

    def set_rate_limits(
        self,
        global_per_second: float | None = 30,
        per_chat_per_second: float | None = 1.0,
        retry_after: int = 1,
    ) -> None:
        self.global_per_second = global_per_second
        self.per_chat_per_second = per_chat_per_second
        self.retry_after = retry_after
        self._global = _Window(global_per_second) if global_per_second else None
        self._chats = {}

    def _chat_window(self, chat_id: int) -> _Window | None:
        if not self.per_chat_per_second:
            return None
        window = self._chats.get(chat_id)
        if window is None:
            window = self._chats[chat_id] = _Window(self.per_chat_per_second)
        return window

    def rate_limited(self, chat_id: int, now: float) -> bool:
        """True when one more send to chat_id now would exceed a limit."""
        chat_window = self._chat_window(chat_id)
        if self._global is not None and self._global.full(now):
            return True
        return chat_window is not None and chat_window.full(now)

    def record_send(self, chat_id: int, now: float) -> None:
        if self._global is not None:
            self._global.add(now)
        chat_window = self._chat_window(chat_id)
        if chat_window is not None:
            chat_window.add(now)

    def forbidden_reason(self, chat_id: int) -> str | None:
        if chat_id in self.deactivated:
            return "user is deactivated"
        if chat_id in self.blocked:
            return "bot was blocked by the user"
        return None

    def set_network(
        self,
        *,
        latency: float = 0.0,
        lost_answer_rate: float = 0.0,
        slow_rate: float = 0.0,
        slow_seconds: float = 7.0,
        seed: int = 13,
    ) -> None:
        """A slow or lossy network between the bot and the Bot API (all off by default)."""
        self.latency, self.lost_answer_rate = latency, lost_answer_rate
        self.slow_rate, self.slow_seconds = slow_rate, slow_seconds
        self.random = random.Random(seed)

    def answer_lost(self) -> bool:
        return self.lost_answer_rate > 0 and self.random.random() < self.lost_answer_rate

    def answer_delay(self) -> float:
        slow = self.slow_rate > 0 and self.random.random() < self.slow_rate
        return self.latency / 2 + (self.slow_seconds if slow else 0.0)

    def inject(self, method: str | None, kind: str, count: int, chat_id: int | None) -> None:
        if kind not in FAILURE_KINDS:
            raise ValueError(f"unknown failure kind {kind!r}; use one of {sorted(FAILURE_KINDS)}")
        self.failures.append(FailureRule(method.lower() if method else None, kind, count, chat_id))

    def take_failure(self, method: str, chat_id: int | None) -> str | None:
        for rule in self.failures:
            if rule.matches(method, chat_id):
                rule.remaining -= 1
                self.failures = [r for r in self.failures if r.remaining > 0]
                return rule.kind
        return None
