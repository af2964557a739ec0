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
