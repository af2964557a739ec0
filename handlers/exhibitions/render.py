"""Exhibitions and tours for members as Persian text with inline keyboards (callback `exh:*`):
the calendar list grouped by Jalali month, a card, the short questions, the documents checklist."""

from __future__ import annotations

import jdatetime
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import encode
from bot.config import Config
from bot.outgoing import shorten
from bot.persian import (
    JALALI_MONTHS,
    escape_fa,
    format_jalali_date,
    format_jalali_datetime,
    format_number,
    localize_digits,
    to_tehran,
)
from bot.services.exhibitions import catalog as ex
from bot.services.exhibitions import copy
from bot.services.exhibitions.documents import Checklist
from bot.texts import exhibitions as t
from models.enums import EventStatus, ExhibitionChoice, SeatStatus, TripKind

PREFIX = "exh"
NAME_MAX = 40


def cb(action: str, event_id: int, arg: str = "") -> str:
    """`exh:<action>:<event_id>[:<arg>]` through the codec (id 0: the list and «my» screens)."""
    return encode(PREFIX, action, event_id, *([arg] if arg else []))


def _b(text: str, action: str, event_id: int, arg: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=cb(action, event_id, arg))


def _label(view: ex.ItemView) -> str:
    return (
        f"{t.TRIP_KIND_ICONS[view.details.trip_kind]} {shorten(localize_digits(view.event.title), NAME_MAX)}"
    )


def month_of(view: ex.ItemView) -> str:
    day = jdatetime.date.fromgregorian(date=to_tehran(view.event.starts_at).date())
    return f"{JALALI_MONTHS[day.month - 1]} {format_number(day.year, grouping=False)}"


def _line(view: ex.ItemView) -> str:
    kind = view.details.trip_kind
    return t.LIST_LINE.format(
        icon=t.TRIP_KIND_ICONS[kind],
        title=escape_fa(view.event.title),
        kind=t.TRIP_KIND_LABELS[kind],
        where=f"{escape_fa(view.details.city)}، {escape_fa(view.details.country)}",
        when=format_jalali_date(view.event.starts_at),
    )


def calendar(views: list[ex.ItemView]) -> tuple[str, InlineKeyboardMarkup]:
    """Upcoming items under a header per Jalali month, a button per item and «ثبت‌نام‌های من»."""
    mine = [_b(t.BTN_MINE, "mine", 0)]
    if not views:
        return t.LIST_EMPTY, InlineKeyboardMarkup([mine])
    blocks: list[str] = []
    current = ""
    for view in views:
        month = month_of(view)
        if month != current:
            blocks.append(t.MONTH_HEADER.format(month=month))
            current = month
        blocks.append(_line(view))
    opens = [[_b(_label(v), "open", v.event.id)] for v in views]
    return t.LIST_TITLE + "\n\n" + "\n\n".join(blocks), InlineKeyboardMarkup([*opens, mine])


def _seats(view: ex.ItemView) -> str:
    if view.seats_left is None:
        return ""
    seats = t.SEATS_LEFT.format(count=format_number(view.seats_left)) if view.seats_left else t.SEATS_FULL
    return t.CARD_SEATS.format(seats=seats)


def _mine(view: ex.ItemView) -> str:
    if view.event.status == EventStatus.CANCELLED:
        return t.CANCELLED
    if view.my_status == SeatStatus.REGISTERED:
        return t.MINE_REGISTERED
    if view.my_status == SeatStatus.WAITLISTED:
        return t.MINE_WAITLISTED.format(position=format_number(view.my_position or 0))
    if view.my_status == SeatStatus.OFFERED and view.offer_expires_at is not None:
        return t.MINE_OFFERED.format(deadline=format_jalali_datetime(view.offer_expires_at))
    if view.response == ExhibitionChoice.INTERESTED:
        return t.MINE_INTERESTED + ("" if view.accepting else t.CLOSED)
    return "" if view.accepting else t.CLOSED


def card(view: ex.ItemView) -> tuple[str, InlineKeyboardMarkup]:
    event, details = view.event, view.details
    text = t.CARD.format(
        icon=t.TRIP_KIND_ICONS[details.trip_kind],
        title=escape_fa(event.title),
        kind=t.TRIP_KIND_LABELS[details.trip_kind],
        where=f"{escape_fa(details.city)}، {escape_fa(details.country)}",
        venue=t.CARD_VENUE.format(venue=escape_fa(event.place)) if event.place else "",
        when=copy.when_of(event),
        deadline=copy.deadline_of(event),
        costs=t.CARD_COSTS.format(costs=escape_fa(details.costs)) if details.costs else "",
        subsidy=t.CARD_SUBSIDY.format(subsidy=escape_fa(details.subsidy)) if details.subsidy else "",
        seats=_seats(view),
        documents=copy.documents_line(details),
        mine=_mine(view),
    )
    return text, InlineKeyboardMarkup([*_card_buttons(view), [_b(t.BTN_BACK_TO_LIST, "list", 0)]])


