"""Pure Persian helpers: digits, numbers, user-input normalisation, mobiles and Jalali display.

Typed dates and times are read by bot/jalali.py (its DateInputError is a PersianInputError).

Everything here is side-effect free (no I/O beyond loading the Asia/Tehran zone) and independent of the
messaging library, so the handlers, services and tests can share one definition of "Persian text".

Display helpers return Persian digits; parsing helpers accept Persian (۰-۹), Arabic-Indic (٠-٩) and ASCII
digits and raise :class:`PersianInputError` whose ``code`` is machine-readable and whose ``message_fa`` can
be shown to the user as is. Free text a member or the CDA wrote is shown through ``localize_digits`` /
``escape_fa`` (bot/persian_runs.py, re-exported here): Persian digits in Persian runs, never inside links.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import ClassVar, Final, Literal
from zoneinfo import ZoneInfo

import jdatetime

from bot.persian_runs import escape_fa, localize_digits

__all__ = [
    "JALALI_MONTHS",
    "TEHRAN",
    "WEEKDAYS",
    "ErrorCode",
    "PersianInputError",
    "escape_fa",
    "format_jalali_date",
    "format_jalali_datetime",
    "format_mobile",
    "format_number",
    "localize_digits",
    "normalize_digits",
    "normalize_text",
    "parse_int",
    "parse_iranian_mobile",
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

ErrorCode = Literal["not_a_number", "bad_mobile"]

_MESSAGES_FA: Final[Mapping[str, str]] = {
    "not_a_number": "این مقدار عدد معتبری نیست. لطفاً فقط یک عدد صحیح و بدون اعشار بنویسید؛ مثلاً ۲۵۰.",
    "bad_mobile": "شماره موبایل معتبر نیست. لطفاً به شکل ۰۹۱۲۳۴۵۶۷۸۹ بنویسید.",
}


class PersianInputError(ValueError):
    """User input that cannot be read; ``code`` is for code, ``message_fa`` is for the user.

    ``params`` (already Persian text) fill the message's ``{…}``; a subclass brings its own ``MESSAGES``
    (bot/jalali.py's DateInputError), and handlers show any of them through ``message_fa``.
    """

    MESSAGES: ClassVar[Mapping[str, str]] = _MESSAGES_FA
    code: str
    params: dict[str, str]

    def __init__(self, code: str, **params: str) -> None:
        if code not in self.MESSAGES:
            raise ValueError(f"unknown {type(self).__name__} code: {code!r}")
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message_fa(self) -> str:
        return self.MESSAGES[self.code].format(**self.params)


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
