"""The first screen of a persona's chat: where a returning user would be in their messenger.

The emulator keeps chats in memory, so after every sandbox start a demo member's chat is empty,
although in Telegram it would still show the main-menu keyboard the member last had. When the page
opens a chat for the first time in a run, the bot greets a member by name with that keyboard (the
same text and keyboard as /start gives a returning member) and shows an admin the admin menu, as
/admin would. Nothing is sent to someone who is not a member yet: their page offers «شروع».
"""

from __future__ import annotations

import logging

from telegram.error import TelegramError

from bot import texts
from bot.app import KhoosheApp
from bot.context import KhoosheContext
from bot.persian import escape_fa
from bot.send import send_text
from bot.services.common.admin_panel import caller_is_admin
from bot.services.members.accounts import Identity, find_account
from bot.services.members.dialog import flow_of
from handlers import keyboards as kb

log = logging.getLogger(__name__)


async def show_returning_screen(app: KhoosheApp, user_id: int) -> bool:
    """Greet a member with the main menu (and an admin with the admin menu); False if nothing was sent."""
    context = KhoosheContext(app, chat_id=user_id, user_id=user_id)
    identity = Identity(context.config.platform, user_id, user_id)
    async with context.sessionmaker() as session:
        account = await find_account(session, identity)
        member = account.member if account is not None else None
        name = member.full_name if member is not None else None
        in_flow = await flow_of(session, identity) is not None
        admin = await caller_is_admin(session, identity, context.config)
    try:
        if name is not None:
            text = texts.WELCOME_MEMBER.format(name=escape_fa(name))
            if in_flow:
                text += "\n\n" + texts.FLOW_KEPT
            await send_text(app.bot, user_id, text, reply_markup=kb.main_menu(context))
        if admin:
            await send_text(app.bot, user_id, texts.ADMIN_MENU, reply_markup=kb.admin_menu(context))
    except TelegramError as exc:  # e.g. this persona "blocked the bot" with the realism switches
        log.info("sandbox: no first screen for %s: %s", user_id, exc)
        return False
    return name is not None or admin