def _card_buttons(view: ex.ItemView) -> list[list[InlineKeyboardButton]]:
    e = view.event.id
    if view.event.status == EventStatus.CANCELLED:
        return []
    rows: list[list[InlineKeyboardButton]] = []
    if view.my_status == SeatStatus.OFFERED:
        rows.append([_b(t.BTN_ACCEPT_OFFER, "accept", e), _b(t.BTN_DECLINE_OFFER, "leave", e)])
    elif view.my_status in (SeatStatus.REGISTERED, SeatStatus.WAITLISTED):
        rows.append([_b(t.BTN_LEAVE, "leave", e)])
    elif view.accepting:
        take_part = t.BTN_JOIN_TOUR if view.details.trip_kind == TripKind.TOUR else t.BTN_PARTICIPATE
        if view.response != ExhibitionChoice.INTERESTED:
            rows.append([_b(t.BTN_INTERESTED, "int", e)])
        rows.append([_b(take_part, "part", e)])
    if view.my_status is not None and view.documents_needed:
        rows.append([_b(t.BTN_DOCUMENTS, "docs", e)])
    return rows


def products(step: ex.JoinStep, config: Config) -> tuple[str, InlineKeyboardMarkup]:
    e, chosen = step.view.event.id, set(step.products)
    buttons = [_b(("✅ " if c.key in chosen else "🌱 ") + c.label, "pr", e, c.key) for c in config.categories]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    text = t.ASK_PRODUCTS.format(title=escape_fa(step.view.event.title))
    return text, InlineKeyboardMarkup([*rows, [_b(t.BTN_PRODUCTS_DONE, "prok", e)]])


def booth(step: ex.JoinStep) -> tuple[str, InlineKeyboardMarkup]:
    e = step.view.event.id
    rows = [[_b(t.BOOTH_LABELS[key], "bo", e, key)] for key in ex.BOOTHS]
    return t.ASK_BOOTH, InlineKeyboardMarkup(rows)


def people(step: ex.JoinStep) -> tuple[str, InlineKeyboardMarkup]:
    e = step.view.event.id
    buttons = [_b(t.PEOPLE_LABEL.format(count=format_number(int(n))), "pe", e, n) for n in ex.PEOPLE_CHOICES]
    return t.ASK_PEOPLE.format(title=escape_fa(step.view.event.title)), InlineKeyboardMarkup([buttons])


def question(step: ex.JoinStep, config: Config) -> tuple[str, InlineKeyboardMarkup]:
    if step.step == ex.PRODUCTS:
        return products(step, config)
    return booth(step) if step.step == ex.BOOTH else people(step)


def products_chosen(chosen: list[str], config: Config) -> str:
    return t.CHOSEN.format(value="، ".join(escape_fa(config.label_of("categories", k)) for k in chosen))


def my_items(views: list[ex.ItemView]) -> tuple[str, InlineKeyboardMarkup]:
    """Live answers first; those that ended (withdrawn, lapsed, cancelled) under their own heading."""
    if not views:
        return t.MINE_EMPTY, InlineKeyboardMarkup([[_b(t.BTN_BACK_TO_LIST, "list", 0)]])
    active = [v for v in views if v.ended is None]
    ended = [v for v in views if v.ended is not None]
    parts = [t.MINE_TITLE, _mine_lines(active) if active else t.MINE_NONE_ACTIVE]
    if ended:
        parts.append(f"{t.MINE_ENDED}\n{_mine_lines(ended)}")
    opens = [[_b(_label(v), "open", v.event.id)] for v in views]
    return "\n\n".join(parts), InlineKeyboardMarkup(opens)


def _mine_state(v: ex.ItemView) -> str:
    if v.ended is not None:
        return t.STATE_ENDED.get(v.ended, t.STATE_ENDED["withdrawn"])
    if v.my_status == SeatStatus.WAITLISTED:
        state = t.STATE_WAITLISTED.format(position=format_number(v.my_position or 0))
    elif v.my_status == SeatStatus.OFFERED and v.offer_expires_at is not None:
        state = t.STATE_OFFERED.format(deadline=format_jalali_datetime(v.offer_expires_at))
    elif v.my_status == SeatStatus.REGISTERED:
        state = t.STATE_REGISTERED
    else:
        state = t.STATE_INTERESTED
    if v.my_status is not None and v.documents_needed:
        have, need = format_number(v.documents_received), format_number(v.documents_needed)
        state += t.STATE_DOCS.format(have=have, need=need)
    return state


def _mine_lines(views: list[ex.ItemView]) -> str:
    return "\n\n".join(
        t.MINE_LINE.format(
            icon=t.TRIP_KIND_ICONS[v.details.trip_kind],
            title=escape_fa(v.event.title),
            when=format_jalali_date(v.event.starts_at),
            state=_mine_state(v),
        )
        for v in views
    )


def checklist(found: Checklist) -> tuple[str, InlineKeyboardMarkup]:
    e = found.event.id
    lines = [
        (t.DOCS_LINE_OK if i.received else t.DOCS_LINE_MISSING).format(label=escape_fa(i.label))
        for i in found.items
    ]
    deadline = found.details.documents_deadline
    head = t.DOCS_TITLE.format(title=escape_fa(found.event.title))
    if deadline is not None:
        head += "\n" + t.DOCS_DEADLINE.format(deadline=format_jalali_datetime(deadline))
    tail = t.DOCS_ALL_DONE if not found.missing else t.DOCS_HINT
    buttons = [
        [
            _b(
                (t.BTN_DOC_REPLACE if i.received else t.BTN_DOC_SEND).format(
                    label=shorten(localize_digits(i.label), NAME_MAX)
                ),
                "doc",
                e,
                i.key,
            )
        ]
        for i in found.items
    ]
    return head + "\n\n" + "\n".join(lines) + "\n\n" + tail, InlineKeyboardMarkup(buttons)
