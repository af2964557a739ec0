"""The sandbox's HTTP side without a browser: page and font, personas, visitors, uploads, downloads,
long polls, button answers and the realism switches — what app.js relies on."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot import texts
from bot.config import Config
from bot.db import create_engine, create_sessionmaker
from bot.sandbox.demo_data import (
    CDA_FIRST_NAME,
    CDA_LAST_NAME,
    CDA_USER_ID,
    FIRST_MEMBER_ID,
    MEMBER_COUNT,
    demo_members,
)
from bot.sandbox.runner import Sandbox
from bot.sandbox.seed_readiness import SEGMENT_ROLES
from bot.sandbox.web import STATIC_DIR
from bot.services.readiness.segment import SOURCE_KEY as READINESS
from bot.services.surveys.admin import shipped_definition
from tests.factories import add_member

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
async def sandbox(config: Config, tmp_path: Path) -> AsyncIterator[Sandbox]:
    async with Sandbox(config, db_path=tmp_path / "sandbox.sqlite3", port=0) as running:
        yield running


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def _get(http: aiohttp.ClientSession, url: str) -> Any:
    async with http.get(url) as resp:
        return await resp.json()


async def _post(http: aiohttp.ClientSession, url: str, body: dict[str, Any]) -> tuple[int, Any]:
    async with http.post(url, json=body) as resp:
        return resp.status, await resp.json()


async def _after_invitations(http: aiohttp.ClientSession, base: str, titles: list[str]) -> int:
    """Read the chat until an invitation naming each title has arrived; the last event number read."""
    seen, read = 0, ""
    for _ in range(20):
        answer = (await _get(http, f"{base}/messages?after={seen}&wait=10"))["result"]
        read += "\n".join(str(e["message"].get("text") or "") for e in answer["events"])
        seen = answer["last_seq"]
        if all(f"نظرسنجی: {title}" in read for title in titles):
            return int(seen)
    raise AssertionError(f"invitations {titles} did not arrive: {read!r}")


async def test_page_is_rtl_persian_and_ships_its_own_font(
    sandbox: Sandbox, http: aiohttp.ClientSession
) -> None:
    async with http.get(sandbox.url) as resp:
        page = await resp.text()
    assert resp.status == 200 and '<html lang="fa" dir="rtl">' in page
    async with http.get(f"{sandbox.url}static/fonts/Vazirmatn-Regular.woff2") as resp:
        font = await resp.read()
    assert resp.status == 200 and font[:4] == b"wOF2"
    assert (STATIC_DIR / "fonts" / "OFL.txt").read_text().startswith("Copyright")
    for asset in ("index.html", "app.css", "render.js", "app.js"):  # nothing fetched from the internet
        text = (STATIC_DIR / asset).read_text()
        assert "://" not in text and "@import" not in text, asset


async def test_personas_visitors_and_command_menus(sandbox: Sandbox, http: aiohttp.ClientSession) -> None:
    data = await _get(http, f"{sandbox.url}_sandbox/personas")
    personas = data["personas"]
    assert data["bot"]["name"] == "خوشه" and len(personas) == MEMBER_COUNT + 1
    assert personas[0]["id"] == CDA_USER_ID and personas[0]["kind"] == "cda"
    assert {p["id"] for p in personas[1:]} == set(range(FIRST_MEMBER_ID, FIRST_MEMBER_ID + MEMBER_COUNT))
    assert all(" · " in p["subtitle"] for p in personas[1:])
    tags = {p["id"]: p["tags"] for p in personas}
    assert tags[CDA_USER_ID] == [] and sum(1 for t in tags.values() if t) >= 40  # what each member is in
    assert sum(1 for t in tags.values() if "⏳ فهرست انتظار" in t) == 5  # 3 for the full course, 2 the tour
    assert sum(1 for t in tags.values() if "🤝 پروفایل صادراتی" in t) == 20

    _, first = await _post(http, f"{sandbox.url}_sandbox/visitors", {})
    _, second = await _post(http, f"{sandbox.url}_sandbox/visitors", {})
    assert first["kind"] == "visitor" and second["id"] != first["id"] and second["phone"] != first["phone"]
    assert (await _get(http, f"{sandbox.url}_sandbox/users/{first['id']}"))["phone"] == first["phone"]
    assert (await _get(http, f"{sandbox.url}_sandbox/users/{CDA_USER_ID}"))["kind"] == "cda"

    cda_menu = {c["command"] for c in await _get(http, f"{sandbox.url}_sandbox/users/{CDA_USER_ID}/commands")}
    member_menu = {
        c["command"] for c in await _get(http, f"{sandbox.url}_sandbox/users/{first['id']}/commands")
    }
    assert "admin" in cda_menu and "admin" not in member_menu and "start" in member_menu


async def test_long_poll_returns_replies_and_button_answers(
    sandbox: Sandbox, http: aiohttp.ClientSession
) -> None:
    user = FIRST_MEMBER_ID
    base = f"{sandbox.url[:-1]}/_driver/users/{user}"
    # the seeded survey's invitation reaches every member at start-up, and this nursery also gets the
    # readiness self-check's (sent to growers and nurseries): wait for both first
    assert demo_members(sandbox.config)[0].role in SEGMENT_ROLES
    seen = await _after_invitations(
        http, base, [shipped_definition().title, shipped_definition(READINESS).title]
    )
    poll = asyncio.create_task(_get(http, f"{base}/messages?after={seen}&wait=10&answers_from=0"))
    await asyncio.sleep(0.2)
    assert not poll.done()  # held until something happens in this chat
    await _post(http, f"{base}/text", {"text": "/start"})
    first = await asyncio.wait_for(poll, 10)
    assert first["result"]["events"][0]["message"]["text"] == "/start"

    await asyncio.sleep(0.5)
    history = (await _get(http, f"{base}/messages?after=0"))["result"]
    welcome = [e["message"] for e in history["events"] if e["from_bot"]]
    assert any(m["reply_markup"] and "keyboard" in m["reply_markup"] for m in welcome)  # the main menu
    await _post(http, f"{base}/text", {"text": texts.BTN_COURSES})
    await asyncio.sleep(0.5)
    after = (await _get(http, f"{base}/messages?after={history['last_seq']}"))["result"]
    listing = after["events"][-1]["message"]
    status, _ = await _post(
        http, f"{base}/press", {"message_id": listing["message_id"], "data": "crs:join:999"}
    )
    assert status == 200
    answered = (await _get(http, f"{base}/messages?after={after['last_seq']}&wait=5&answers_from=0"))[
        "result"
    ]
    assert answered["answers"] and answered["answers_next"] == len(answered["answers"])


async def test_uploads_come_back_as_downloads(sandbox: Sandbox, http: aiohttp.ClientSession) -> None:
    base = f"{sandbox.url[:-1]}/_driver"
    photo = {"caption": "گلخانهٔ من", "data_base64": base64.b64encode(PNG).decode()}
    status, sent = await _post(http, f"{base}/users/{FIRST_MEMBER_ID}/photo", photo)
    assert status == 200 and sent["result"]["caption"] == "گلخانهٔ من"
    file_id = sent["result"]["photo"][-1]["file_id"]
    async with http.get(f"{base}/files/{file_id}") as resp:
        assert resp.status == 200 and await resp.read() == PNG

    roster = {
        "file_name": "فهرست.csv",
        "mime_type": "text/csv",
        "data_base64": base64.b64encode(b"a,b").decode(),
    }
    status, sent = await _post(http, f"{base}/users/{FIRST_MEMBER_ID}/document", roster)
    async with http.get(f"{base}/files/{sent['result']['document']['file_id']}") as resp:
        assert await resp.read() == b"a,b"
        assert resp.headers["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    bad, _ = await _post(http, f"{base}/users/{FIRST_MEMBER_ID}/photo", {"data_base64": "***"})
    assert bad == 400
    async with http.get(f"{base}/files/EMU-nothing") as resp:
        assert resp.status == 404


async def test_realism_switches_round_trip(sandbox: Sandbox, http: aiohttp.ClientSession) -> None:
    url = f"{sandbox.url[:-1]}/_driver/realism"
    body = {"global_per_second": 30, "per_chat_per_second": 1, "blocked_user_ids": [FIRST_MEMBER_ID]}
    _, changed = await _post(http, url, body)
    assert changed["result"]["blocked_user_ids"] == [FIRST_MEMBER_ID]
    current = (await _get(http, url))["result"]
    assert current["global_per_second"] == 30 and sandbox.emu.realism.blocked == {FIRST_MEMBER_ID}
    _, off = await _post(http, url, {"global_per_second": None, "per_chat_per_second": None})
    assert off["result"]["global_per_second"] is None


async def test_members_of_an_earlier_run_still_have_a_chat_after_a_restart(
    config: Config, tmp_path: Path
) -> None:
    """The emulator is in memory; without their chats a broadcast would mark earlier visitors unreachable."""
    db = tmp_path / "sandbox.sqlite3"
    async with Sandbox(config, db_path=db, port=0):
        pass
    engine = create_engine(f"sqlite+aiosqlite:///{db}")
    try:
        async with create_sessionmaker(engine).begin() as session:
            await add_member(session, 7_900_000_123)
    finally:
        await engine.dispose()
    async with Sandbox(config, db_path=db, port=0) as again:
        assert 7_900_000_123 in again.emu.state.chats
        assert again.web.persona(7_900_000_123)["kind"] == "visitor"


def _welcomes(history: dict[str, Any]) -> list[dict[str, Any]]:
    """The bot's messages that carry the main-menu reply keyboard."""
    return [
        e["message"]
        for e in history["events"]
        if e["from_bot"] and "keyboard" in (e["message"]["reply_markup"] or {})
    ]


