"""Render the engine's messages to the CDA: progress, final report, pause and expiry notices.

Failure reasons are Persian: reason codes from bot/texts/delivery.ERROR_REASONS, and the messenger's own
English refusals (stored in deliveries.error, logged where they happen) through REFUSAL_REASONS.
"""

from __future__ import annotations

from collections import Counter
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


def reason_fa(error: str) -> str:
    """What the CDA reads for a stored outcome: a reason code, or the messenger's own (English) refusal."""
    if error in t.ERROR_REASONS:
        return t.ERROR_REASONS[error]
    text = error.lower().replace("_", " ")  # MESSAGE_TOO_LONG reads like «message is too long»
    return next((fa for phrases, fa in t.REFUSAL_REASONS if any(p in text for p in phrases)), t.REFUSAL_OTHER)


def final(broadcast: Broadcast, tally: Tally) -> str:
    shown: Counter[str] = Counter()  # different English texts may read as one Persian reason
    for error, count in tally.errors.items():
        if error != "blocked":
            shown[reason_fa(error)] += count
    reasons = "".join(
        t.REPORT_REASON.format(reason=escape(reason), count=_n(count))
        for reason, count in shown.most_common(5)
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
    """The messenger's text stays in the log (bot/delivery/outcomes.py); the CDA reads a Persian reason."""
    return t.PAUSED_BROKEN.format(id=_n(broadcast.id), reason=escape(reason_fa(error)))


def mirror_failed(broadcast: Broadcast, error: str) -> str:
    return t.MIRROR_FAILED.format(id=_n(broadcast.id), reason=escape(reason_fa(error)))
