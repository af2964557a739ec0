"""Member onboarding and profile dialogue: /start, typed answers, shared contacts, inline presses, /cancel."""

from __future__ import annotations

from telegram import CallbackQuery, Message, ReplyKeyboardRemove, Update

from bot import texts
from bot.callbacks import decode
from bot.config import Config
from bot.context import KhoosheContext
from bot.persian import escape_fa
from bot.services.common import conversations as conv
from bot.services.members import dialog
from bot.services.members.dialog import Outcome
from bot.services.members.onboarding import EDIT, REGISTER
from handlers import keyboards as kb
from handlers.kit import close_buttons, close_question, edit_buttons, identity_of, message_of, send
from handlers.members.render import category_labels, error_text, render_outcome
from handlers.menu import route_menu

OWN_FLOWS = (REGISTER, EDIT)  # rendered by render_outcome; other flows have their own handlers


async def cmd_start(update: Update, context: KhoosheContext) -> None:
    payload = context.args[0] if context.args else None
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.open_start(
            session, identity_of(update, context), payload=payload, now=context.now()
        )
    if outcome.member is not None and await _start_member(update, context, outcome, payload):
        return
    if outcome.step == "full_name" and not outcome.data:
        await send(update, texts.WELCOME_NEW.format(cluster=texts.CLUSTER_NAME))
    elif outcome.flow == "register":
        await send(update, texts.WELCOME_RESUME)
    await render_outcome(update, context, outcome)


async def _start_member(
    update: Update, context: KhoosheContext, outcome: Outcome, payload: str | None
) -> bool:
    """/start for a member: a deep link (kinds from the registry), a flow's own /start, or the welcome.

    False when the member is in the middle of their profile edit (the dialogue asks its question again)."""
    assert outcome.member is not None
    features = context.bot_data.features
    flow = features.flows.get(outcome.flow or "")
    if (link := features.deep_link(payload, in_flow=True)) is not None:  # ?start=survey_<id>, even mid-flow
        await link[0].open(update, context, link[1])
    elif flow is not None and flow.on_start is not None:  # e.g. /start while answering a survey pauses it
        await flow.on_start(update, context)
    elif outcome.flow in OWN_FLOWS:
        return False
    elif outcome.flow is not None:  # an admin or feature flow: the menu, and the half-done work is kept
        name = escape_fa(outcome.member.full_name)
        text = texts.WELCOME_MEMBER.format(name=name) + "\n\n" + texts.FLOW_KEPT
        await send(update, text, reply_markup=kb.main_menu(context))
    elif (link := features.deep_link(payload)) is not None:  # ?start=course_<id> opens the course card …
        await link[0].open(update, context, link[1])
    else:
        name = escape_fa(outcome.member.full_name)
        await send(update, texts.WELCOME_MEMBER.format(name=name), reply_markup=kb.main_menu(context))
    return True


async def on_text(update: Update, context: KhoosheContext) -> None:
    text = message_of(update).text or ""
    if kb.is_menu_button(context, text):
        await route_menu(update, context, text)
        return
    who, now = identity_of(update, context), context.now()
    async with context.sessionmaker() as session:  # a word outside any flow changes nothing
        outcome = await dialog.peek_text(session, who, now=now)
    if outcome is None:
        async with context.sessionmaker.begin() as session:
            outcome = await dialog.submit_text(session, who, text, config=context.config, now=now)
    if outcome.in_flow or outcome.finished or outcome.error:
        await render_outcome(update, context, outcome)
    elif outcome.member is None:
        await send(update, texts.NOT_REGISTERED, reply_markup=ReplyKeyboardRemove())
    else:
        await send(update, texts.UNKNOWN_TEXT, reply_markup=kb.main_menu(context))


async def on_contact(update: Update, context: KhoosheContext) -> None:
    contact = message_of(update).contact
    assert contact is not None
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.submit_contact(
            session,
            identity_of(update, context),
            phone=contact.phone_number,
            contact_user_id=contact.user_id,
            config=context.config,
            now=context.now(),
        )
    await render_outcome(update, context, outcome)


async def on_dialog_press(update: Update, context: KhoosheContext) -> None:
    """Every `reg:*` button; the service re-checks the press against the stored step."""
    query = update.callback_query
    assert query is not None
    press = decode(query.data, kb.REG, with_id=False)
    if press is None:  # forged or from another version: nothing to re-check
        await query.answer(texts.ERRORS["stale"])
        return
    action, arg = press.action, ":".join(press.args)
    token = ""
    if action in dialog.STEP_ACTIONS:  # a step's button: `<key>:<token>`
        arg, _, token = arg.partition(":")
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.press(
            session,
            identity_of(update, context),
            action,
            arg,
            token=token,
            config=context.config,
            now=context.now(),
        )
    if outcome.error:
        await query.answer(error_text(outcome.error, context.config), show_alert=outcome.error != "stale")
        return
    await query.answer()
    if action == "cat" and outcome.step == "categories":
        selected = outcome.data.get("cat_sel") or []
        markup = kb.categories(context.config, selected, outcome.token)
        await edit_buttons(query, markup)
        return
    if action != "edit":
        await close_buttons(query, _chosen(query, action, outcome, context.config))
    await render_outcome(update, context, outcome)


def _chosen(query: CallbackQuery, action: str, outcome: Outcome, config: Config) -> str | None:
    """What the member picked, kept under the question once its buttons are gone."""
    if action == "catdone":
        chosen = outcome.data.get("categories")
        return "✅ " + escape_fa(category_labels(chosen, config)) if chosen else None
    if action not in ("role", "place", "areaskip"):
        return None
    markup = query.message.reply_markup if isinstance(query.message, Message) else None
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            if button.callback_data == query.data:
                return "✅ " + escape_fa(button.text)
    return None


async def cmd_cancel(update: Update, context: KhoosheContext) -> None:
    """Leave the current conversation; each feature's flow says what /cancel means there (the registry).
    The question on screen loses its buttons first."""
    async with context.sessionmaker.begin() as session:
        shown = (await conv.snapshot(session, identity_of(update, context))).question
        outcome = await dialog.cancel(session, identity_of(update, context), now=context.now())
    if shown is not None:
        await close_question(update, shown)
    flow = context.bot_data.features.flows.get(outcome.flow or "")
    markup = kb.main_menu(context) if outcome.member is not None else None
    if outcome.flow == REGISTER:
        await send(update, texts.CANCELLED_REGISTRATION, reply_markup=ReplyKeyboardRemove())
    elif flow is not None and flow.cancel_text is not None:
        await send(update, flow.cancel_text, reply_markup=markup)
    elif outcome.member is not None:
        text = texts.CANCELLED if outcome.flow else texts.NOTHING_TO_CANCEL
        await send(update, text, reply_markup=markup)
    else:
        await send(update, texts.NOTHING_TO_CANCEL)
