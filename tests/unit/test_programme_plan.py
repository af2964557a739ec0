"""The plan file: the shipped sample parses; every problem is named with its line; nothing partly accepted."""

from __future__ import annotations

import jdatetime
import pytest

from bot.reports.programme import plan_errors
from bot.services.programme import plan as pl
from bot.services.programme.admin import RangeNeedsTwoDates, parse_range
from bot.services.programme.period import month_of, season_of, year_of
from bot.texts import programme as t
from tests.factories import NOW


def test_the_sample_parses() -> None:
    plan = pl.parse_plan(t.SAMPLE_PLAN.encode())
    assert plan.year == 1405 and [x.indicator for x in plan.lines][:2] == [
        "courses_held",
        "course_participants",
    ]
    assert set(t.INDICATOR_LABELS) == set(pl.INDICATORS)


def test_every_problem_named_with_its_line() -> None:
    text = (
        'year = 1405\n\n[[line]]\nindicator = "courses_held"\ntarget = 12\nlabel = "دوره"\n\n'
        '[[line]]\nindicator = "kites_flown"\ntarget = -1\nlabel = ""\ncolour = "red"\n'
        '[[line]]\nindicator = "courses_held"\ntarget = 3\nlabel = "باز"\n'
    )
    with pytest.raises(pl.PlanFileError) as caught:
        pl.parse_plan(text.encode())
    shown = plan_errors(caught.value.problems)
    assert shown == [
        "خط ۸: کلید ناشناخته «<code>colour</code>».",
        "خط ۸: شاخص «<code>kites_flown</code>» شناخته نیست.",
        "خط ۸: هدف (<code>target</code>) باید عددی درست و مثبت باشد.",
        "خط ۸: عنوان (<code>label</code>) لازم است و حداکثر ۱۲۰ نویسه.",
        "خط ۱۳: شاخص «<code>courses_held</code>» دو بار آمده است.",
    ]
    year = plan_errors(pl.PlanFileError([pl.Problem("bad_year", 0, {"value": "<۹۹>"})]).problems)
    assert year == [
        "سال (<code>year</code>) باید یک سال شمسی باشد، مثلاً <code>year = 1405</code>؛ نه «&lt;۹۹&gt;»."
    ]


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"year = 1405\n[[line]\n", "syntax"), (b"year = 99\n", "bad_year"), (b"\xff\xfe", "not_utf8")],
)
def test_file_level_problems(data: bytes, code: str) -> None:
    with pytest.raises(pl.PlanFileError) as caught:
        pl.parse_plan(data)
    assert caught.value.problems[0].code == code


def test_periods_are_whole_jalali_days() -> None:
    month, season, year = month_of(NOW), season_of(NOW), year_of(NOW)  # NOW: 5 Azar 1405
    assert (month.first_day, month.last_day) == (jdatetime.date(1405, 9, 1), jdatetime.date(1405, 9, 30))
    assert (season.first_day, season.last_day) == (jdatetime.date(1405, 7, 1), jdatetime.date(1405, 9, 30))
    assert (year.first_day.month, year.last_day.month, year.plan_year) == (1, 12, 1405)
    assert month_of(NOW, back=9).first_day == jdatetime.date(1404, 12, 1)
    typed = parse_range("۱۴۰۵/۰۸/۱۰\n1405/8/1")
    assert (typed.first_day, typed.last_day) == (jdatetime.date(1405, 8, 1), jdatetime.date(1405, 8, 10))
    with pytest.raises(RangeNeedsTwoDates):
        parse_range("۱۴۰۵/۰۸/۱۰")
