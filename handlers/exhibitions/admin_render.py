"""Persian text and keyboards of the CDA's exhibition/tour screens; callback data
`exha:<action>:<event_id>[:<arg>]`, ASCII, ≤ 64 bytes (event id 0: the item being created).

The buttons of a creation step carry that step's token (`kind:0:<kind>:<token>`, `skip:0:<token>`,
`tg:0:<c|p>:<key>:<token>`, `tgok:0:<token>`, the date picker's `pk:0:<token>:<part>`), so a button
under an earlier question is stale.
Actions: list, new, kind:<kind>, skip, pk (handlers/date_picker.py), tg:<c|p>:<key>, tgok, card, pub,
puba, drop, close, reopen, cncl, cnclok, cnclno, xlsx, csv, msga, msgd, docs. Every press is re-checked
by the services.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import decode, encode
from bot.config import Config
from bot.outgoing import shorten
from bot.persian import PersianInputError, escape_fa, format_jalali_datetime, format_number, localize_digits
from bot.services.common import lifecycle as lc
from bot.services.exhibitions import admin_flow as flow
from bot.services.exhibitions import copy
from bot.services.exhibitions import fields as xf
from bot.services.exhibitions.admin import Change, ItemSummary
from bot.services.exhibitions.catalog import DEEP_LINK
from bot.texts import exhibition_admin as t
from bot.texts import exhibitions as tm
from handlers import date_picker as dp
from handlers.audit.buttons import history_button
from handlers.courses import admin_keyboards as ckb
from handlers.courses.admin_render import deadline_example, start_example, targets_line, typed_example
from handlers.kit import share_text
from models.enums import AuditKind, EventStatus, ExhibitionChoice, SeatStatus

PREFIX = "exha"
NAME_MAX = 40
n = format_number


def cb(action: str, event_id: int, arg: str = "") -> str:
    return encode(PREFIX, action, event_id, *([arg] if arg else []))


def parse(data: str | None) -> tuple[str, int, str]:
    """`prefix:<action>:<id>[:<arg>]` -> (action, id, arg); forged or stale -> ("", 0, "")."""
    press = decode(data, PREFIX)
    return (press.action, press.object_id, ":".join(press.args)) if press else ("", 0, "")


def _b(text: str, action: str, event_id: int, arg: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=cb(action, event_id, arg))


# -- the list ---------------------------------------------------------------------------------------
def list_text(items: list[ItemSummary]) -> str:
    if not items:
        return t.LIST_EMPTY
    lines = [
        t.LIST_LINE.format(
            icon=tm.TRIP_KIND_ICONS[s.details.trip_kind],
            title=escape_fa(shorten(s.event.title, 80)),
            status=t.STATUS_LABELS.get(s.event.status, s.event.status),
            when=format_jalali_datetime(s.event.starts_at),
            taking_part=n(s.counts[SeatStatus.REGISTERED]),
            interested=n(s.counts[ExhibitionChoice.INTERESTED]),
        )
        for s in items
    ]
    return t.LIST_TITLE + "\n\n" + "\n\n".join(lines)


def _label(trip_kind: str, title: str) -> str:
    return f"{tm.TRIP_KIND_ICONS[trip_kind]} {shorten(localize_digits(title), NAME_MAX)}"


def list_markup(items: list[ItemSummary]) -> InlineKeyboardMarkup:
    opens = [[_b(_label(s.details.trip_kind, s.event.title), "card", s.event.id)] for s in items]
    return InlineKeyboardMarkup([*opens, [_b(t.BTN_NEW, "new", 0)]])


# -- the creation conversation ----------------------------------------------------------------------
def kinds(token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_b(f"{tm.TRIP_KIND_ICONS[k]} {tm.TRIP_KIND_LABELS[k]}", "kind", 0, f"{k}:{token}")]
            for k in xf.TRIP_KINDS
        ]
    )


def ask_text(step: str, values: dict[str, Any], now: datetime) -> str:
    if step == xf.KIND:
        return t.ASK_KIND
    if step == xf.POSTER:
        return t.ASK_POSTER
    text = t.ASK[step]
    starts_at = values.get("starts_at")
    if step == "starts_at":
        return text.format(example=start_example(now + timedelta(days=30)))
    if step == "ends_at" and isinstance(starts_at, datetime):
        return text.format(example=typed_example(starts_at + timedelta(days=3)).split(" ")[0])
    if step in ("deadline", "docs_deadline"):
        return text.format(example=deadline_example(starts_at, now).split(" ")[0])
    return text.format(example="")


END_OF_DAY = frozenset({"ends_at", "deadline", "docs_deadline"})  # a date alone is the end of that day


def _pick_data(token: str) -> dp.Data:
    return lambda part: cb(dp.ACTION, 0, f"{token}:{part}")


def _skip_rows(step: str, token: str) -> list[list[InlineKeyboardButton]]:
    """«رد شدن» for the optional question (or the poster) asked with `token` (and only that one)."""
    return [[_b(t.BTN_SKIP, "skip", 0, token)]] if step in xf.OPTIONAL or step == xf.POSTER else []


def ask_markup(step: str, token: str, now: datetime) -> InlineKeyboardMarkup | None:
    """The kinds, or the date picker under a date question, and «رد شدن» under an optional one."""
    if step == xf.KIND:
        return kinds(token)
    rows = _skip_rows(step, token)
    if step in flow.DATE_FIELDS:
        return dp.months(now, _pick_data(token), end_of_day=step in END_OF_DAY, extra=rows)
    return InlineKeyboardMarkup(rows) if rows else None


def picker(step: str, token: str, pick: dp.Pick, now: datetime) -> InlineKeyboardMarkup:
    """The date picker's next screen under the question of `step`."""
    rows = _skip_rows(step, token)
    return dp.screen(pick, now, _pick_data(token), end_of_day=step in END_OF_DAY, extra=rows)


