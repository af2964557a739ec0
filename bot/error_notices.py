"""Which errors the admins hear about: one notice per distinct error per hour, with the repeats counted.

An error's identity is its class and the place it was raised (file and line of the innermost frame), so a
job that fails on every 2-second tick makes one notice an hour, not 1,800. The notice itself is a Persian
sentence with a short numeric code; the class name and Telegram's English text stay in the log, next to
the same code, so an operator can find the traceback. Kept in memory: a restart may notify once more.
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timedelta

WINDOW = timedelta(hours=1)


def error_signature(error: BaseException) -> str:
    """`KeyError@bot/services/x.py:42` — stable across repeats of the same fault."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename.rsplit('/bot/', 1)[-1]}:{frames[-1].lineno}" if frames else "-"
    return f"{type(error).__name__}@{where}"


def error_code(signature: str) -> int:
    """A four-digit code the CDA can quote and the log shows beside the traceback."""
    return 1000 + int(hashlib.sha256(signature.encode()).hexdigest(), 16) % 9000


@dataclass
class _Seen:
    notified_at: datetime
    repeats: int = 0  # occurrences since the last notice


@dataclass
class ErrorNotices:
    """Decides, per occurrence, whether admins are told now and how many repeats the notice mentions."""

    window: timedelta = WINDOW
    _seen: dict[str, _Seen] = field(default_factory=dict)

    def record(self, signature: str, now: datetime) -> int | None:
        """None: stay quiet (counted). Otherwise notify now, with the repeats since the last notice."""
        seen = self._seen.get(signature)
        if seen is None:
            self._seen[signature] = _Seen(notified_at=now)
            return 0
        if now - seen.notified_at < self.window:
            seen.repeats += 1
            return None
        repeats, seen.repeats, seen.notified_at = seen.repeats, 0, now
        return repeats
