"""Exhibitions and tours for members: «نمایشگاه‌ها و تورها» (calendar), card, «علاقه‌مندم», taking part
(short questions with buttons), waitlist and offers, «ثبت‌نام‌های من», deep links, documents.

registry.py sends every `exh:*` press to `on_press`; router.py sends messages of the `exh_join` and
`exh_doc` flows to `on_message`. The services re-check membership and the item's state every time.
"""

from __future__ import annotations

import contextlib

from telegram import Message, Update
from telegram.error import BadRequest

from bot import texts
from bot.callbacks import decode
from bot.context import KhoosheContext
from bot.persian import escape_fa, format_number
from bot.services.common.errors import DomainError, NotRegistered
from bot.services.courses.seats import SignUpRefused
from bot.services.exhibitions import catalog as ex
from bot.services.exhibitions import documents as docs
from bot.texts import exhibitions as t
from handlers.exhibitions import render
from handlers.keyboards import is_menu_button
from handlers.kit import ask, close_buttons, edit_buttons, identity_of, message_of, send, toast_and_refresh
from handlers.menu import route_menu
from models.enums import SeatStatus

FLOWS = (ex.JOIN_FLOW, docs.DOC_FLOW)
ITEM_ACTIONS = ("open", "int", "part", "pr", "prok", "bo", "pe", "leave", "accept", "docs", "doc")


async def show_list(update: Update, context: KhoosheContext) -> None:
    async with context.sessionmaker() as session:
        views = await ex.upcoming(session, identity_of(update, context), now=context.now())
    text, markup = render.calendar(views)
    await send(update, text, reply_markup=markup)


async def show_card(update: Update, context: KhoosheContext, event_id: int) -> None:
    """A card as a new message (deep link `exh_<id>`, the list, «ℹ️ جزئیات» under an announcement)."""
    try:
        async with context.sessionmaker() as session:
            view = await ex.item(session, identity_of(update, context), event_id, now=context.now())
    except NotRegistered:
        await send(update, texts.NOT_REGISTERED)
        return
    except DomainError:
        await send(update, t.NOT_FOUND)
        return
    text, markup = render.card(view)
    await send(update, text, reply_markup=markup)