def targets_text(segment: dict[str, list[str]], audience: int, config: Config) -> str:
    return t.ASK_TARGETS.format(selection=targets_line(segment, config), count=n(audience))


def targets(segment: dict[str, list[str]], config: Config, token: str) -> InlineKeyboardMarkup:
    """The course screens' toggles, re-labelled to `exha:` (same ✅ marks and layout)."""
    rows = []
    for row in ckb.targets(segment, config, 0, token).inline_keyboard:
        rows.append(
            [
                InlineKeyboardButton(b.text, callback_data=str(b.callback_data).replace("cadm:", "exha:", 1))
                for b in row
            ]
        )
    return InlineKeyboardMarkup(rows)


def error_text(error: Exception, now: datetime) -> str:
    if isinstance(error, PersianInputError):
        return error.message_fa
    code = getattr(error, "code", "stale")
    start = getattr(error, "starts_at", None)
    return t.ERRORS.get(code, t.ERRORS["stale"]).format(
        max=n(getattr(error, "limit", 0), grouping=False),
        example=start_example(now),
        start=format_jalali_datetime(start) if start else "",
        taken="",
    )


# -- preview and card -------------------------------------------------------------------------------
def fields_text(summary: ItemSummary, config: Config) -> str:
    event, details = summary.event, summary.details
    documents = "، ".join(escape_fa(d["label"]) for d in details.documents) or t.NOT_SET
    if details.documents and details.documents_deadline:
        documents += t.DOCS_UNTIL.format(deadline=format_jalali_datetime(details.documents_deadline))
    return t.FIELDS.format(
        icon=tm.TRIP_KIND_ICONS[details.trip_kind],
        title=escape_fa(event.title),
        kind=tm.TRIP_KIND_LABELS[details.trip_kind],
        where=copy.where_of(event, details),
        when=copy.when_of(event),
        deadline=copy.deadline_of(event),
        costs=escape_fa(details.costs or t.NOT_SET),
        subsidy=escape_fa(details.subsidy or t.NOT_SET),
        capacity=t.CAPACITY_VALUE.format(count=n(event.capacity)) if event.capacity else t.UNLIMITED,
        documents=documents,
        poster=t.POSTER_YES if details.poster_file_id else t.POSTER_NO,
        targets=targets_line(event.segment or {}, config),
    )


