"""`khooshe run`: start the bot, the web server and webhook or long polling; stop cleanly on a signal.

Shaped like python-telegram-bot's own run_polling (run_until_complete the start-up, run_forever,
then the shutdown steps), so `Application.stop_running()` — used when a second poller is detected —
still stops the loop, and SIGTERM (docker stop, systemd) and SIGINT do the same.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Sequence
from typing import TYPE_CHECKING

from telegram import Update
from telegram.error import InvalidToken, TelegramError

from bot.config import ConfigError
from bot.serve.dashboard import Dashboard
from bot.serve.settings import ServeSettings
from bot.serve.web import WebServer
from models.enums import Platform

if TYPE_CHECKING:
    from bot.app import KhoosheApp

log = logging.getLogger("khooshe.run")


def token_refused(platform: str) -> str:
    """One line for an operator: which token the messenger refused (never the token itself)."""
    bale = platform == Platform.BALE
    variable = "BALE_BOT_TOKEN" if bale else "BOT_TOKEN"
    name = "بله" if bale else "تلگرام"
    return (
        f"the {platform} messenger refused {variable} (check it with its @BotFather). "
        f"پیام‌رسان توکن ربات را نپذیرفت ({name}، {variable})؛ آن را بررسی کنید."
    )


def dashboard_of(apps: Sequence[KhoosheApp]) -> Dashboard:
    """The dashboard over the apps' one database; a link's admin is checked against its own messenger."""
    first = apps[0].bot_data
    configs = {app.bot_data.config.platform: app.bot_data.config for app in apps}
    return Dashboard(
        lambda p: configs.get(p, first.config), first.config, first.sessionmaker, clock=first.clock
    )


class Service:
    """The Applications (one per messenger, one database) plus the web server; `start()`/`stop()` for tests.

    Every messenger starts before the web server opens, so a webhook never reaches an Application that is
    not running; each takes updates by webhook (its own path) or by long polling."""

    def __init__(self, apps: KhoosheApp | Sequence[KhoosheApp], settings: ServeSettings) -> None:
        self.apps = [apps] if not isinstance(apps, Sequence) else list(apps)
        self.app = self.apps[0]
        self.settings = settings
        self.web: WebServer | None = None

    async def start(self) -> None:
        settings = self.settings
        for app in self.apps:
            try:
                await app.initialize()  # getMe: a refused token raises InvalidToken here
            except InvalidToken:  # PTB's message quotes the whole token: never print it
                raise ConfigError(token_refused(app.bot_data.config.platform)) from None
            if app.post_init:
                await app.post_init(app)
            await app.start()
        listen = settings.listen
        if listen is not None:
            secret = settings.webhook_secret if settings.webhook else None
            by_messenger = {app.bot_data.config.platform: app for app in self.apps}
            self.web = WebServer(
                by_messenger, listen, webhook_secret=secret, dashboard=dashboard_of(self.apps)
            )
            await self.web.start()
        for app in self.apps:
            await self._take_updates(app)

    async def _take_updates(self, app: KhoosheApp) -> None:
        settings, messenger = self.settings, app.bot_data.config.platform
        if settings.webhook:
            url = settings.webhook_for(messenger)
            try:
                await app.bot.set_webhook(
                    url, secret_token=settings.webhook_secret, allowed_updates=Update.ALL_TYPES
                )
            except TelegramError as exc:  # e.g. "bad webhook: An HTTPS URL must be provided"
                raise ConfigError(f"{messenger} refused the webhook {url}: {exc.message}") from None
            log.info("%s: updates by webhook at %s", messenger, url)
            return
        assert app.updater is not None

        def polling_error(exc: TelegramError) -> None:  # as run_polling: errors reach the error handler
            app.create_task(app.process_error(error=exc, update=None))

        await app.updater.start_polling(
            allowed_updates=Update.ALL_TYPES,
            timeout=app.bot_data.config.polling_timeout,
            error_callback=polling_error,
        )
        log.info("%s: updates by long polling", messenger)

    async def stop(self) -> None:
        """Stop taking updates first, then finish the ones in hand, then close the database."""
        if self.web is not None:
            await self.web.stop()
        for app in self.apps:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
        for app in self.apps:
            if app.running:
                await app.stop()
            await app.shutdown()
            if app.post_shutdown:
                await app.post_shutdown(app)


def run(app: KhoosheApp | Sequence[KhoosheApp], settings: ServeSettings) -> None:
    """Serve until SIGTERM/SIGINT or `app.stop_running()`; start-up errors propagate after clean-up."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    service = Service(app, settings)

    def on_signal(sig: signal.Signals) -> None:
        log.info("%s: stopping", sig.name)
        loop.stop()

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, on_signal, sig)
    try:
        loop.run_until_complete(service.start())
        loop.run_forever()
    finally:
        try:
            loop.run_until_complete(service.stop())
        finally:
            loop.close()
            asyncio.set_event_loop(None)
    log.info("stopped")