async def test_a_persona_opens_where_a_returning_user_would_be(
    sandbox: Sandbox, http: aiohttp.ClientSession, config: Config
) -> None:
    """A demo member is greeted by name with the main menu; the CDA, a member too, also gets the admin
    menu; a new visitor gets nothing (the page offers «شروع»); opening again adds nothing."""
    member = demo_members(config)[0]
    opened = await _post(http, f"{sandbox.url}_sandbox/users/{member.user_id}/open", {})
    assert opened == (200, await _get(http, f"{sandbox.url}_sandbox/users/{member.user_id}"))
    base = f"{sandbox.url[:-1]}/_driver/users"
    history = (await _get(http, f"{base}/{member.user_id}/messages?after=0"))["result"]
    [welcome] = _welcomes(history)
    assert welcome["text"] == texts.WELCOME_MEMBER.format(name=member.full_name)
    rows = welcome["reply_markup"]["keyboard"]
    keys = [b if isinstance(b, str) else b["text"] for row in rows for b in row]
    assert texts.BTN_COURSES in keys and texts.BTN_HELP in keys

    await _post(http, f"{sandbox.url}_sandbox/users/{member.user_id}/open", {})  # a reload, a second tab
    again = (await _get(http, f"{base}/{member.user_id}/messages?after=0"))["result"]
    assert len(_welcomes(again)) == 1

    await _post(http, f"{sandbox.url}_sandbox/users/{CDA_USER_ID}/open", {})
    cda_chat = (await _get(http, f"{base}/{CDA_USER_ID}/messages?after=0"))["result"]
    cda = [e["message"] for e in cda_chat["events"]]
    greeting = next(m for m in cda if m["text"].startswith("سلام"))
    assert greeting["text"] == texts.WELCOME_MEMBER.format(name=f"{CDA_FIRST_NAME} {CDA_LAST_NAME}")
    admin_menu = next(m for m in cda if m["text"] == texts.ADMIN_MENU)  # as /admin would show it
    labels = {b["text"] for row in admin_menu["reply_markup"]["inline_keyboard"] for b in row}
    assert texts.BTN_ADMIN_BROADCAST in labels

    _, visitor = await _post(http, f"{sandbox.url}_sandbox/visitors", {})
    await _post(http, f"{sandbox.url}_sandbox/users/{visitor['id']}/open", {})
    assert (await _get(http, f"{base}/{visitor['id']}/messages?after=0"))["result"]["events"] == []


