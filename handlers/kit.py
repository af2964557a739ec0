"""Small helpers shared by handlers: who sent the update, safe replies (callback data: bot/callbacks.py)."""

from __future__ import annotations

import logging
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest

from bot.context import KhoosheContext
from bot.services.members.accounts import Identity

log = logging.getLogger(__name__)


def identity_of(update: Update, context: KhoosheContext) -> Identity:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None, "the gate drops updates without a user and chat"
    return Identity(platform=context.config.platform, user_id=user.id, chat_id=chat.id)


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
