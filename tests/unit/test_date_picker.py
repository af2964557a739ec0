"""handlers/date_picker.py: what the picker offers (never the past, Tehran days), how its presses decode
(anything forged is stale) and that a choice reads back through the typed-date parser."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

import pytest
from telegram import InlineKeyboardMarkup

from bot.callbacks import MAX_CALLBACK_BYTES, MAX_ID, encode
from bot.jalali import parse_jalali_datetime, tehran_moment
from bot.texts import dates as t
from handlers import date_picker as dp

# پنجشنبه ۵ آذر ۱۴۰۵، ساعت ۱۱:۳۰ in Tehran.
NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
TOKEN = "a1b2c3"


def data(part: str) -> str:
    return encode("cadm", dp.ACTION, MAX_ID, f"{TOKEN}:{part}")  # the longest id a course can have


def labels(markup: InlineKeyboardMarkup) -> list[list[str]]:
    return [[b.text for b in row] for row in markup.inline_keyboard]


def parts(markup: InlineKeyboardMarkup) -> list[str]:
    return [str(b.callback_data).split(":", 4)[-1] for row in markup.inline_keyboard for b in row]


def test_months_start_with_this_one_and_carry_the_question_rows() -> None:
    skip = [dp.InlineKeyboardButton("رد شدن", callback_data="cadm:skip:0:a1b2c3")]
    markup = dp.months(NOW, data, extra=[skip])
    assert labels(markup) == [
        ["آذر ۱۴۰۵", "دی ۱۴۰۵", "بهمن ۱۴۰۵"],
        ["اسفند ۱۴۰۵", "فروردین ۱۴۰۶", "اردیبهشت ۱۴۰۶"],
        ["رد شدن"],
    ]
    assert parts(markup)[:6] == ["m:140509", "m:140510", "m:140511", "m:140512", "m:140601", "m:140602"]


def test_a_month_with_nothing_left_is_not_offered() -> None:
    late = tehran_moment(1405, 12, 29, 22, 0)  # the last evening of Esfand 1405, after 21:30
    assert labels(dp.months(late, data))[0][0] == "فروردین ۱۴۰۶"
    assert labels(dp.months(late, data, end_of_day=True))[0][0] == "اسفند ۱۴۰۵"  # 23:59 is still ahead


def test_the_days_of_this_month_are_a_calendar_from_today() -> None:
    markup = dp.screen(dp.Pick("days", 1405, 9), NOW, data)
    rows = labels(markup)
    assert rows[0] == ["🗓 آذر ۱۴۰۵"] and rows[1] == list(t.PICK_WEEK_HEAD)
    assert rows[2] == [" ", " ", " ", " ", " ", "۵", "۶"]  # Thursday 5 Azar in the پ column
    assert rows[-2] == ["۲۸", "۲۹", "۳۰", " ", " ", " ", " "]
    assert rows[-1] == [t.BTN_PICK_MONTHS]
    assert all(len(row) == 7 for row in rows[1:-1])
    offered = [p for p in parts(markup) if p.startswith("d:")]
    assert offered[0] == "d:14050905" and len(offered) == 26
    assert "d:14050904" not in offered


def test_esfand_has_thirty_days_in_a_leap_year_only() -> None:
    early = tehran_moment(1403, 1, 1, 8, 0)
    leap = [p for p in parts(dp.screen(dp.Pick("days", 1403, 12), early, data)) if p.startswith("d:")]
    common = [p for p in parts(dp.screen(dp.Pick("days", 1404, 12), early, data)) if p.startswith("d:")]
    assert (len(leap), leap[-1]) == (30, "d:14031230")
    assert (len(common), common[-1]) == (29, "d:14041229")


def test_the_times_of_today_are_those_still_ahead() -> None:
    today = dp.screen(dp.Pick("times", 1405, 9, 5), NOW, data, end_of_day=True)
    rows = labels(today)
    assert rows[0] == ["🗓 پنجشنبه ۵ آذر"]
    assert rows[1] == ["۱۲:۰۰", "۱۲:۳۰", "۱۳:۰۰", "۱۳:۳۰", "۱۴:۰۰"]
    assert rows[-2:] == [[t.BTN_PICK_END_OF_DAY], [t.BTN_PICK_DAYS.format(month="آذر")]]
    later = dp.screen(dp.Pick("times", 1405, 9, 6), NOW, data)
    assert labels(later)[1][0] == "۰۷:۰۰" and t.BTN_PICK_END_OF_DAY not in parts(later)
    assert sum(len(row) for row in labels(later)[1:-1]) == len(dp.TIMES) == 30
    assert parts(later)[-1] == "m:140509"


def test_a_day_past_is_not_offered_even_when_asked_for() -> None:
    markup = dp.screen(dp.Pick("days", 1405, 9), tehran_moment(1405, 9, 30, 22, 0), data)
    assert [p for p in parts(markup) if p.startswith("d:")] == []
    assert labels(markup)[1] == [t.PICK_NOTHING_LEFT]


@pytest.mark.parametrize(
    ("arg", "expected"),
    [
        ("a1b2c3:b", dp.Pick("months")),
        ("a1b2c3:n", dp.Pick("blank")),
        ("a1b2c3:m:140509", dp.Pick("days", 1405, 9)),
        ("a1b2c3:d:14050911", dp.Pick("times", 1405, 9, 11)),
        ("a1b2c3:t:14050911:1030", dp.Pick("chosen", 1405, 9, 11, 10, 30)),
        ("a1b2c3:t:14050911:0000", dp.Pick("chosen", 1405, 9, 11, 0, 0)),
        ("a1b2c3:e:14031230", dp.Pick("chosen", 1403, 12, 30)),
        # forged or impossible: stale
        ("a1b2c3:m:140513", None),
        ("a1b2c3:m:129912", None),
        ("a1b2c3:d:14051230", None),  # 1405 is not a leap year
        ("a1b2c3:d:14050732", None),
        ("a1b2c3:t:14050911:2400", None),
        ("a1b2c3:t:14050911:1060", None),
        ("a1b2c3:t:14050911:930", None),
        ("a1b2c3:t:14050911", None),
        ("a1b2c3:m:١٤٠٥٠٩", None),
        ("a1b2c3:m:+140509", None),
        ("a1b2c3:b:1", None),
        ("a1b2c3:z", None),
        ("a1b2c3", None),
    ],
)
def test_parse(arg: str, expected: dp.Pick | None) -> None:
    assert dp.parse(arg) == (TOKEN, expected)


def test_a_choice_reads_back_through_the_typed_parser() -> None:
    chosen = dp.Pick("chosen", 1405, 9, 11, 10, 30)
    assert chosen.text == "۱۴۰۵/۰۹/۱۱ ۱۰:۳۰"
    assert parse_jalali_datetime(chosen.text) == chosen.moment == tehran_moment(1405, 9, 11, 10, 30)
    assert chosen.note == "✅ چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰"
    end = dp.Pick("chosen", 1405, 9, 10)
    assert end.text == "۱۴۰۵/۰۹/۱۰" and end.note == "✅ سه‌شنبه ۱۰ آذر ۱۴۰۵، ساعت ۲۳:۵۹"


def test_every_screen_fits_telegram_and_shows_persian_digits_only() -> None:
    screens = [
        dp.months(NOW, data),
        dp.screen(dp.Pick("days", 1405, 9), NOW, data),
        dp.screen(dp.Pick("days", 1406, 1), NOW, data),
        dp.screen(dp.Pick("times", 1405, 9, 11), NOW, data, end_of_day=True),
    ]
    for markup in screens:
        for row in markup.inline_keyboard:
            for button in row:
                assert len(str(button.callback_data).encode()) <= MAX_CALLBACK_BYTES
                assert button.text and not re.search(r"[0-9]", button.text) and "·" not in button.text


def test_the_end_of_the_day_is_the_default_time_of_the_fields_that_offer_it() -> None:
    from bot.services.courses import fields as cf
    from bot.services.exhibitions import fields as xf
    from handlers.courses import admin_keyboards as course_keyboards
    from handlers.exhibitions import admin_render as exhibition_render

    assert time(*dp.END_OF_DAY) == cf.DEADLINE_DEFAULT_TIME == xf.END_OF_DAY
    assert {"deadline"} == course_keyboards.END_OF_DAY
    assert {"ends_at", "deadline", "docs_deadline"} == exhibition_render.END_OF_DAY
    # typed as a date alone, each of those fields means 23:59 (what «پایان روز» promises)
    assert parse_jalali_datetime("۱۴۰۵/۰۹/۱۰", default_time=cf.DEADLINE_DEFAULT_TIME) == tehran_moment(
        1405, 9, 10, 23, 59
    )
