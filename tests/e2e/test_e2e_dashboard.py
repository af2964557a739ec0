"""The web dashboard over real HTTP: the CDA presses «🖥 داشبورد» in /admin and gets a one-time link; a
browser (aiohttp's client with a cookie jar) opens it, gets an HttpOnly SameSite=Strict session cookie,
sees the numbers, a chart and both .xlsx files; a reused, expired or forged link and a missing or idle
session get the Persian refusal page, never the data."""

from __future__ import annotations

import dataclasses
import io
import re
import socket
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.local_run import BotUnderTest
from bot.serve.runner import dashboard_of
from bot.serve.settings import Listen
from bot.serve.web import WebServer
from bot.texts import dashboard as t
from models import Consortium, DashboardLink, Event, Need, Seat
from tests.e2e_support import Clock, bot_on, replied_after
from tests.factories import NOW, add_member

ADMIN_ID = 9000
COURSE = "کشت بدون خاک"
NEED = "سامانهٔ آبیاری هوشمند"
CONSORTIUM = "گل‌های صادراتی محلات"
LINK = re.compile(r"http://127\.0\.0\.1:\d+/dashboard/open/[A-Za-z0-9_-]+")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclasses.dataclass
class Served:
    bot: BotUnderTest
    base: str
    clock: Clock


