"""A typed answer to an admin guided form (consortium and needs flows): one place for the shared rules.

A main-menu button leaves the flow and opens that menu; lost rights or a gone item leave the flow with
a short reply; a bad answer keeps the step and says why; anything else shows the next step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update

from bot import texts
from bot.context import KhoosheContext
from bot.services.common.errors import DomainError, NotAllowed, StaleAction
from bot.services.members.accounts import Identity
from handlers.keyboards import is_menu_button
from handlers.kit import identity_of, message_of, send
from handlers.menu import route_menu

Receive = Callable[[Any, Identity, str | None, str | None], Awaitable[Any]]  # (session, who, text, html)


async def answer_typed(
    update: Update,
    context: KhoosheContext,
    *,
    leave: Callable[[Any, Identity], Awaitable[Any]],
    receive: Receive,
    show: Callable[[Update, KhoosheContext, Any], Awaitable[None]],
    gone_text: str,
    error_text: Callable[[Exception], str],
) -> None:
    who = identity_of(update, context)
    message = message_of(update)
    if is_menu_button(context, message.text):
        async with context.sessionmaker.begin() as session:
            await leave(session, who)
        await route_menu(update, context, message.text or "")
        return
    html = message.text_html if message.text is not None else None
    try:
        async with context.sessionmaker.begin() as session:
            result = await receive(session, who, message.text, html)
    except (NotAllowed, StaleAction) as exc:
        async with context.sessionmaker.begin() as session:
            await leave(session, who)
        await send(update, texts.UNKNOWN_TEXT if isinstance(exc, NotAllowed) else gone_text)
        return
    except DomainError as exc:
        await send(update, error_text(exc))
        return
    await show(update, context, result)
