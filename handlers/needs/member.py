"""Members' «نیازهای فناورانهٔ خوشه» (`nd:*`): the board (paged, edited in place), a need's view,
«من هم این نیاز را دارم» and the per-need notices switch; deep link `?start=need_<id>`.
Every press goes through one service call that re-checks the member, the need and its state."""

from __future__ import annotations

from telegram import Update

from bot import callbacks, texts
from bot.context import KhoosheContext
from bot.services.common.errors import DomainError, NotRegistered
from bot.services.needs import board
from bot.texts import needs as t
from handlers.kit import identity_of, send, toast_and_refresh
from handlers.needs import keyboards as kb
from handlers.needs import render
from handlers.needs.kit import edit, error_text, run

DEEP_LINK = "need"


def parse_deep_link(payload: str | None) -> int | None:
    """`need_12` -> 12 (https://t.me/<bot>?start=need_12); anything else -> None."""
    link = callbacks.parse_deep_link(payload, {DEEP_LINK})
    return link.object_id if link is not None else None


async def show_board(update: Update, context: KhoosheContext) -> None:
    """The main-menu button: the first page of published needs."""
    who = identity_of(update, context)
    found = await run(update, context, lambda s: board.page(s, who, page=0))
    if found is not None:
        await send(update, render.board_text(found), reply_markup=kb.board_page(found))


async def show_need(update: Update, context: KhoosheContext, need_id: int) -> None:
    """One need as a new message (the board's button, a notice's «جزئیات», a deep link)."""
    who = identity_of(update, context)
    try:
        async with context.sessionmaker.begin() as session:
            view = await board.view(session, who, need_id)
    except NotRegistered:
        await send(update, texts.NOT_REGISTERED)
        return
    except DomainError as exc:
        if update.callback_query is not None:
            await update.callback_query.answer(error_text(exc))
        else:
            await send(update, error_text(exc))
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(update, render.member_view_text(view, context.config), reply_markup=kb.member_view(view))


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `nd:*` button."""
    query = update.callback_query
    assert query is not None
    press = kb.parse(query.data, kb.ND)
    if press is None:
        await query.answer(texts.ERRORS["stale"])
        return
    who, now = identity_of(update, context), context.now()
    if press.action == "pg":
        found = await run(update, context, lambda s: board.page(s, who, page=press.object_id))
        if found is not None:
            await query.answer()
            await edit(query, render.board_text(found), kb.board_page(found))
    elif press.action == "v" and press.object_id:
        await show_need(update, context, press.object_id)
    elif press.action in ("me", "off", "on") and press.object_id:
        need_id = press.object_id
        if press.action == "me":
            done = await run(update, context, lambda s: board.share(s, who, need_id, now=now))
            notice = t.SHARED
        else:
            on = press.action == "on"
            done = await run(update, context, lambda s: board.set_notices(s, who, need_id, on))
            notice = t.NOTICES_ON if on else t.NOTICES_OFF
        if done is None:
            return
        view, changed = done
        if not changed:
            notice = t.ALREADY_SHARED if press.action == "me" else t.NO_CHANGE
        text = render.member_view_text(view, context.config)
        await toast_and_refresh(query, notice, text, kb.member_view(view), changed=changed)
    else:
        await query.answer(texts.ERRORS["stale"])
