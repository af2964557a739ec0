"""Registration and profile dialogue: /start, typed answers, shared contacts, inline presses, /cancel."""

from __future__ import annotations

from html import escape

from telegram import CallbackQuery, Message, ReplyKeyboardRemove, Update

from bot import texts
from bot.config import Config
from bot.context import KhoosheContext
from bot.services.broadcasts.flow import FLOW as BROADCAST_FLOW
from bot.services.consortium.admin_flow import FLOWS as CONSORTIUM_FLOWS
from bot.services.consortium.profile_flow import FLOW as EXPORT_PRODUCT_FLOW
from bot.services.courses.admin_flow import FLOWS as COURSE_ADMIN_FLOWS
from bot.services.courses.catalog import parse_deep_link
from bot.services.exhibitions.admin_flow import FLOWS as EXHIBITION_ADMIN_FLOWS
from bot.services.exhibitions.catalog import parse_deep_link as parse_exhibition_link
from bot.services.members import dialog
from bot.services.members.dialog import Outcome
from bot.services.members.onboarding import EDIT, REGISTER
from bot.texts import broadcast as tb
from bot.texts import consortia as tcn
from bot.texts import course_admin as tca
from bot.texts import exhibition_admin as texh
from bot.texts import surveys as tsv
from handlers import keyboards as kb
from handlers.courses import member as courses
from handlers.exhibitions import member as exhibitions
from handlers.kit import close_buttons, identity_of, message_of, send, split_callback
from handlers.members.render import category_labels, error_text, render_outcome
from handlers.menu import route_menu
from handlers.surveys import admin as survey_admin
from handlers.surveys import member as surveys

OWN_FLOWS = (REGISTER, EDIT)  # rendered by render_outcome; other flows have their own handlers


async def cmd_start(update: Update, context: KhoosheContext) -> None:
    payload = context.args[0] if context.args else None
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.open_start(
            session, identity_of(update, context), payload=payload, now=context.now()
        )
    survey_id = surveys.parse_deep_link(payload)
    if outcome.member is not None and survey_id is not None:  # ?start=survey_<id> starts or continues it
        await surveys.open_from_link(update, context, survey_id)
        return
    if outcome.member is not None and outcome.flow == surveys.FLOW:  # /start while answering: pause
        await surveys.pause(update, context)
        return
    if outcome.member is not None and outcome.flow not in (None, *OWN_FLOWS):  # an admin or feature flow:
        name = escape(outcome.member.full_name)  # the menu, and the half-done work is kept as it is
        text = texts.WELCOME_MEMBER.format(name=name) + "\n\n" + texts.FLOW_KEPT
        await send(update, text, reply_markup=kb.main_menu())
        return
    if outcome.member is not None and not outcome.in_flow:
        course_id = parse_deep_link(payload)
        if course_id is not None:  # https://t.me/<bot>?start=course_<id> opens the course card
            await courses.show_card(update, context, course_id)
            return
        exhibition_id = parse_exhibition_link(payload)
        if exhibition_id is not None:  # ?start=exh_<id> opens the exhibition or tour card
            await exhibitions.show_card(update, context, exhibition_id)
            return
        name = escape(outcome.member.full_name)
        await send(update, texts.WELCOME_MEMBER.format(name=name), reply_markup=kb.main_menu())
        return
    if outcome.step == "full_name" and not outcome.data:
        await send(update, texts.WELCOME_NEW.format(cluster=texts.CLUSTER_NAME))
    elif outcome.flow == "register":
        await send(update, texts.WELCOME_RESUME)
    await render_outcome(update, context, outcome)


async def on_text(update: Update, context: KhoosheContext) -> None:
    text = message_of(update).text or ""
    if text in texts.MENU_BUTTONS:
        await route_menu(update, context, text)
        return
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.submit_text(
            session, identity_of(update, context), text, config=context.config, now=context.now()
        )
    if outcome.in_flow or outcome.finished or outcome.error:
        await render_outcome(update, context, outcome)
    elif outcome.member is None:
        await send(update, texts.NOT_REGISTERED, reply_markup=ReplyKeyboardRemove())
    else:
        await send(update, texts.UNKNOWN_TEXT, reply_markup=kb.main_menu())


async def on_contact(update: Update, context: KhoosheContext) -> None:
    contact = message_of(update).contact
    assert contact is not None
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.submit_contact(
            session,
            identity_of(update, context),
            phone=contact.phone_number,
            contact_user_id=contact.user_id,
            now=context.now(),
        )
    await render_outcome(update, context, outcome)


async def on_dialog_press(update: Update, context: KhoosheContext) -> None:
    """Every `reg:*` button; the service re-checks the press against the stored step."""
    query = update.callback_query
    assert query is not None
    action, arg = split_callback(query.data, kb.REG)
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
        await query.edit_message_reply_markup(reply_markup=markup)
        return
    if action != "edit":
        await close_buttons(query, _chosen(query, action, outcome, context.config))
    await render_outcome(update, context, outcome)


def _chosen(query: CallbackQuery, action: str, outcome: Outcome, config: Config) -> str | None:
    """What the member picked, kept under the question once its buttons are gone."""
    if action == "catdone":
        chosen = outcome.data.get("categories")
        return "✅ " + escape(category_labels(chosen, config)) if chosen else None
    if action not in ("role", "place", "areaskip"):
        return None
    markup = query.message.reply_markup if isinstance(query.message, Message) else None
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            if button.callback_data == query.data:
                return "✅ " + escape(button.text)
    return None


async def cmd_cancel(update: Update, context: KhoosheContext) -> None:
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.cancel(session, identity_of(update, context), now=context.now())
    if outcome.flow == "register":
        await send(update, texts.CANCELLED_REGISTRATION, reply_markup=ReplyKeyboardRemove())
    elif outcome.flow == BROADCAST_FLOW:  # the draft stays a draft: no button can send it any more
        markup = kb.main_menu() if outcome.member is not None else None
        await send(update, tb.BCAST_FLOW_CANCELLED, reply_markup=markup)
    elif outcome.flow in COURSE_ADMIN_FLOWS:  # answers so far are dropped; a draft stays a draft
        markup = kb.main_menu() if outcome.member is not None else None
        await send(update, tca.CADM_FLOW_CANCELLED, reply_markup=markup)
    elif outcome.flow in (*CONSORTIUM_FLOWS, EXPORT_PRODUCT_FLOW):  # nothing half-made is kept
        markup = kb.main_menu() if outcome.member is not None else None
        text = tcn.EXP_FLOW_CANCELLED if outcome.flow == EXPORT_PRODUCT_FLOW else tcn.CNS_FLOW_CANCELLED
        await send(update, text, reply_markup=markup)
    elif outcome.flow in EXHIBITION_ADMIN_FLOWS:  # answers so far are dropped; a draft stays a draft
        markup = kb.main_menu() if outcome.member is not None else None
        await send(update, texh.FLOW_CANCELLED, reply_markup=markup)
    elif outcome.flow in (surveys.FLOW, survey_admin.FLOW):  # survey answers stay; drafts stay drafts
        markup = kb.main_menu() if outcome.member is not None else None
        text = tsv.PAUSED if outcome.flow == surveys.FLOW else tsv.SVA_FLOW_CANCELLED
        await send(update, text, reply_markup=markup)
    elif outcome.member is not None:
        text = texts.CANCELLED if outcome.flow else texts.NOTHING_TO_CANCEL
        await send(update, text, reply_markup=kb.main_menu())
    else:
        await send(update, texts.NOTHING_TO_CANCEL)
