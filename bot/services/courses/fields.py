"""Reading and checking what the CDA types for a course's fields (pure: no database, no Telegram).

Each parser returns the column values to set (a field may set two columns: place or online_link) or
raises InvalidInput with a code (shown in Persian by the handler) or PersianInputError for a date
that cannot be read. Times are aware UTC datetimes; dates are typed in Jalali, Tehran time.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from bot.jalali import parse_jalali_datetime
from bot.persian import normalize_text, parse_int
from bot.services.common.errors import InvalidInput

FIELDS = ("title", "description", "instructor", "starts_at", "sessions", "place", "capacity", "deadline")
OPTIONAL = frozenset({"description", "instructor", "sessions", "place", "capacity", "deadline"})
EDITABLE = (*FIELDS, "targets")
MAX_CHARS = {"title": 200, "description": 2000, "instructor": 120, "sessions": 300, "place": 200}
LINK_MAX = 300
CAPACITY_MAX = 10_000
DEADLINE_DEFAULT_TIME = time(23, 59)  # a deadline typed as a date only: the end of that day
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_LOOKS_LIKE_LINK = re.compile(r"^([a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)


class TooLong(InvalidInput):
    """Text longer than the column allows; `limit` goes into the Persian message."""

    def __init__(self, limit: int) -> None:
        super().__init__("too_long")
        self.limit = limit


class DeadlineAfterStart(InvalidInput):
    """The deadline falls after the start; `starts_at` goes into the Persian message."""

    def __init__(self, starts_at: datetime) -> None:
        super().__init__("deadline_after_start")
        self.starts_at = starts_at


def _clean(text: str) -> str:
    """normalize_text (Arabic ي/ك, stray marks, spaces; ASCII digits). Digits turn Persian only when shown,
    and only in Persian runs (bot.persian.localize_digits), so a link such as …/class2 keeps working."""
    return normalize_text(text)


def _line(text: str, field: str) -> str:
    value = _clean(text)
    if not value:
        raise InvalidInput("title_empty" if field == "title" else "empty")
    if len(value) > MAX_CHARS[field]:
        raise TooLong(MAX_CHARS[field])
    return value


def _paragraphs(text: str) -> str:
    """A description keeps its line breaks; each line is normalised."""
    lines = [_clean(line) for line in text.strip().splitlines()]
    value = "\n".join(lines).strip()
    value = re.sub(r"\n{3,}", "\n\n", value)
    if not value:
        raise InvalidInput("empty")
    if len(value) > MAX_CHARS["description"]:
        raise TooLong(MAX_CHARS["description"])
    return value


def parse_place(text: str) -> dict[str, Any]:
    """A place name, or an http(s) link for an online course; other link-like text is refused."""
    value = normalize_text(text)
    if not value:
        raise InvalidInput("empty")
    if _LOOKS_LIKE_LINK.match(value) or value.lower().startswith("http"):
        if not _URL.match(value):
            raise InvalidInput("bad_link")
        if len(value) > LINK_MAX:
            raise TooLong(LINK_MAX)
        return {"place": None, "online_link": value}
    if len(value) > MAX_CHARS["place"]:
        raise TooLong(MAX_CHARS["place"])
    return {"place": value, "online_link": None}


def parse_capacity(text: str) -> int:
    try:
        value = parse_int(text)
    except ValueError as exc:  # PersianInputError is a ValueError
        raise InvalidInput("capacity_not_positive") from exc
    if value <= 0:
        raise InvalidInput("capacity_not_positive")
    if value > CAPACITY_MAX:
        raise InvalidInput("capacity_too_large")
    return value


def check_start(starts_at: datetime, now: datetime) -> None:
    if starts_at <= now:
        raise InvalidInput("starts_in_past")


def check_deadline(deadline: datetime | None, starts_at: datetime | None, now: datetime) -> None:
    if deadline is None:
        return
    if deadline <= now:
        raise InvalidInput("deadline_in_past")
    if starts_at is not None and deadline > starts_at:
        raise DeadlineAfterStart(starts_at)


def parse_field(
    field: str, text: str | None, *, now: datetime, starts_at: datetime | None = None
) -> dict[str, Any]:
    """Column values for one typed answer; `text=None` is «رد شدن» (optional fields only)."""
    if text is None:
        if field not in OPTIONAL:
            raise InvalidInput("not_optional")
        return blank(field)
    if field in ("title", "instructor", "sessions"):
        return {field: _line(text, field)}
    if field == "description":
        return {"description": _paragraphs(text)}
    if field == "place":
        return parse_place(text)
    if field == "capacity":
        return {"capacity": parse_capacity(text)}
    if field == "starts_at":
        when = parse_jalali_datetime(text)
        check_start(when, now)
        return {"starts_at": when}
    if field == "deadline":
        deadline = parse_jalali_datetime(text, default_time=DEADLINE_DEFAULT_TIME)
        check_deadline(deadline, starts_at, now)
        return {"registration_deadline": deadline}
    raise InvalidInput("unknown_choice")


def blank(field: str) -> dict[str, Any]:
    """The column values a skipped optional field stores."""
    return {"place": None, "online_link": None} if field == "place" else {_column(field): None}


def _column(field: str) -> str:
    return "registration_deadline" if field == "deadline" else field


def to_json(values: dict[str, Any]) -> dict[str, Any]:
    """Column values as JSON for the conversation state (datetimes as ISO strings)."""
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}


def from_json(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for key in ("starts_at", "registration_deadline"):
        if isinstance(out.get(key), str):
            out[key] = datetime.fromisoformat(out[key])
    return out
