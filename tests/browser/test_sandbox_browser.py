"""The sandbox in a real browser (Debian's /usr/bin/chromium driven by Playwright; nothing downloads one).

A new grower registers, signs up for a course and answers two questions of the seeded
technology-needs survey in one tab; the CDA, in another, sends a broadcast that the grower's tab
then shows. A demo member and the CDA open where a returning user would be, with their keyboards; a
typed command reads left to right; a tab left open across a restart carries on. Locally the tests
skip (with the reason) when Chromium or Playwright is missing; under CI (`CI=true`) they fail
instead, so they can never be skipped there.
"""

from __future__ import annotations

import asyncio
import base64
import io
import os
import re
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from bot import texts
from bot.config import Config
from bot.db import create_engine, create_sessionmaker
from bot.persian import to_persian_digits
from bot.sandbox.demo_data import CDA_USER_ID, COURSES, demo_members
from bot.sandbox.runner import Sandbox
from bot.services.surveys.admin import shipped_definition
from bot.texts import broadcast as tb
from bot.texts import course_admin as tca
from bot.texts import courses as tc
from bot.texts import delivery as td
from bot.texts import surveys as tsv
from models import Account, Broadcast, SurveyAnswer, SurveyResponse

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000
OPEN_COURSE = COURSES[1]  # has free seats
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _browser_or_skip() -> Any:
    """Playwright's async API, or a skip (locally) / failure (CI) saying what is missing."""
    problem = None
    try:
        from playwright import async_api
    except ImportError:
        problem = "playwright is not installed (pip install -e '.[dev]')"
    if problem is None and not CHROMIUM.exists():
        problem = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if problem is None:
        return async_api
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser test cannot run under CI: {problem}")
    print(f"skipping the browser test: {problem}")
    pytest.skip(problem)


class ChatTab:
    """One browser tab as one persona: what a person does on the page, and what they should see."""

    def __init__(self, page: Any, expect: Any) -> None:
        self.page = page
        self.expect = expect

    def inline(self, text: str, *, exact: bool = True) -> Any:
        buttons = self.page.locator("#messages .ibtn")
        if exact:
            return buttons.filter(has_text=re.compile(f"^{re.escape(text)}$")).last
        return buttons.filter(has_text=text).last

    async def press(self, text: str, *, exact: bool = True) -> None:
        button = self.inline(text, exact=exact)
        await self.expect(button).to_be_visible()
        await button.click()

    async def press_key(self, text: str) -> None:
        """A reply-keyboard button under the composer."""
        button = self.page.locator("#reply-kb .kbtn").filter(has_text=re.compile(f"^{re.escape(text)}$"))
        await self.expect(button).to_be_visible()
        await button.click()

    async def send(self, text: str) -> None:
        await self.page.fill("#text", text)
        await self.page.press("#text", "Enter")

    async def sees(self, text: str) -> None:
        """The bot's latest messages contain `text` (waits for it)."""
        await self.expect(self.page.locator("#messages .msg.bot").last).to_contain_text(text)

    async def dismiss_alert(self, text: str) -> None:
        """A button's show_alert answer pops up as a dialog with «باشه»."""
        await self.expect(self.page.locator("#alert-text")).to_contain_text(text)
        await self.page.click("#alert-ok")

    async def sees_toast(self, text: str) -> None:
        """A button's plain answer shows briefly as a toast; no dialog to dismiss."""
        await self.expect(self.page.locator("#toast")).to_contain_text(text)
        await self.expect(self.page.locator("#alert")).to_be_hidden()

    async def sees_somewhere(self, text: str) -> None:
        await self.expect(self.page.locator("#messages")).to_contain_text(text)


