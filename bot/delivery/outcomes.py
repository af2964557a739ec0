"""Map what the messenger answered to a delivery result (sent, blocked, retry, failed, broken message).

The HTTP code decides (python-telegram-bot turns it into the exception class: 403 Forbidden, 400
BadRequest, 429 RetryAfter); the wording only refines within a code, so a messenger whose
descriptions differ from Telegram's English (Bale) is classified the same way: any 403 is a member
who cannot be reached, whatever it says."""

from __future__ import annotations

import logging

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.pacing import outcome_unknown
from bot.services.broadcasts.delivery import Result

log = logging.getLogger(__name__)
BROKEN_MARKERS = ("can't parse entities", "entities", "can't find end of the entity", "unsupported start tag")


def classify(delivery_id: int, error: TelegramError) -> Result:
    text = (error.message or "").lower()
    if isinstance(error, Forbidden):  # 403: blocked or gone, whatever the wording
        reason = "deactivated" if "deactivated" in text else "blocked"
        return Result(delivery_id, "blocked", error=reason)
    if isinstance(error, BadRequest):
        if "chat not found" in text or "user not found" in text:
            return Result(delivery_id, "blocked", error="chat_not_found")
        log.warning("delivery %d refused by the messenger: %s", delivery_id, error.message)
        if any(marker in text for marker in BROKEN_MARKERS):
            return Result(delivery_id, "broken", error=error.message[:200])
        return Result(delivery_id, "failed", error=error.message[:200])
    if isinstance(error, RetryAfter):
        return Result(delivery_id, "retry", error="flood")
    if isinstance(error, NetworkError) and outcome_unknown(error):  # it may have arrived
        reason = "timeout" if isinstance(error, TimedOut) else "answer_lost"
        return Result(delivery_id, "retry", error=reason, maybe_delivered=True)
    if isinstance(error, NetworkError):  # the request never left: safe to send again
        return Result(delivery_id, "retry", error="network")
    log.warning("delivery %d failed: %s", delivery_id, error.message)
    return Result(delivery_id, "failed", error=error.message[:200])
