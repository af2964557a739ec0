"""Persian texts of the broadcast screens: audience summary, preview controls, cards, errors."""

from __future__ import annotations

import html
import re
from datetime import datetime, time, timedelta

import jdatetime

from bot.config import Config
from bot.outgoing import shorten
from bot.persian import (
    PersianInputError,
    escape_fa,
    format_jalali_datetime,
    format_number,
    to_persian_digits,
    to_tehran,
)
from bot.services.broadcasts import lifecycle as bc
from bot.services.broadcasts.flow import Result
from bot.services.readiness import segment as readiness_segment
from bot.texts import broadcast as t
from bot.texts import consortia as tcn
from bot.texts import readiness as trd
from bot.texts import survey_results as tsr
from models import Broadcast
from models.enums import BroadcastStatus

PREVIEW_CHARS = 60
_TAG = re.compile(r"<[^>]+>")


def n(value: int) -> str:
    return format_number(value)


def when(moment: datetime | None) -> str:
    return format_jalali_datetime(moment) if moment is not None else t.BCAST_NO_TIME


def time_example(now: datetime) -> str:
    """Tomorrow 10:00 Tehran as the CDA would type it: ۱۴۰۵/۰۹/۰۶ ۱۰:۰۰."""
    day = jdatetime.date.fromgregorian(date=(to_tehran(now) + timedelta(days=1)).date())
    return to_persian_digits(f"{day.year}/{day.month:02d}/{day.day:02d} 10:00")


def _clock(value: time) -> str:
    return to_persian_digits(value.strftime("%H:%M"))


def ask_time(config: Config, now: datetime) -> str:
    b = config.broadcasting
    return t.BCAST_ASK_TIME.format(
        example=time_example(now), quiet_start=_clock(b.quiet_start), quiet_end=_clock(b.quiet_end)
    )


def _label(config: Config, dimension: str, key: str) -> str:
    if dimension == "places" and key == "other":
        return t.PLACE_OTHER
    return config.label_of(dimension, key)


def selection(
    segment: dict[str, list[str]], config: Config, surveys: list[tuple[str, list[str]]] | None = None
) -> str:
    """Which members: «همهٔ اعضای فعال», or one line per dimension in the config's order."""
    clean = bc.describe_segment(segment or {})
    if not clean:
        return t.BCAST_SEL_ALL
    lines = [
        tsr.SEGMENT_LINE.format(
            title=escape_fa(title or tsr.SEGMENT_UNKNOWN), choices=escape_fa("، ".join(choices))
        )
        for title, choices in surveys or []
    ]
    for dimension, label in t.DIMENSION_LABELS.items():
        keys = set(clean.get(dimension) or [])
        if keys:
            ordered = [c.key for c in getattr(config, dimension) if c.key in keys] + sorted(
                keys - {c.key for c in getattr(config, dimension)}
            )
            labels = "، ".join(html.escape(_label(config, dimension, k)) for k in ordered)
            lines.append(t.BCAST_SEL_LINE.format(dimension=label, labels=labels))
    if clean.get("consortium"):
        ids = "، ".join(to_persian_digits(k) for k in clean["consortium"])
        lines.append(tcn.BCAST_SEL_CONSORTIUM.format(ids=ids))
    for parsed in map(readiness_segment.parse_key, clean.get(readiness_segment.DIMENSION) or []):
        if parsed is not None:
            survey_id, low, high = parsed
            lines.append(
                trd.SEGMENT_LINE.format(survey=to_persian_digits(survey_id), low=n(low), high=n(high))
            )
    if len(lines) > 1 or any("، " in line for line in lines):
        lines.append(t.BCAST_SEL_HINT)
    return "\n".join(lines)


def audience_text(result: Result, config: Config) -> str:
    b = result.broadcast
    return t.BCAST_AUDIENCE.format(
        id=n(b.id), selection=selection(b.segment, config, result.survey_choices), count=n(result.audience)
    )


def audience_chosen(result: Result, config: Config) -> str:
    """The audience message once «ادامه ←» is pressed: the selection and the count, no buttons."""
    b = result.broadcast
    return t.BCAST_AUDIENCE_CHOSEN.format(
        id=n(b.id), selection=selection(b.segment, config, result.survey_choices), count=n(result.audience)
    )


def _on_off(value: bool) -> str:
    return t.BCAST_ON if value else t.BCAST_OFF


def start_text(result: Result, now: datetime) -> str:
    if result.starts_at is None or result.starts_at <= now:
        return t.BCAST_START_NOW
    return t.BCAST_START_AFTER_QUIET.format(time=when(result.starts_at))


def controls_text(result: Result, config: Config, now: datetime) -> str:
    b = result.broadcast
    mirror = ""
    if config.broadcasting.channel_id:
        mirror = t.BCAST_MIRROR_LINE.format(state=_on_off(b.mirror_to_channel))
    return t.BCAST_CONTROLS.format(
        count=n(result.audience), urgent=_on_off(b.urgent), mirror=mirror, start=start_text(result, now)
    )


def sent_now_text(result: Result, now: datetime) -> str:
    b = result.broadcast
    if result.starts_at is not None and result.starts_at > now:
        return t.BCAST_STARTS_AFTER_QUIET.format(id=n(b.id), count=n(result.audience), time=when(b.due_at))
    return t.BCAST_STARTED_NOW.format(id=n(b.id), count=n(result.audience))


def scheduled_text(result: Result, *, rescheduled: bool) -> str:
    b = result.broadcast
    if result.gone:
        return t.BCAST_RESCHEDULE_GONE.format(id=n(b.id))
    if rescheduled:
        text = t.BCAST_RESCHEDULED.format(id=n(b.id), time=when(b.due_at))
    else:
        text = t.BCAST_SCHEDULED.format(id=n(b.id), time=when(b.due_at), count=n(result.audience))
    if result.wanted is not None and b.due_at is not None and b.due_at != result.wanted:
        text += t.BCAST_QUIET_MOVED.format(wanted=when(result.wanted), time=when(b.due_at))
    return text


def first_line(broadcast: Broadcast) -> str:
    """The start of the message as plain text (escaped), or its kind for a captionless file."""
    plain = html.unescape(_TAG.sub("", broadcast.text_html or "")).strip()
    line = plain.splitlines()[0] if plain else ""
    line = shorten(line, PREVIEW_CHARS)
    kind = t.KIND_LABELS.get(broadcast.kind)
    return html.escape(f"{kind} {line}".strip() if kind else line)


def card_text(result: Result, note: str = "") -> str:
    b = result.broadcast
    text = t.BCAST_CARD.format(
        id=n(b.id),
        status=t.STATUS_LABELS.get(b.status, b.status),
        due=when(b.due_at),
        count=n(result.audience),
        preview=first_line(b),
    )
    if not b.created_by:  # digests and notifications the bot queued itself
        text += t.BCAST_CARD_AUTO
    if b.status == BroadcastStatus.PAUSED and b.pause_reason:
        text += t.BCAST_CARD_REASON.format(
            reason=html.escape(t.PAUSE_REASONS.get(b.pause_reason, b.pause_reason))
        )
    return text + note


def error_text(error: Exception, now: datetime) -> str:
    """A domain error code or an unreadable date, as the Persian sentence the CDA sees."""
    if isinstance(error, PersianInputError):
        return error.message_fa
    code = getattr(error, "code", "stale")
    text = t.ERRORS.get(code, t.ERRORS["stale"])
    limit = bc.BUTTON_TEXT_MAX if code == "bcast_button_long" else bc.MAX_BUTTONS
    return text.format(max=format_number(limit, grouping=False), example=time_example(now))
