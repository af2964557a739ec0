"""Dates and times as people type them (Jalali, Tehran wall clock), and the calendar the date picker uses.

Pure: no I/O and no messaging library. `parse_jalali_datetime` accepts, in any digit script, with Arabic
ي/ك and with ZWNJ, a space or nothing inside compound words:

- numeric dates `۱۴۰۵/۰۹/۱۱`, `1405-9-11`, `1405.09.11`, and day first `۱۱/۰۹/۱۴۰۵`;
- named months `۱۱ آذر ۱۴۰۵`, `۱۱ آذرماه ۱۴۰۵`, `۱۱ آذر ماه ۱۴۰۵`, without madda or hamza (`۱۱ اذر ۱۴۰۵`);
- a weekday before or after the date (`پنج‌شنبه`, `پنج شنبه`, `پنجشنبه`), which must be the date's;
- a time after a space, a comma or «ساعت»: `۱۰:۳۰`, `۱۰.۳۰`, `۱۰٫۳۰`, the hour alone `۱۰`, `۱۰ و نیم`,
  optionally with صبح / ق.ظ / بامداد / ظهر / ب.ظ / بعدازظهر / عصر / شب (or am / pm).

Anything else raises `DateInputError` (a PersianInputError) whose code names the problem — a wrong
weekday, a two-digit year, a Gregorian date (with its Jalali equivalent), a day the month does not have,
an hour or minute out of range — and whose `message_fa` says so in Persian (bot/texts/dates.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import ClassVar, Final

import jdatetime

from bot.persian import (
    JALALI_MONTHS,
    TEHRAN,
    WEEKDAYS,
    PersianInputError,
    normalize_text,
    to_persian_digits,
    to_tehran,
)
from bot.texts import dates as t

__all__ = [
    "DateInputError",
    "format_typed",
    "jalali_day",
    "month_length",
    "parse_jalali_datetime",
    "tehran_moment",
    "typed_text",
]

MAX_CHARS: Final = 200
JALALI_YEARS: Final = range(1300, 1601)
GREGORIAN_YEARS: Final = range(1900, 2200)
_fa = to_persian_digits


class DateInputError(PersianInputError):
    """A typed date or time that cannot be used; `message_fa` says precisely why."""

    MESSAGES: ClassVar[Mapping[str, str]] = t.DATE_ERRORS


# --- the calendar ---------------------------------------------------------------------------------


def month_length(year: int, month: int) -> int:
    """Days in a Jalali month: 31 in the first six, 30 in the next five, Esfand 30 in a leap year else 29."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def jalali_day(moment: datetime) -> jdatetime.date:
    """The Jalali calendar day in Tehran of an aware datetime."""
    return jdatetime.date.fromgregorian(date=to_tehran(moment).date())


