"""Pure Persian helpers: digits, numbers, user-input normalisation, mobiles and the Jalali calendar.

Everything here is side-effect free (no I/O beyond loading the Asia/Tehran zone) and independent of the
messaging library, so the handlers, services and tests can share one definition of "Persian text".

Display helpers return Persian digits; parsing helpers accept Persian (۰-۹), Arabic-Indic (٠-٩) and ASCII
digits and raise :class:`PersianInputError` whose ``code`` is machine-readable and whose ``message_fa`` can
be shown to the user as is.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Final, Literal, get_args
from zoneinfo import ZoneInfo

import jdatetime

__all__ = [
    "JALALI_MONTHS",
    "TEHRAN",
    "WEEKDAYS",
    "ErrorCode",
    "PersianInputError",
    "format_jalali_date",
    "format_jalali_datetime",
    "format_mobile",
    "format_number",
    "normalize_digits",
    "normalize_text",
    "parse_int",
    "parse_iranian_mobile",
    "parse_jalali_datetime",
    "to_persian_digits",
    "to_tehran",
]

TEHRAN: ZoneInfo = ZoneInfo("Asia/Tehran")

JALALI_MONTHS: Final[tuple[str, ...]] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
# Indexed by Python's date.weekday(): Monday == 0 ... Sunday == 6 (the Persian week starts on شنبه).
WEEKDAYS: Final[tuple[str, ...]] = (
    "دوشنبه",
    "سه‌شنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
    "شنبه",
    "یکشنبه",
)

ErrorCode = Literal["not_a_number", "bad_mobile", "bad_format", "bad_date", "bad_time", "time_missing"]

_MESSAGES_FA: Final[dict[str, str]] = {
    "not_a_number": "این مقدار عدد معتبری نیست. لطفاً فقط یک عدد صحیح و بدون اعشار بنویسید؛ مثلاً ۲۵۰.",
    "bad_mobile": "شماره موبایل معتبر نیست. لطفاً به شکل ۰۹۱۲۳۴۵۶۷۸۹ بنویسید.",
    "bad_format": "تاریخ را متوجه نشدیم. لطفاً تاریخ و ساعت را به شکل «۱۴۰۵/۰۹/۱۱ ساعت ۱۰:۳۰» بنویسید.",
    "bad_date": "این تاریخ در تقویم وجود ندارد. لطفاً دوباره بررسی کنید؛ مثلاً ۱۴۰۵/۰۹/۱۱ ساعت ۱۰:۳۰",
    "bad_time": "این ساعت معتبر نیست. لطفاً ساعتی از ۰۰:۰۰ تا ۲۳:۵۹ بنویسید؛ مثلاً ۱۰:۳۰.",
    "time_missing": "لطفاً ساعت را هم بنویسید؛ مثلاً «۱۴۰۵/۰۹/۱۱ ساعت ۱۰:۳۰».",
}
_ERROR_CODES: Final[frozenset[str]] = frozenset(get_args(ErrorCode))


class PersianInputError(ValueError):
    """User input that cannot be read; ``code`` is for code, ``message_fa`` is for the user."""

    code: str

    def __init__(self, code: ErrorCode) -> None:
        if code not in _ERROR_CODES:
            raise ValueError(f"unknown PersianInputError code: {code!r}")
        super().__init__(code)
        self.code = code

    @property
    def message_fa(self) -> str:
        return _MESSAGES_FA[self.code]


# --- digits ---------------------------------------------------------------------------------------

_PERSIAN_DIGITS: Final = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_INDIC_DIGITS: Final = "٠١٢٣٤٥٦٧٨٩"
_ASCII_DIGITS: Final = "0123456789"

_TO_PERSIAN: Final = str.maketrans(_ASCII_DIGITS + _ARABIC_INDIC_DIGITS, _PERSIAN_DIGITS * 2)
_TO_ASCII: Final = str.maketrans(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, _ASCII_DIGITS * 2)

_THOUSANDS_FA: Final = "\u066c"  # ٬ ARABIC THOUSANDS SEPARATOR
_DECIMAL_FA: Final = "\u066b"  # ٫ ARABIC DECIMAL SEPARATOR


def to_persian_digits(value: object) -> str:
    """``str(value)`` with ASCII and Arabic-Indic digits written as Persian digits (no grouping)."""
    return str(value).translate(_TO_PERSIAN)


def normalize_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII; everything else untouched."""
    return text.translate(_TO_ASCII)


