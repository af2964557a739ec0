"""The profile card (main menu) and deleting one's own data: /delete_me and the card's delete button."""

from __future__ import annotations

from telegram import CallbackQuery, ReplyKeyboardRemove, Update

from bot import texts
from bot.callbacks import decode
from bot.context import KhoosheContext
from bot.services.members import dialog
from handlers import keyboards as kb
from handlers.kit import close_buttons, edit, identity_of, send
from handlers.members.render import delivery_place, error_text, profile_card, profile_markup


async def show_profile(update: Update, context: KhoosheContext) -> None:
    """«پروفایل من»: the member's card with edit and delete buttons."""
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.current(
            session, identity_of(update, context), now=context.now(), platforms=context.config.platforms
        )
    if outcome.member is None:
        await send(update, texts.NOT_REGISTERED)
        return
    member = outcome.member
    await send(
        update,
        profile_card(member, context.config, outcome.messengers),
        reply_markup=profile_markup(member, outcome.messengers),
    )


async def cmd_delete_me(update: Update, context: KhoosheContext) -> None:
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.current(session, identity_of(update, context), now=context.now())
    if outcome.member is None:
        await send(update, texts.NOTHING_TO_DELETE)
        return
    await send(update, texts.DELETE_CONFIRM, reply_markup=kb.delete_confirm())


async def on_profile_press(update: Update, context: KhoosheContext) -> None:
    query = update.callback_query
    assert query is not None
    press = decode(query.data, kb.PROFILE, with_id=False)
    action = press.action if press else ""
    if action == "delask":
        await query.answer()
        await cmd_delete_me(update, context)
    elif action == "delyes":
        async with context.sessionmaker.begin() as session:
            erased = await dialog.erase_me(session, identity_of(update, context), now=context.now())
        await query.answer()
        await close_buttons(query)
        text = texts.DELETED if erased else texts.NOTHING_TO_DELETE
        await send(update, text, reply_markup=ReplyKeyboardRemove())
    elif action == "msgr" and press is not None and press.args:
        await _choose_messenger(query, update, context, press.args[0])
    elif action == "delno":
        await query.answer(texts.DELETE_KEPT)
        await close_buttons(query, texts.DELETE_KEPT)
    else:
        await query.answer(texts.ERRORS["stale"])


async def _choose_messenger(
    query: CallbackQuery, update: Update, context: KhoosheContext, choice: str
) -> None:
    """«دریافت پیام‌ها در …»: re-checked by the service (forged choices refused); the card is edited."""
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.choose_messenger(
            session, identity_of(update, context), choice, config=context.config, now=context.now()
        )
    if outcome.error or outcome.member is None:
        await query.answer(error_text(outcome.error or "stale", context.config))
        return
    member = outcome.member
    await query.answer(texts.MESSENGER_CHOSEN.format(where=delivery_place(member)))
    await edit(
        query,
        profile_card(member, context.config, outcome.messengers),
        reply_markup=profile_markup(member, outcome.messengers),
    )