def tehran_moment(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A Jalali date and Tehran wall-clock time as an aware UTC datetime."""
    gregorian = jdatetime.date(year, month, day).togregorian()
    return datetime.combine(gregorian, time(hour, minute), tzinfo=TEHRAN).astimezone(UTC)


def typed_text(year: int, month: int, day: int, hour: int | None = None, minute: int = 0) -> str:
    """`۱۴۰۵/۰۹/۱۱ ۱۰:۳۰` (or the date alone): what a person would type, read back by the parser."""
    text = f"{year}/{month:02d}/{day:02d}" + (f" {hour:02d}:{minute:02d}" if hour is not None else "")
    return _fa(text)


def format_typed(moment: datetime) -> str:
    """An aware datetime as it would be typed, in Tehran time: `۱۴۰۵/۰۹/۱۱ ۱۰:۳۰`."""
    local, day = to_tehran(moment), jalali_day(moment)
    return typed_text(day.year, day.month, day.day, local.hour, local.minute)


# --- reading what was typed -----------------------------------------------------------------------

# Compared after folding: digits ASCII, lower case, ZWNJ as a space, ٫ as a dot, «،» as a comma.
_FOLD: Final = str.maketrans(
    {"\u200c": " ", "\u066b": ".", "،": ",", "\u0654": None, **{chr(c): None for c in range(0x064B, 0x0653)}}
)
_MADDA: Final = str.maketrans({"آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا"})
_SEPARATED: Final = re.compile(r"(?<=\d) *([/\-:.]) *(?=\d)")

_WEEKDAY_RE: Final = r"(?:(?:یک|دو|سه|چهار|پنج) ?)?شنبه|جمعه"
_WEEKDAY_OF: Final = {
    "شنبه": 5,
    "یکشنبه": 6,
    "دوشنبه": 0,
    "سهشنبه": 1,
    "چهارشنبه": 2,
    "پنجشنبه": 3,
    "جمعه": 4,
}
_JALALI_OF: Final = {
    **{name.translate(_MADDA): number for number, name in enumerate(JALALI_MONTHS, start=1)},
    "امرداد": 5,
}
_GREGORIAN_OF: Final = {
    **{name.translate(_MADDA): number for number, name in enumerate(t.GREGORIAN_MONTHS, start=1)},
    "می": 5,
    "جولای": 7,
    "اگوست": 8,
    **{
        name: number
        for number, names in enumerate(
            (
                ("january", "jan"),
                ("february", "feb"),
                ("march", "mar"),
                ("april", "apr"),
                ("may",),
                ("june", "jun"),
                ("july", "jul"),
                ("august", "aug"),
                ("september", "sep", "sept"),
                ("october", "oct"),
                ("november", "nov"),
                ("december", "dec"),
            ),
            start=1,
        )
        for name in names
    },
}
_MARKER_RE: Final = r"بعد ?از ?ظهر|قبل ?از ?ظهر|صبح|ظهر|عصر|شب|بامداد|ب\.? ?ظ\.?|ق\.? ?ظ\.?|a\.?m\.?|p\.?m\.?"
_MARKER_OF: Final = {
    "صبح": "morning",
    "بامداد": "dawn",
    "قبلازظهر": "am",
    "قظ": "am",
    "am": "am",
    "ظهر": "noon",
    "بعدازظهر": "pm",
    "بظ": "pm",
    "pm": "pm",
    "عصر": "evening",
    "شب": "night",
}
_TIME_RE: Final = rf"(?P<hour>\d+)(?:[:.](?P<minute>\d+)|(?P<half> و نیم))?(?: ?(?P<marker>{_MARKER_RE}))?"
_INPUT_RE: Final = re.compile(
    rf"(?:(?P<wd1>{_WEEKDAY_RE}) ?,? ?)?"
    r"(?:(?P<a>\d+)[/\-.](?P<b>\d+)[/\-.](?P<c>\d+)"
    r"|(?P<day>\d+) ?(?P<month>[^\W\d_]+(?: ?ماه)?)(?: ?,? ?(?P<year>\d+))?)"
    rf"(?: ?,? ?(?P<wd2>{_WEEKDAY_RE}))?"
    rf"(?:(?: ?, ?| )(?:ساعت ?)?{_TIME_RE})?"
)


def _fold(text: str) -> str:
    folded = normalize_text(text).lower().translate(_FOLD)
    return " ".join(_SEPARATED.sub(r"\1", folded).split())


def _two_digit_year(short: str) -> DateInputError:
    full = ("14" if int(short) < 50 else "13") + short.zfill(2)
    return DateInputError("two_digit_year", full=_fa(full), short=_fa(short))


def _month_number(word: str) -> tuple[int, bool]:
    """(month, is Gregorian) for a month's name, with or without «ماه», madda or hamza."""
    key = word.replace(" ", "").translate(_MADDA)
    if key.endswith("ماه") and key != "ماه":
        key = key[:-3]
    if key in _JALALI_OF:
        return _JALALI_OF[key], False
    if key in _GREGORIAN_OF:
        return _GREGORIAN_OF[key], True
    raise DateInputError("unknown_month", month=word)


def _date_parts(g: dict[str, str | None]) -> tuple[str, str, str, bool]:
    """(year, month, day) as typed and whether a Gregorian month was named; numeric months as digits."""
    a, b, c = g["a"], g["b"], g["c"]
    if a is not None and b is not None and c is not None:
        if len(a) >= 3:
            return a, b, c, False
        if len(c) >= 3:
            return c, b, a, False
        raise _two_digit_year(a)
    word, year, day = g["month"] or "", g["year"], g["day"] or ""
    month, gregorian = _month_number(word)
    if year is None:
        if gregorian:
            raise DateInputError("gregorian_month", month=word)
        raise DateInputError("year_missing", day=_fa(day), month=JALALI_MONTHS[month - 1])
    return year, str(month), day, gregorian


# Per time-of-day word: the hours meant as typed, and those that mean twelve more («۴ عصر» is ۱۶).
_AS_TYPED: Final = {
    "am": range(0, 12),
    "morning": range(0, 12),
    "dawn": range(0, 12),
    "noon": range(11, 16),
    "pm": range(12, 24),
    "evening": range(13, 24),
    "night": range(18, 24),
}
_PLUS_TWELVE: Final = {
    "noon": range(1, 4),
    "pm": range(1, 12),
    "evening": range(1, 12),
    "night": range(6, 12),
}


def _hour24(hour: int, marker: str) -> int:
    """The 24-hour clock hour of «hour marker» (۴ بعدازظهر → ۱۶); a contradiction or two readings raise."""
    kind = _MARKER_OF[re.sub(r"[ .]", "", marker)]
    label = t.MARKER_LABELS[kind]
    if hour == 12 and kind in ("am", "morning", "dawn", "night"):  # noon or midnight?
        raise DateInputError("ambiguous_time", hour=_fa(hour), marker=label, example=t.AMBIGUOUS_TWELVE)
    if kind == "night" and hour <= 5:  # «۲ شب»: after midnight, but of which day?
        example = t.AMBIGUOUS_NIGHT.format(hour=_fa(f"{hour:02d}"))
        raise DateInputError("ambiguous_time", hour=_fa(hour), marker=label, example=example)
    if hour in _AS_TYPED[kind]:
        return hour
    if hour in _PLUS_TWELVE.get(kind, ()):
        return hour + 12
    raise DateInputError("time_conflict", hour=_fa(hour), marker=label)


def _time_of(g: dict[str, str | None]) -> time | None:
    raw_hour, raw_minute = g["hour"], g["minute"]
    if raw_hour is None:
        return None
    hour = int(raw_hour)
    if len(raw_hour) > 2 or hour > 23:
        raise DateInputError("bad_hour", hour=_fa(hour))
    minute = 30 if g["half"] else 0
    if raw_minute is not None:
        if len(raw_minute) == 1:
            raise DateInputError("minute_digits", hour=_fa(hour))
        if len(raw_minute) > 2 or int(raw_minute) > 59:
            raise DateInputError("bad_minute", minute=_fa(raw_minute))
        minute = int(raw_minute)
    if g["marker"]:
        hour = _hour24(hour, g["marker"])
    return time(hour, minute)


def _gregorian_error(year: int, month: int, day: int, g: dict[str, str | None]) -> DateInputError:
    """«This looks Gregorian», with the same day in the Jalali calendar (and the time, if it was readable)."""
    try:
        gregorian = date(year, month, day)
    except ValueError:
        return DateInputError("bad_date")
    try:
        wall = _time_of(g)
    except DateInputError:
        wall = None
    jd = jdatetime.date.fromgregorian(date=gregorian)
    jalali = f"{WEEKDAYS[gregorian.weekday()]} {_fa(jd.day)} {JALALI_MONTHS[jd.month - 1]} {_fa(jd.year)}"
    if wall is not None:
        jalali += f"، ساعت {_fa(f'{wall.hour:02d}:{wall.minute:02d}')}"
    typed = typed_text(jd.year, jd.month, jd.day, *((wall.hour, wall.minute) if wall else ()))
    shown = f"{_fa(day)} {t.GREGORIAN_MONTHS[month - 1]} {_fa(year)}"
    return DateInputError("gregorian", gregorian=shown, jalali=jalali, typed=typed)


def _jalali_date(year: int, month: int, day: int, raw_month: str, raw_day: str) -> jdatetime.date:
    if len(raw_month) > 2 or not 1 <= month <= 12:
        raise DateInputError("bad_month", month=_fa(raw_month))
    if len(raw_day) > 2 or not 1 <= day <= 31:
        raise DateInputError("bad_day", day=_fa(raw_day))
    length = month_length(year, month)
    if day > length:
        if month == 12 and length == 29:
            raise DateInputError("no_such_esfand_day", year=_fa(year), day=_fa(day))
        name = JALALI_MONTHS[month - 1]
        raise DateInputError("no_such_day", month=name, length=_fa(length), day=_fa(day), year=_fa(year))
    return jdatetime.date(year, month, day)


def _date_text(day: jdatetime.date) -> str:
    return f"{_fa(day.day)} {JALALI_MONTHS[day.month - 1]} {_fa(day.year)}"


def _check_weekday(day: jdatetime.date, g: dict[str, str | None]) -> None:
    actual = day.togregorian().weekday()
    for typed in (g["wd1"], g["wd2"]):
        if typed is not None and _WEEKDAY_OF[typed.replace(" ", "")] != actual:
            wrong = WEEKDAYS[_WEEKDAY_OF[typed.replace(" ", "")]]
            raise DateInputError("wrong_weekday", date=_date_text(day), actual=WEEKDAYS[actual], typed=wrong)


def parse_jalali_datetime(text: str, *, default_time: time | None = None) -> datetime:
    """A Jalali date and Tehran wall-clock time typed by a person, as an aware UTC datetime.

    Without a time, `default_time` (a naive Tehran wall-clock time) is used, or DateInputError
    ("time_missing") is raised when it is None. The date is checked before the time.
    """
    if len(text) > MAX_CHARS:
        raise DateInputError("bad_format")
    match = _INPUT_RE.fullmatch(_fold(text))
    if match is None:
        raise DateInputError("bad_format")
    g = match.groupdict()
    raw_year, raw_month, raw_day, gregorian_month = _date_parts(g)
    if len(raw_year) <= 2:
        raise _two_digit_year(raw_year)
    year, month, day = int(raw_year), int(raw_month), int(raw_day)
    numeric = g["a"] is not None
    if len(raw_year) == 4 and year in GREGORIAN_YEARS and (numeric or gregorian_month):
        raise _gregorian_error(year, month, day, g)
    if gregorian_month:
        raise DateInputError("gregorian_month", month=g["month"] or "")
    if len(raw_year) != 4 or year not in JALALI_YEARS:
        raise DateInputError("bad_year", year=_fa(raw_year))
    jalali = _jalali_date(year, month, day, raw_month, raw_day)
    _check_weekday(jalali, g)
    wall = _time_of(g)
    if wall is None:
        if default_time is None:
            raise DateInputError("time_missing", date=_date_text(jalali))
        if default_time.tzinfo is not None:
            raise ValueError("default_time must be a naive Tehran wall-clock time")
        wall = default_time
    return datetime.combine(jalali.togregorian(), wall, tzinfo=TEHRAN).astimezone(UTC)