def format_number(n: int | float, *, grouping: bool = True) -> str:
    """A number in Persian digits: ``٬`` between thousands (when ``grouping``), ``٫`` as decimal point.

    Floats are written in plain positional notation (never ``1e+20``); NaN and infinities raise ValueError.
    """
    if isinstance(n, float):
        if not math.isfinite(n):
            raise ValueError(f"cannot format non-finite number {n!r}")
        text = format(Decimal(repr(n)), ",f" if grouping else "f")
    else:
        text = format(int(n), "," if grouping else "d")
    return to_persian_digits(text.replace(",", _THOUSANDS_FA).replace(".", _DECIMAL_FA))


# --- text normalisation ---------------------------------------------------------------------------

_ZWNJ: Final = "\u200c"
_ZWJ: Final = "\u200d"

# Characters deleted outright: zero-width space, BOM, word joiner, bidi marks, embeddings, overrides and
# isolates, tatweel, and C0/C1 control characters that are not whitespace (PostgreSQL rejects NUL in text).
_DELETE: Final = (
    "\u200b\ufeff\u2060\u200e\u200f\u061c"
    + "".join(map(chr, range(0x202A, 0x202F)))
    + "".join(map(chr, range(0x2066, 0x206A)))
    + "\u0640"
    + "".join(
        chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)]
    )
)
_TEXT_TABLE: Final = str.maketrans(
    {
        **{ord(c): None for c in _DELETE},
        **{ord(p): a for p, a in zip(_PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, _ASCII_DIGITS * 2, strict=True)},
        ord("ي"): "ی",  # ARABIC LETTER YEH -> FARSI YEH
        ord("ى"): "ی",  # ARABIC LETTER ALEF MAKSURA -> FARSI YEH
        ord("ك"): "ک",  # ARABIC LETTER KAF -> KEHEH
    }
)
# A ZWJ survives only inside an emoji sequence (e.g. 👩‍🌾); elsewhere it is invisible noise.
_EMOJI: Final = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_STRAY_ZWJ: Final = re.compile(f"(?<![{_EMOJI}\ufe0f])\u200d|\u200d(?![{_EMOJI}])")
_WHITESPACE: Final = re.compile(r"\s+")
_ZWNJ_RUN: Final = re.compile(r"( ?)\u200c+( ?)")


def _zwnj_run(match: re.Match[str]) -> str:
    # Next to a space a ZWNJ separates nothing; otherwise keep exactly one.
    return " " if match.group(1) or match.group(2) else _ZWNJ


def normalize_text(text: str) -> str:
    """Clean one line of user input for storage and comparison.

    Digits become ASCII, Arabic ي/ى/ك become Persian ی/ک (ة is kept), tatweel, zero-width and bidi control
    characters are removed, all whitespace runs (newlines included) become one space, and the result is
    trimmed of spaces and ZWNJ. A ZWNJ inside a word («می‌خواهم») is kept; repeated ZWNJs become one and a
    ZWNJ touching a space is dropped.
    """
    text = unicodedata.normalize("NFC", text).translate(_TEXT_TABLE)
    text = _STRAY_ZWJ.sub("", text)
    text = _WHITESPACE.sub(" ", text)
    text = _ZWNJ_RUN.sub(_zwnj_run, text)
    return text.strip(" " + _ZWNJ)


