"""Tests for bot.persian: digits, numbers, normalisation, mobiles and the Jalali calendar.

Calendar expectations are anchored on independently known facts (Nowruz dates from the March equinox,
Gregorian weekdays from Python's own calendar), not only on jdatetime.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import ClassVar

import pytest

from bot.persian import (
    JALALI_MONTHS,
    TEHRAN,
    WEEKDAYS,
    PersianInputError,
    format_jalali_date,
    format_jalali_datetime,
    format_mobile,
    format_number,
    normalize_digits,
    normalize_text,
    parse_int,
    parse_iranian_mobile,
    to_persian_digits,
    to_tehran,
)

ZWNJ = "\u200c"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
TEHRAN_OFFSET = timedelta(hours=3, minutes=30)
# 11 Azar 1405, 10:30 Tehran == 2026-12-02 07:00 UTC (a Wednesday).
AZAR_11_1405_1030 = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)


def _raises(code: str, func: object, *args: object, **kwargs: object) -> PersianInputError:
    assert callable(func)
    with pytest.raises(PersianInputError) as info:
        func(*args, **kwargs)
    assert info.value.code == code
    return info.value


# --- digits and numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12500, "۱۲۵۰۰"),
        (0, "۰"),
        (-7, "-۷"),
        ("0123456789", PERSIAN_DIGITS),
        ("٠١٢٣٤٥٦٧٨٩", PERSIAN_DIGITS),
        ("ساعت 10:30 و ٤٥", "ساعت ۱۰:۳۰ و ۴۵"),
        ("۱۲", "۱۲"),
        (3.5, "۳.۵"),
        ("", ""),
    ],
)
def test_to_persian_digits(value: object, expected: str) -> None:
    assert to_persian_digits(value) == expected


@pytest.mark.parametrize(
    ("number", "grouping", "expected"),
    [
        (12500, True, "۱۲٬۵۰۰"),
        (0, True, "۰"),
        (999, True, "۹۹۹"),
        (1000, True, "۱٬۰۰۰"),
        (1234567, True, "۱٬۲۳۴٬۵۶۷"),
        (-1234, True, "-۱٬۲۳۴"),
        (1234.5, True, "۱٬۲۳۴٫۵"),
        (0.00001, True, "۰٫۰۰۰۰۱"),
        (1e20, True, "۱۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰"),
        (12500, False, "۱۲۵۰۰"),
        (1234.5, False, "۱۲۳۴٫۵"),
        (10**30, False, "۱" + "۰" * 30),
    ],
)
def test_format_number(number: int | float, grouping: bool, expected: str) -> None:
    assert format_number(number, grouping=grouping) == expected


def test_format_number_uses_persian_separators_only() -> None:
    text = format_number(9876543.21)
    assert text == "۹٬۸۷۶٬۵۴۳٫۲۱"
    assert "," not in text and "." not in text
    assert not any(c.isascii() and c.isdigit() for c in text)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_format_number_rejects_non_finite(value: float) -> None:
    with pytest.raises(ValueError):
        format_number(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PERSIAN_DIGITS, "0123456789"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("۱٢3", "123"),
        ("علي ۱۲ ك", "علي 12 ك"),  # only digits change
        ("", ""),
    ],
)
def test_normalize_digits(text: str, expected: str) -> None:
    assert normalize_digits(text) == expected


# --- normalize_text -------------------------------------------------------------------------------

NORMALIZE_CASES = [
    pytest.param("علي كريمي", "علی کریمی", id="arabic-yeh-kaf"),
    pytest.param("مصطفى", "مصطفی", id="alef-maksura"),
    pytest.param("مدرسة", "مدرسة", id="teh-marbuta-kept"),
    pytest.param("گـــلخانه", "گلخانه", id="tatweel"),
    pytest.param("می‌خواهم ثبت‌نام کنم", "می‌خواهم ثبت‌نام کنم", id="zwnj-inside-word-kept"),
    pytest.param(f"{ZWNJ}  می‌خواهم {ZWNJ}", "می‌خواهم", id="zwnj-trimmed-at-edges"),
    pytest.param(f"{ZWNJ}{ZWNJ}می‌خواهم{ZWNJ}", "می‌خواهم", id="zwnj-trimmed-without-spaces"),
    pytest.param(f"گل{ZWNJ} رز {ZWNJ}محلات", "گل رز محلات", id="zwnj-next-to-space"),
    pytest.param(f"می{ZWNJ}{ZWNJ}{ZWNJ}خواهم", "می‌خواهم", id="zwnj-run-collapsed"),
    pytest.param("\u200fسلام\u202b دنیا\u202c \u2066x\u2069\u200e\u061c", "سلام دنیا x", id="bidi-marks"),
    pytest.param("\ufeffگل\u200bرز\u2060", "گلرز", id="zero-width"),
    pytest.param("گل\u200dرز", "گلرز", id="stray-zwj"),
    pytest.param("👩\u200d🌾 و ❤️\u200d🔥", "👩\u200d🌾 و ❤️\u200d🔥", id="emoji-zwj-kept"),
    pytest.param("  گل \t\t رز \n\r\n محلات  ", "گل رز محلات", id="whitespace-and-newlines"),
    pytest.param("گل\u00a0\u2003رز", "گل رز", id="unicode-spaces"),
    pytest.param("پلاک ۱۲ و ٣٤ و 56", "پلاک 12 و 34 و 56", id="digits"),
    pytest.param("a\x00b\x07c", "abc", id="control-chars"),
    pytest.param("\u0627\u0653", "آ", id="nfc"),
    pytest.param("", "", id="empty"),
    pytest.param(f" \t\n{ZWNJ}\u200f ", "", id="only-invisible"),
]


@pytest.mark.parametrize(("text", "expected"), NORMALIZE_CASES)
def test_normalize_text(text: str, expected: str) -> None:
    result = normalize_text(text)
    assert result == expected
    assert normalize_text(result) == result  # idempotent


def test_normalize_text_keeps_zwnj_code_point_inside_word() -> None:
    result = normalize_text("\u200f می\u200cخواهم\u200c ")
    assert result == "می\u200cخواهم"
    assert result.count(ZWNJ) == 1
    assert "ي" not in normalize_text("ي") and "ك" not in normalize_text("ك")


def test_normalize_text_huge_input() -> None:
    text = ("گل\u200f  ي\n" * 200_000) + ZWNJ
    result = normalize_text(text)
    assert result == ("گل ی " * 200_000).strip()


# --- parse_int ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        ("۱۲۵۰۰", 12500),
        ("١٢٥٠٠", 12500),
        ("۱2٣", 123),
        ("  ۱۲٬۵۰۰ ", 12500),
        ("12,500", 12500),
        ("1،234،567", 1234567),
        ("۱٬۲۳۴٬۵۶۷", 1234567),
        ("0", 0),
        ("007", 7),
        ("\u200f۲۵۰\u200e", 250),
        ("9" * 100, int("9" * 100)),
    ],
)
def test_parse_int_accepts(text: str, expected: int) -> None:
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "-5",
        "−5",
        "۔۵",
        "+5",
        "۱۲٫۵",
        "12.5",
        "1/5",
        "1,25",  # a decimal comma must not become 125
        "12,5000",
        ",500",
        "500,",
        "1,234٬567",  # mixed separators
        "1 000",
        "abc",
        "۱۲ متر",
        "1e3",
        "१२",  # Devanagari digits are not accepted
        "²",
        "9" * 10_000,
    ],
)
def test_parse_int_rejects(text: str) -> None:
    error = _raises("not_a_number", parse_int, text)
    assert isinstance(error, ValueError)


# --- mobiles --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "09121234567",
        "9121234567",
        "+989121234567",
        "00989121234567",
        "989121234567",
        "0912 123 4567",
        "0912-123-4567",
        "(0912) 123-4567",
        "+98 912 123 4567",
        "+98 (0) 912 123 4567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "۰۹12١٢٣4567",
        "\u200e+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷\u200f",
        "  0912\u2013123\u20134567  ",
    ],
)
def test_parse_iranian_mobile_accepts(text: str) -> None:
    assert parse_iranian_mobile(text) == "+989121234567"


def test_parse_iranian_mobile_other_operators() -> None:
    assert parse_iranian_mobile("09011234567") == "+989011234567"
    assert parse_iranian_mobile("0935 000 1122") == "+989350001122"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "02112345678",  # Tehran landline
        "+982112345678",
        "0912123456",  # too short
        "091212345678",  # too long
        "08612345678",
        "0812345678",
        "+19121234567",
        "+44 7911 123456",
        "0912+1234567",
        "009121234567",
        "+98 98 912 123 4567",
        "0912123456a",
        "abc",
        "۰۹۱۲ ۱۲۳ ۴۵۶۷ داخلی ۲",
        "0" * 10_000,
    ],
)
def test_parse_iranian_mobile_rejects(text: str) -> None:
    _raises("bad_mobile", parse_iranian_mobile, text)


def test_format_mobile() -> None:
    assert format_mobile("+989121234567") == "۰۹۱۲ ۱۲۳ ۴۵۶۷"
    assert format_mobile(parse_iranian_mobile("٠٩٣٥٠٠٠١١٢٢")) == "۰۹۳۵ ۰۰۰ ۱۱۲۲"


@pytest.mark.parametrize("text", ["09121234567", "+98912123456", "+982112345678", "+989121234567 "])
def test_format_mobile_rejects_non_canonical(text: str) -> None:
    with pytest.raises(ValueError):
        format_mobile(text)


# --- time zone ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        (datetime(2025, 7, 1, 12, 0, tzinfo=UTC), datetime(2025, 7, 1, 15, 30)),  # summer: no DST
        (datetime(2026, 6, 21, 20, 45, tzinfo=UTC), datetime(2026, 6, 22, 0, 15)),
        (datetime(2025, 9, 21, 12, 0, tzinfo=UTC), datetime(2025, 9, 21, 15, 30)),
        (datetime(2026, 1, 15, 12, 0, tzinfo=UTC), datetime(2026, 1, 15, 15, 30)),  # winter
        (datetime(2025, 3, 22, 12, 0, tzinfo=UTC), datetime(2025, 3, 22, 15, 30)),  # old DST start
    ],
)
def test_tehran_is_utc_plus_0330_all_year(utc: datetime, local: datetime) -> None:
    converted = to_tehran(utc)
    assert converted.replace(tzinfo=None) == local
    assert converted.utcoffset() == TEHRAN_OFFSET
    assert converted.dst() == timedelta(0)
    assert converted == utc


def test_tehran_offset_constant_every_day_of_2026() -> None:
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    offsets = {to_tehran(start + timedelta(days=i)).utcoffset() for i in range(365)}
    assert offsets == {TEHRAN_OFFSET}
    assert str(TEHRAN) == "Asia/Tehran"


def test_to_tehran_accepts_any_aware_and_rejects_naive() -> None:
    berlin_like = timezone(timedelta(hours=2))
    converted = to_tehran(datetime(2025, 7, 1, 14, 0, tzinfo=berlin_like))
    assert converted.replace(tzinfo=None) == datetime(2025, 7, 1, 15, 30)
    with pytest.raises(ValueError):
        to_tehran(datetime(2025, 7, 1, 12, 0))


# --- Jalali formatting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utc", "expected_date", "expected_weekday"),
    [
        (datetime(2025, 3, 21, 9, tzinfo=UTC), "۱ فروردین ۱۴۰۴", "جمعه"),
        (datetime(2026, 12, 2, 9, tzinfo=UTC), "۱۱ آذر ۱۴۰۵", "چهارشنبه"),
        (datetime(2025, 3, 20, 9, tzinfo=UTC), "۳۰ اسفند ۱۴۰۳", "پنجشنبه"),  # 1403 is leap
        (datetime(2026, 3, 20, 9, tzinfo=UTC), "۲۹ اسفند ۱۴۰۴", "جمعه"),
        (datetime(2026, 3, 21, 9, tzinfo=UTC), "۱ فروردین ۱۴۰۵", "شنبه"),
        (datetime(2026, 9, 22, 9, tzinfo=UTC), "۳۱ شهریور ۱۴۰۵", "سه‌شنبه"),
        (datetime(2026, 9, 23, 9, tzinfo=UTC), "۱ مهر ۱۴۰۵", "چهارشنبه"),
    ],
)
def test_format_jalali_date_known_days(utc: datetime, expected_date: str, expected_weekday: str) -> None:
    assert format_jalali_date(utc) == expected_date
    assert format_jalali_datetime(utc).startswith(f"{expected_weekday} {expected_date}، ساعت ")
    assert WEEKDAYS[utc.date().weekday()] == expected_weekday  # Python's own calendar agrees


def test_format_jalali_date_uses_tehran_day_boundary() -> None:
    assert format_jalali_date(datetime(2025, 3, 20, 20, 29, tzinfo=UTC)) == "۳۰ اسفند ۱۴۰۳"
    assert format_jalali_date(datetime(2025, 3, 20, 20, 30, tzinfo=UTC)) == "۱ فروردین ۱۴۰۴"


def test_format_jalali_datetime_fixed_utc() -> None:
    assert format_jalali_datetime(AZAR_11_1405_1030) == "چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰"
    assert format_jalali_datetime(AZAR_11_1405_1030, weekday=False) == "۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰"


def test_format_jalali_datetime_matches_glossary_shape() -> None:
    # The glossary example «سه‌شنبه ۱۱ آذر ۱۴۰۵» names the wrong weekday (11 Azar 1405 is a Wednesday);
    # the Tuesday is 10 Azar, and its output must have exactly the glossary's shape.
    tuesday = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    assert tuesday.weekday() == 1
    assert format_jalali_datetime(tuesday) == "سه‌شنبه ۱۰ آذر ۱۴۰۵، ساعت ۱۰:۳۰"


@pytest.mark.parametrize(
    ("utc", "clock"),
    [
        (datetime(2025, 3, 21, 5, 35, 59, tzinfo=UTC), "۰۹:۰۵"),  # seconds dropped, zero-padded
        (datetime(2025, 3, 20, 20, 30, tzinfo=UTC), "۰۰:۰۰"),
        (datetime(2025, 3, 21, 20, 29, tzinfo=UTC), "۲۳:۵۹"),
    ],
)
def test_format_jalali_datetime_clock(utc: datetime, clock: str) -> None:
    text = format_jalali_datetime(utc)
    assert text.endswith(f"، ساعت {clock}")
    assert not any(c.isascii() and c.isdigit() for c in text)


def test_weekday_names_for_one_week() -> None:
    saturday = datetime(2026, 11, 28, 9, tzinfo=UTC)
    assert saturday.weekday() == 5
    names = [format_jalali_datetime(saturday + timedelta(days=i)).split(" ")[0] for i in range(7)]
    assert names == ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"]
    assert ZWNJ in names[3] and all(ZWNJ not in n for i, n in enumerate(names) if i != 3)


def test_month_names_use_persian_letters() -> None:
    assert len(JALALI_MONTHS) == 12
    assert JALALI_MONTHS[8] == "آذر" and JALALI_MONTHS[11] == "اسفند"
    assert all(normalize_text(name) == name for name in JALALI_MONTHS + WEEKDAYS)


def test_format_jalali_rejects_naive() -> None:
    with pytest.raises(ValueError):
        format_jalali_date(datetime(2026, 12, 2, 7, 0))
    with pytest.raises(ValueError):
        format_jalali_datetime(datetime(2026, 12, 2, 7, 0))


# --- errors and import hygiene --------------------------------------------------------------------

ALL_CODES = ["not_a_number", "bad_mobile"]


@pytest.mark.parametrize("code", ALL_CODES)
def test_error_messages_are_persian_with_an_example(code: str) -> None:
    error = PersianInputError(code)
    assert isinstance(error, ValueError)
    assert error.code == code and str(error) == code
    message = error.message_fa
    assert message.startswith(("لطفاً", "این", "شماره", "تاریخ"))
    assert any(c in PERSIAN_DIGITS for c in message)
    assert not any(c.isascii() and c.isalnum() for c in message)
    assert "ي" not in message and "ك" not in message


def test_error_messages_exact_and_distinct() -> None:
    assert (
        PersianInputError("bad_mobile").message_fa
        == "شماره موبایل معتبر نیست. لطفاً به شکل ۰۹۱۲۳۴۵۶۷۸۹ بنویسید."
    )
    messages = {PersianInputError(code).message_fa for code in ALL_CODES}
    assert len(messages) == len(ALL_CODES)


def test_error_message_params_fill_the_template() -> None:
    class Sized(PersianInputError):
        MESSAGES: ClassVar[Mapping[str, str]] = {"too_big": "عدد {value} بزرگ است."}

    error = Sized("too_big", value="۱۲")
    assert isinstance(error, PersianInputError) and error.params == {"value": "۱۲"}
    assert error.message_fa == "عدد ۱۲ بزرگ است."
    with pytest.raises(ValueError, match="unknown Sized code"):
        Sized("not_a_number")


def test_unknown_error_code_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown"):
        PersianInputError("nope")


def test_import_has_no_telegram_dependency() -> None:
    code = (
        "import sys, bot.persian; print(sorted({m.split('.')[0] for m in sys.modules} & {'telegram', 'bot'}))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['bot']"
