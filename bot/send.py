"""Every text the bot sends passes here: bot/outgoing.py's limits applied to real Bot API calls.

A text over 4,096 becomes several messages (the keyboard rides on the last, where the reader ends);
a caption over 1,024 becomes the media with a short caption followed by the rest as text; an edit
whose new text is too long edits in the first part and sends the rest. The `Defaults` of the
application make HTML the parse mode, so that is how text is counted unless `parse_mode` says
otherwise. handlers/kit.py and bot/delivery/ both use these.
"""

from __future__ import annotations

from typing import Any

from telegram import Bot, Message

from bot import outgoing
from models.enums import BroadcastKind

MEDIA = (BroadcastKind.PHOTO, BroadcastKind.DOCUMENT, BroadcastKind.VIDEO)
TEXT_KWARGS = ("parse_mode", "rate_limit_args", "disable_notification", "protect_content")  # for the rest


def is_html(kwargs: dict[str, Any]) -> bool:
    mode = kwargs.get("parse_mode", "HTML")  # the application's Defaults(parse_mode=HTML)
    return isinstance(mode, str) and mode.lower() == "html"


async def send_text(bot: Bot, chat_id: int | str, text: str, **kwargs: Any) -> Message:
    """Send `text` as one message or, when too long, as consecutive parts; returns the last."""
    markup = kwargs.pop("reply_markup", None)
    return await _send_parts(bot, chat_id, outgoing.split(text, is_html=is_html(kwargs)), markup, kwargs)


async def _send_parts(
    bot: Bot, chat_id: int | str, parts: list[str], markup: Any, kwargs: dict[str, Any]
) -> Message:
    message: Message | None = None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        message = await bot.send_message(chat_id, part, reply_markup=markup if last else None, **kwargs)
    assert message is not None
    return message


async def edit_text(bot: Bot, chat_id: int, message_id: int, text: str, **kwargs: Any) -> None:
    """Edit a message's text; a too-long text is edited in as its first part and the rest sent after."""
    markup = kwargs.pop("reply_markup", None)
    first, *rest = outgoing.split(text, is_html=is_html(kwargs))
    await bot.edit_message_text(first, chat_id, message_id, reply_markup=None if rest else markup, **kwargs)
    if rest:
        await _send_parts(bot, chat_id, rest, markup, kwargs)


async def send_media(
    bot: Bot, kind: str, chat_id: int | str, media: Any, caption: str | None = None, **kwargs: Any
) -> Message:
    """sendPhoto / sendDocument / sendVideo; a long caption's rest follows as text. Returns the media."""
    if kind not in MEDIA:
        raise ValueError(kind)
    short, rest = outgoing.split_caption(caption, is_html=is_html(kwargs)) if caption else (caption, [])
    markup = kwargs.pop("reply_markup", None)
    first_markup = None if rest else markup
    if kind == BroadcastKind.PHOTO:
        message = await bot.send_photo(chat_id, media, caption=short, reply_markup=first_markup, **kwargs)
    elif kind == BroadcastKind.DOCUMENT:
        message = await bot.send_document(chat_id, media, caption=short, reply_markup=first_markup, **kwargs)
    else:
        message = await bot.send_video(chat_id, media, caption=short, reply_markup=first_markup, **kwargs)
    if rest:
        await _send_parts(bot, chat_id, rest, markup, {k: v for k, v in kwargs.items() if k in TEXT_KWARGS})
    return message
