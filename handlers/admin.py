"""Admin panel: /admin and `adm:*` buttons (its own stats and admin list, each feature's from the registry).

Rights are checked by the service on every update."""

from __future__ import annotations

from telegram import BotCommand, BotCommandScopeChat, Update

from bot import texts
from bot.callbacks import decode
from bot.config import Config
from bot.context import KhoosheContext
from bot.messengers import Method
from bot.persian import format_number
from bot.send import optional
from bot.services.common import admin_panel
from bot.services.common.errors import NotAllowed
from bot.services.members.members import MemberStats
from handlers import keyboards as kb
from handlers.kit import identity_of, send


async def cmd_admin(update: Update, context: KhoosheContext) -> None:
    async with context.sessionmaker.begin() as session:
        allowed = await admin_panel.caller_is_admin(session, identity_of(update, context), context.config)
    if not allowed:
        await send(update, texts.UNKNOWN_COMMAND)
        return
    chat = update.effective_chat
    assert chat is not None
    # Telegram refuses a chat-scoped menu before the admin's first message, so (re)set it here too.
    # A messenger without command menus (Bale) skips this after its first 404 (bot/send.py optional).
    bot, scope = context.bot, BotCommandScopeChat(chat.id)
    await optional(bot, Method.SET_MY_COMMANDS, lambda: bot.set_my_commands(admin_commands(), scope=scope))
    await send(update, texts.ADMIN_MENU, reply_markup=kb.admin_menu(context))


def member_commands() -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in texts.MEMBER_COMMANDS]


def admin_commands() -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in texts.ADMIN_COMMANDS]


def _lines(counts: dict[str, int], config: Config, kind: str) -> str:
    if not counts:
        return texts.ADMIN_STATS_EMPTY
    return "\n".join(
        texts.ADMIN_STATS_LINE.format(
            label=config.label_of(kind, key) if key != "other" or kind != "places" else texts.BTN_PLACE_OTHER,
            count=format_number(n),
        )
        for key, n in counts.items()
    )


def stats_text(stats: MemberStats, config: Config) -> str:
    return texts.ADMIN_STATS.format(
        total=format_number(stats.total),
        recent=format_number(stats.new_last_7_days),
        roles=_lines(stats.by_role, config, "roles"),
        places=_lines(stats.by_place, config, "places"),
        categories=_lines(stats.by_category, config, "categories"),
    )


async def on_admin_press(update: Update, context: KhoosheContext) -> None:
    query = update.callback_query
    assert query is not None
    press = decode(query.data, kb.ADMIN, with_id=False)
    action = press.action if press else ""
    button = context.bot_data.features.admin.get(action)
    if button is not None:  # a feature's list or composer: it re-checks the caller's rights in its service
        await button.open(update, context)
        return
    identity = identity_of(update, context)
    try:
        async with context.sessionmaker.begin() as session:
            if action == "stats":
                text = stats_text(
                    await admin_panel.stats(session, identity, context.config, now=context.now()),
                    context.config,
                )
            elif action == "admins":
                rows = await admin_panel.admins(session, identity, context.config)
                lines = "\n".join(
                    texts.ADMIN_LIST_LINE.format(user_id=uid, source=texts.ADMIN_SOURCE[src])
                    for uid, src in rows
                )
                text = texts.ADMIN_LIST.format(lines=lines)
            else:
                raise NotAllowed()
    except NotAllowed:
        await query.answer(texts.ERRORS["stale"])
        return
    await query.answer()
    await send(update, text)
