"""The one web server `khooshe run` starts: webhooks (one path per messenger) and GET /healthz.

aiohttp, like the emulator and the sandbox: the updates a messenger POSTs go straight onto the
Application's update queue (python-telegram-bot's custom-webhook pattern), so one server in our hands
also answers /healthz and the read-only dashboard (bot/serve/dashboard.py) in both modes.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from aiohttp import web
from telegram import Update

from bot.config import ConfigError
from bot.serve.dashboard import Dashboard
from bot.serve.health import health_report
from bot.serve.settings import Listen

if TYPE_CHECKING:
    from bot.app import KhoosheApp

log = logging.getLogger("khooshe.web")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
REFUSAL_LOG_EVERY = 60.0  # seconds: refused requests are counted, not logged one by one


class WebServer:
    def __init__(
        self,
        apps: Mapping[str, KhoosheApp],
        listen: Listen,
        *,
        webhook_secret: str | None = None,
        dashboard: Dashboard | None = None,
    ) -> None:
        """`apps` maps a messenger's path (`telegram`) to its Application; no secret: no webhook routes."""
        self.apps = dict(apps)
        self.listen = listen
        self.secret = webhook_secret
        self.dashboard = dashboard
        self.refused = 0
        self._refusal_logged_at = 0.0
        self._runner: web.AppRunner | None = None
        self.port = listen.port

    @property
    def mode(self) -> str:
        return "webhook" if self.secret else "polling"

    def build(self) -> web.Application:
        server = web.Application(client_max_size=1024 * 1024)
        server.router.add_get("/healthz", self._healthz)
        if self.dashboard is not None:
            self.dashboard.add_routes(server)  # before the webhooks' catch-all POST /{messenger}
        if self.secret is not None:
            server.router.add_post("/{messenger}", self._webhook)
        return server

    async def start(self) -> None:
        runner = web.AppRunner(self.build(), access_log=None, shutdown_timeout=5.0)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.listen.host, self.listen.port).start()
        except OSError as exc:
            await runner.cleanup()
            what = "WEBHOOK_LISTEN" if self.secret else "HEALTH_LISTEN"
            raise ConfigError(f"cannot listen on {self.listen} ({exc.strerror}); check {what}.") from None
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        paths = ", ".join(f"/{name}" for name in self.apps) if self.secret else "none (polling)"
        log.info("web server on %s:%s: /healthz; webhooks: %s", self.listen.host, self.port, paths)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _healthz(self, request: web.Request) -> web.Response:
        healthy, report = await health_report(self.apps, self.mode)
        return web.json_response(report, status=200 if healthy else 503)

    async def _webhook(self, request: web.Request) -> web.Response:
        app = self.apps.get(request.match_info["messenger"])
        if app is None:
            raise web.HTTPNotFound()
        given = request.headers.get(SECRET_HEADER, "")
        if self.secret is None or not hmac.compare_digest(given.encode(), self.secret.encode()):
            self._count_refusal(request)
            raise web.HTTPForbidden()
        try:
            update = Update.de_json(await request.json(), app.bot)
        except (ValueError, TypeError, KeyError, json.JSONDecodeError):
            log.warning("webhook %s: a body that is not an update was ignored", request.path)
            raise web.HTTPBadRequest() from None
        await app.update_queue.put(update)
        return web.Response(text="ok")

    def _count_refusal(self, request: web.Request) -> None:
        self.refused += 1
        now = time.monotonic()
        if now - self._refusal_logged_at >= REFUSAL_LOG_EVERY:
            self._refusal_logged_at = now
            log.warning(
                "webhook %s: refused a request without the right secret from %s (%d so far)",
                request.path,
                request.remote,
                self.refused,
            )
