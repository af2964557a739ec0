"""Every text the bot sends passes here: bot/outgoing.py's limits applied to real Bot API calls.

A text over 4,096 becomes several messages (the keyboard rides on the last, where the reader ends);
a caption over 1,024 becomes the media with a short caption followed by the rest as text; an edit
whose new text is too long edits in the first part and sends the rest. The `Defaults` of the
application make HTML the parse mode, so that is how text is counted unless `parse_mode` says
otherwise. handlers/kit.py and bot/delivery/ both use these.

Messengers differ (bot/messengers.py): a message refused because of its formatting (a 400 about
entities or the parse mode) is sent again as plain text with the same content — tags dropped,
entities unescaped, never the raw tags — and once that works the messenger gets plain text from then
on. An optional method that answers 404 (`optional`, `edit_markup`) is logged once and skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot, Message
from telegram.error import BadRequest, InvalidToken

from bot import messengers, outgoing
from bot.messengers import MessengerState, Method, TextFormat
from models.enums import BroadcastKind

MEDIA = (BroadcastKind.PHOTO, BroadcastKind.DOCUMENT, BroadcastKind.VIDEO)
TEXT_KWARGS = ("parse_mode", "rate_limit_args", "disable_notification", "protect_content")  # for the rest
# A 400 that means "your formatting": Telegram's wording for bad HTML, and parse-mode refusals.
FORMAT_REFUSALS = ("entities", "entity", "parse_mode", "parse mode", "unsupported start tag", "can't parse")
log = logging.getLogger(__name__)


def is_html(kwargs: dict[str, Any]) -> bool:
    mode = kwargs.get("parse_mode", "HTML")  # the application's Defaults(parse_mode=HTML)
    return isinstance(mode, str) and mode.lower() == "html"


def messenger(bot: Bot) -> MessengerState:
    """What this bot's messenger can do (the table in bot/messengers.py plus what was learnt)."""
    return messengers.state_of(bot.base_url)


def formatting_refused(error: BadRequest) -> bool:
    text = (error.message or "").lower()
    return any(marker in text for marker in FORMAT_REFUSALS)


def _as_plain(text: str | None, kwargs: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The same content without formatting: what the member would have read, tags never shown raw."""
    plain = outgoing.plain(text, is_html=True) if text else text
    return plain, {**kwargs, "parse_mode": None}


async def _formatted(
    bot: Bot,
    text: str | None,
    kwargs: dict[str, Any],
    call: Callable[[str | None, dict[str, Any]], Awaitable[Any]],
) -> Any:
    """One Bot API call carrying formatted text, with the plain-text fallback."""
    state = messenger(bot)
    if not is_html(kwargs):
        return await call(text, kwargs)
    if state.text_format is TextFormat.PLAIN:
        return await call(*_as_plain(text, kwargs))
    try:
        return await call(text, kwargs)
    except BadRequest as exc:
        if not formatting_refused(exc):
            raise
        result = await call(*_as_plain(text, kwargs))  # its own refusal propagates: a broken message
        state.switch_to_plain(exc.message)
        return result


async def optional(bot: Bot, method: Method, call: Callable[[], Awaitable[Any]]) -> bool:
    """Call an optional method; False when the messenger lacks it (a 404, logged once, then skipped)."""
    state = messenger(bot)
    if not state.has(method):
        return False
    try:
        await call()
    except InvalidToken as exc:  # PTB reports 404 (and 401) as InvalidToken; getMe proved the token
        if "unauthorized" in (exc.message or "").lower():
            raise
        state.mark_missing(method, f"404 {exc.message}")
        return False
    return True


async def edit_markup(message: Message, markup: Any) -> None:
    """Change only a message's buttons; without editMessageReplyMarkup the whole message is edited."""
    await edit_markup_of(message.get_bot(), message.chat_id, message.message_id, markup, message.text_html)


async def edit_markup_of(bot: Bot, chat_id: int, message_id: int, markup: Any, text_html: str | None) -> None:
    """`edit_markup` for a message known by id (a question remembered in the conversation state);
    `text_html` is what the whole-message edit sends again where buttons cannot be edited alone."""
    # PTB fills in the Defaults' parse_mode even here, where it means nothing; a messenger may refuse it.
    no_mode = {"parse_mode": None}
    edit = Method.EDIT_MESSAGE_REPLY_MARKUP
    if await optional(
        bot,
        edit,
        lambda: bot.edit_message_reply_markup(chat_id, message_id, reply_markup=markup, api_kwargs=no_mode),
    ):
        return
    if text_html is not None:
        await edit_text(bot, chat_id, message_id, text_html, reply_markup=markup)
    else:
        log.info("message %s: buttons left as they were (no way to edit them here)", message_id)


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
        message = await _send_one(bot, chat_id, part, markup if last else None, kwargs)
    assert message is not None
    return message


async def _send_one(bot: Bot, chat_id: int | str, text: str, markup: Any, kwargs: dict[str, Any]) -> Message:
    message: Message = await _formatted(
        bot, text, kwargs, lambda t, kw: bot.send_message(chat_id, t or "", reply_markup=markup, **kw)
    )
    return message


async def edit_text(bot: Bot, chat_id: int, message_id: int, text: str, **kwargs: Any) -> None:
    """Edit a message's text; a too-long text is edited in as its first part and the rest sent after."""
    markup = kwargs.pop("reply_markup", None)
    first, *rest = outgoing.split(text, is_html=is_html(kwargs))
    first_markup = None if rest else markup
    await _formatted(
        bot,
        first,
        kwargs,
        lambda t, kw: bot.edit_message_text(t or "", chat_id, message_id, reply_markup=first_markup, **kw),
    )
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
    method: Callable[..., Awaitable[Message]]
    if kind == BroadcastKind.PHOTO:
        method = bot.send_photo
    elif kind == BroadcastKind.DOCUMENT:
        method = bot.send_document
    else:
        method = bot.send_video
    message: Message = await _formatted(
        bot, short, kwargs, lambda c, kw: method(chat_id, media, caption=c, reply_markup=first_markup, **kw)
    )
    if rest:
        await _send_parts(bot, chat_id, rest, markup, {k: v for k, v in kwargs.items() if k in TEXT_KWARGS})
    return message
