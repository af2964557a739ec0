"""Keyboards of the CDA's course screens; callback data `cadm:<action>:<event_id>[:<arg>]`, ASCII, ≤ 64 bytes.

Event id 0 is the course being created (checked against the stored conversation). The buttons of a
conversation step carry that step's token (`skip:<id>:<token>`, `tg:0:<c|p>:<key>:<token>`,
`tgok:0:<token>`), so a button under an earlier question is stale. Actions:
list, new, card, skip, pk:<token>:<picker part> (handlers/date_picker.py), tg:<c|p>:<key>, tgok, pub,
puba, edit, fld:<field>, drop, resch, close, reopen,
cncl, cnclok, cnclno; roster, xlsx, csv, att, atp:<page>, at:<member_id>:<page>, atrest:<page>, fb, msgr,
msga.
Every press is re-checked by the services (rights, the course's state, the stored step).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import decode, encode
from bot.config import Config
from bot.outgoing import shorten
from bot.persian import localize_digits
from bot.services.common import lifecycle as lc
from bot.services.courses import admin_flow as flow
from bot.services.courses import fields as cf
from bot.services.courses.admin import CourseSummary
from bot.services.courses.roster import AttendancePage
from bot.texts import course_admin as t
from handlers import date_picker as dp
from handlers.kit import allowed_rows
from models import Event
from models.enums import EventStatus

PREFIX = "cadm"
NAME_MAX = 40


def cb(action: str, event_id: int, arg: str = "") -> str:
    return encode(PREFIX, action, event_id, *([arg] if arg else []))


def parse(data: str | None) -> tuple[str, int, str]:
    """`prefix:<action>:<id>[:<arg>]` -> (action, id, arg); forged or stale -> ("", 0, "")."""
    press = decode(data, PREFIX)
    return (press.action, press.object_id, ":".join(press.args)) if press else ("", 0, "")


def _b(text: str, action: str, event_id: int, arg: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=cb(action, event_id, arg))


def _rows(buttons: Sequence[InlineKeyboardButton], per_row: int = 2) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def course_list(items: list[CourseSummary]) -> InlineKeyboardMarkup:
    opens = [
        [_b(f"📚 {shorten(localize_digits(s.event.title), NAME_MAX)}", "card", s.event.id)] for s in items
    ]
    return InlineKeyboardMarkup([*opens, [_b(t.BTN_CADM_NEW, "new", 0)]])


END_OF_DAY = frozenset({"deadline"})  # a date alone is the end of that day (fields.DEADLINE_DEFAULT_TIME)


def _pick_data(event_id: int, token: str) -> dp.Data:
    return lambda part: cb(dp.ACTION, event_id, f"{token}:{part}")


def _skip_rows(field: str, event_id: int, token: str) -> list[list[InlineKeyboardButton]]:
    """«رد شدن» for the optional question asked with `token` (and only that one)."""
    return [[_b(t.BTN_SKIP, "skip", event_id, token)]] if field in cf.OPTIONAL else []


def question(field: str, event_id: int, token: str, now: datetime) -> InlineKeyboardMarkup | None:
    """Under a field's question: the date picker for a date, and «رد شدن» for an optional field."""
    rows = _skip_rows(field, event_id, token)
    if field in flow.DATE_FIELDS:
        data = _pick_data(event_id, token)
        return dp.months(now, data, end_of_day=field in END_OF_DAY, extra=rows)
    return InlineKeyboardMarkup(rows) if rows else None


def picker(field: str, event_id: int, token: str, pick: dp.Pick, now: datetime) -> InlineKeyboardMarkup:
    """The date picker's next screen under the question of `field`."""
    data, rows = _pick_data(event_id, token), _skip_rows(field, event_id, token)
    return dp.screen(pick, now, data, end_of_day=field in END_OF_DAY, extra=rows)


def parse_toggle(arg: str) -> tuple[str, str, str]:
    """`c:cut[:token]` -> ("c", "cut", token)."""
    code, key, token = [*arg.split(":", 2), "", ""][:3]
    return code, key, token


def targets(
    segment: dict[str, list[str]], config: Config, event_id: int, token: str = ""
) -> InlineKeyboardMarkup:
    """✅ toggles for categories (🌱) and places (📍), then «ادامه ←»; `token`: the creation step's."""
    chosen_c, chosen_p = set(segment.get("categories") or []), set(segment.get("places") or [])
    tail = f":{token}" if token else ""
    cats = [
        _b(("✅ " if c.key in chosen_c else "🌱 ") + c.label, "tg", event_id, f"c:{c.key}{tail}")
        for c in config.categories
    ]
    places = [(c.key, c.label) for c in config.places] + [("other", t.PLACE_OTHER)]
    where = [
        _b(("✅ " if k in chosen_p else "📍 ") + label, "tg", event_id, f"p:{k}{tail}") for k, label in places
    ]
    done = _b(t.BTN_TARGETS_DONE, "tgok", event_id, token)
    return InlineKeyboardMarkup([*_rows(cats), *_rows(where), [done]])


