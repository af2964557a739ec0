"""How an exhibition or tour reads in messages: where, when, the announcement and its response buttons.

Shared by the CDA's announcement, the reminders to non-responders and the seat offers of the sign-up
engine, so every message a member gets carries the same working buttons (`exh:<action>:<id>`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.callbacks import encode
from bot.outgoing import shorten
from bot.persian import escape_fa, format_jalali_date, format_jalali_datetime, format_number
from bot.texts import exhibitions as t
from models import Event, ExhibitionDetails
from models.enums import TripKind

CAPTION_MAX = 1000  # Telegram allows 1024 characters in a photo caption
COSTS_IN_CAPTION = 180


def where_of(event: Event, details: ExhibitionDetails | None) -> str:
    if details is None:
        return escape_fa(event.place or "")
    where = f"{escape_fa(details.city)}، {escape_fa(details.country)}"
    return f"{where} — {escape_fa(event.place)}" if event.place else where


def when_of(event: Event) -> str:
    """One moment, or «from … to …» when the item spans days."""
    start = format_jalali_datetime(event.starts_at)
    if event.ends_at is None or event.ends_at <= event.starts_at:
        return start
    return t.CARD_UNTIL.format(start=start, end=format_jalali_date(event.ends_at))


def deadline_of(event: Event) -> str:
    deadline = event.registration_deadline
    return format_jalali_datetime(deadline) if deadline else format_jalali_datetime(event.starts_at)


def documents_line(details: ExhibitionDetails) -> str:
    labels = "، ".join(escape_fa(d["label"]) for d in details.documents or [])
    return t.CARD_DOCUMENTS.format(documents=labels) if labels else ""


def _short(text: str | None, limit: int) -> str:
    if not text:
        return ""
    return escape_fa(shorten(text, limit, keep_lines=True))


def announcement_html(event: Event, details: ExhibitionDetails, *, limit: int = COSTS_IN_CAPTION) -> str:
    """The announcement (also a photo caption: kept under Telegram's caption limit)."""
    costs, subsidy = _short(details.costs, limit), _short(details.subsidy, limit)
    text = t.ANNOUNCEMENT.format(
        icon=t.TRIP_KIND_ICONS[details.trip_kind],
        title=escape_fa(event.title),
        kind=t.TRIP_KIND_LABELS[details.trip_kind],
        where=where_of(event, details),
        when=when_of(event),
        costs=t.CARD_COSTS.format(costs=costs) if costs else "",
        subsidy=t.CARD_SUBSIDY.format(subsidy=subsidy) if subsidy else "",
        seats=t.ANNOUNCEMENT_SEATS.format(count=format_number(event.capacity)) if event.capacity else "",
        documents=documents_line(details),
        deadline=deadline_of(event),
    )
    if len(text) > CAPTION_MAX and limit > 0:
        return announcement_html(event, details, limit=0)
    return text


def response_buttons(event_id: int, trip_kind: str) -> list[dict[str, Any]]:
    """«علاقه‌مندم», «شرکت می‌کنم / غرفه می‌خواهم» (or «در تور شرکت می‌کنم») and the details card."""
    take_part = t.BTN_JOIN_TOUR if trip_kind == TripKind.TOUR else t.BTN_PARTICIPATE
    return [
        {"text": t.BTN_INTERESTED, "callback_data": encode("exh", "int", event_id)},
        {"text": take_part, "callback_data": encode("exh", "part", event_id)},
        {"text": t.BTN_DETAILS, "callback_data": encode("exh", "open", event_id)},
    ]


def offer_message(event: Event, expires_at: datetime) -> tuple[str, list[dict[str, Any]]]:
    """A seat freed on a tour or shared booth: the sign-up engine's offer, with exh: buttons."""
    text = t.OFFER.format(
        title=escape_fa(event.title), when=when_of(event), deadline=format_jalali_datetime(expires_at)
    )
    buttons = [
        {"text": t.BTN_ACCEPT_OFFER, "callback_data": encode("exh", "accept", event.id)},
        {"text": t.BTN_DECLINE_OFFER, "callback_data": encode("exh", "leave", event.id)},
    ]
    return text, buttons


def lapsed_message(event: Event) -> str:
    return t.OFFER_LAPSED.format(title=escape_fa(event.title))
