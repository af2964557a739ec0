"""Jalali report periods as half-open UTC intervals [start, end) of whole Tehran days.

"In the period" (used by every indicator): an item counts when its defining moment falls in
[start, end) — a course, exhibition or tour when it *starts* (so one that straddles the start is
not counted, one that straddles the end is); a survey when it *opens*; a member when they register;
an introduction when requested (accepted: when answered); a need as solved when it moved to solved;
a broadcast when it started sending. Snapshots (members in total, by role/place/category,
reachable, consortia by stage, needs by status) are as at the end of the period, from current rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import jdatetime

from bot.jalali import TEHRAN, month_length

SEASON_MONTHS = 3


@dataclass(frozen=True)
class Period:
    start: datetime  # aware UTC, inclusive (00:00 Tehran of the first day)
    end: datetime  # aware UTC, exclusive (00:00 Tehran of the day after the last)
    kind: str  # "month", "season", "year" or "range"

    @property
    def first_day(self) -> jdatetime.date:
        return jdatetime.date.fromgregorian(date=self.start.astimezone(TEHRAN).date())

    @property
    def last_day(self) -> jdatetime.date:
        return jdatetime.date.fromgregorian(date=(self.end.astimezone(TEHRAN) - timedelta(days=1)).date())

    @property
    def plan_year(self) -> int:
        """The Jalali year whose action plan the period is measured against: the year it starts in."""
        return self.first_day.year


def day_start(day: jdatetime.date) -> datetime:
    return datetime.combine(day.togregorian(), time(0), tzinfo=TEHRAN).astimezone(UTC)


def between(first: jdatetime.date, last: jdatetime.date, kind: str = "range") -> Period:
    """From the first day to the last day, both whole."""
    if last < first:
        first, last = last, first
    return Period(day_start(first), day_start(last + jdatetime.timedelta(days=1)), kind)


def _today(now: datetime) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=now.astimezone(TEHRAN).date())


def month_of(now: datetime, back: int = 0) -> Period:
    """The Jalali month `now` is in (back=1: the month before)."""
    today = _today(now)
    index = today.year * 12 + today.month - 1 - back
    year, month = divmod(index, 12)
    first = jdatetime.date(year, month + 1, 1)
    return between(first, jdatetime.date(year, month + 1, month_length(year, month + 1)), "month")


def season_of(now: datetime) -> Period:
    """The Jalali season (بهار: months 1–3 …) `now` is in."""
    today = _today(now)
    first_month = (today.month - 1) // SEASON_MONTHS * SEASON_MONTHS + 1
    last_month = first_month + SEASON_MONTHS - 1
    last = jdatetime.date(today.year, last_month, month_length(today.year, last_month))
    return between(jdatetime.date(today.year, first_month, 1), last, "season")


def year_of(now: datetime) -> Period:
    today = _today(now)
    return between(
        jdatetime.date(today.year, 1, 1), jdatetime.date(today.year, 12, month_length(today.year, 12)), "year"
    )


def buckets(period: Period) -> list[tuple[jdatetime.date, datetime]]:
    """Points for "members over time": the end of each Jalali month (each day for a month or less)."""
    out: list[tuple[jdatetime.date, datetime]] = []
    day, last = period.first_day, period.last_day
    daily = (last - day).days < 45
    while day <= last:
        if daily:
            end_day = day
        else:
            end_day = jdatetime.date(day.year, day.month, month_length(day.year, day.month))
            end_day = min(end_day, last)
        out.append((end_day, day_start(end_day + jdatetime.timedelta(days=1))))
        day = end_day + jdatetime.timedelta(days=1)
    return out
