"""Main menu (reply keyboard) and /help; sections not built yet say so politely."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.context import KhoosheContext
from bot.services.members import dialog
from handlers import keyboards as kb
from handlers.consortium import member as consortium_member
from handlers.courses import member as courses
from handlers.exhibitions import member as exhibitions
from handlers.kit import identity_of, send
from handlers.members.render import profile_card, render_outcome
from handlers.surveys import member as surveys


async def route_menu(update: Update, context: KhoosheContext, button: str) -> None:
    async with context.sessionmaker.begin() as session:
        outcome = await dialog.open_menu(session, identity_of(update, context), now=context.now())
    if outcome.member is None:
        if outcome.in_flow:
            await render_outcome(update, context, outcome)
        else:
            await send(update, texts.NOT_REGISTERED)
        return
    if button == texts.BTN_COURSES:
        await courses.show_list(update, context)
    elif button == texts.BTN_CONSORTIUM:
        await consortium_member.show_home(update, context)
    elif button == texts.BTN_EXHIBITIONS:
        await exhibitions.show_list(update, context)
    elif button == texts.BTN_SURVEYS:
        await surveys.show_list(update, context)
    elif button == texts.BTN_PROFILE:
        await send(update, profile_card(outcome.member, context.config), reply_markup=kb.profile())
    elif button == texts.BTN_HELP:
        await cmd_help(update, context)
    else:
        section = button.split(" ", 1)[-1]
        await send(update, texts.COMING_SOON.format(section=section), reply_markup=kb.main_menu())


async def cmd_help(update: Update, context: KhoosheContext) -> None:
    await send(update, texts.HELP.format(cluster=texts.CLUSTER_NAME))


async def on_other_message(update: Update, context: KhoosheContext) -> None:
    """Photos, stickers, voice… where nothing asks for them."""
    await send(update, texts.UNKNOWN_TEXT)
