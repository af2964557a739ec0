"""Glue shared by the needs handlers: one transaction per update, refusals answered in Persian."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import KhoosheContext
from bot.services.common.errors import DomainError
from bot.texts import needs as t
from handlers.kit import alert_text, send
from handlers.kit import edit as kit_edit

T = TypeVar("T")
SILENT = ("stale", "not_allowed")
log = logging.getLogger(__name__)


def error_text(error: Exception) -> str:
    return t.ERRORS.get(getattr(error, "code", "stale"), t.ERRORS["stale"])


async def run(update: Update, context: KhoosheContext, call: Callable[[Any], Awaitable[T]]) -> T | None:
    """One service call in one transaction. A refused press gets an answer (an alert unless merely
    stale, which changes nothing); a refused message gets a reply. Returns None when refused."""
    query = update.callback_query
    try:
        async with context.sessionmaker.begin() as session:
            result = await call(session)
    except DomainError as exc:
        if query is None:
            await send(update, error_text(exc))
        elif exc.code in SILENT:
            await query.answer(t.ERRORS["stale"])
        else:
            await query.answer(alert_text(error_text(exc)), show_alert=True)
        return None
    return result


async def edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await kit_edit(query, text, reply_markup=markup)
    except BadRequest as exc:  # "message is not modified" after a repeated press
        log.info("could not edit the needs message: %s", exc.message)
