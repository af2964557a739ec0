"""When a message queued now goes out: quiet hours hold the non-urgent ones, and confirmations say
when in words people use («فردا ساعت ۷ صبح»), never «فرستاده شد» for a message still waiting."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.services.common.quiet_hours import held_until
from handlers.kit import time_of_day

TEHRAN = ZoneInfo("Asia/Tehran")
QUIET = (time(22, 0), time(7, 0), TEHRAN)


def tehran(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=TEHRAN)


def test_held_until_the_end_of_quiet_hours_unless_urgent_or_daytime() -> None:
    assert held_until(tehran(26, 11, 30), *QUIET) is None  # day: goes now
    assert held_until(tehran(26, 21, 59), *QUIET) is None
    assert held_until(tehran(26, 22, 0), *QUIET) == tehran(27, 7)
    assert held_until(tehran(27, 2, 15), *QUIET) == tehran(27, 7)
    assert held_until(tehran(27, 6, 59), *QUIET) == tehran(27, 7)
    assert held_until(tehran(27, 7, 0), *QUIET) is None
    assert held_until(tehran(26, 23, 0), *QUIET, urgent=True) is None
    assert held_until(tehran(26, 23, 0), time(0, 0), time(0, 0), TEHRAN) is None  # no quiet hours


def test_time_of_day_says_today_or_tomorrow_with_a_period() -> None:
    assert time_of_day(tehran(27, 7), tehran(27, 2, 15), TEHRAN) == "ساعت ۷ صبح"
    assert time_of_day(tehran(27, 7), tehran(26, 23), TEHRAN) == "فردا ساعت ۷ صبح"
    assert time_of_day(tehran(27, 7, 30), tehran(26, 22), TEHRAN) == "فردا ساعت ۷:۳۰ صبح"
    assert time_of_day(tehran(27, 12), tehran(27, 1), TEHRAN) == "ساعت ۱۲ ظهر"
    assert time_of_day(tehran(27, 15, 5), tehran(27, 1), TEHRAN) == "ساعت ۳:۰۵ بعدازظهر"
    assert time_of_day(tehran(27, 0), tehran(26, 23), TEHRAN) == "فردا ساعت ۱۲ بامداد"
    assert time_of_day(tehran(27, 21), tehran(27, 1), TEHRAN) == "ساعت ۹ شب"
    assert time_of_day(tehran(29, 7), tehran(26, 23), TEHRAN).startswith("یکشنبه")  # further: a date