# -- the grower's steps; a feature adds its own (e.g. #6: answer two survey questions) ----------
async def register_as_new_grower(tab: ChatTab) -> None:
    await tab.page.click("#start-btn")
    await tab.sees(texts.ASK_FULL_NAME)
    await tab.send("نرگس یزدانی")
    await tab.press_key(texts.BTN_SHARE_PHONE)  # shares the visitor's own contact
    await tab.press("تولیدکننده (گلخانه‌دار)")
    await tab.press("گل شاخه‌بریده")
    await tab.expect(tab.inline("✅ گل شاخه‌بریده")).to_be_visible()  # the same message, edited in place
    await tab.press(texts.BTN_CATEGORIES_DONE)
    await tab.press("محلات")
    await tab.sees(texts.ASK_AREA)
    await tab.send("۱٬۲۰۰")
    await tab.sees("۱٬۲۰۰ متر مربع")
    await tab.press(texts.BTN_CONFIRM)
    await tab.sees_somewhere(texts.REGISTERED.split("\n")[0])


async def sign_up_for_a_course(tab: ChatTab) -> None:
    await tab.press_key(texts.BTN_COURSES)
    await tab.press(OPEN_COURSE.title[:20], exact=False)
    await tab.press(tc.BTN_ENROLL)
    await tab.sees_toast(tc.ENROLLED.format(title=OPEN_COURSE.title)[:30])  # the button's answer
    await tab.sees(tc.MINE_REGISTERED.strip())  # the course card, edited in place


SURVEY = shipped_definition()
GREENHOUSE, AREA, LIMITS = SURVEY.questions[:3]  # single choice; optional number; multiple choice
SURVEY_ANSWERS = {(GREENHOUSE.key, GREENHOUSE.choices[1].key), (LIMITS.key, LIMITS.choices[0].key)}


async def answer_two_survey_questions(tab: ChatTab) -> None:
    """«📝 نظرسنجی‌ها» → start the seeded survey; one tap on the first question, «رد شدن» on the optional
    number, ✅ (the question edited in place) and «ثبت» on the multiple-choice one."""
    await tab.press_key(texts.BTN_SURVEYS)
    await tab.sees(SURVEY.title)  # a grower also finds the readiness self-check there: start this one
    await tab.press(tsv.BTN_MY_START.format(title=SURVEY.title[:20]), exact=False)
    await tab.sees("سؤال ۱ از")
    await tab.press(GREENHOUSE.choices[1].text)
    await tab.sees("سؤال ۲ از")
    await tab.sees(AREA.text)
    await tab.press(tsv.BTN_SKIP)
    await tab.sees("سؤال ۳ از")
    await tab.press(LIMITS.choices[0].text)
    await tab.expect(tab.inline(f"✅ {LIMITS.choices[0].text}")).to_be_visible()
    await tab.press(tsv.BTN_SUBMIT)
    await tab.sees("سؤال ۴ از")


GROWER_STEPS: list[Callable[[ChatTab], Awaitable[None]]] = [
    register_as_new_grower,
    sign_up_for_a_course,
    answer_two_survey_questions,
]


