"""Persian text of the CDA's course screens: list, preview, card, prompts, roster, attendance, feedback."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.config import Config
from bot.jalali import format_typed
from bot.outgoing import shorten
from bot.persian import PersianInputError, escape_fa, format_jalali_datetime, format_number, to_tehran
from bot.services.common import lifecycle as lc
from bot.services.courses import fields as cf
from bot.services.courses.admin import CapacityBelowTaken, Change, CourseSummary
from bot.services.courses.catalog import DEEP_LINK
from bot.texts import SEPARATOR
from bot.texts import course_admin as t
from handlers.courses.render import place_of
from handlers.kit import share_text
from models import Event
from models.enums import EventStatus, SeatStatus

n = format_number

LIST_TITLE_CHARS = 80


def typed_example(moment: datetime) -> str:
    """A time as the CDA would type it: ۱۴۰۵/۰۹/۱۱ ۱۰:۳۰."""
    return format_typed(moment)


def start_example(now: datetime) -> str:
    local = to_tehran(now + timedelta(days=7))
    return typed_example(local.replace(hour=10, minute=0))


def deadline_example(starts_at: datetime | None, now: datetime) -> str:
    base = to_tehran(starts_at - timedelta(days=2)) if starts_at else to_tehran(now + timedelta(days=5))
    return typed_example(base.replace(hour=18, minute=0))


def ask_text(step: str, values: dict[str, Any], now: datetime) -> str:
    text = t.ASK[step]
    if step == "starts_at":
        return text.format(example=start_example(now))
    if step == "deadline":
        return text.format(example=deadline_example(values.get("starts_at"), now))
    return text


def _labels(config: Config, dimension: str, keys: list[str]) -> str:
    def label(key: str) -> str:
        return t.PLACE_OTHER if dimension == "places" and key == "other" else config.label_of(dimension, key)

    return "، ".join(escape_fa(label(k)) for k in keys)


def targets_line(segment: dict[str, list[str]], config: Config) -> str:
    parts = []
    if segment.get("categories"):
        parts.append(
            t.TARGET_LINE_CATEGORIES.format(labels=_labels(config, "categories", segment["categories"]))
        )
    if segment.get("places"):
        parts.append(t.TARGET_LINE_PLACES.format(labels=_labels(config, "places", segment["places"])))
    return SEPARATOR.join(parts) or t.TARGETS_ALL


def targets_text(segment: dict[str, list[str]], audience: int, config: Config, event: Event | None) -> str:
    selection = targets_line(segment, config)
    if event is None:
        return t.ASK_TARGETS.format(selection=selection, count=n(audience))
    return t.CADM_EDIT_TARGETS.format(title=escape_fa(event.title), selection=selection, count=n(audience))


def capacity_text(event: Event) -> str:
    return t.CAPACITY_VALUE.format(count=n(event.capacity)) if event.capacity else t.UNLIMITED


def fields_text(event: Event, config: Config) -> str:
    deadline = event.registration_deadline
    return t.CADM_FIELDS.format(
        title=escape_fa(event.title),
        description=f"{escape_fa(event.description)}\n\n" if event.description else "",
        instructor=escape_fa(event.instructor or t.NOT_SET),
        when=format_jalali_datetime(event.starts_at),
        sessions=escape_fa(event.sessions or t.NOT_SET),
        place=place_of(event) if event.place or event.online_link else t.NOT_SET,
        capacity=capacity_text(event),
        deadline=format_jalali_datetime(deadline) if deadline else t.UNTIL_START,
        targets=targets_line(event.segment or {}, config),
    )


def preview_text(summary: CourseSummary, config: Config) -> str:
    event = summary.event
    return (
        t.CADM_PREVIEW_TITLE.format(id=n(event.id))
        + fields_text(event, config)
        + t.CADM_PREVIEW_AUDIENCE.format(count=n(summary.audience))
    )


def counts_text(summary: CourseSummary) -> str:
    c = summary.counts
    return t.CADM_COUNTS.format(
        registered=n(c[SeatStatus.REGISTERED]),
        waitlisted=n(c[SeatStatus.WAITLISTED]),
        offered=n(c[SeatStatus.OFFERED]),
        cancelled=n(c[SeatStatus.CANCELLED]),
    )


def card_text(summary: CourseSummary, config: Config, note: str = "") -> str:
    event = summary.event
    if event.status == EventStatus.DRAFT:
        return preview_text(summary, config) + note
    status = t.STATUS_LABELS.get(event.status, event.status)
    head = t.CADM_CARD_TITLE.format(id=n(event.id), status=status)
    links = share_text(lc.COURSE, event.status, DEEP_LINK, event.id)
    return head + fields_text(event, config) + counts_text(summary) + links + note


def list_text(items: list[CourseSummary], more: int) -> str:
    if not items:
        return t.CADM_LIST_EMPTY
    lines = []
    for s in items:
        taken = n(s.counts[SeatStatus.REGISTERED] + s.counts[SeatStatus.OFFERED])
        seats = (
            t.SEATS_OF.format(taken=taken, capacity=n(s.event.capacity))
            if s.event.capacity
            else t.SEATS_NO_LIMIT.format(taken=taken)
        )
        status = t.STATUS_LABELS.get(s.event.status, s.event.status)
        when = format_jalali_datetime(s.event.starts_at)
        lines.append(
            t.CADM_LIST_LINE.format(
                title=escape_fa(shorten(s.event.title, LIST_TITLE_CHARS)),
                status=status,
                when=when,
                seats=seats,
            )
        )
    more_text = t.CADM_LIST_MORE.format(count=n(more)) if more else ""
    return t.CADM_LIST_TITLE + "\n\n" + "\n\n".join(lines) + more_text


def error_text(error: Exception, now: datetime) -> str:
    """A domain error code or an unreadable date as the Persian sentence the CDA sees."""
    if isinstance(error, PersianInputError):
        return error.message_fa
    code = getattr(error, "code", "stale")
    template = t.ERRORS.get(code, t.ERRORS["stale"])
    start = getattr(error, "starts_at", None)
    return template.format(
        max=n(getattr(error, "limit", cf.CAPACITY_MAX), grouping=False),
        example=start_example(now),
        start=format_jalali_datetime(start) if start else "",
        taken=n(error.taken) if isinstance(error, CapacityBelowTaken) else "",
    )


def current_value(event: Event, name: str) -> str:
    """A field's value as shown next to «✏️ … تازه را بنویسید»."""
    if name == "starts_at":
        return format_jalali_datetime(event.starts_at)
    if name == "deadline":
        deadline = event.registration_deadline
        return format_jalali_datetime(deadline) if deadline else t.UNTIL_START
    if name == "capacity":
        return capacity_text(event)
    if name == "place":
        return place_of(event) if event.place or event.online_link else t.NOT_SET
    value = getattr(event, name, None)
    return escape_fa(shorten(str(value), 200, keep_lines=True)) if value else t.NOT_SET