@pytest.fixture
async def served(engine: AsyncEngine, config: Config) -> AsyncIterator[Served]:
    """The bot against the emulator plus its web server (as `khooshe run` mounts the dashboard)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    clock = Clock()
    async with bot_on(engine, dataclasses.replace(config, dashboard_url=base), clock) as bot:
        assert bot.app is not None
        web = WebServer({}, Listen("127.0.0.1", port), dashboard=dashboard_of([bot.app]))
        await web.start()
        try:
            yield Served(bot, base, clock)
        finally:
            await web.stop()


async def seed(engine: AsyncEngine) -> None:
    """The admin, two growers on a course that started three days ago, a need and a consortium."""
    async with create_sessionmaker(engine).begin() as s:
        await add_member(s, ADMIN_ID)
        members = [await add_member(s, uid) for uid in (501, 502)]
        course = Event(
            kind="course", status="published", title=COURSE, starts_at=NOW - timedelta(days=3), capacity=10,
            segment={}, created_by=ADMIN_ID, created_at=NOW, updated_at=NOW,
        )  # fmt: skip
        s.add(course)
        await s.flush()
        for m in members:
            s.add(
                Seat(
                    event_id=course.id, member_id=m.id, status="registered", queued_at=NOW, attended=True,
                    created_at=NOW, updated_at=NOW,
                )
            )  # fmt: skip
        s.add(
            Need(
                title=NEED, category="cut_flower", status="searching", published=True, created_by=ADMIN_ID,
                created_at=NOW - timedelta(days=1), updated_at=NOW,
            )
        )  # fmt: skip
        s.add(
            Consortium(
                name=CONSORTIUM, market="iraq", focus="cut_flower", stage="forming", created_by=ADMIN_ID,
                created_at=NOW - timedelta(days=1), updated_at=NOW,
            )
        )  # fmt: skip


async def ask_link(served: Served) -> str:
    admin = served.bot.emu.user(ADMIN_ID, first_name="مریم")
    await admin.send_command("/admin")
    panel = await admin.next_message()
    assert t.BTN_ADMIN_DASHBOARD in panel.button_texts
    await admin.press(t.BTN_ADMIN_DASHBOARD)
    message = await admin.next_message()
    found = LINK.search(message.plain_text)
    assert found is not None and "۱۵ دقیقه" in message.plain_text, message.plain_text
    assert found.group(0).startswith(served.base)
    return found.group(0)


def client() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))  # cookies for 127.0.0.1


async def test_the_cda_opens_the_dashboard_once_and_downloads_the_exports(
    served: Served, engine: AsyncEngine
) -> None:
    await seed(engine)
    link = await ask_link(served)
    base = served.base
    async with client() as browser:
        async with browser.get(link, allow_redirects=False) as opened:
            assert opened.status == 303 and opened.headers["Location"] == "/dashboard/"
            cookie = opened.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/dashboard" in cookie
            assert opened.headers["Referrer-Policy"] == "no-referrer"
        async with browser.get(f"{base}/dashboard/") as page:
            assert page.status == 200
            body = await page.text()
        assert 'dir="rtl"' in body and 'name="viewport"' in body
        assert '<div class="card" id="n-courses_held"><b>۱</b>' in body
        assert '<div class="card" id="n-course_seats"><b>۲</b>' in body
        assert '<div class="card" id="n-members_total"><b>۳</b>' in body
        for text in (COURSE, NEED, CONSORTIUM, "۲ نفر"):
            assert text in body
        assert "<form" not in body  # nothing on the page writes
        assert 'src="/dashboard/chart/0.png?p=month"' in body
        async with browser.get(f"{base}/dashboard/chart/0.png?p=month") as chart:
            assert chart.status == 200 and chart.content_type == "image/png"
            assert (await chart.read()).startswith(b"\x89PNG")
        async with browser.get(f"{base}/dashboard/programme.xlsx?p=month") as xlsx:
            assert xlsx.status == 200 and "attachment" in xlsx.headers["Content-Disposition"]
            book = openpyxl.load_workbook(io.BytesIO(await xlsx.read()))
        assert any(COURSE in str(c.value) for sheet in book for row in sheet.iter_rows() for c in row)
        async with browser.get(f"{base}/dashboard/audit.xlsx") as xlsx:
            assert xlsx.status == 200
            audit = openpyxl.load_workbook(io.BytesIO(await xlsx.read())).active
        assert audit is not None and audit.max_row >= 2  # the header and this export itself
        async with browser.get(f"{base}/dashboard/?p=year") as year:
            assert year.status == 200 and 'class="on">امسال' in await year.text()
        async with browser.post(f"{base}/dashboard/") as post:
            assert post.status == 405

        # idle for 30 minutes: the session is over
        served.clock.now += timedelta(minutes=30)
        async with browser.get(f"{base}/dashboard/") as stale:
            assert stale.status == 410 and COURSE not in await stale.text()

    async with client() as other:  # the same link a second time
        async with other.get(link) as again:
            text = await again.text()
            assert again.status == 410 and t.REFUSED["used"] in text and COURSE not in text
        async with other.get(f"{base}/dashboard/") as no_cookie:
            assert no_cookie.status == 403 and COURSE not in await no_cookie.text()
        for path in ("/dashboard/chart/0.png", "/dashboard/programme.xlsx", "/dashboard/audit.xlsx"):
            async with other.get(base + path) as refused:
                assert refused.status == 403 and refused.content_type == "text/html"


async def test_expired_and_forged_links_are_refused(served: Served, engine: AsyncEngine) -> None:
    await seed(engine)
    link = await ask_link(served)
    served.clock.now += timedelta(minutes=15)
    async with client() as browser:
        async with browser.get(link) as late:
            text = await late.text()
            assert late.status == 410 and t.REFUSED["expired"] in text and COURSE not in text
        forged = link[:-4] + ("AAAA" if not link.endswith("AAAA") else "BBBB")
        async with browser.get(forged) as bad:
            text = await bad.text()
            assert bad.status == 403 and t.REFUSED["forged"] in text
        assert len(browser.cookie_jar) == 0  # no session was started


async def test_a_member_pressing_the_admin_button_gets_no_link(served: Served, engine: AsyncEngine) -> None:
    await seed(engine)
    intruder = served.bot.emu.user(501)
    await intruder.send_command("/help")
    await intruder.next_message()
    await intruder.press_raw(1, "adm:dashboard:")
    assert (await intruder.answer()).get("text") == texts.ERRORS["stale"]
    await replied_after(intruder)
    assert not any(LINK.search(m.plain_text) for m in intruder.messages)
    async with create_sessionmaker(engine)() as s:
        assert (await s.execute(select(func.count(DashboardLink.id)))).scalar_one() == 0
