"""Webhook mode over real HTTP: the emulator POSTs updates to the bot's web server, which checks the secret.

The bot runs as `khooshe run` runs it (bot.serve.runner.Service): one aiohttp server on 127.0.0.1
with /telegram for updates and /healthz; the emulator's setWebhook starts pushing queued updates.
"""

from __future__ import annotations

import dataclasses
import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.app import build_application
from bot.config import Config, ConfigError
from bot.db import create_engine, create_sessionmaker
from bot.emulator import BotApiEmulator
from bot.serve.runner import Service
from bot.serve.settings import Listen, ServeSettings
from models import Member
from tests.e2e_support import replied_after, wait_for

SECRET = "s3cret-for-the-webhook-test_0123456789"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def served(
    engine: AsyncEngine, config: Config, *, webhook: bool
) -> AsyncIterator[tuple[BotApiEmulator, str, Service]]:
    """The emulator and the bot's Service; yields both and the web server's base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    listen = Listen("127.0.0.1", port)
    settings = (
        ServeSettings(webhook_url=base, webhook_listen=listen, webhook_secret=SECRET, health_listen=None)
        if webhook
        else ServeSettings(health_listen=listen)
    )
    async with BotApiEmulator() as emu:
        url = engine.url.render_as_string(hide_password=False)
        own = dataclasses.replace(
            config,
            bot_token=emu.token,
            base_url=emu.base_url,
            base_file_url=emu.base_file_url,
            database_url=url,
        )
        service = Service(build_application(own, engine=create_engine(url)), settings)
        await service.start()
        try:
            yield emu, base, service
        finally:
            await service.stop()


async def test_webhook_mode_registers_a_grower(engine: AsyncEngine, config: Config) -> None:
    async with served(engine, config, webhook=True) as (emu, base, _):
        assert emu.state.webhook is not None and emu.state.webhook["url"] == f"{base}/telegram"
        grower = emu.user(6161, first_name="مریم")
        await grower.send_command("/start")
        welcome, ask_name = await grower.expect(2)
        assert "خوش آمدید" in welcome.plain_text and ask_name.plain_text == texts.ASK_FULL_NAME
        await grower.send_text("مریم گلکار")
        assert (await grower.next_message()).reply_keyboard == [[texts.BTN_SHARE_PHONE]]
        await grower.share_contact("+989141234567")
        await grower.expect(2)
        await grower.press("تولیدکننده (گلخانه‌دار)")
        await grower.expect(2)
        await grower.press("گل شاخه‌بریده")
        await grower.next_message()
        await grower.press(texts.BTN_CATEGORIES_DONE)
        await grower.expect(2)
        await grower.press("محلات")
        await grower.expect(2)
        await grower.press(texts.BTN_SKIP)
        await grower.expect(2)
        await grower.press(texts.BTN_CONFIRM)
        assert (await grower.expect(2))[-1].plain_text == texts.REGISTERED
        attempts = emu.webhook.attempts
        assert len(attempts) >= 9 and {a.status for a in attempts} == {200}
        assert emu.calls_to("getUpdates") == []  # every update came by webhook, none by polling
    async with create_sessionmaker(engine)() as session:
        member = (await session.execute(select(Member))).scalar_one()
    assert (member.full_name, member.phone) == ("مریم گلکار", "+989141234567")


@pytest.mark.parametrize("headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong-secret-0123456789"}])
async def test_a_request_without_the_right_secret_gets_403_and_is_not_processed(
    engine: AsyncEngine, config: Config, headers: dict[str, str]
) -> None:
    async with served(engine, config, webhook=True) as (emu, base, service):
        grower = emu.user(6363)
        forged = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": grower.id, "type": "private"},
                "from": {"id": grower.id, "is_bot": False, "first_name": "x"},
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{base}/telegram", json=forged, headers=headers) as response:
                assert response.status == 403
            right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            async with http.post(f"{base}/bale", json=forged, headers=right) as response:
                assert response.status == 404  # no such messenger in this process
        await grower.send_command("/start")  # the real /start is answered once (welcome, ask name) …
        await grower.expect(2)
        await replied_after(grower)  # every update of this chat so far has been handled …
        await grower.expect_nothing(0)  # … and the forged /start was not one of them
        assert service.web is not None and service.web.refused == 1


async def test_healthz_answers_in_polling_mode(engine: AsyncEngine, config: Config) -> None:
    async with served(engine, config, webhook=False) as (emu, base, service):
        grower = emu.user(6464)
        await grower.send_command("/start")  # answered by polling while the web server serves /healthz
        await grower.expect(2)
        await wait_for(lambda: service.app.bot_data.delivery.ticks_completed >= 1)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/healthz") as response:
                assert response.status == 200
                report = json.loads(await response.text())
            async with http.post(f"{base}/telegram", json={}) as response:
                assert response.status == 404  # polling mode has no webhook route
    assert report["ok"] is True and report["database"] == {"ok": True}
    assert report["pending_deliveries"] == 0
    telegram = report["messengers"]["telegram"]
    assert telegram["updates"] == "polling" and telegram["scheduler_running"] is True
    assert telegram["last_tick_age_seconds"] is not None and telegram["last_tick_age_seconds"] < 60


async def test_healthz_says_503_when_the_database_is_unreachable(
    engine: AsyncEngine, config: Config, tmp_path: Path
) -> None:
    async with served(engine, config, webhook=True) as (_, base, service):
        data = service.app.bot_data
        working = data.sessionmaker
        broken = create_engine(f"sqlite+aiosqlite:///{tmp_path}/missing/dir/db.sqlite3")
        data.sessionmaker = create_sessionmaker(broken)
        try:
            async with aiohttp.ClientSession() as http, http.get(f"{base}/healthz") as response:
                assert response.status == 503
                report = json.loads(await response.text())
        finally:
            data.sessionmaker = working
            await broken.dispose()
    assert report["ok"] is False and report["database"]["ok"] is False
    assert report["database"]["error"] == "OperationalError"
    assert report["messengers"]["telegram"]["updates"] == "webhook"


async def test_a_refused_set_webhook_is_one_clear_error(engine: AsyncEngine, config: Config) -> None:
    async with BotApiEmulator() as emu:
        emu.inject_failure("setWebhook", kind="server_error", count=10)  # outlasts the pacer's retries
        url = engine.url.render_as_string(hide_password=False)
        own = dataclasses.replace(config, bot_token=emu.token, base_url=emu.base_url, database_url=url)
        settings = ServeSettings(
            webhook_url="http://127.0.0.1:9",
            webhook_listen=Listen("127.0.0.1", free_port()),
            webhook_secret=SECRET,
        )
        service = Service(build_application(own, engine=create_engine(url)), settings)
        try:
            with pytest.raises(
                ConfigError, match=r"telegram refused the webhook http://127.0.0.1:9/telegram"
            ):
                await service.start()
        finally:
            await service.stop()
        assert emu.state.webhook is None


async def test_telegram_and_bale_each_post_to_their_own_path(engine: AsyncEngine, config: Config) -> None:
    """Both messengers by webhook on one server: /telegram and /bale; /healthz reports both."""
    from bot.local_run import MessengersUnderTest

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = ServeSettings(
        webhook_url=base, webhook_listen=Listen("127.0.0.1", port), webhook_secret=SECRET, health_listen=None
    )
    url = engine.url.render_as_string(hide_password=False)
    async with BotApiEmulator() as telegram, BotApiEmulator(profile="bale", bot_id=778000) as bale:
        both = MessengersUnderTest(
            telegram, bale, dataclasses.replace(config, database_url=url), settings=settings
        )
        await both.start()
        try:
            assert telegram.state.webhook is not None and telegram.state.webhook["url"] == f"{base}/telegram"
            assert bale.state.webhook is not None and bale.state.webhook["url"] == f"{base}/bale"
            on_telegram, on_bale = telegram.user(6161), bale.user(990001)
            await on_telegram.send_command("/start")
            await on_bale.send_command("/start")
            assert (await on_telegram.expect(2))[-1].plain_text == texts.ASK_FULL_NAME
            assert (await on_bale.expect(2))[-1].plain_text == texts.ASK_FULL_NAME
            assert telegram.calls_to("getUpdates") == [] and bale.calls_to("getUpdates") == []
            async with aiohttp.ClientSession() as http, http.get(f"{base}/healthz") as response:
                health = await response.json()
            assert response.status == 200 and sorted(health["messengers"]) == ["bale", "telegram"]
        finally:
            await both.stop()