async def stored_survey_answers(sandbox: Sandbox, user_id: int) -> set[tuple[str, str | None]]:
    """The grower's answers as the sandbox's database holds them."""
    engine = create_engine(sandbox.config.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            stmt = (
                select(SurveyAnswer.question, SurveyAnswer.choice)
                .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
                .join(Account, Account.member_id == SurveyResponse.member_id)
                .where(Account.user_id == user_id)
            )
            return {(q, c) for q, c in (await session.execute(stmt)).all()}
    finally:
        await engine.dispose()


async def broadcast_id_of(sandbox: Sandbox, text: str) -> int:
    """The id of the broadcast carrying `text` (the seeders make their own broadcasts before it)."""
    engine = create_engine(sandbox.config.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            stmt = select(Broadcast.id).where(Broadcast.text_html.contains(text))
            return int((await session.execute(stmt)).scalar_one())
    finally:
        await engine.dispose()


async def seeded_broadcasts_delivered(sandbox: Sandbox, timeout: float = 60.0) -> None:
    """Wait until the seeders' broadcasts (the survey and self-check invitations) have gone out, so
    switches turned on afterwards meet only what the test sends itself."""
    engine = create_engine(sandbox.config.database_url)
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        stmt = (
            select(func.count()).select_from(Broadcast).where(Broadcast.status.in_(("scheduled", "running")))
        )
        while True:
            async with create_sessionmaker(engine)() as session:
                if int((await session.execute(stmt)).scalar_one()) == 0:
                    return
            assert asyncio.get_running_loop().time() < deadline, "the seeded broadcasts did not go out"
            await asyncio.sleep(0.2)
    finally:
        await engine.dispose()


async def send_broadcast_as_cda(tab: ChatTab, text: str) -> None:
    await tab.send("/admin")
    await tab.press(texts.BTN_ADMIN_BROADCAST)
    await tab.sees("پیام همگانی جدید")
    await tab.send(text)
    await tab.press(tb.BTN_BCAST_NO_BUTTONS)
    await tab.press(tb.BTN_BCAST_NEXT)
    await tab.press(tb.BTN_BCAST_SEND_NOW)


async def download_the_roster(tab: ChatTab, course_title: str) -> bytes:
    """The CDA opens the course card and downloads its .xlsx roster from the document bubble."""
    await tab.send("/admin")
    await tab.press(tca.BTN_ADMIN_COURSES)
    await tab.press(course_title[:20], exact=False)
    await tab.press(tca.BTN_XLSX)
    link = tab.page.locator("#messages .msg.bot .file").last
    await tab.expect(link).to_contain_text(".xlsx")
    async with tab.page.expect_download() as download_info:
        await link.click()
    download = await download_info.value
    return Path(await download.path()).read_bytes()


async def send_a_photo(tab: ChatTab) -> None:
    """📎 with an image: it shows as a picture in the person's own bubble, the caption under it."""
    await tab.page.fill("#text", "گلخانهٔ ما")
    await tab.page.set_input_files(
        "#file-input", files=[{"name": "g.png", "mimeType": "image/png", "buffer": PNG}]
    )
    image = tab.page.locator("#messages .msg.me img.photo").last
    await tab.expect(image).to_be_visible()
    assert await image.evaluate("img => img.complete && img.naturalWidth") == 1


# the rendered order of a bubble's first two characters: «/admin» has its slash on the left
FIRST_TWO_LEFT_TO_RIGHT = """el => {
  const text = el.firstChild, range = document.createRange();
  const left = (i) => {
    range.setStart(text, i);
    range.setEnd(text, i + 1);
    return range.getBoundingClientRect().left;
  };
  return left(0) < left(1);
}"""


async def launch(api: Any, pw: Any) -> tuple[Any, Any]:
    browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
    context = await browser.new_context(viewport=PHONE, locale="fa-IR")
    context.set_default_timeout(TIMEOUT_MS)
    return browser, context


@pytest.fixture
async def sandbox(config: Config, tmp_path: Path) -> AsyncIterator[Sandbox]:
    async with Sandbox(config, db_path=tmp_path / "sandbox.sqlite3", port=0) as running:
        yield running


async def test_grower_registers_signs_up_sees_the_cdas_broadcast_and_the_cda_downloads_the_roster(
    sandbox: Sandbox,
) -> None:
    api = _browser_or_skip()
    async with api.async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            context = await browser.new_context(viewport=PHONE, locale="fa-IR")
            context.set_default_timeout(TIMEOUT_MS)
            errors: list[str] = []
            grower_page = await context.new_page()
            grower_page.on("pageerror", lambda e: errors.append(str(e)))
            await grower_page.goto(sandbox.url)
            await grower_page.click("#new-visitor")  # a fresh visitor id, in the URL of this tab
            grower = ChatTab(grower_page, api.expect)
            assert await grower_page.evaluate("document.documentElement.dir") == "rtl"
            for step in GROWER_STEPS:
                await step(grower)
            grower_id = int(re.search(r"u=(\d+)", grower_page.url).group(1))  # type: ignore[union-attr]
            assert await stored_survey_answers(sandbox, grower_id) == SURVEY_ANSWERS

            cda_page = await context.new_page()  # a second tab, another persona
            await cda_page.goto(f"{sandbox.url}#u={CDA_USER_ID}")
            cda = ChatTab(cda_page, api.expect)
            await send_broadcast_as_cda(cda, "جلسهٔ شورای راهبری خوشه، شنبه ساعت ۱۰ در محلات")
            await grower.sees("جلسهٔ شورای راهبری خوشه")
            # the progress message, edited in place (the seeders' broadcasts came before it)
            number = to_persian_digits(await broadcast_id_of(sandbox, "جلسهٔ شورای راهبری خوشه"))
            await cda.sees_somewhere(td.PROGRESS_DONE.format(id=number, done="", total="").split(" (")[0])
            roster = await download_the_roster(cda, OPEN_COURSE.title)
            sheet = openpyxl.load_workbook(io.BytesIO(roster)).active
            assert sheet is not None and sheet.sheet_view.rightToLeft
            assert "نرگس یزدانی" in {str(c.value) for row in sheet.iter_rows() for c in row}
            await send_a_photo(grower)
            assert await grower_page.evaluate("document.fonts.check('16px Vazirmatn')")
            assert errors == []
        finally:
            await browser.close()


async def test_realism_switches_on_the_page_show_up_in_the_delivery_report(sandbox: Sandbox) -> None:
    """⚙️: five demo members block the bot and Telegram's rate limits are on; the CDA's report counts them."""
    api = _browser_or_skip()
    async with api.async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            context = await browser.new_context(viewport=PHONE, locale="fa-IR")
            context.set_default_timeout(TIMEOUT_MS)
            page = await context.new_page()
            await page.goto(sandbox.url)
            await page.locator("#cda-list .persona").first.click()  # the CDA, picked from the list
            await seeded_broadcasts_delivered(sandbox)  # else a blocked member meets an invitation first
            await page.click("#realism-btn")
            await page.check("#rate-limit")
            await page.click("#block-some")
            await page.click("#realism-save")
            await api.expect(page.locator("#realism-status")).to_contain_text("۵ کاربر مسدودکننده")
            assert len(sandbox.emu.realism.blocked) == 5 and sandbox.emu.realism.global_per_second == 30
            await page.click("#realism-btn")  # close the panel

            cda = ChatTab(page, api.expect)
            await send_broadcast_as_cda(cda, "آزمایش گزارش ارسال")
            report = page.locator("#messages .msg.bot").filter(has_text="ربات را مسدود کرده‌اند")
            # with 1 message/s per chat the compose screens themselves draw 429s, which slow the
            # broadcast down (≈3/s, about 11 s for 50 members here): the report takes a while
            await api.expect(report.last).to_contain_text("ربات را مسدود کرده‌اند: ۵", timeout=60_000)
            assert sandbox.emu.stats.rate_limited > 0 and sandbox.emu.stats.forbidden == 5
        finally:
            await browser.close()


def test_a_missing_browser_skips_locally_but_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="cannot run under CI: /nonexistent/chromium"):
        _browser_or_skip()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        _browser_or_skip()


async def test_a_demo_member_and_the_cda_open_with_their_keyboards_and_a_command_reads_left_to_right(
    sandbox: Sandbox, config: Config
) -> None:
    """Picked from the list, a demo member is greeted by name with the main menu under the composer and
    no «شروع»; the CDA's chat shows the admin menu and the same keyboard. «/admin» typed by the CDA
    reads left to right in the composer and in its bubble; Persian bubbles stay right to left."""
    api = _browser_or_skip()
    member = demo_members(config)[0]
    async with api.async_playwright() as pw:
        browser, context = await launch(api, pw)
        try:
            errors: list[str] = []
            page = await context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            await page.goto(sandbox.url)
            await page.locator("#member-list .persona").first.click()
            tab = ChatTab(page, api.expect)
            await tab.sees(texts.WELCOME_MEMBER.format(name=member.full_name).split("\n")[0])
            for label in (texts.BTN_COURSES, texts.BTN_SURVEYS, texts.BTN_HELP):  # the main menu
                await api.expect(page.locator("#reply-kb .kbtn").filter(has_text=label)).to_be_visible()
            await api.expect(page.locator("#start-area")).to_be_hidden()
            await tab.press_key(texts.BTN_COURSES)  # the keyboard works as it would in Telegram
            await tab.sees_somewhere(OPEN_COURSE.title)

            await page.goto(f"{sandbox.url}#u={CDA_USER_ID}")
            cda = ChatTab(page, api.expect)
            await api.expect(cda.inline(texts.BTN_ADMIN_BROADCAST)).to_be_visible()  # without typing /admin
            key = page.locator("#reply-kb .kbtn").filter(has_text=texts.BTN_COURSES)
            await api.expect(key).to_be_visible()
            await api.expect(page.locator("#start-area")).to_be_hidden()

            await page.fill("#text", "/admin")
            assert await page.eval_on_selector("#text", "t => getComputedStyle(t).direction") == "ltr"
            await page.press("#text", "Enter")
            bubble = page.locator("#messages .msg.me .text").last
            await api.expect(bubble).to_have_text("/admin")
            assert await bubble.evaluate("el => getComputedStyle(el).direction") == "ltr"
            assert await bubble.evaluate(FIRST_TWO_LEFT_TO_RIGHT)
            persian = page.locator("#messages .msg.bot .text").filter(has_text="منوی مدیر").last
            assert await persian.evaluate("el => getComputedStyle(el).direction") == "rtl"
            await page.fill("#text", "سلام")
            assert await page.eval_on_selector("#text", "t => getComputedStyle(t).direction") == "rtl"
            assert errors == []
        finally:
            await browser.close()


async def test_a_tab_left_open_across_a_restart_carries_on_without_a_reload(
    config: Config, tmp_path: Path
) -> None:
    """The sandbox stops and starts again on the same port and file (event numbers start again at 1):
    the open tab marks the restart, greys what it showed before, and the next press gets its answer."""
    api = _browser_or_skip()
    member = demo_members(config)[0]
    greeting = texts.WELCOME_MEMBER.format(name=member.full_name).split("\n")[0]
    db = tmp_path / "sandbox.sqlite3"
    first = await Sandbox(config, db_path=db, port=0).start()
    second: Sandbox | None = None
    async with api.async_playwright() as pw:
        browser, context = await launch(api, pw)
        try:
            page = await context.new_page()
            await page.goto(f"{first.url}#u={member.user_id}")
            tab = ChatTab(page, api.expect)
            await tab.sees_somewhere(greeting)
            await seeded_broadcasts_delivered(first)  # else the next run delivers the rest first
            await first.stop()
            second = await Sandbox(config, db_path=db, port=first.emu.port).start()

            await api.expect(page.locator("#messages .note")).to_contain_text("دوباره راه‌اندازی شد")
            await api.expect(page.locator("#messages .msg.stale").filter(has_text=greeting)).to_have_count(1)
            after_restart = page.locator("#messages .note ~ .msg.bot")
            await api.expect(after_restart.first).to_contain_text(greeting)  # the first screen, again
            await tab.press_key(texts.BTN_COURSES)
            await api.expect(after_restart.last).to_contain_text(OPEN_COURSE.title[:20])
            assert await page.locator("#messages .msg.stale button:not([disabled])").count() == 0
        finally:
            await browser.close()
            await (second or first).stop()
