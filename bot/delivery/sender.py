"""Send one broadcast's content to one chat; the same function serves preview, delivery and mirror."""

from __future__ import annotations

from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.send import MEDIA, send_media, send_text
from models import Broadcast


def buttons_markup(buttons: list[dict[str, Any]]) -> InlineKeyboardMarkup | None:
    """One button per row: a link (`url`) or an in-bot action (`callback_data`, e.g. accept an offer)."""
    rows = [
        [InlineKeyboardButton(b["text"], url=b["url"])]
        if b.get("url")
        else [InlineKeyboardButton(b["text"], callback_data=b["callback_data"])]
        for b in buttons
        if b.get("url") or b.get("callback_data")
    ]
    return InlineKeyboardMarkup(rows) if rows else None


async def send_content(
    bot: Bot, chat_id: int | str, broadcast: Broadcast, *, bulk: bool = False, media: Any = None
) -> Message:
    """Send exactly what members will see. `bulk` routes it through the pacer's broadcast share;
    `media` replaces the file id (the file carried over from another messenger, bot/delivery/files.py)."""
    extra: dict[str, Any] = {"reply_markup": buttons_markup(broadcast.buttons or [])}
    if bulk:
        extra["rate_limit_args"] = {"lane": "bulk"}
    text = broadcast.text_html
    if broadcast.kind in MEDIA:  # a caption over 1,024 arrives as a short caption and the rest as text
        file = media if media is not None else broadcast.file_id or ""
        return await send_media(bot, broadcast.kind, chat_id, file, text, **extra)
    return await send_text(bot, chat_id, text or "", **extra)