# --- numbers --------------------------------------------------------------------------------------

_MAX_PARSE_CHARS: Final = 200
_INT_RE: Final = re.compile(r"[0-9]+|[0-9]{1,3}(?:([,٬،])[0-9]{3})(?:\1[0-9]{3})*")


def parse_int(text: str) -> int:
    """A non-negative integer typed in any digit script, optionally grouped by ``,`` ``٬`` or ``،``.

    Grouping must be regular (``12,500`` not ``1,25``) so that a decimal comma is never misread.
    Negatives, decimals, empty input and anything else raise ``PersianInputError("not_a_number")``.
    """
    if len(text) > _MAX_PARSE_CHARS:
        raise PersianInputError("not_a_number")
    cleaned = normalize_text(text)
    if not _INT_RE.fullmatch(cleaned):
        raise PersianInputError("not_a_number")
    return int(re.sub(r"[^0-9]", "", cleaned))


# --- mobile numbers -------------------------------------------------------------------------------

_PHONE_NOISE: Final = re.compile(r"[\s()\-\u2010-\u2015\u2212.]")
_MOBILE_RE: Final = re.compile(r"(?:\+98|0098|98)?0?(9[0-9]{9})")
_E164_MOBILE_RE: Final = re.compile(r"\+989[0-9]{9}")


def parse_iranian_mobile(text: str) -> str:
    """An Iranian mobile number in canonical E.164 form, ``+989xxxxxxxxx``.

    Accepts 09…, 9…, +989…, 00989… and 989… (also ``+98 (0) 9…``), with spaces, dashes, dots or
    parentheses and any digit script. Anything else raises ``PersianInputError("bad_mobile")``.
    """
    if len(text) > _MAX_PARSE_CHARS:
        raise PersianInputError("bad_mobile")
    digits = _PHONE_NOISE.sub("", normalize_text(text))
    match = _MOBILE_RE.fullmatch(digits)
    if match is None:
        raise PersianInputError("bad_mobile")
    return "+98" + match.group(1)


def format_mobile(e164: str) -> str:
    """``+989121234567`` -> ``۰۹۱۲ ۱۲۳ ۴۵۶۷``; anything but a canonical Iranian mobile raises ValueError."""
    if not _E164_MOBILE_RE.fullmatch(e164):
        raise ValueError(f"not a canonical Iranian mobile number: {e164!r}")
    local = "0" + e164[3:]
    return to_persian_digits(f"{local[:4]} {local[4:7]} {local[7:]}")


# --- Jalali calendar ------------------------------------------------------------------------------


def to_tehran(dt: datetime) -> datetime:
    """An aware datetime converted to Asia/Tehran; a naive one raises ValueError."""
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        raise ValueError("naive datetime: attach a time zone (UTC) before converting")
    return dt.astimezone(TEHRAN)


def _jalali_date_text(local: datetime) -> str:
    jd = jdatetime.date.fromgregorian(date=local.date())
    return f"{to_persian_digits(jd.day)} {JALALI_MONTHS[jd.month - 1]} {to_persian_digits(jd.year)}"


def format_jalali_date(dt: datetime) -> str:
    """``۱۱ آذر ۱۴۰۵`` for the Tehran calendar day of an aware datetime."""
    return _jalali_date_text(to_tehran(dt))


def format_jalali_datetime(dt: datetime, *, weekday: bool = True) -> str:
    """``چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰`` in Tehran time (seconds are dropped, not rounded)."""
    local = to_tehran(dt)
    text = f"{_jalali_date_text(local)}، ساعت {to_persian_digits(f'{local.hour:02d}:{local.minute:02d}')}"
    return f"{WEEKDAYS[local.weekday()]} {text}" if weekday else text


