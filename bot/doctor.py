"""`khooshe doctor`: what an operator needs to know on day one, without sending anyone a message.

Checks the config, the database and its migrations, then asks the configured messenger getMe and
probes every optional method the bot uses with a harmless call (reads, or an edit of a message that
does not exist: a 400 means the method exists, a 404 that it does not). Formatting cannot be probed
without sending a message, so it is reported from the capability table (bot/messengers.py), or as
"unknown until first send". Exit 0 when the bot can run, 1 with one clear line when it cannot.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.config import Config, ConfigError, Messenger
from bot.db import create_engine
from bot.messengers import FALLBACK, FALLBACK_FA, Method, capabilities_of
from bot.migrate import alembic_config
from models.enums import Platform

NO_PARSE_MODE = {"parse_mode": None}


@dataclass(frozen=True)
class Row:
    method: str
    supported: bool | None  # None: cannot be known without sending a message
    plan: str
    plan_fa: str


class CannotRun(Exception):
    """One line saying why the bot cannot run (English, then Persian)."""


async def _database(config: Config) -> list[str]:
    engine = create_engine(config.database_url)
    try:
        async with engine.connect() as conn:
            current = await conn.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())
    except Exception as exc:
        raise CannotRun(
            f"the database does not answer ({type(exc).__name__}); "
            "پایگاه داده پاسخ نمی‌دهد؛ DATABASE_URL و روشن بودن آن را بررسی کنید."
        ) from None
    finally:
        await engine.dispose()
    head = ScriptDirectory.from_config(alembic_config(config.database_url)).get_current_head()
    if current == head:
        return [f"database: reachable, migrations at head ({head})", "پایگاه داده: در دسترس و به‌روز"]
    return [
        f"database: reachable, migrations at {current or 'none'}, head is {head}: `khooshe run` upgrades it",
        "پایگاه داده: در دسترس؛ به‌روز نیست و `khooshe run` آن را به‌روز می‌کند",
    ]


async def _probe(call: Callable[[], Awaitable[Any]]) -> bool:
    """True when the method exists: any answer but a 404 (PTB's InvalidToken after a good getMe)."""
    try:
        await call()
    except InvalidToken:
        return False
    except TelegramError:
        return True  # a 400 about the (deliberately impossible) arguments: the method is there
    return True


async def _messenger(config: Config, messenger: Messenger) -> tuple[list[str], list[Row]]:
    bale = messenger.platform == Platform.BALE
    variable, base_variable = (
        ("BALE_BOT_TOKEN", "BALE_API_BASE_URL") if bale else ("BOT_TOKEN", "BOT_API_BASE_URL")
    )
    bot = Bot(
        messenger.token,
        base_url=messenger.base_url or "https://api.telegram.org/bot",
        base_file_url=messenger.base_file_url or "https://api.telegram.org/file/bot",
    )
    try:
        async with bot:  # getMe
            me = bot.bot
            probes: dict[Method, Callable[[], Awaitable[Any]]] = {
                Method.GET_MY_COMMANDS: bot.get_my_commands,
                Method.GET_CHAT_MENU_BUTTON: bot.get_chat_menu_button,
                Method.EDIT_MESSAGE_REPLY_MARKUP: lambda: bot.edit_message_reply_markup(
                    chat_id=me.id, message_id=1, api_kwargs=NO_PARSE_MODE
                ),
            }
            found = {method: await _probe(call) for method, call in probes.items()}
    except InvalidToken:
        raise CannotRun(
            f"the messenger refused {variable}; پیام‌رسان توکن ربات را نپذیرفت؛ {variable} را بررسی کنید."
        ) from None
    except NetworkError as exc:
        raise CannotRun(
            f"the messenger's Bot API does not answer ({exc.message}); "
            f"رابط پیام‌رسان پاسخ نمی‌دهد؛ {base_variable} و اتصال شبکه را بررسی کنید."
        ) from None
    # The set/delete methods are not probed (they would change the bot): they go with their get.
    found[Method.SET_MY_COMMANDS] = found[Method.DELETE_MY_COMMANDS] = found[Method.GET_MY_COMMANDS]
    found[Method.SET_CHAT_MENU_BUTTON] = found[Method.GET_CHAT_MENU_BUTTON]
    rows = [
        Row(m, found[m], "used" if found[m] else FALLBACK[m], "استفاده می‌شود" if found[m] else FALLBACK_FA[m])
        for m in Method
    ]
    caps = capabilities_of(messenger.platform)
    if caps.format_known:
        rows.append(
            Row("parse_mode=HTML", True, "formatted text (plain text if ever refused)", "متن قالب‌دار")
        )
    else:
        rows.append(
            Row(
                "parse_mode=HTML",
                None,
                "unknown until first send; if refused, plain text from then on",
                "تا اولین ارسال معلوم نیست؛ اگر پذیرفته نشود، از آن پس متن ساده",
            )
        )
    head = [f"messenger: {caps.name} (@{me.username}, id {me.id}) answered getMe", "پیام‌رسان: getMe پاسخ داد"]
    return head, rows


def table(rows: list[Row]) -> list[str]:
    width = max(len(r.method) for r in rows)
    mark = {True: "supported    ", False: "NOT supported", None: "unknown      "}
    return [f"{r.method:<{width}}  {mark[r.supported]}  {r.plan} | {r.plan_fa}" for r in rows]


async def doctor(config: Config) -> list[str]:
    """The report's lines; raises CannotRun (or ConfigError) when the bot cannot run."""
    try:
        chosen = config.messengers()
    except ConfigError as exc:
        raise CannotRun(str(exc)) from None
    names = " + ".join(m.platform for m in chosen)
    lines = [f"config: loaded (messengers: {names})", "پیکربندی: بارگذاری شد"]
    lines += await _database(config)
    for messenger in chosen:  # each configured messenger: getMe and a probe of every optional method
        head, rows = await _messenger(config, messenger)
        lines += [*head, "", *table(rows), ""]
    return [*lines, "the bot can run; ربات می‌تواند اجرا شود."]
