"""Main menu (reply keyboard) and /help: each feature's button opens what the registry says."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.context import KhoosheContext
from bot.services.members import dialog
from handlers import keyboards as kb
from handlers.kit import identity_of, send
from handlers.members.render import render_outcome


async def route_menu(update: Update, context: KhoosheContext, button: str) -> None:
    """A press that changes nothing is answered from a read-only session (no write lock on SQLite)."""
    who, now = identity_of(update, context), context.now()
    async with context.sessionmaker() as session:
        outcome = await dialog.peek_menu(session, who, now=now)
    if outcome is None:
        async with context.sessionmaker.begin() as session:
            outcome = await dialog.open_menu(session, who, now=now)
    if outcome.member is None:
        if outcome.in_flow:
            await render_outcome(update, context, outcome)
        else:
            await send(update, texts.NOT_REGISTERED)
        return
    opener = context.bot_data.features.menu.get(button)
    if opener is not None:
        await opener(update, context)
    elif button == texts.BTN_HELP:
        await cmd_help(update, context)
    else:
        section = button.split(" ", 1)[-1]
        await send(update, texts.COMING_SOON.format(section=section), reply_markup=kb.main_menu(context))


async def cmd_help(update: Update, context: KhoosheContext) -> None:
    await send(update, texts.HELP.format(cluster=texts.CLUSTER_NAME))


async def on_other_message(update: Update, context: KhoosheContext) -> None:
    """Photos, stickers, voice… where nothing asks for them."""
    await send(update, texts.UNKNOWN_TEXT)
