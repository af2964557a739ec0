"""Small helpers shared by handlers: who sent the update, callback parsing, safe replies."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram import CallbackQuery, InlineKeyboardButton, Message, Update
from telegram.error import BadRequest

from bot.context import KhoosheContext
from bot.services.common import lifecycle as lc
from bot.services.members.accounts import Identity

log = logging.getLogger(__name__)

# A card's row for the lifecycle table: shown when the status allows the row's action, each button
# when it allows the button's own action.
LifecycleRow = tuple[str, Sequence[tuple[str, InlineKeyboardButton]]]


def allowed_rows(
    table: lc.Table, status: str, rows: Sequence[LifecycleRow]
) -> list[list[InlineKeyboardButton]]:
    """The rows and buttons of a card that the lifecycle `table` allows in `status`."""
    return [
        [button for allowed, button in buttons if lc.allows(table, status, allowed)]
        for need, buttons in rows
        if lc.allows(table, status, need)
    ]


def identity_of(update: Update, context: KhoosheContext) -> Identity:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None, "the gate drops updates without a user and chat"
    return Identity(platform=context.config.platform, user_id=user.id, chat_id=chat.id)


def split_callback(data: str | None, prefix: str) -> tuple[str, str]:
    """`reg:role:grower` -> ("role", "grower"); anything malformed -> ("", "")."""
    parts = (data or "").split(":", 2)
    if len(parts) < 2 or parts[0] != prefix:
        return "", ""
    return parts[1], parts[2] if len(parts) == 3 else ""


def id_callback(prefix: str, action: str, object_id: int, arg: str = "") -> str:
    """`prefix:action:id[:arg]`, checked against Telegram's 64-byte limit."""
    data = f"{prefix}:{action}:{object_id}" + (f":{arg}" if arg else "")
    assert len(data.encode()) <= 64, data
    return data


def parse_id_callback(data: str | None, prefix: str) -> tuple[str, int, str]:
    """`bc:tg:12:roles:grower` -> ("tg", 12, "roles:grower"); anything malformed -> ("", 0, "")."""
    parts = (data or "").split(":", 3)
    if len(parts) < 3 or parts[0] != prefix or not parts[2].isascii() or not parts[2].isdigit():
        return "", 0, ""
    return parts[1], int(parts[2]), parts[3] if len(parts) == 4 else ""


def message_of(update: Update) -> Message:
    message = update.effective_message
    assert message is not None
    return message


async def send(update: Update, text: str, **kwargs: Any) -> Message:
    chat = update.effective_chat
    assert chat is not None
    return await chat.send_message(text, **kwargs)


async def close_buttons(query: CallbackQuery, note: str | None = None) -> None:
    """Remove a pressed message's inline keyboard (optionally adding a note) so it cannot be pressed again."""
    message = query.message
    if not isinstance(message, Message):
        return
    try:
        if note and message.text_html is not None:
            await message.edit_text(f"{message.text_html}\n\n{note}", reply_markup=None)
        else:
            await message.edit_reply_markup(reply_markup=None)
    except BadRequest as exc:  # "message is not modified" after a double click, or the message is too old
        log.info("could not close buttons: %s", exc.message)