def ask_reschedule(event: Event, registered: int) -> str:
    return t.CADM_ASK_RESCHEDULE.format(
        title=escape_fa(event.title),
        when=format_jalali_datetime(event.starts_at),
        example=typed_example(event.starts_at + timedelta(days=1)),
        count=n(registered),
    )


def rescheduled_text(change: Change) -> str:
    event = change.summary.event
    text = t.CADM_RESCHEDULED.format(
        title=escape_fa(event.title), when=format_jalali_datetime(event.starts_at), count=n(change.told)
    )
    return text + (t.CADM_DEADLINE_DROPPED if change.deadline_dropped else "")


def change_note(action: str, change: Change) -> str:
    """The line added under a card or preview after publish, close, reopen or cancel."""
    title = escape_fa(change.summary.event.title)
    if action == "puba" and change.broadcast_id is not None:
        return t.CADM_PUBLISHED_ANNOUNCED.format(
            title=title, broadcast=n(change.broadcast_id), count=n(change.told)
        )
    if action == "puba":
        return t.CADM_PUBLISHED_NOBODY.format(title=title)
    notes = {
        "pub": t.CADM_PUBLISHED,
        "close": t.CADM_CLOSED,
        "reopen": t.CADM_REOPENED,
        "cnclok": t.CADM_CANCELLED,
    }
    note = notes[action].format(title=title, count=n(change.told))
    if action == "reopen" and change.offers:
        note += t.CADM_EDIT_OFFERS.format(count=n(change.offers))
    return "\n\n" + note if action in ("close", "reopen") else note
