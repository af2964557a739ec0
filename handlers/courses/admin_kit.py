"""Glue shared by the CDA's course handlers: one transaction per press, refusals, edits in place."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot import texts
from bot.context import KhoosheContext
from bot.persian import PersianInputError
from bot.services.common.errors import DomainError
from handlers.courses import admin_render as render
from handlers.kit import alert_text
from handlers.kit import edit as kit_edit

T = TypeVar("T")
SILENT = ("stale", "not_allowed")  # «این دکمه دیگر فعال نیست», no alert and nothing changes
log = logging.getLogger(__name__)


async def answer_error(query: CallbackQuery, error: Exception, context: KhoosheContext) -> None:
    code = getattr(error, "code", "stale")
    if code in SILENT:
        await query.answer(texts.ERRORS["stale"])
    else:
        await query.answer(alert_text(render.error_text(error, context.now())), show_alert=True)


async def run(update: Update, context: KhoosheContext, call: Callable[[Any], Awaitable[T]]) -> T | None:
    """Run one service call in one transaction for a press; refusals are answered and give None."""
    query = update.callback_query
    assert query is not None
    try:
        async with context.sessionmaker.begin() as session:
            result = await call(session)
    except (DomainError, PersianInputError) as exc:
        await answer_error(query, exc, context)
        return None
    await query.answer()
    return result


async def edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await kit_edit(query, text, reply_markup=markup)
    except BadRequest as exc:  # "message is not modified" after a repeated press
        log.info("could not edit the course message: %s", exc.message)
