"""Helpers shared by the Bot API method handlers: chat lookup, realism guards, content rendering."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from bot.emulator.errors import bad_request, forbidden, too_many_requests
from bot.emulator.html_text import HtmlParseError, parse_html, utf16_len
from bot.emulator.state import JSON, Chat

if TYPE_CHECKING:
    from bot.emulator.emulator import BotApiEmulator

Handler = Callable[["BotApiEmulator", dict[str, Any]], Awaitable[Any]]

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64


def target_chat(emu: BotApiEmulator, params: dict[str, Any], key: str = "chat_id") -> Chat:
    chat = emu.state.find_chat(params.get(key))
    if chat is None:
        raise bad_request("chat not found")
    return chat


def check_forbidden(emu: BotApiEmulator, chat: Chat) -> None:
    reason = emu.realism.forbidden_reason(chat.id)
    if reason is not None:
        raise forbidden(reason)


def check_rate(emu: BotApiEmulator, chat: Chat) -> None:
    if emu.realism.rate_limited(chat.id, time.monotonic()):
        raise too_many_requests(emu.realism.retry_after)


def count_sent(emu: BotApiEmulator, method: str, chat: Chat) -> None:
    emu.realism.record_send(chat.id, time.monotonic())
    emu.stats.sent[method] = emu.stats.sent.get(method, 0) + 1


def render(text: str, parse_mode: Any, entities: Any) -> tuple[str, list[JSON]]:
    """What Telegram shows for text+parse_mode: (plain text, entities)."""
    if isinstance(parse_mode, str) and parse_mode.lower() == "html":
        try:
            parsed = parse_html(text)
        except HtmlParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from exc
        return parsed.text, parsed.entities
    return text, list(entities) if isinstance(entities, list) else []


def validate_markup(markup: Any, *, inline_only: bool = False) -> JSON | None:
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if inline_only and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    for row in markup.get("inline_keyboard") or []:
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise bad_request("can't parse inline keyboard button: Text must be non-empty")
            if len(button) == 1:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
    return markup


def text_content(params: dict[str, Any], *, inline_only: bool = False) -> JSON:
    text = params.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request("message text is empty")
    parse_mode = params.get("parse_mode") or None
    rendered, entities = render(text, parse_mode, params.get("entities"))
    if not rendered.strip():
        raise bad_request("message text is empty")
    if utf16_len(rendered) > MAX_TEXT:  # Telegram counts UTF-16 code units of the parsed text
        raise bad_request("message is too long")
    return {
        "text": text,
        "parse_mode": parse_mode,
        "rendered": rendered,
        "entities": entities,
        "reply_markup": validate_markup(params.get("reply_markup"), inline_only=inline_only),
    }


def caption_content(params: dict[str, Any]) -> JSON:
    caption = params.get("caption")
    if caption is None or caption == "":
        return {"text": None, "parse_mode": None, "rendered": None, "entities": []}
    caption = str(caption)
    parse_mode = params.get("parse_mode") or None
    rendered, entities = render(caption, parse_mode, params.get("caption_entities"))
    if utf16_len(rendered) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return {"text": caption, "parse_mode": parse_mode, "rendered": rendered, "entities": entities}
