"""Composition root: the one place that wires config, database, Telegram and handlers together."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes, Defaults

from bot import links, messengers, texts
from bot.config import Config
from bot.context import BotData, KhoosheContext
from bot.db import create_engine, create_sessionmaker
from bot.delivery import files
from bot.delivery.engine import DeliveryEngine
from bot.delivery.files import FileBridge
from bot.error_notices import ErrorNotices
from bot.messengers import Method
from bot.pacing import Pacer
from bot.send import optional, send_text
from bot.services.broadcasts import digest
from bot.services.common.admins import list_admins
from bot.update_processor import PerChatUpdateProcessor
from handlers.admin import admin_commands, member_commands
from handlers.registry import feature_set, register_handlers

log = logging.getLogger(__name__)
KhoosheApp = Application[Any, KhoosheContext, Any, Any, BotData, Any]


def build_application(
    config: Config, *, engine: AsyncEngine | None = None, clock: Callable[[], datetime] | None = None
) -> KhoosheApp:
    """Build the Application for production, the sandbox and tests alike (tests pass the emulator's URL)."""
    token = config.require_token()
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # opt in to PTB 23's timedelta durations (RetryAfter)
    engine = engine or create_engine(config.database_url)
    b = config.broadcasting
    builder = (
        Application.builder()
        .token(token)
        .context_types(ContextTypes(context=KhoosheContext, bot_data=BotData))
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=config.timezone))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .concurrent_updates(
            processor := PerChatUpdateProcessor(config.max_concurrent_updates, burst_limit=config.burst_limit)
        )
        .rate_limiter(
            pacer := Pacer(overall_per_second=b.overall_per_second, bulk_per_second=b.bulk_per_second)
        )
    )
    if config.base_url:
        builder = builder.base_url(config.base_url)
    if config.base_file_url:
        builder = builder.base_file_url(config.base_file_url)
    app: KhoosheApp = builder.build()
    app.bot_data.config = config
    messengers.attach(app.bot.base_url, config.platform)  # what the messenger can do: bot/send.py reads it
    app.bot_data.sessionmaker = create_sessionmaker(engine)
    app.bot_data.engine = engine
    app.bot_data.pacer = pacer
    app.bot_data.delivery = DeliveryEngine()
    app.bot_data.error_notices = ErrorNotices()
    if clock is not None:
        app.bot_data.clock = clock
    app.bot_data.peers = {config.platform: app}
    app.bot_data.files = FileBridge()
    app.bot_data.features = features = feature_set()
    register_handlers(app, features)
    digest.SOURCES[:] = features.digest_sources  # features with dated events feed the weekly digest
    processor.on_flood = lambda update: _ask_to_slow_down(app, update)
    return app


def build_applications(
    config: Config, *, engine: AsyncEngine | None = None, clock: Callable[[], datetime] | None = None
) -> list[KhoosheApp]:
    """One Application per configured messenger (BOT_TOKEN, BALE_BOT_TOKEN), sharing one database.

    Each sees the configuration as its own messenger's (token, endpoint, admins) and all of them in
    `config.platforms`; the first is the primary: its engine runs the scheduled jobs."""
    chosen = config.messengers()
    running = tuple(m.platform for m in chosen)
    engine = engine or create_engine(config.database_url)
    apps = [build_application(config.for_messenger(m, running), engine=engine, clock=clock) for m in chosen]
    peers = {app.bot_data.config.platform: app for app in apps}
    files.register_peers([app.bot for app in apps])
    for app in apps:
        app.bot_data.peers = peers
        app.bot_data.files = apps[0].bot_data.files
    if len(apps) > 1:  # the engine is shared: only the last Application to stop may close it
        for app in apps[:-1]:
            app.bot_data.owns_engine = False
    return apps


async def _ask_to_slow_down(app: KhoosheApp, update: Update) -> None:
    chat = update.effective_chat
    if chat is not None:
        await send_text(app.bot, chat.id, texts.SLOW_DOWN)


async def _post_init(app: KhoosheApp) -> None:
    """Persian command menus: members see the default list, admins theirs in their own chat; the bot's
    username goes to bot/links.py, so admin cards show its `?start=` links.

    A messenger without command menus (Bale) is no reason not to start: `optional` logs it once."""
    data = app.bot_data
    data.started_at = time.monotonic()
    data.delivery.attach(app)
    bot = app.bot
    links.register(bot.base_url, data.config.platform, bot.username)  # getMe ran in initialize()
    menus = Method.SET_MY_COMMANDS
    if not await optional(
        bot, menus, lambda: bot.set_my_commands(member_commands(), BotCommandScopeDefault())
    ):
        return
    async with data.sessionmaker() as session:
        admins = await list_admins(session, platform=data.config.platform, config_ids=data.config.admin_ids)
    for admin_id, _ in admins:
        try:
            await optional(
                bot, menus, partial(bot.set_my_commands, admin_commands(), BotCommandScopeChat(admin_id))
            )
        except TelegramError as exc:  # an admin who never opened the bot has no chat yet
            log.warning("admin %s: command menu not set (%s)", admin_id, exc)


async def _post_shutdown(app: KhoosheApp) -> None:
    """Hand this process's unsent claims back, then close the database."""
    try:
        await app.bot_data.delivery.stop()
    except Exception:  # a database outage at shutdown: the claims come back after their lease
        log.exception("could not hand back the claimed deliveries on stop")
    messengers.detach(app.bot.base_url)
    links.forget(app.bot.base_url)
    files.forget(app.bot)
    if app.bot_data.owns_engine:
        await app.bot_data.engine.dispose()