def _refusal(exc: DomainError) -> str:
    if isinstance(exc, SignUpRefused) or exc.code in t.REFUSALS:
        return t.REFUSALS.get(exc.code, texts.ERRORS["stale"])
    if exc.code == "already_participating":
        return t.ALREADY_PARTICIPATING
    if exc.code == "no_product":
        return t.NO_PRODUCT
    return texts.ERRORS.get(exc.code, texts.ERRORS["stale"])


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `exh:*` button."""
    query = update.callback_query
    assert query is not None
    press = decode(query.data, render.PREFIX)
    if press is None or press.action not in (*ITEM_ACTIONS, "list", "mine"):
        await query.answer(texts.ERRORS["stale"])
        return
    action, event_id, arg = press.action, press.object_id, ":".join(press.args)
    if action in ("list", "mine", "open"):
        await query.answer()
        if action == "list":
            await show_list(update, context)
        elif action == "open":
            await show_card(update, context, event_id)
        else:
            await _show_mine(update, context)
        return
    try:
        await _act(update, context, action, event_id, arg)
    except DomainError as exc:
        silent = exc.code == "stale"
        await query.answer(_refusal(exc), show_alert=not silent)


async def _show_mine(update: Update, context: KhoosheContext) -> None:
    async with context.sessionmaker() as session:
        views = await ex.mine(session, identity_of(update, context), now=context.now())
    text, markup = render.my_items(views)
    await send(update, text, reply_markup=markup)


async def _act(update: Update, context: KhoosheContext, action: str, event_id: int, arg: str) -> None:
    query = update.callback_query
    assert query is not None
    who, now, config = identity_of(update, context), context.now(), context.config
    if action in ("docs", "doc"):
        await _documents_press(update, context, action, event_id, arg)
        return
    if action in ("part", "pr", "prok"):
        async with context.sessionmaker.begin() as session:
            if action == "part":
                step = await ex.begin_join(session, who, event_id, now=now)
            elif action == "pr":
                step = await ex.toggle_product(session, who, config, event_id, arg, now=now)
            else:
                step = await ex.products_done(session, who, event_id, now=now)
        await query.answer()
        text, markup = render.question(step, config)
        if action == "pr":
            with contextlib.suppress(BadRequest):
                await edit_buttons(query, markup)
            return
        if action == "prok":
            await close_buttons(query, render.products_chosen(step.products, config))
        await ask(update, context, text, reply_markup=markup)
        return
    async with context.sessionmaker.begin() as session:
        changed = True
        if action == "int":
            already, view = await ex.express_interest(session, who, event_id, now=now)
            notice = (
                t.ALREADY_INTERESTED if already else t.INTERESTED.format(title=escape_fa(view.event.title))
            )
            changed = not already
        elif action in ("bo", "pe"):
            question = ex.BOOTH if action == "bo" else ex.PEOPLE
            result, view = await ex.finish_join(session, who, config, event_id, question, arg, now=now)
            notice = _joined(result.status, result.position, view)
        elif action == "leave":
            _, view = await ex.leave(session, who, config, event_id, now=now)
            notice = t.LEFT.format(title=escape_fa(view.event.title))
        else:
            already, view = await ex.accept(session, who, event_id, now=now)
            changed = not already
            notice = t.OFFER_ACCEPTED.format(title=escape_fa(view.event.title))
    if action == "leave":
        context.bot_data.delivery.poke()  # a freed seat was offered to the next person
    text, markup = render.card(view)
    if action in ("bo", "pe"):
        await query.answer()
        await close_buttons(query, t.CHOSEN.format(value=_chosen_label(action, arg)))
        await send(update, notice)
        await send(update, text, reply_markup=markup)
        return
    await toast_and_refresh(query, notice, text, markup, changed=changed)


def _chosen_label(action: str, arg: str) -> str:
    if action == "bo":
        return t.BOOTH_LABELS.get(arg, arg)
    return t.PEOPLE_LABEL.format(count=format_number(int(arg)))


def _joined(status: str, position: int | None, view: ex.ItemView) -> str:
    title = escape_fa(view.event.title)
    if status == SeatStatus.REGISTERED:
        notice = t.PARTICIPATING.format(title=title)
    else:
        notice = t.WAITLISTED.format(title=title, position=format_number(position or 0))
    return notice + (t.DOCUMENTS_NEEDED if view.documents_needed else "")


async def _documents_press(
    update: Update, context: KhoosheContext, action: str, event_id: int, arg: str
) -> None:
    query = update.callback_query
    assert query is not None
    who, now = identity_of(update, context), context.now()
    async with context.sessionmaker.begin() as session:
        if action == "docs":
            found = await docs.checklist(session, who, event_id)
        else:
            label = await docs.begin_document(session, who, event_id, arg, now=now)
    await query.answer()
    if action == "docs":
        text, markup = render.checklist(found)
        await send(update, text, reply_markup=markup)
    else:
        await ask(update, context, t.ASK_DOCUMENT.format(label=escape_fa(label)))


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A message while answering the questions (buttons expected) or sending a document (photo/file)."""
    message = message_of(update)
    who, now = identity_of(update, context), context.now()
    if is_menu_button(context, message.text):  # a main-menu button leaves the half-done step
        async with context.sessionmaker.begin() as session:
            await docs.leave_flows(session, who)
        await route_menu(update, context, message.text or "")
        return
    file_kind, file_id, file_name = _file_of(message)
    try:
        async with context.sessionmaker.begin() as session:
            if await docs.flow_of(session, who) != docs.DOC_FLOW:
                await send(update, t.USE_BUTTONS)
                return
            if file_id is None:
                await send(update, t.DOCUMENT_EXPECTED)
                return
            label, found = await docs.receive_document(
                session, who, file_kind=file_kind, file_id=file_id, file_name=file_name, now=now
            )
    except DomainError as exc:
        await send(update, _refusal(exc))
        return
    await send(update, t.DOCUMENT_SAVED.format(label=escape_fa(label)))
    text, markup = render.checklist(found)
    await send(update, text, reply_markup=markup)


def _file_of(message: Message) -> tuple[str, str | None, str | None]:
    """The largest photo size or the document: its file id (what Telegram keeps; never re-uploaded)."""
    if message.photo:
        return "photo", message.photo[-1].file_id, None
    if message.document is not None:
        return "document", message.document.file_id, message.document.file_name
    return "", None, None