def preview(event_id: int) -> InlineKeyboardMarkup:
    """A draft's buttons (the preview after creation)."""
    return _card(event_id, EventStatus.DRAFT)


def edit_fields(event: Event) -> InlineKeyboardMarkup:
    """One button per field; a live course's start moves with «تغییر زمان» (members are told)."""
    names = [f for f in cf.EDITABLE if not (f == "starts_at" and event.status != EventStatus.DRAFT)]
    buttons = [_b(t.BTN_EDIT_FIELD.format(label=t.FIELD_LABELS[f]), "fld", event.id, f) for f in names]
    return InlineKeyboardMarkup([*_rows(buttons), [_b(t.BTN_BACK, "card", event.id)]])


# The card's rows: each shown when the course's status allows the row's action (the lifecycle
# table), with each (action, callback action, label) button shown when its own action is allowed.
Row = tuple[str, tuple[tuple[str, str, str], ...]]
CARD_ROWS: tuple[Row, ...] = (
    (lc.ROSTER, ((lc.ROSTER, "roster", t.BTN_ROSTER),)),
    (lc.EXPORT, ((lc.EXPORT, "xlsx", t.BTN_XLSX), (lc.EXPORT, "csv", t.BTN_CSV))),
    (lc.FEEDBACK, ((lc.ATTENDANCE, "att", t.BTN_ATTENDANCE), (lc.FEEDBACK, "fb", t.BTN_FEEDBACK))),
    (lc.MESSAGE, ((lc.MESSAGE, "msgr", t.BTN_MSG_REGISTERED), (lc.MESSAGE, "msga", t.BTN_MSG_ABSENT))),
    (lc.PUBLISH, ((lc.PUBLISH, "pub", t.BTN_PUBLISH), (lc.PUBLISH, "puba", t.BTN_PUBLISH_ANNOUNCE))),
    (lc.DISCARD, ((lc.EDIT, "edit", t.BTN_EDIT), (lc.DISCARD, "drop", t.BTN_DISCARD))),
    (lc.RESCHEDULE, ((lc.EDIT, "edit", t.BTN_EDIT_COURSE), (lc.RESCHEDULE, "resch", t.BTN_RESCHEDULE))),
    (
        lc.CANCEL,
        (
            (lc.CLOSE, "close", t.BTN_CLOSE),
            (lc.REOPEN, "reopen", t.BTN_REOPEN),
            (lc.CANCEL, "cncl", t.BTN_CANCEL_COURSE),
        ),
    ),
    (lc.LIST, ((lc.LIST, "list", t.BTN_BACK),)),
)


def card_rows(
    rows: tuple[Row, ...], table: lc.Table, status: str, object_id: int, prefix: str = PREFIX
) -> list[list[InlineKeyboardButton]]:
    """The rows (and buttons) of `rows` that the lifecycle `table` allows in `status`.

    «بازگشت» (`list`) carries no id."""
    built = [
        (
            need,
            [
                (
                    allowed,
                    InlineKeyboardButton(
                        label, callback_data=encode(prefix, action, 0 if action == "list" else object_id)
                    ),
                )
                for allowed, action, label in buttons
            ],
        )
        for need, buttons in rows
    ]
    return allowed_rows(table, status, built)


def _card(event_id: int, status: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(card_rows(CARD_ROWS, lc.COURSE, status, event_id))


def card(event: Event) -> InlineKeyboardMarkup:
    """What the CDA can do with the course in its current state (from the lifecycle table)."""
    return _card(event.id, event.status)


def cancel_confirm(event_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_b(t.BTN_CANCEL_CONFIRM, "cnclok", event_id), _b(t.BTN_CANCEL_KEEP, "cnclno", event_id)]]
    )


def attendance(page: AttendancePage) -> InlineKeyboardMarkup:
    """A toggle per registered member (this page), paging, and «بقیه غایب»."""
    e, p = page.event.id, page.page
    rows = [
        [
            _b(
                f"{t.ATTENDANCE_MARKS[entry.attended]} {shorten(localize_digits(entry.name), NAME_MAX)}",
                "at",
                e,
                f"{entry.member_id}:{p}",
            )
        ]
        for entry in page.entries
    ]
    nav = []
    if p > 0:
        nav.append(_b(t.BTN_PREV, "atp", e, str(p - 1)))
    if p + 1 < page.pages:
        nav.append(_b(t.BTN_NEXT, "atp", e, str(p + 1)))
    extra = [[_b(t.BTN_REST_ABSENT, "atrest", e, str(p))]] if page.unmarked else []
    return InlineKeyboardMarkup([*rows, *([nav] if nav else []), *extra])
