"""A small Jalali date picker under a date question: a month, then a day, then a time (Tehran), never past.

An alternative to typing: the chosen moment is handed to the feature's service as the text
`۱۴۰۵/۰۹/۱۱ ۱۰:۳۰` (or the date alone for «پایان روز», which fields with a default time read as the
day's end), so it is read and checked by the same parser as a typed answer. Each feature builds the
callback data with `data(part)` — its prefix, the object id and the question's step token
(bot/services/common/guided_form.py) — and its service checks the token on every press, so a picker
left under an earlier question is stale. Parts (ASCII, parsed with bot/callbacks.py; anything else is
a stale press):

    m:<yyyymm>            the days of that month
    d:<yyyymmdd>          the times of that day
    t:<yyyymmdd>:<hhmm>   chosen
    e:<yyyymmdd>          chosen: the end of that day
    b                     back to the months
    n                     a blank cell or a title (answered, nothing changes)

Rows run in reading order like the other keyboards (Saturday first, «→» back), with Persian digits and
Jalali month names. Times are 07:00–21:30, outside the default quiet hours; «پایان روز» is 23:59, the
default time of every date field that offers it (courses.fields.DEADLINE_DEFAULT_TIME,
exhibitions.fields.END_OF_DAY).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import jdatetime
from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot import texts
from bot.callbacks import parse_id, parse_small
from bot.context import KhoosheContext
from bot.jalali import JALALI_YEARS, jalali_day, month_length, tehran_moment, typed_text
from bot.persian import JALALI_MONTHS, WEEKDAYS, format_jalali_datetime, to_persian_digits
from bot.texts import dates as t
from handlers.kit import close_buttons, edit_buttons

log = logging.getLogger(__name__)
ACTION = "pk"
MONTHS_SHOWN = 6
MONTHS_PER_ROW = 3
TIMES: tuple[tuple[int, int], ...] = tuple((h, m) for h in range(7, 22) for m in (0, 30))  # ۰۷:۰۰ … ۲۱:۳۰
TIMES_PER_ROW = 5
END_OF_DAY = (23, 59)

Data = Callable[[str], str]  # a picker part -> the feature's callback data (prefix, id, step token, part)
Rows = Sequence[Sequence[InlineKeyboardButton]]
R = TypeVar("R")
# A feature's "one service call in one transaction for a press" (refusals answered, None returned).
Runner = Callable[[Update, KhoosheContext, Callable[[Any], Awaitable[Any]]], Awaitable[Any]]


@dataclass(frozen=True)
class Pick:
    """A decoded picker press. kind: months, days, times, chosen, blank; `hour` None = the end of the day."""

    kind: str
    year: int = 0
    month: int = 0
    day: int = 0
    hour: int | None = None
    minute: int = 0

    @property
    def text(self) -> str:
        """The answer as the CDA would have typed it (a date alone for the end of the day)."""
        return typed_text(self.year, self.month, self.day, self.hour, self.minute)

    @property
    def moment(self) -> datetime:
        hour, minute = (self.hour, self.minute) if self.hour is not None else END_OF_DAY
        return tehran_moment(self.year, self.month, self.day, hour, minute)

    @property
    def note(self) -> str:
        """What the question's message says once a moment is chosen."""
        return t.PICK_CHOSEN.format(when=format_jalali_datetime(self.moment))


def _month(raw: str) -> tuple[int, int] | None:
    value = parse_id(raw)
    if value is None:
        return None
    year, month = divmod(value, 100)
    return (year, month) if year in JALALI_YEARS and 1 <= month <= 12 else None


