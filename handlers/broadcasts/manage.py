"""«📋 پیام‌های زمان‌بندی‌شده»: one card per active broadcast with cancel, reschedule, pause, resume."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest

from bot import texts
from bot.context import KhoosheContext
from bot.services.broadcasts import manage
from bot.services.common.errors import DomainError, NotAllowed
from bot.texts import broadcast as t
from bot.texts import dates
from handlers.broadcasts import keyboards as kb
from handlers.broadcasts import render
from handlers.kit import ask, identity_of, send
from handlers.kit import edit as kit_edit

ACTIONS = (*manage.ACTIONS, "resched")
LIST_MAX = 15  # one message per card; the rest are counted
log = logging.getLogger(__name__)


async def on_list_open(update: Update, context: KhoosheContext) -> None:
    """The admin-menu button: a title, then a card per scheduled, running or paused broadcast."""
    query = update.callback_query
    assert query is not None
    try:
        async with context.sessionmaker() as session:
            cards = await manage.active(
                session, identity_of(update, context), context.config, now=context.now()
            )
    except NotAllowed:
        await query.answer(texts.ERRORS["stale"])
        return
    await query.answer()
    if not cards:
        await send(update, t.BCAST_LIST_EMPTY)
        return
    await send(update, t.BCAST_LIST_TITLE.format(count=render.n(len(cards))))
    for card in cards[:LIST_MAX]:
        await send(update, render.card_text(card), reply_markup=kb.card(card.broadcast))
    if len(cards) > LIST_MAX:
        await send(update, t.BCAST_LIST_MORE.format(count=render.n(len(cards) - LIST_MAX)))


async def on_card_press(update: Update, context: KhoosheContext, action: str, broadcast_id: int) -> None:
    """A card's button; a press on a card whose broadcast moved on answers «این دکمه دیگر فعال نیست»."""
    query = update.callback_query
    assert query is not None
    who, now = identity_of(update, context), context.now()
    try:
        async with context.sessionmaker.begin() as session:
            if action == "resched":
                card = await manage.ask_reschedule(session, who, context.config, broadcast_id, now=now)
            else:
                card = await manage.manage(session, who, context.config, action, broadcast_id, now=now)
    except DomainError:
        await query.answer(texts.ERRORS["stale"])
        return
    await query.answer()
    if action == "resched":
        due = render.when(card.broadcast.due_at)
        example = render.time_example(now)
        text = t.BCAST_ASK_RESCHEDULE.format(id=render.n(broadcast_id), due=due, example=example)
        markup = kb.picker_months(broadcast_id, card.token, now)
        await ask(update, context, text + dates.PICK_HINT, reply_markup=markup)
        return
    if action == "resume":
        context.bot_data.delivery.poke()
    try:
        await kit_edit(
            query, render.card_text(card, t.BCAST_CARD_NOTE[action]), reply_markup=kb.card(card.broadcast)
        )
    except BadRequest as exc:
        log.info("could not edit the broadcast card: %s", exc.message)
