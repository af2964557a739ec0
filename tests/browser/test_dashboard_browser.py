"""The web dashboard in a real browser at phone size (Debian's Chromium through Playwright, as for the
sandbox): the CDA asks for a link in the sandbox chat, opens it, sees the members' number and a chart,
downloads the programme .xlsx, and a reused, expired and forged link each get the refusal page."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from bot.config import Config
from bot.db import create_engine, create_sessionmaker
from bot.persian import format_number
from bot.sandbox.demo_data import CDA_USER_ID
from bot.sandbox.runner import Sandbox
from bot.texts import dashboard as t
from models import Member
from tests.browser.test_sandbox_browser import PHONE, TIMEOUT_MS, ChatTab, _browser_or_skip, launch

LINK = re.compile(r"http://127\.0\.0\.1:\d+/dashboard/open/[A-Za-z0-9_-]+")
SCREENSHOT = Path("/tmp/dashboard-phone.png")


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def clock() -> Clock:
    return Clock()


@pytest.fixture
async def sandbox(config: Config, tmp_path: Path, clock: Clock) -> AsyncIterator[Sandbox]:
    async with Sandbox(config, db_path=tmp_path / "sandbox.sqlite3", port=0, clock=clock) as running:
        yield running


async def members_in(sandbox: Sandbox) -> int:
    engine = create_engine(sandbox.config.database_url)
    try:
        async with create_sessionmaker(engine)() as s:
            return int((await s.execute(select(func.count(Member.id)))).scalar_one())
    finally:
        await engine.dispose()


async def ask_for_link(cda: ChatTab, sandbox: Sandbox) -> str:
    await cda.send("/admin")
    await cda.press(t.BTN_ADMIN_DASHBOARD)
    await cda.sees("۱۵ دقیقه")
    text = await cda.page.locator("#messages .msg.bot").last.inner_text()
    found = LINK.search(text)
    assert found is not None, text
    assert found.group(0).startswith(sandbox.emu.url)
    return found.group(0)


async def refused_with(page: Any, url: str, status: int, reason: str) -> None:
    response = await page.goto(url)
    assert response is not None and response.status == status
    assert t.REFUSED[reason] in await page.locator("#refused").inner_text()
    assert await page.locator("#n-members_total").count() == 0


async def test_the_cda_opens_the_dashboard_on_a_phone_and_old_links_are_refused(
    sandbox: Sandbox, clock: Clock
) -> None:
    api = _browser_or_skip()
    expected_members = format_number(await members_in(sandbox))
    async with api.async_playwright() as pw:
        browser, context = await launch(api, pw)
        try:
            errors: list[str] = []
            chat = await context.new_page()
            await chat.goto(f"{sandbox.url}#u={CDA_USER_ID}")
            cda = ChatTab(chat, api.expect)
            link = await ask_for_link(cda, sandbox)

            page = await context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            response = await page.goto(link)  # 303 to /dashboard/ with the session cookie
            assert response is not None and response.status == 200 and page.url.endswith("/dashboard/")
            assert await page.evaluate("document.documentElement.dir") == "rtl"
            total = page.locator("#n-members_total b")
            await api.expect(total).to_have_text(expected_members)
            chart = page.locator("#chart-0")
            await chart.scroll_into_view_if_needed()
            await api.expect(chart).to_be_visible()
            await page.wait_for_function("document.querySelector('#chart-0').complete")
            assert await chart.evaluate("img => img.naturalWidth") > 300
            # one column at phone width: nothing wider than the screen
            assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            await page.evaluate("document.fonts.ready")
            assert await page.evaluate("document.fonts.check('16px Vazirmatn')")
            await page.screenshot(path=str(SCREENSHOT), full_page=True)

            async with page.expect_download() as download_info:
                await page.click("#dl-programme")
            download = await download_info.value
            assert download.suggested_filename.endswith(".xlsx")
            book = openpyxl.load_workbook(io.BytesIO(Path(await download.path()).read_bytes()))
            assert book.active is not None and book.active.sheet_view.rightToLeft

            fresh = await context.browser.new_context(viewport=PHONE, locale="fa-IR")  # no cookie
            fresh.set_default_timeout(TIMEOUT_MS)
            other = await fresh.new_page()
            await refused_with(other, link, 410, "used")
            await refused_with(
                other, link[:-3] + ("xyz" if not link.endswith("xyz") else "abc"), 403, "forged"
            )
            late = await ask_for_link(cda, sandbox)
            clock.now += timedelta(minutes=16)
            await refused_with(other, late, 410, "expired")
            await fresh.close()
            assert errors == []
        finally:
            await browser.close()
