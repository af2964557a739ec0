"""`khooshe run`: start the bot, the web server and webhook or long polling; stop cleanly on a signal.

Shaped like python-telegram-bot's own run_polling (run_until_complete the start-up, run_forever,
then the shutdown steps), so `Application.stop_running()` — used when a second poller is detected —
still stops the loop, and SIGTERM (docker stop, systemd) and SIGINT do the same.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import TYPE_CHECKING

from telegram import Update
from telegram.error import TelegramError

from bot.config import ConfigError
from bot.serve.settings import ServeSettings
from bot.serve.web import WebServer

if TYPE_CHECKING:
    from bot.app import KhoosheApp

log = logging.getLogger("khooshe.run")


class Service:
    """One Application (one messenger) plus the web server; `start()` and `stop()` for tests too."""

    def __init__(self, app: KhoosheApp, settings: ServeSettings) -> None:
        self.app = app
        self.settings = settings
        self.messenger = app.bot_data.config.platform
        self.web: WebServer | None = None

    async def start(self) -> None:
        app, settings = self.app, self.settings
        await app.initialize()  # getMe: a refused token raises InvalidToken here
        if app.post_init:
            await app.post_init(app)
        await app.start()
        listen = settings.listen
        if listen is not None:
            secret = settings.webhook_secret if settings.webhook else None
            self.web = WebServer({self.messenger: app}, listen, webhook_secret=secret)
            await self.web.start()
        if settings.webhook:
            url = settings.webhook_for(self.messenger)
            try:
                await app.bot.set_webhook(
                    url, secret_token=settings.webhook_secret, allowed_updates=Update.ALL_TYPES
                )
            except TelegramError as exc:  # e.g. "bad webhook: An HTTPS URL must be provided"
                raise ConfigError(f"{self.messenger} refused the webhook {url}: {exc.message}") from None
            log.info("%s: updates by webhook at %s", self.messenger, url)
            return
        assert app.updater is not None

        def polling_error(exc: TelegramError) -> None:  # as run_polling: errors reach the error handler
            app.create_task(app.process_error(error=exc, update=None))

        await app.updater.start_polling(
            allowed_updates=Update.ALL_TYPES,
            timeout=app.bot_data.config.polling_timeout,
            error_callback=polling_error,
        )
        log.info("%s: updates by long polling", self.messenger)

    async def stop(self) -> None:
        """Stop taking updates first, then finish the ones in hand, then close the database."""
        app = self.app
        if self.web is not None:
            await self.web.stop()
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


def run(app: KhoosheApp, settings: ServeSettings) -> None:
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