async def test_a_poll_from_before_a_restart_is_answered_at_once_by_the_new_instance(
    config: Config, tmp_path: Path, http: aiohttp.ClientSession
) -> None:
    """Event numbers start again at 1 after a restart: a tab still asking for «after 7» would wait
    forever. Each answer names the event log's instance; a poll naming the old one returns at once,
    and reading from 0 gives the new run's chat."""
    db = tmp_path / "sandbox.sqlite3"
    async with Sandbox(config, db_path=db, port=0) as first:
        port = first.emu.port
        await _post(http, f"{first.url}_sandbox/users/{FIRST_MEMBER_ID}/open", {})
        url = f"{first.url[:-1]}/_driver/users/{FIRST_MEMBER_ID}/messages"
        greeted = (await _get(http, f"{url}?after=0"))["result"]
        # the seeded survey's invitation follows (the broadcast to all members): then seq is well past 1
        before = (await _get(http, f"{url}?after={greeted['last_seq']}&wait=10"))["result"]
    seen, old = before["last_seq"], before["instance"]
    assert "نظرسنجی" in before["events"][-1]["message"]["text"] and seen > greeted["last_seq"]
    assert greeted["instance"] == old

    async with Sandbox(config, db_path=db, port=port) as second:  # the same URL, as `make run` again
        assert second.url == first.url
        stale = asyncio.create_task(_get(http, f"{url}?after={seen}&wait=20&instance={old}"))
        answer = (await asyncio.wait_for(stale, 5))["result"]  # not held for 20 s
        assert answer["instance"] != old and answer["events"] == []
        await _post(http, f"{second.url}_sandbox/users/{FIRST_MEMBER_ID}/open", {})
        fresh = (await _get(http, f"{url}?after=0&instance={answer['instance']}"))["result"]
        assert fresh["instance"] == answer["instance"] and fresh["events"][0]["seq"] < seen
        assert len(_welcomes(fresh)) == 1  # the member's first screen again, in the new run
