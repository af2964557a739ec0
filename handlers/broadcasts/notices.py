"""How the broadcasts feature's own notices read: the weekly digest of upcoming courses and trips."""

from __future__ import annotations

from bot.config import Config
from bot.persian import escape_fa, format_jalali_datetime
from bot.services.broadcasts.digest import WeeklyDigest
from bot.services.common.notify import Message, renders
from bot.texts import delivery as t


@renders(WeeklyDigest)
def weekly_digest(notice: WeeklyDigest, config: Config) -> Message:
    lines = [
        t.DIGEST_LINE.format(
            kind=t.DIGEST_KINDS.get(item.kind, ""),
            title=escape_fa(item.title),
            when=format_jalali_datetime(item.starts_at),
        )
        for item in notice.items
    ]
    return Message(t.DIGEST.format(lines="\n".join(lines)))
