"""Composing a broadcast (admin): content → link buttons → audience → preview → send now / schedule.

The steps are stored in the database (see bot/services/broadcast_flow.py for the diagram); the
router sends every non-command message of an account in the `bcast` flow to `on_message`, and
registry.py sends every `bc:*` press to `on_broadcast_press`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot import texts
from bot.context import KhoosheContext
from bot.delivery.sender import send_content
from bot.persian import PersianInputError
from bot.services.broadcasts import flow
from bot.services.broadcasts import lifecycle as bc
from bot.services.common.errors import DomainError, NotAllowed
from bot.texts import broadcast as t
from bot.texts import dates
from handlers import date_picker as dp
from handlers.broadcasts import keyboards as kb
from handlers.broadcasts import manage as broadcast_manage
from handlers.broadcasts import render
from handlers.kit import alert_text, ask, close_buttons, identity_of, message_of, send
from handlers.kit import edit as kit_edit

FLOW = flow.FLOW
T = TypeVar("T")
log = logging.getLogger(__name__)
SILENT = ("stale", "not_allowed")  # answered with «این دکمه دیگر فعال نیست», no alert


def incoming_of(message: Message) -> flow.Incoming:
    """What the CDA sent, formatting kept as HTML; the largest photo size."""
    caption, caption_html = message.caption, message.caption_html
    if message.photo:
        return flow.Incoming("photo", caption, caption_html, message.photo[-1].file_id)
    if message.document is not None:
        return flow.Incoming("document", caption, caption_html, message.document.file_id)
    if message.video is not None:
        return flow.Incoming("video", caption, caption_html, message.video.file_id)
    if message.text is not None:
        return flow.Incoming("text", message.text, message.text_html)
    return flow.Incoming("unsupported")


async def ask_content(update: Update, context: KhoosheContext) -> None:
    """«📣 پیام همگانی جدید» in the admin menu."""
    query = update.callback_query
    assert query is not None
    try:
        async with context.sessionmaker.begin() as session:
            await flow.begin(session, identity_of(update, context), context.config, now=context.now())
    except NotAllowed:
        await query.answer(texts.ERRORS["stale"])
        return
    await query.answer()
    await ask(update, context, t.BCAST_ASK_CONTENT)


async def on_message(update: Update, context: KhoosheContext) -> None:
    """The content, the button lines or the Jalali time, depending on the stored step."""
    who, now = identity_of(update, context), context.now()
    try:
        async with context.sessionmaker.begin() as session:
            result = await flow.receive(
                session, who, context.config, incoming_of(message_of(update)), now=now
            )
    except NotAllowed:  # rights withdrawn mid-way: leave the flow quietly
        async with context.sessionmaker.begin() as session:
            await flow.leave(session, who)
        await send(update, texts.UNKNOWN_TEXT)
        return
    except (DomainError, PersianInputError) as exc:  # nothing saved; the step is kept
        await send(update, render.error_text(exc, now))
        return
    if result.step == flow.BUTTONS:
        text = t.BCAST_ASK_BUTTONS.format(max=render.n(bc.MAX_BUTTONS))
        await ask(update, context, text, reply_markup=kb.no_buttons(result.broadcast.id))
    elif result.step == flow.AUDIENCE:
        await send(update, t.BCAST_BUTTONS_SAVED.format(count=render.n(len(result.broadcast.buttons))))
        await send_audience(update, context, result)
    else:
        await send(update, render.scheduled_text(result, rescheduled=result.rescheduled))


async def _run(update: Update, context: KhoosheContext, call: Callable[[Any], Awaitable[T]]) -> T | None:
    """One service call in one transaction for a press; refusals are answered and give None."""
    query = update.callback_query
    assert query is not None
    try:
        async with context.sessionmaker.begin() as session:
            result = await call(session)
    except (DomainError, PersianInputError) as exc:
        silent = getattr(exc, "code", "") in SILENT
        text = texts.ERRORS["stale"] if silent else alert_text(render.error_text(exc, context.now()))
        await query.answer(text, show_alert=not silent)
        return None
    await query.answer()
    return result


async def on_pick_press(update: Update, context: KhoosheContext, broadcast_id: int, arg: str) -> None:
    """The date picker under a time question: its next screen, or the broadcast scheduled at the choice."""
    who, config, now = identity_of(update, context), context.config, context.now()
    result = await dp.press(
        update,
        context,
        arg,
        _run,
        check=lambda s, token: flow.pick_check(s, who, config, broadcast_id, token),
        choose=lambda s, token, text: flow.pick(s, who, config, broadcast_id, token, text, now=now),
        keyboard=lambda _step, token, pick: kb.picker(broadcast_id, token, pick, now),
    )
    if result is not None:
        await send(update, render.scheduled_text(result, rescheduled=result.rescheduled))


async def send_audience(update: Update, context: KhoosheContext, result: flow.Result) -> None:
    markup = kb.audience(result.broadcast, context.config)
    await ask(update, context, render.audience_text(result, context.config), reply_markup=markup)


async def _edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await kit_edit(query, text, reply_markup=markup)
    except BadRequest as exc:  # "message is not modified" after a repeated press
        log.info("could not edit the broadcast message: %s", exc.message)


async def on_broadcast_press(update: Update, context: KhoosheContext) -> None:
    """Every `bc:*` button; the service re-checks rights, step and broadcast on each press."""
    query = update.callback_query
    assert query is not None
    action, broadcast_id, arg = kb.parse(query.data)
    if action in broadcast_manage.ACTIONS:
        await broadcast_manage.on_card_press(update, context, action, broadcast_id)
        return
    if action == dp.ACTION:
        await on_pick_press(update, context, broadcast_id, arg)
        return
    config, now = context.config, context.now()
    try:
        async with context.sessionmaker.begin() as session:
            who = identity_of(update, context)
            result = await flow.press(session, who, config, action, broadcast_id, arg, now=now)
    except DomainError as exc:
        silent = exc.code in SILENT
        await query.answer(
            texts.ERRORS["stale"] if silent else render.error_text(exc, now), show_alert=not silent
        )
        return
    await query.answer()
    if action == "nobtn":
        await close_buttons(query, t.BCAST_NO_BUTTONS_CHOSEN)
        await send_audience(update, context, result)
    elif action in ("view", "all", "tg"):
        view = "main" if action == "all" else arg.partition(":")[0]
        await _edit(query, render.audience_text(result, config), kb.audience(result.broadcast, config, view))
    elif action == "next":
        await _edit(query, render.audience_chosen(result, config), None)
        await preview(update, context, result)
    elif action in ("urg", "mir"):
        await _edit(query, render.controls_text(result, config, now), kb.controls(result.broadcast, config))
    elif action == "when":
        markup = kb.picker_months(broadcast_id, result.token, now)
        await ask(update, context, render.ask_time(config, now) + dates.PICK_HINT, reply_markup=markup)
    elif action == "now":
        await close_buttons(query, render.sent_now_text(result, now))
        context.bot_data.delivery.poke()
    elif action == "drop":
        await close_buttons(query, t.BCAST_DROPPED)


async def preview(update: Update, context: KhoosheContext, result: flow.Result) -> None:
    """The exact message members will get, sent to the CDA's chat, then the controls under it."""
    chat = update.effective_chat
    assert chat is not None
    await send_content(context.bot, chat.id, result.broadcast)
    text = render.controls_text(result, context.config, context.now())
    await send(update, text, reply_markup=kb.controls(result.broadcast, context.config))
