"""Tests for bot.jalali: every form of a typed Jalali date and time, and a precise message for every mistake.

Calendar expectations are anchored on independently known facts (Nowruz dates from the March equinox,
Gregorian weekdays from Python's own calendar), not only on jdatetime.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import jdatetime
import pytest

from bot.jalali import (
    DateInputError,
    format_typed,
    jalali_day,
    month_length,
    parse_jalali_datetime,
    tehran_moment,
    typed_text,
)
from bot.persian import PersianInputError, format_jalali_datetime, to_persian_digits, to_tehran
from bot.texts import dates as t

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ZWNJ = "\u200c"
# 11 Azar 1405, 10:30 Tehran == 2026-12-02 07:00 UTC (a Wednesday).
AZAR_11_1405_1030 = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)
AZAR_11_1405_1000 = datetime(2026, 12, 2, 6, 30, tzinfo=UTC)
AZAR_11_1405_1600 = datetime(2026, 12, 2, 12, 30, tzinfo=UTC)

# Nowruz (1 Farvardin) in the Gregorian calendar: the equinox falls before/after Tehran noon.
NOWRUZ = {
    1403: date(2024, 3, 20),
    1404: date(2025, 3, 21),
    1405: date(2026, 3, 21),
    1406: date(2027, 3, 21),
    1407: date(2028, 3, 20),
    1408: date(2029, 3, 20),
    1409: date(2030, 3, 21),
}


def _error(text: str, **kwargs: object) -> DateInputError:
    with pytest.raises(DateInputError) as info:
        parse_jalali_datetime(text, **kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, PersianInputError)  # handlers catch the base class
    return info.value


def _at(hour: int, minute: int = 0, day: int = 11) -> datetime:
    """Tehran wall time on `day` Azar 1405 as UTC."""
    return tehran_moment(1405, 9, day, hour, minute)


# --- accepted forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the forms accepted before
        ("۱۴۰۵/۰۹/۱۱ ۱۰:۳۰", AZAR_11_1405_1030),
        ("1405-9-11 10:30", AZAR_11_1405_1030),
        ("١٤٠٥/٩/١١ ١٠:٣٠", AZAR_11_1405_1030),
        ("1405.09.11 ساعت 10:30", AZAR_11_1405_1030),
        ("۱۴۰۵/۰۹/۱۱، ساعت ۱۰:۳۰", AZAR_11_1405_1030),
        ("  ۱۴۰۵ / ۹ / ۱۱   ۱۰ : ۳۰ \n", AZAR_11_1405_1030),
        ("\u200f۱۴۰۵/۰۹/۱۱\u200f ۱۰:۳۰\u200e", AZAR_11_1405_1030),
        ("۱4٠5/09/۱١ 1۰:٣0", AZAR_11_1405_1030),
        ("چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰", AZAR_11_1405_1030),
        ("۱۱ آذر ۱۴۰۵ ۱۰:۳۰", AZAR_11_1405_1030),
        ("1405/9/11 9:05", datetime(2026, 12, 2, 5, 35, tzinfo=UTC)),
        ("1405/09/11 00:00", datetime(2026, 12, 1, 20, 30, tzinfo=UTC)),
        ("1405/09/11 23:59", datetime(2026, 12, 2, 20, 29, tzinfo=UTC)),
        ("1404/01/01 00:00", datetime(2025, 3, 20, 20, 30, tzinfo=UTC)),
        ("1403/12/30 12:00", datetime(2025, 3, 20, 8, 30, tzinfo=UTC)),
        ("1404/04/10 12:00", datetime(2025, 7, 1, 8, 30, tzinfo=UTC)),  # summer, no DST
        ("1400/04/10 12:00", datetime(2021, 7, 1, 7, 30, tzinfo=UTC)),  # Iran still had DST in 1400
        # the clock written with a decimal separator, a dot, or the hour alone
        ("۱۴۰۵/۰۹/۱۱ ۱۰٫۳۰", AZAR_11_1405_1030),
        ("۱۴۰۵/۰۹/۱۱ ۱۰.۳۰", AZAR_11_1405_1030),
        ("1405/09/11 10.30", AZAR_11_1405_1030),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۰", AZAR_11_1405_1000),
        ("۱۴۰۵/۰۹/۱۱ ۱۰", AZAR_11_1405_1000),
        ("۱۱ آذر ۱۴۰۵ ساعت ۱۰", AZAR_11_1405_1000),
        ("۱۱ آذر ۱۴۰۵ ساعت ۱۰ و نیم", AZAR_11_1405_1030),
        # time-of-day words
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۰ صبح", AZAR_11_1405_1000),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۰:۳۰ صبح", AZAR_11_1405_1030),
        ("۱۴۰۵/۰۹/۱۱ ۱۰:۳۰ ق.ظ", AZAR_11_1405_1030),
        ("۱۴۰۵/۰۹/۱۱ ۱۰:۳۰ ق ظ", AZAR_11_1405_1030),
        ("۱۴۰۵/۰۹/۱۱ ۱۰:۳۰ قبل از ظهر", AZAR_11_1405_1030),
        ("1405/09/11 10:30 am", AZAR_11_1405_1030),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۴ عصر", AZAR_11_1405_1600),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۴ ب.ظ", AZAR_11_1405_1600),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۴ ب.ظ.", AZAR_11_1405_1600),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۴ بعدازظهر", AZAR_11_1405_1600),
        (f"۱۴۰۵/۰۹/۱۱ ساعت ۴ بعد{ZWNJ}ازظهر", AZAR_11_1405_1600),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۴ بعد از ظهر", AZAR_11_1405_1600),
        ("1405/09/11 4 PM", AZAR_11_1405_1600),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۶ بعدازظهر", AZAR_11_1405_1600),  # already on the 24-hour clock
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۲ ظهر", _at(12)),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱ ظهر", _at(13)),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۱ ظهر", _at(11)),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۲ بعدازظهر", _at(12)),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۸ شب", _at(20)),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۸:۴۵ شب", _at(20, 45)),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۲۱ شب", _at(21)),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۵ بامداد", _at(5)),
        # weekday names with ZWNJ, a space or joined, before or after the date; Arabic ي/ك
        (f"پنج{ZWNJ}شنبه ۱۲ آذر ۱۴۰۵ ساعت ۱۰", _at(10, day=12)),
        ("پنج شنبه ۱۲ آذر ۱۴۰۵ ساعت ۱۰", _at(10, day=12)),
        ("پنجشنبه ۱۲ آذر ۱۴۰۵ ساعت ۱۰", _at(10, day=12)),
        ("پنجشنبه، ۱۴۰۵/۰۹/۱۲ ساعت ۱۰", _at(10, day=12)),
        ("۱۲ آذر ۱۴۰۵ پنج‌شنبه ساعت ۱۰", _at(10, day=12)),
        ("سه شنبه ۱۰ آذر ۱۴۰۵ ساعت ۱۰", _at(10, day=10)),
        ("سهشنبه ۱۰ آذر ۱۴۰۵ ساعت ۱۰", _at(10, day=10)),
        ("شنبه ۷ آذر ۱۴۰۵ ساعت ۱۰", _at(10, day=7)),
        ("يكشنبه ۸ آذر ۱۴۰۵ ساعت ۱۰", _at(10, day=8)),
        ("یک شنبه ۸ آذر ۱۴۰۵ ساعت ۱۰", _at(10, day=8)),
        ("جمعه ۱۳ آذر ۱۴۰۵ ساعت ۱۰", _at(10, day=13)),
        # month names with «ماه», without madda or hamza
        ("۱۱ آذرماه ۱۴۰۵ ساعت ۱۰:۳۰", AZAR_11_1405_1030),
        ("۱۱ آذر ماه ۱۴۰۵ ساعت ۱۰:۳۰", AZAR_11_1405_1030),
        (f"۱۱ آذر{ZWNJ}ماه ۱۴۰۵ ساعت ۱۰:۳۰", AZAR_11_1405_1030),
        ("۱۱ اذر ۱۴۰۵ ساعت ۱۰:۳۰", AZAR_11_1405_1030),
        ("۱۱ اذرماه ۱۴۰۵ ساعت ۱۰:۳۰", AZAR_11_1405_1030),
        ("۱ ابان ۱۴۰۵ ساعت ۱۰", tehran_moment(1405, 8, 1, 10, 0)),
        ("۱ دي ۱۴۰۵ ساعت ۱۰", tehran_moment(1405, 10, 1, 10, 0)),
        ("۱ دیماه ۱۴۰۵ ساعت ۱۰", tehran_moment(1405, 10, 1, 10, 0)),
        ("۲ امرداد ۱۴۰۵ ساعت ۱۰", tehran_moment(1405, 5, 2, 10, 0)),
        ("۵ اردیبهشت ۱۴۰۵ ساعت ۱۰", tehran_moment(1405, 2, 5, 10, 0)),
        # the day first, as on some forms
        ("۱۱/۰۹/۱۴۰۵ ساعت ۱۰:۳۰", AZAR_11_1405_1030),
    ],
)
def test_parse_jalali_datetime_accepts(text: str, expected: datetime) -> None:
    result = parse_jalali_datetime(text)
    assert result == expected
    assert result.tzinfo is UTC


@pytest.mark.parametrize("year", sorted(NOWRUZ)[:-1])
def test_parse_jalali_matches_nowruz_and_esfand_leap_days(year: int) -> None:
    noon = time(12, 0)
    assert parse_jalali_datetime(f"{year}/01/01", default_time=noon) == datetime.combine(
        NOWRUZ[year], time(8, 30), tzinfo=UTC
    )
    is_leap = (NOWRUZ[year + 1] - NOWRUZ[year]).days == 366
    assert is_leap == (year in (1403, 1408))
    assert month_length(year, 12) == (30 if is_leap else 29)
    last_day = NOWRUZ[year + 1] - timedelta(days=1)
    esfand_last = 30 if is_leap else 29
    assert parse_jalali_datetime(f"{year}/12/{esfand_last}", default_time=noon).date() == last_day
    if not is_leap:
        assert _error(f"{year}/12/30 12:00").code == "no_such_esfand_day"
    assert _error(f"{year}/12/31 12:00").code == ("no_such_day" if is_leap else "no_such_esfand_day")


def test_parse_jalali_default_time() -> None:
    assert parse_jalali_datetime("۱۴۰۵/۰۹/۱۱", default_time=time(9, 0)) == datetime(
        2026, 12, 2, 5, 30, tzinfo=UTC
    )
    # An explicit time wins over the default.
    assert parse_jalali_datetime("1405/09/11 10:30", default_time=time(9, 0)) == AZAR_11_1405_1030
    assert parse_jalali_datetime("۱۱ آذرماه ۱۴۰۵", default_time=time(23, 59)) == _at(23, 59)
    with pytest.raises(ValueError):
        parse_jalali_datetime("1405/09/11", default_time=time(9, 0, tzinfo=UTC))


# --- what is wrong, precisely ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("فردا ساعت ۱۰", "bad_format", t.DATE_ERRORS["bad_format"]),
        ("", "bad_format", None),
        ("abc", "bad_format", None),
        ("1405/09", "bad_format", None),
        ("1405/09/11 ساعت", "bad_format", None),
        ("ساعت ۱۰", "bad_format", None),
        ("1" * 10_000, "bad_format", None),
        # a wrong weekday
        ("شنبه ۸ آذر ۱۴۰۵ ساعت ۱۰", "wrong_weekday", "۸ آذر ۱۴۰۵ یکشنبه است، نه شنبه."),
        ("سه‌شنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰", "wrong_weekday", "۱۱ آذر ۱۴۰۵ چهارشنبه است، نه سه‌شنبه."),
        ("۱۴۰۵/۰۹/۱۳ پنج شنبه ساعت ۱۰", "wrong_weekday", "۱۳ آذر ۱۴۰۵ جمعه است، نه پنجشنبه."),
        # a two-digit year
        ("۰۵/۰۹/۱۱ ۱۰:۰۰", "two_digit_year", "سال را چهاررقمی بنویسید: ۱۴۰۵ به‌جای ۰۵؛"),
        ("۱۱ آذر ۰۵ ساعت ۱۰", "two_digit_year", "۱۴۰۵ به‌جای ۰۵"),
        ("۹۹/۱۲/۰۱ ۱۰:۰۰", "two_digit_year", "۱۳۹۹ به‌جای ۹۹"),
        ("۱۱ آذر ساعت ۱۰", "year_missing", "سال را هم بنویسید؛ مثلاً «۱۱ آذر ۱۴۰۵ ساعت ۱۰:۳۰»."),
        ("14050/09/11 10:00", "bad_year", "سال ۱۴۰۵۰"),
        ("1299/09/11 10:00", "bad_year", "سال ۱۲۹۹"),
        ("1601/01/01 10:00", "bad_year", "سال ۱۶۰۱"),
        ("۱۱ آذر ۲۰۲۶ ساعت ۱۰", "bad_year", "سال ۲۰۲۶ درست به نظر نمی‌رسد."),
        # a Gregorian date, with its Jalali equivalent ready to type
        (
            "2026/12/02 10:00",
            "gregorian",
            "این تاریخ میلادی به نظر می‌رسد (۲ دسامبر ۲۰۲۶). برابر شمسی آن «چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۰۰» "
            "است؛ لطفاً تاریخ را شمسی بنویسید: «۱۴۰۵/۰۹/۱۱ ۱۰:۰۰».",
        ),
        ("02/12/2026", "gregorian", "«چهارشنبه ۱۱ آذر ۱۴۰۵» است؛ لطفاً تاریخ را شمسی بنویسید: «۱۴۰۵/۰۹/۱۱»."),
        ("۲ دسامبر ۲۰۲۶ ساعت ۴ بعدازظهر", "gregorian", "«۱۴۰۵/۰۹/۱۱ ۱۶:۰۰»"),
        ("2 December 2026 10:30", "gregorian", "«۱۴۰۵/۰۹/۱۱ ۱۰:۳۰»"),
        ("2026/12/02 25:00", "gregorian", "«۱۴۰۵/۰۹/۱۱»"),  # an unreadable time is left out
        ("2026/02/30 10:00", "bad_date", t.DATE_ERRORS["bad_date"]),
        ("۱۱ دسامبر ۱۴۰۵ ۱۰:۳۰", "gregorian_month", "«دسامبر» ماه میلادی است."),
        ("۱۱ دسامبر ساعت ۱۰", "gregorian_month", "«دسامبر» ماه میلادی است."),
        ("۱۱ آذز ۱۴۰۵ ساعت ۱۰", "unknown_month", "ماه «آذز» را نشناختیم."),
        # a day or month that does not exist
        ("1405/13/01 10:00", "bad_month", "ماه ۱۳ نداریم"),
        ("1405/00/10 10:00", "bad_month", "ماه ۰۰ نداریم"),
        ("1405/09/00 10:00", "bad_day", "روز ۰۰ نداریم"),
        ("1405/09/32 10:00", "bad_day", "روز ۳۲ نداریم"),
        ("۱۴۰۵/۰۷/۳۱ ۱۰:۰۰", "no_such_day", "مهر ۳۰ روز دارد؛ ۳۱ مهر ۱۴۰۵ وجود ندارد."),
        ("1405/11/31 10:00", "no_such_day", "بهمن ۳۰ روز دارد؛ ۳۱ بهمن ۱۴۰۵ وجود ندارد."),
        ("1403/12/31 10:00", "no_such_day", "اسفند ۳۰ روز دارد؛ ۳۱ اسفند ۱۴۰۳ وجود ندارد."),
        (
            "۳۰ اسفند ۱۴۰۵ ساعت ۱۰",
            "no_such_esfand_day",
            "سال ۱۴۰۵ کبیسه نیست و اسفندش ۲۹ روز دارد؛ ۳۰ اسفند ۱۴۰۵ وجود ندارد.",
        ),
        ("1405/07/31", "no_such_day", None),  # the date is checked before the missing time
        # the time
        ("1405/09/11", "time_missing", "ساعت را هم بنویسید؛ مثلاً «۱۱ آذر ۱۴۰۵ ساعت ۱۰:۳۰»."),
        ("١٤٠٥/٩/١١", "time_missing", None),
        ("1405/09/11 24:00", "bad_hour", "ساعت ۲۴ نداریم؛ ساعت عددی از ۰ تا ۲۳ است."),
        ("1405/09/11 25:00", "bad_hour", "ساعت ۲۵ نداریم"),
        ("1405/09/11 100:30", "bad_hour", "ساعت ۱۰۰ نداریم"),
        ("۱۴۰۵/۰۹/۱۱ ۱۰:۶۰", "bad_minute", "دقیقهٔ ۶۰ نداریم؛ دقیقه عددی از ۰۰ تا ۵۹ است."),
        ("۱۴۰۵/۰۹/۱۱ ۱۰:۳۰۰", "bad_minute", "دقیقهٔ ۳۰۰ نداریم"),
        ("1405/09/11 10:5", "minute_digits", "دقیقه را دورقمی بنویسید؛ مثلاً «۱۰:۰۵» یا «۱۰:۵۰»."),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۵ صبح", "time_conflict", "ساعت ۱۵ با «صبح» جور درنمی‌آید."),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۰ ب.ظ", "time_conflict", "ساعت ۰ با «بعدازظهر» جور درنمی‌آید."),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۲ عصر", "time_conflict", "ساعت ۱۲ با «عصر» جور درنمی‌آید."),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۵ شب", "time_conflict", "ساعت ۱۵ با «شب» جور درنمی‌آید."),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۲ شب", "ambiguous_time", "«ساعت ۱۲ شب» را می‌شود دو جور فهمید."),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۱۲ ق.ظ", "ambiguous_time", "«۰۰:۰۰» برای نیمه‌شب و «۱۲:۰۰» برای ظهر"),
        ("۱۴۰۵/۰۹/۱۱ ساعت ۲ شب", "ambiguous_time", "«۰۲:۰۰» همراه با تاریخِ همان روز"),
    ],
)
def test_parse_jalali_datetime_says_what_is_wrong(text: str, code: str, message: str | None) -> None:
    error = _error(text)
    assert error.code == code
    if message is not None:
        assert message in error.message_fa


def test_every_date_error_is_distinct_persian_and_filled() -> None:
    samples = {
        "two_digit_year": {"full": "۱۴۰۵", "short": "۰۵"},
        "year_missing": {"day": "۱۱", "month": "آذر"},
        "bad_year": {"year": "۱۲۹۹"},
        "gregorian": {"gregorian": "۲ دسامبر ۲۰۲۶", "jalali": "۱۱ آذر ۱۴۰۵", "typed": "۱۴۰۵/۰۹/۱۱"},
        "gregorian_month": {"month": "دسامبر"},
        "unknown_month": {"month": "آذز"},
        "bad_month": {"month": "۱۳"},
        "bad_day": {"day": "۳۲"},
        "no_such_day": {"month": "مهر", "length": "۳۰", "day": "۳۱", "year": "۱۴۰۵"},
        "no_such_esfand_day": {"year": "۱۴۰۵", "day": "۳۰"},
        "wrong_weekday": {"date": "۸ آذر ۱۴۰۵", "actual": "یکشنبه", "typed": "شنبه"},
        "time_missing": {"date": "۱۱ آذر ۱۴۰۵"},
        "bad_hour": {"hour": "۲۵"},
        "bad_minute": {"minute": "۶۰"},
        "minute_digits": {"hour": "۱۰"},
        "time_conflict": {"hour": "۱۵", "marker": "صبح"},
        "ambiguous_time": {"hour": "۱۲", "marker": "شب", "example": t.AMBIGUOUS_TWELVE},
    }
    messages = {code: DateInputError(code, **samples.get(code, {})).message_fa for code in t.DATE_ERRORS}
    assert len(set(messages.values())) == len(t.DATE_ERRORS)
    for code, message in messages.items():
        assert "{" not in message, code
        assert any(c in PERSIAN_DIGITS for c in message), code
        assert not re.search(r"[A-Za-z0-9]", message), code
        assert "ي" not in message and "ك" not in message, code
        assert "·" not in message, code
    assert "در تقویم وجود ندارد" not in messages["no_such_day"] + messages["wrong_weekday"]


def test_unknown_date_error_code_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown DateInputError code"):
        DateInputError("bad_mobile")


def test_parse_format_round_trip() -> None:
    start = datetime(2025, 1, 1, 0, 7, tzinfo=UTC)
    for i in range(0, 800):
        dt = start + timedelta(hours=37 * i, minutes=13 * i)
        assert parse_jalali_datetime(format_jalali_datetime(dt)) == dt
        assert parse_jalali_datetime(format_jalali_datetime(dt, weekday=False)) == dt
        assert parse_jalali_datetime(format_typed(dt)) == dt
        local = jdatetime.datetime.fromgregorian(datetime=to_tehran(dt))
        numeric = to_persian_digits(
            f"{local.year}/{local.month:02d}/{local.day:02d} {local.hour}:{local.minute:02d}"
        )
        assert parse_jalali_datetime(numeric) == dt


# --- the calendar the picker uses -----------------------------------------------------------------


def test_month_lengths() -> None:
    assert [month_length(1405, m) for m in range(1, 13)] == [31] * 6 + [30] * 5 + [29]
    assert month_length(1403, 12) == 30


def test_tehran_moment_typed_text_and_jalali_day() -> None:
    assert tehran_moment(1405, 9, 11, 10, 30) == AZAR_11_1405_1030
    assert typed_text(1405, 9, 11, 10, 30) == "۱۴۰۵/۰۹/۱۱ ۱۰:۳۰"
    assert typed_text(1405, 9, 11) == "۱۴۰۵/۰۹/۱۱"
    assert format_typed(AZAR_11_1405_1030) == "۱۴۰۵/۰۹/۱۱ ۱۰:۳۰"
    # 20:29 UTC is still 11 Azar in Tehran (23:59); 20:30 UTC is already 12 Azar.
    assert jalali_day(datetime(2026, 12, 2, 20, 29, tzinfo=UTC)) == jdatetime.date(1405, 9, 11)
    assert jalali_day(datetime(2026, 12, 2, 20, 30, tzinfo=UTC)) == jdatetime.date(1405, 9, 12)
