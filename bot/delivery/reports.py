"""Render the engine's messages to the CDA: progress, final report, pause and expiry notices."""

from __future__ import annotations

from html import escape

from bot.persian import format_number
from bot.services.broadcasts.delivery import Tally
from bot.texts import delivery as t
from models import Broadcast
from models.enums import BroadcastStatus, DeliveryStatus


def _n(value: int) -> str:
    return format_number(value)


def progress(broadcast: Broadcast, tally: Tally) -> str:
    total = tally.total or broadcast.total
    if broadcast.status == BroadcastStatus.DONE:
        return t.PROGRESS_DONE.format(id=_n(broadcast.id), done=_n(tally.done), total=_n(total))
    percent = 100 * tally.done // total if total else 100
    return t.PROGRESS.format(id=_n(broadcast.id), done=_n(tally.done), total=_n(total), percent=_n(percent))


def _duration(broadcast: Broadcast) -> str:
    if broadcast.started_at is None or broadcast.finished_at is None:
        return "—"
    seconds = max(0, int((broadcast.finished_at - broadcast.started_at).total_seconds()))
    return t.DURATION.format(minutes=_n(seconds // 60), seconds=_n(seconds % 60))


def final(broadcast: Broadcast, tally: Tally) -> str:
    reasons = "".join(
        t.REPORT_REASON.format(reason=escape(t.ERROR_REASONS.get(reason, reason)), count=_n(count))
        for reason, count in tally.errors.most_common(5)
        if reason not in ("blocked",)
    )
    text = t.REPORT.format(
        id=_n(broadcast.id),
        sent=_n(tally.by_status[DeliveryStatus.SENT]),
        total=_n(tally.total),
        blocked=_n(tally.by_status[DeliveryStatus.BLOCKED]),
        failed=_n(tally.by_status[DeliveryStatus.FAILED]),
        reasons=reasons,
        duration=_duration(broadcast),
    )
    if tally.maybe_duplicates:
        text += t.REPORT_DUPLICATES.format(count=_n(tally.maybe_duplicates))
        text += "".join(
            t.REPORT_REASON.format(reason=t.REPORT_DUPLICATE_CAUSES.get(cause, cause), count=_n(count))
            for cause, count in tally.duplicate_causes.most_common()
        )
    return text


def expired(broadcast: Broadcast) -> str:
    return t.EXPIRED.format(id=_n(broadcast.id))


def paused_broken(broadcast: Broadcast, error: str) -> str:
    return t.PAUSED_BROKEN.format(id=_n(broadcast.id), error=escape(error))


def mirror_failed(broadcast: Broadcast, error: str) -> str:
    return t.MIRROR_FAILED.format(id=_n(broadcast.id), error=escape(error))