_TIME_PART: Final = r"(?:(?: ?[،,] ?| )(?:ساعت ?)?(?P<hour>[0-9]+) ?: ?(?P<minute>[0-9]+))?"
_NUMERIC_DATE_RE: Final = re.compile(
    r"(?P<year>[0-9]+) ?[/\-.] ?(?P<month>[0-9]+) ?[/\-.] ?(?P<day>[0-9]+)" + _TIME_PART
)
_NAMED_DATE_RE: Final = re.compile(
    rf"(?:(?P<weekday>{'|'.join(map(re.escape, WEEKDAYS))}) ?[،,]? )?"
    rf"(?P<day>[0-9]+) (?P<month_name>{'|'.join(JALALI_MONTHS)}) (?P<year>[0-9]+)" + _TIME_PART
)


def _jalali_to_gregorian(year: int, month: int, day: int) -> jdatetime.date:
    if not (1300 <= year <= 1600 and 1 <= month <= 12 and day >= 1):
        raise PersianInputError("bad_date")
    if month <= 6:
        month_days = 31
    elif month <= 11:
        month_days = 30
    else:  # Esfand: 30 days in a leap year, 29 otherwise, never 31
        month_days = 30 if jdatetime.date(year, 1, 1).isleap() else 29
    if day > month_days:
        raise PersianInputError("bad_date")
    return jdatetime.date(year, month, day)


def parse_jalali_datetime(text: str, *, default_time: time | None = None) -> datetime:
    """A Jalali date and Tehran wall-clock time typed by a person, returned as an aware UTC datetime.

    Accepts ``۱۴۰۵/۰۹/۱۱ ۱۰:۳۰``, ``1405-9-11 10:30``, ``١٤٠٥.٩.١١ ساعت ١٠:٣٠`` (any digit script, ``/``
    ``-`` or ``.`` between the parts, an optional «ساعت» or comma before the time) and the display form
    ``چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰`` (the weekday, if given, must match). Without a time,
    ``default_time`` (a naive Tehran wall-clock time) is used, or ``PersianInputError("time_missing")`` is
    raised when it is None.
    Error codes: ``bad_format``, ``bad_date`` (impossible date, or year not 4 digits in 1300-1600),
    ``bad_time`` (hour > 23 or minute > 59), ``time_missing``.
    """
    if len(text) > _MAX_PARSE_CHARS:
        raise PersianInputError("bad_format")
    cleaned = normalize_text(text)
    match = _NUMERIC_DATE_RE.fullmatch(cleaned) or _NAMED_DATE_RE.fullmatch(cleaned)
    if match is None:
        raise PersianInputError("bad_format")
    groups = match.groupdict()
    if len(groups["year"]) != 4 or len(groups["day"]) > 2:
        raise PersianInputError("bad_date")
    month_name = groups.get("month_name")
    if month_name is not None:
        month = JALALI_MONTHS.index(month_name) + 1
    elif len(groups["month"]) > 2:
        raise PersianInputError("bad_date")
    else:
        month = int(groups["month"])
    gregorian = _jalali_to_gregorian(int(groups["year"]), month, int(groups["day"])).togregorian()
    if groups.get("weekday") and WEEKDAYS[gregorian.weekday()] != groups["weekday"]:
        raise PersianInputError("bad_date")

    if groups["hour"] is None:
        if default_time is None:
            raise PersianInputError("time_missing")
        if default_time.tzinfo is not None:
            raise ValueError("default_time must be a naive Tehran wall-clock time")
        wall_time = default_time
    else:
        hour_text, minute_text = groups["hour"], groups["minute"]
        if len(hour_text) > 2 or len(minute_text) != 2:
            raise PersianInputError("bad_format" if len(minute_text) < 2 else "bad_time")
        hour, minute = int(hour_text), int(minute_text)
        if hour > 23 or minute > 59:
            raise PersianInputError("bad_time")
        wall_time = time(hour, minute)
    local = datetime.combine(gregorian, wall_time, tzinfo=TEHRAN)
    return local.astimezone(UTC)
