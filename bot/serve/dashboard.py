"""The read-only web dashboard's routes, mounted on the bot's web server (bot/serve/web.py) and on the
sandbox's own app: GET only, nothing on the page changes state.

/dashboard/open/<token> spends a one-time link from /admin → «🖥 داشبورد» and sets the session cookie
(HttpOnly, SameSite=Strict, path /dashboard); /dashboard/ is the page (?p=month|season|year), with
its charts, the programme .xlsx and the audit .xlsx under the same session. A reused, expired or
forged link, or a missing or stale session, gets the Persian refusal page (403/410), never the data.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.reports import programme as rp
from bot.reports import programme_charts
from bot.serve import dashboard_page as html
from bot.services.audit import export as audit_export
from bot.services.common.errors import DomainError, NotAllowed
from bot.services.common.spreadsheet import file_name
from bot.services.dashboard import access
from bot.services.dashboard import overview as ov
from bot.texts import audit as ta
from bot.texts import programme as tp

log = logging.getLogger("khooshe.dashboard")
PREFIX = "/dashboard"
COOKIE = "khooshe_dashboard"
FONTS = Path(__file__).resolve().parent.parent / "sandbox" / "static" / "fonts"  # the sandbox's Vazirmatn
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GONE = ("used", "expired")
T = TypeVar("T")


def link_url(base: str, token: str) -> str:
    """The one-time link the admin gets in the chat."""
    return f"{base.rstrip('/')}{PREFIX}/open/{token}"


def _headers(extra: dict[str, str] | None = None) -> dict[str, str]:
    headers = {
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'",
    }
    headers.update(extra or {})
    return headers


def refusal(reason: str) -> web.Response:
    status = 410 if reason in GONE else 403
    return web.Response(
        text=html.refusal_page(reason), status=status, content_type="text/html", headers=_headers()
    )


class Dashboard:
    """`sessionmaker` may be set after the routes are mounted (the sandbox starts the bot later)."""

    def __init__(
        self,
        configs: Callable[[str], Config],
        config: Config,
        sessionmaker: async_sessionmaker[AsyncSession] | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.configs = configs  # a messenger's config (its admin ids), by platform
        self.config = config  # labels for the page and the .xlsx
        self.sessionmaker = sessionmaker
        self.clock = clock or (lambda: datetime.now(UTC))

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get(f"{PREFIX}/open/{{token}}", self._open)
        app.router.add_get(f"{PREFIX}/", self._page)
        app.router.add_get(f"{PREFIX}/chart/{{n:\\d}}.png", self._chart)
        app.router.add_get(f"{PREFIX}/programme.xlsx", self._programme_xlsx)
        app.router.add_get(f"{PREFIX}/audit.xlsx", self._audit_xlsx)
        app.router.add_static(f"{PREFIX}/fonts/", FONTS)

    def _admin_ids(self, platform: str) -> frozenset[int]:
        return self.configs(platform).admin_ids

    async def _open(self, request: web.Request) -> web.StreamResponse:
        if self.sessionmaker is None:
            return web.Response(text=html.unavailable_page(), status=503, content_type="text/html")
        try:
            async with self.sessionmaker.begin() as session:
                cookie, admin = await access.open_link(
                    session, request.match_info["token"], self._admin_ids, now=self.clock()
                )
        except access.LinkRefused as exc:
            log.info("dashboard: a link was refused (%s) from %s", exc.code, request.remote)
            return refusal(exc.code)
        log.info("dashboard: %s admin %s opened a session", admin.platform, admin.user_id)
        response = web.Response(status=303, headers=_headers({"Location": f"{PREFIX}/"}))
        response.set_cookie(
            COOKIE,
            cookie,
            path=PREFIX,
            httponly=True,
            samesite="Strict",
            secure=request.secure or request.headers.get("X-Forwarded-Proto") == "https",
            max_age=int(access.MAX_SESSION.total_seconds()),
        )
        return response

    async def _in_session(
        self, request: web.Request, call: Callable[[AsyncSession, Any, datetime], Awaitable[T]]
    ) -> T | web.Response:
        """Run `call(session, identity, now)` for the cookie's admin, or answer with a refusal."""
        if self.sessionmaker is None:
            return web.Response(text=html.unavailable_page(), status=503, content_type="text/html")
        now = self.clock()
        try:
            async with self.sessionmaker.begin() as session:
                admin = await access.session_admin(
                    session, request.cookies.get(COOKIE), self._admin_ids, now=now
                )
            async with self.sessionmaker.begin() as session:
                return await call(session, access.identity(admin), now)
        except access.LinkRefused as exc:
            return refusal(exc.code)
        except NotAllowed:
            return refusal("not_admin")
        except DomainError:
            raise web.HTTPNotFound() from None

    def _kind(self, request: web.Request) -> str:
        kind = request.query.get("p", "month")
        if kind not in ov.PERIODS:
            raise web.HTTPNotFound()
        return kind

    async def _page(self, request: web.Request) -> web.Response:
        kind = self._kind(request)
        config = self.config

        async def call(session: AsyncSession, who: Any, now: datetime) -> web.Response:
            view = await ov.overview(session, who, self.configs(who.platform), kind, now=now)
            body = html.page(view, kind, programme_charts.count(view.report), config, now=now)
            return web.Response(text=body, content_type="text/html", headers=_headers())

        return await self._in_session(request, call)

    async def _chart(self, request: web.Request) -> web.Response:
        kind, index = self._kind(request), int(request.match_info["n"])

        async def call(session: AsyncSession, who: Any, now: datetime) -> web.Response:
            report = await ov.report(session, who, self.configs(who.platform), kind, now=now)
            charts = await asyncio.to_thread(programme_charts.charts, report)
            if index >= len(charts):
                raise web.HTTPNotFound()
            return web.Response(body=charts[index][1], content_type="image/png", headers=_headers())

        return await self._in_session(request, call)

    async def _programme_xlsx(self, request: web.Request) -> web.Response:
        kind = self._kind(request)

        async def call(session: AsyncSession, who: Any, now: datetime) -> web.Response:
            report = await ov.report(session, who, self.configs(who.platform), kind, now=now)
            data = await asyncio.to_thread(rp.workbook, report, self.config)
            period = f"{rp.jalali_text(report.period.first_day)} تا {rp.jalali_text(report.period.last_day)}"
            return _download(data, file_name(tp.XLSX_KIND, period, now, "xlsx"))

        return await self._in_session(request, call)

    async def _audit_xlsx(self, request: web.Request) -> web.Response:
        async def call(session: AsyncSession, who: Any, now: datetime) -> web.Response:
            entries = await ov.audit_export(session, who, self.configs(who.platform), now=now)
            labels = audit_export.Labels(
                ta.EXPORT_SHEET, ta.EXPORT_HEADERS, ta.ACTIONS, ta.KINDS, ta.COMMAND_LINE
            )
            data = await asyncio.to_thread(audit_export.to_xlsx, entries, labels)
            return _download(data, audit_export.file_name(ta.EXPORT_FILE, now))

        return await self._in_session(request, call)


def _download(data: bytes, name: str) -> web.Response:
    disposition = f"attachment; filename=\"dashboard.xlsx\"; filename*=UTF-8''{quote(name)}"
    return web.Response(body=data, content_type=XLSX, headers=_headers({"Content-Disposition": disposition}))