def _day(raw: str) -> tuple[int, int, int] | None:
    value = parse_id(raw)
    if value is None:
        return None
    ym = _month(str(value // 100))
    day = value % 100
    return (*ym, day) if ym is not None and 1 <= day <= month_length(*ym) else None


def parse(arg: str) -> tuple[str, Pick | None]:
    """`<token>:<part>` (what follows the object id) -> (token, the press); a forged part -> (token, None)."""
    token, _, rest = arg.partition(":")
    kind, *values = rest.split(":")
    if kind in ("b", "n") and not values:
        return token, Pick("months" if kind == "b" else "blank")
    if kind == "m" and len(values) == 1 and (ym := _month(values[0])) is not None:
        return token, Pick("days", *ym)
    if kind in ("d", "e") and len(values) == 1 and (ymd := _day(values[0])) is not None:
        return token, Pick("times" if kind == "d" else "chosen", *ymd)
    if kind == "t" and len(values) == 2 and (ymd := _day(values[0])) is not None:
        clock = parse_small(values[1], limit=2359)
        if clock is not None and len(values[1]) == 4 and clock % 100 < 60:
            return token, Pick("chosen", *ymd, hour=clock // 100, minute=clock % 100)
    return token, None


# --- what is still ahead --------------------------------------------------------------------------


def _times(day: jdatetime.date, now: datetime, end_of_day: bool) -> list[tuple[int, int] | None]:
    """The times offered on `day` that are still ahead of `now` (None: the end of the day)."""
    offered: list[tuple[int, int] | None] = [*TIMES, *([None] if end_of_day else [])]
    return [
        slot for slot in offered if tehran_moment(day.year, day.month, day.day, *(slot or END_OF_DAY)) > now
    ]


def _days(year: int, month: int, now: datetime, end_of_day: bool) -> list[jdatetime.date]:
    today = jalali_day(now)
    days = [jdatetime.date(year, month, d) for d in range(1, month_length(year, month) + 1)]
    return [d for d in days if d >= today and _times(d, now, end_of_day)]


def _months(now: datetime, end_of_day: bool) -> list[tuple[int, int]]:
    today = jalali_day(now)
    months = []
    for i in range(MONTHS_SHOWN):
        year, month = divmod(today.year * 12 + today.month - 1 + i, 12)
        months.append((year, month + 1))
    return [ym for ym in months if ym != (today.year, today.month) or _days(*ym, now, end_of_day)]


# --- keyboards ------------------------------------------------------------------------------------


def _button(label: str, data: Data, part: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data(part))


def _in_rows(buttons: list[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def _month_label(year: int, month: int) -> str:
    return f"{JALALI_MONTHS[month - 1]} {to_persian_digits(year)}"


def months(now: datetime, data: Data, *, end_of_day: bool = False, extra: Rows = ()) -> InlineKeyboardMarkup:
    """The first screen, under the question: the months ahead, then the question's own rows («رد شدن»)."""
    buttons = [_button(_month_label(y, m), data, f"m:{y}{m:02d}") for y, m in _months(now, end_of_day)]
    return InlineKeyboardMarkup([*_in_rows(buttons, MONTHS_PER_ROW), *(list(row) for row in extra)])


def _days_of(year: int, month: int, now: datetime, data: Data, end_of_day: bool) -> InlineKeyboardMarkup:
    """A calendar of the month, Saturday first; past days and the cells around the month are blank."""
    title = [_button(t.PICK_MONTH_TITLE.format(month=_month_label(year, month)), data, "n")]
    head = [_button(name, data, "n") for name in t.PICK_WEEK_HEAD]
    open_days = {d.day for d in _days(year, month, now, end_of_day)}
    first_column = (jdatetime.date(year, month, 1).togregorian().weekday() + 2) % 7  # شنبه is column 0
    cells = [_button(t.PICK_BLANK, data, "n") for _ in range(first_column)]
    for day in range(1, month_length(year, month) + 1):
        if day in open_days:
            cells.append(_button(to_persian_digits(day), data, f"d:{year}{month:02d}{day:02d}"))
        else:
            cells.append(_button(t.PICK_BLANK, data, "n"))
    cells += [_button(t.PICK_BLANK, data, "n") for _ in range(-len(cells) % 7)]
    weeks = [week for week in _in_rows(cells, 7) if any(b.callback_data != data("n") for b in week)]
    back = [_button(t.BTN_PICK_MONTHS, data, "b")]
    if not open_days:
        return InlineKeyboardMarkup([title, [_button(t.PICK_NOTHING_LEFT, data, "n")], back])
    return InlineKeyboardMarkup([title, head, *weeks, back])


def _times_of(pick: Pick, now: datetime, data: Data, end_of_day: bool) -> InlineKeyboardMarkup:
    day = jdatetime.date(pick.year, pick.month, pick.day)
    weekday, month = WEEKDAYS[day.togregorian().weekday()], JALALI_MONTHS[day.month - 1]
    title_text = t.PICK_DAY_TITLE.format(weekday=weekday, day=to_persian_digits(day.day), month=month)
    title = [_button(title_text, data, "n")]
    ymd = f"{day.year}{day.month:02d}{day.day:02d}"
    slots = _times(day, now, end_of_day)
    clocks = [
        _button(to_persian_digits(f"{h:02d}:{m:02d}"), data, f"t:{ymd}:{h:02d}{m:02d}")
        for h, m in (slot for slot in slots if slot is not None)
    ]
    rows = [title, *_in_rows(clocks, TIMES_PER_ROW)]
    if None in slots:
        rows.append([_button(t.BTN_PICK_END_OF_DAY, data, f"e:{ymd}")])
    back = t.BTN_PICK_DAYS.format(month=month)
    rows.append([_button(back, data, f"m:{day.year}{day.month:02d}")])
    return InlineKeyboardMarkup(rows)


def screen(
    pick: Pick, now: datetime, data: Data, *, end_of_day: bool = False, extra: Rows = ()
) -> InlineKeyboardMarkup:
    """The keyboard after a press that moves within the picker (months, a month's days, a day's times)."""
    if pick.kind == "days":
        return _days_of(pick.year, pick.month, now, data, end_of_day)
    if pick.kind == "times":
        return _times_of(pick, now, data, end_of_day)
    return months(now, data, end_of_day=end_of_day, extra=extra)


async def press(
    update: Update,
    context: KhoosheContext,
    arg: str,
    run: Runner,
    check: Callable[[Any, str], Awaitable[str]],
    choose: Callable[[Any, str, str], Awaitable[R]],
    keyboard: Callable[[str, str, Pick], InlineKeyboardMarkup],
) -> R | None:
    """One press on a feature's picker; the flow's result once a moment is chosen, else None.

    `arg` is what follows the object id; `check(session, token)` returns the date question the token
    belongs to (or raises StaleAction); `choose(session, token, text)` answers it as if `text` had been
    typed; `keyboard(question, token, pick)` is the next screen. The caller shows the next question."""
    query = update.callback_query
    assert query is not None
    token, pick = parse(arg)
    if pick is None or pick.kind == "blank":
        await query.answer(None if pick else texts.ERRORS["stale"])
        return None
    if pick.kind != "chosen":
        question = await run(update, context, lambda s: check(s, token))
        if question is not None:
            await show(query, keyboard(str(question), token, pick))
        return None
    result: R | None = await run(update, context, lambda s: choose(s, token, pick.text))
    if result is not None:
        await close_buttons(query, pick.note)
    return result


async def show(query: CallbackQuery, markup: InlineKeyboardMarkup) -> None:
    """Replace the picker under the question with its next screen (a repeated press changes nothing)."""
    try:
        await edit_buttons(query, markup)
    except BadRequest as exc:  # "message is not modified" after a double press
        log.info("date picker left as it was: %s", exc.message)