def counts_text(summary: ItemSummary) -> str:
    c = summary.counts
    text = t.COUNTS.format(
        interested=n(c[ExhibitionChoice.INTERESTED]),
        registered=n(c[SeatStatus.REGISTERED]),
        waitlisted=n(c[SeatStatus.WAITLISTED]),
        offered=n(c[SeatStatus.OFFERED]),
        cancelled=n(c[SeatStatus.CANCELLED] + c[SeatStatus.EXPIRED]),
    )
    if summary.details.documents:
        text += t.COUNTS_DOCS.format(
            complete=n(summary.documents_complete), registered=n(c[SeatStatus.REGISTERED])
        )
    return text


def card_text(summary: ItemSummary, config: Config, note: str = "") -> str:
    event = summary.event
    if event.status == EventStatus.DRAFT:
        head = t.PREVIEW_TITLE.format(id=n(event.id))
        return (
            head + fields_text(summary, config) + t.PREVIEW_AUDIENCE.format(count=n(summary.audience)) + note
        )
    status = t.STATUS_LABELS.get(event.status, event.status)
    head = t.CARD_TITLE.format(id=n(event.id), status=status)
    text = head + fields_text(summary, config) + counts_text(summary)
    if links := share_text(lc.EXHIBITION, event.status, DEEP_LINK, event.id):
        text = text.rstrip("\n") + links
    return text + note


CARD_ROWS: tuple[ckb.Row, ...] = (
    (lc.PUBLISH, ((lc.PUBLISH, "puba", t.BTN_PUBLISH_ANNOUNCE),)),
    (lc.PUBLISH, ((lc.PUBLISH, "pub", t.BTN_PUBLISH), (lc.DISCARD, "drop", t.BTN_DISCARD))),
    (lc.EXPORT, ((lc.EXPORT, "xlsx", t.BTN_XLSX), (lc.EXPORT, "csv", t.BTN_CSV))),
    (lc.MESSAGE, ((lc.MESSAGE, "msga", t.BTN_MSG_ALL),)),
    (lc.DOCUMENTS, ((lc.MESSAGE, "msgd", t.BTN_MSG_NODOCS),)),
    (lc.DOCUMENTS, ((lc.DOCUMENTS, "docs", t.BTN_DOCS),)),
    (
        lc.CANCEL,
        (
            (lc.CLOSE, "close", t.BTN_CLOSE),
            (lc.REOPEN, "reopen", t.BTN_REOPEN),
            (lc.CANCEL, "cncl", t.BTN_CANCEL),
        ),
    ),
    (lc.LIST, ((lc.LIST, "list", t.BTN_BACK),)),
)


def card(summary: ItemSummary) -> InlineKeyboardMarkup:
    """What the CDA can do with the item in its status (the lifecycle table); documents only if asked for."""
    rows = CARD_ROWS if summary.details.documents else tuple(r for r in CARD_ROWS if r[0] != lc.DOCUMENTS)
    event = summary.event
    built = ckb.card_rows(rows, lc.EXHIBITION, event.status, event.id, PREFIX)
    return InlineKeyboardMarkup([*built, [history_button(AuditKind.EXHIBITION, event.id)]])


def cancel_confirm(event_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_b(t.BTN_CANCEL_CONFIRM, "cnclok", event_id), _b(t.BTN_CANCEL_KEEP, "cnclno", event_id)]]
    )


def change_note(action: str, change: Change) -> str:
    title = escape_fa(change.summary.event.title)
    if action == "puba" and change.broadcast_id is not None:
        return t.PUBLISHED_ANNOUNCED.format(
            title=title, broadcast=n(change.broadcast_id), count=n(change.told)
        )
    if action == "puba":
        return t.PUBLISHED_NOBODY.format(title=title)
    notes = {"pub": t.PUBLISHED, "close": t.CLOSED, "reopen": t.REOPENED, "cnclok": t.CANCELLED}
    note = notes[action].format(title=title, count=n(change.told))
    return note + (t.OFFERS_MADE.format(count=n(change.offers)) if change.offers else "")
