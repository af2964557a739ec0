"""The «🧾 سابقه» button other features put on their cards (courses, exhibitions, surveys …)."""

from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.callbacks import encode
from bot.texts import audit as t

PREFIX = "aud"


def history_button(kind: str, object_id: int) -> InlineKeyboardButton:
    """`aud:h:<id>:<kind>:0`: the object's history as a new message (admins only, re-checked)."""
    return InlineKeyboardButton(t.BTN_HISTORY, callback_data=encode(PREFIX, "h", object_id, kind, 0))
