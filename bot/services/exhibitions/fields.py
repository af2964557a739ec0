"""Reading and checking what the CDA types when creating an exhibition or tour (pure: no DB, no Telegram).

The creation conversation asks the kind first (buttons), then these fields in order; which fields
are asked depends on the kind (documents only for foreign trips). Each parser returns column values
or raises InvalidInput (a code shown in Persian) or PersianInputError for an unreadable date.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from bot.jalali import parse_jalali_datetime
from bot.persian import normalize_text
from bot.services.common.errors import InvalidInput
from bot.services.courses import fields as cf
from models.enums import EventKind, TripKind

TRIP_KINDS = tuple(TripKind)
EVENT_KIND = {
    TripKind.DOMESTIC: EventKind.EXHIBITION,
    TripKind.FOREIGN: EventKind.EXHIBITION,
    TripKind.TOUR: EventKind.TOUR,
}
KIND, POSTER, TARGETS = "kind", "poster", "targets"
FIELDS = (
    "title",
    "where",
    "venue",
    "starts_at",
    "ends_at",
    "deadline",
    "costs",
    "subsidy",
    "capacity",
    "documents",
    "docs_deadline",
)
OPTIONAL = frozenset({"venue", "ends_at", "costs", "subsidy", "capacity", "documents", "docs_deadline"})
FOREIGN_ONLY = frozenset({"documents", "docs_deadline"})
MAX_CHARS = {"title": 200, "venue": 200, "costs": 400, "subsidy": 400, "part": 120, "document": 80}
MAX_DOCUMENTS = 8
HOME_COUNTRY = "ایران"
END_OF_DAY = time(23, 59)
_SPLIT = re.compile(r"\s*[،,]\s*")


def fields_for(trip_kind: str) -> tuple[str, ...]:
    return tuple(f for f in FIELDS if trip_kind == TripKind.FOREIGN or f not in FOREIGN_ONLY)


def next_step(trip_kind: str, step: str, values: dict[str, Any]) -> str:
    """The question after `step`: the fields of this kind, then the poster (no deadline without documents)."""
    fields = fields_for(trip_kind)
    following = list(fields[fields.index(step) + 1 :]) if step in fields else []
    if step == "documents" and not values.get("documents"):
        following = [f for f in following if f != "docs_deadline"]
    return following[0] if following else POSTER


def _clean(text: str) -> str:
    """Stored as typed (normalised, ASCII digits); shown with bot.persian.localize_digits."""
    return normalize_text(text)


def _line(text: str, limit: int, *, code: str = "empty") -> str:
    value = _clean(text)
    if not value:
        raise InvalidInput(code)
    if len(value) > limit:
        raise cf.TooLong(limit)
    return value


def _paragraph(text: str, limit: int) -> str:
    value = "\n".join(_clean(line) for line in text.strip().splitlines()).strip()
    if not value:
        raise InvalidInput("empty")
    if len(value) > limit:
        raise cf.TooLong(limit)
    return value


def parse_where(text: str, trip_kind: str) -> dict[str, str]:
    """«شهر، کشور»; inside Iran the country may be left out. A foreign trip needs both."""
    parts = [p for p in _SPLIT.split(_clean(text)) if p]
    if not parts or len(parts) > 2:
        raise InvalidInput("where_format")
    if any(len(p) > MAX_CHARS["part"] for p in parts):
        raise cf.TooLong(MAX_CHARS["part"])
    if len(parts) == 1:
        if trip_kind == TripKind.FOREIGN:
            raise InvalidInput("where_format")
        return {"city": parts[0], "country": HOME_COUNTRY}
    return {"city": parts[0], "country": parts[1]}


def parse_documents(text: str) -> list[dict[str, str]]:
    """One document per line (e.g. «کپی گذرنامه»); keys d1, d2 … stay stable for the trip."""
    labels = [_clean(line).lstrip("-•* ").strip() for line in text.splitlines()]
    labels = [label for label in labels if label]
    if not labels:
        raise InvalidInput("empty")
    if len(labels) > MAX_DOCUMENTS:
        raise InvalidInput("too_many_documents")
    if any(len(label) > MAX_CHARS["document"] for label in labels):
        raise cf.TooLong(MAX_CHARS["document"])
    return [{"key": f"d{i}", "label": label} for i, label in enumerate(labels, start=1)]


def _before_start(moment: datetime, values: dict[str, Any], now: datetime) -> None:
    if moment <= now:
        raise InvalidInput("deadline_in_past")
    starts_at = values.get("starts_at")
    if isinstance(starts_at, datetime) and moment > starts_at:
        raise cf.DeadlineAfterStart(starts_at)


def parse_field(
    field: str, text: str | None, *, trip_kind: str, values: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """Column values for one answer; `text=None` is «رد شدن» (optional fields only)."""
    if text is None:
        if field not in OPTIONAL:
            raise InvalidInput("not_optional")
        return blank(field)
    if field == "title":
        return {"title": _line(text, MAX_CHARS["title"], code="title_empty")}
    if field == "where":
        return parse_where(text, trip_kind)
    if field == "venue":
        return {"place": _line(text, MAX_CHARS["venue"])}
    if field in ("costs", "subsidy"):
        return {field: _paragraph(text, MAX_CHARS[field])}
    if field == "capacity":
        return {"capacity": cf.parse_capacity(text)}
    if field == "documents":
        return {"documents": parse_documents(text)}
    if field == "starts_at":
        when = parse_jalali_datetime(text)
        cf.check_start(when, now)
        return {"starts_at": when}
    if field == "ends_at":
        end = parse_jalali_datetime(text, default_time=END_OF_DAY)
        starts_at = values.get("starts_at")
        if isinstance(starts_at, datetime) and end < starts_at:
            raise InvalidInput("ends_before_start")
        return {"ends_at": end}
    if field in ("deadline", "docs_deadline"):
        moment = parse_jalali_datetime(text, default_time=END_OF_DAY)
        _before_start(moment, values, now)
        return {"registration_deadline" if field == "deadline" else "documents_deadline": moment}
    raise InvalidInput("unknown_choice")


def blank(field: str) -> dict[str, Any]:
    """The column values a skipped optional field stores."""
    column = {"venue": "place", "docs_deadline": "documents_deadline"}.get(field, field)
    return {column: [] if field == "documents" else None}


DATES = ("starts_at", "ends_at", "registration_deadline", "documents_deadline")


def to_json(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}


def from_json(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for key in DATES:
        if isinstance(out.get(key), str):
            out[key] = datetime.fromisoformat(out[key])
    return out
