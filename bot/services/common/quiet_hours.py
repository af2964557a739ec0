"""Quiet hours (e.g. 22:00–07:00 Tehran): pure functions over aware datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def is_quiet(moment: datetime, start: time, end: time, tz: ZoneInfo) -> bool:
    """True when the local wall time of `moment` falls in [start, end), which may wrap past midnight."""
    if start == end:
        return False
    local = moment.astimezone(tz).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_end_after(moment: datetime, start: time, end: time, tz: ZoneInfo) -> datetime:
    """The first moment at or after `moment` outside quiet hours (in UTC)."""
    if not is_quiet(moment, start, end, tz):
        return moment.astimezone(UTC)
    local = moment.astimezone(tz)
    candidate = local.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate.astimezone(UTC)


def held_until(
    moment: datetime, start: time, end: time, tz: ZoneInfo, *, urgent: bool = False
) -> datetime | None:
    """When a message queued at `moment` goes out if quiet hours hold it (UTC); None: it goes now.

    Non-urgent broadcasts and notifications wait out quiet hours (bot/services/broadcasts/delivery.py);
    urgent ones are never held."""
    if urgent or not is_quiet(moment, start, end, tz):
        return None
    return quiet_end_after(moment, start, end, tz)


def add_active_time(
    start_at: datetime, duration: timedelta, start: time, end: time, tz: ZoneInfo
) -> datetime:
    """`start_at + duration`, where the clock stops during quiet hours (for offer deadlines)."""
    moment = quiet_end_after(start_at, start, end, tz)
    left = duration
    while left > timedelta(0):
        local = moment.astimezone(tz)
        quiet_from = local.replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
        if quiet_from <= local:
            quiet_from += timedelta(days=1)
        active = quiet_from - local if start != end else left
        if left <= active:
            return (moment + left).astimezone(UTC)
        left -= active
        moment = quiet_end_after(quiet_from.astimezone(UTC), start, end, tz)
    return moment.astimezone(UTC)
