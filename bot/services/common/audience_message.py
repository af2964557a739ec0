"""«✉️ پیام به …»: the CDA writes one message to everyone on a roster (a course's registered or absent
members, an exhibition's responders or those missing documents, a consortium's accepted members).

One length rule and one delivery path for all of them:
- The CDA's text may be at most MESSAGE_MAX characters, counted as Telegram counts (UTF-16 units of
  the visible text, formatting free). The bot puts a heading naming the course / exhibition /
  consortium above it; the heading's titles are at most TITLE_MAX characters, so heading + text
  always fit in one 4,096-character message (HEAD_ROOM is what is left for the heading).
- The message is queued as a broadcast to a segment and sent by the delivery engine (paced,
  retried, crash-safe, held in quiet hours), with an optional report to the CDA's chat.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import outgoing
from bot.config import Config
from bot.services.common.errors import InvalidInput
from bot.services.common.notify import render
from bot.services.members.accounts import Identity
from models import Broadcast
from models.enums import BroadcastKind, BroadcastStatus

MESSAGE_MAX = 3500
TITLE_MAX = 200  # course and exhibition titles (fields.MAX_CHARS) and consortium names are no longer
HEAD_ROOM = outgoing.TEXT_MAX - MESSAGE_MAX  # 596: the heading, its title and the blank line after it
EXPIRES_AFTER = timedelta(days=2)


class MessageTooLong(InvalidInput):
    """The CDA's text is over MESSAGE_MAX; `limit` goes into the Persian refusal."""

    def __init__(self) -> None:
        super().__init__("message_too_long")
        self.limit = MESSAGE_MAX


def check(text_html: str) -> None:
    """Refuse an empty text (`empty`) or one over the one limit (`message_too_long`)."""
    if not outgoing.plain(text_html).strip():
        raise InvalidInput("empty")
    if outgoing.visible_length(text_html) > MESSAGE_MAX:
        raise MessageTooLong()


def compose(head_html: str, text_html: str) -> str:
    """How every feature lays out a roster message: its heading, a blank line, the CDA's text."""
    return f"{head_html.rstrip()}\n\n{text_html}"


async def queue(
    session: AsyncSession,
    *,
    config: Config,
    segment: dict[str, list[str]],
    notice: object,
    text_html: str,
    now: datetime,
    report_to: Identity | None = None,
) -> Broadcast:
    """Queue the notice (the feature's heading above the CDA's checked `text_html`, rendered by the
    feature's handlers/<feature>/notices.py) to the segment through the delivery engine, due now."""
    check(text_html)
    message = render(notice, config)
    broadcast = Broadcast(
        status=BroadcastStatus.SCHEDULED,
        created_by=report_to.user_id if report_to else 0,
        admin_chat_id=report_to.chat_id if report_to else 0,
        admin_platform=report_to.platform if report_to else None,
        kind=BroadcastKind.TEXT,
        text_html=message.text_html,
        buttons=list(message.buttons),
        segment=segment,
        urgent=False,
        due_at=now,
        expires_at=now + EXPIRES_AFTER,
        created_at=now,
        updated_at=now,
    )
    session.add(broadcast)
    await session.flush()
    return broadcast


def members(member_ids: list[int]) -> dict[str, list[str]]:
    """The segment of these named members (a roster resolved now)."""
    return {"members": sorted({str(m) for m in member_ids})}
