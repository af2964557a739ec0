"""The main journeys against the emulator's Bale profile: no command menus (404), parse_mode refused (400).

The bot is configured as Telegram in most tests on purpose: both rules (a missing optional method is
skipped, refused formatting falls back to plain text) hold for any messenger, not only one marked Bale.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import BotApiEmulator
from bot.emulator.messages import EmuMessage
from bot.local_run import BotUnderTest, running_bot
from bot.messengers import TextFormat
from bot.outgoing import plain
from bot.send import messenger
from bot.texts import broadcast as t
from models import Delivery, Member
from tests.e2e.test_e2e_registration import register
from tests.e2e_support import fast_ticks, ticks_pass, wait_for
from tests.factories import add_member

ADMIN_ID = 9000


@pytest.fixture(params=["telegram", "bale"])
def platform(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config, platform: str) -> AsyncIterator[BotUnderTest]:
    url = engine.url.render_as_string(hide_password=False)
    async with BotApiEmulator(profile="bale") as emu:
        bale_config = dataclasses.replace(fast_ticks(config), platform=platform)
        async with running_bot(bale_config, url, emulator=emu) as running:
            yield running


def no_raw_markup(messages: list[EmuMessage]) -> None:
    for message in messages:
        assert message.parse_mode is None, message
        assert "<b>" not in (message.text or "") and "&lt;" not in (message.text or ""), message


async def test_start_up_and_admin_menu_without_command_menus(
    bot: BotUnderTest, platform: str, caplog: pytest.LogCaptureFixture
) -> None:
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    menu = await admin.next_message()
    assert menu.plain_text == plain(texts.ADMIN_MENU) and texts.BTN_ADMIN_STATS in menu.button_texts
    await admin.send_command("/admin")  # the second time nothing is tried again
    await admin.next_message()
    refused = bot.emu.calls_to("setMyCommands")
    # Marked Telegram: tried once at start-up, answered 404 and never again. Marked Bale: never tried.
    assert [c.status for c in refused] == ([404] if platform == "telegram" else [])
    records = caplog.get_records("setup") + caplog.records  # start-up ran in the fixture
    said = [r for r in records if "has no setMyCommands" in r.getMessage()]
    assert len(said) == (1 if platform == "telegram" else 0)
    assert bot.app is not None and messenger(bot.app.bot).text_format is TextFormat.PLAIN
    no_raw_markup(admin.messages)


async def test_registration_journey(bot: BotUnderTest, engine: AsyncEngine) -> None:
    await register(bot, 1001, name="علی رضایی")
    user = bot.emu.user(1001)
    assert user.messages[-1].plain_text == texts.REGISTERED
    no_raw_markup(user.messages)
    refused = [c for c in bot.emu.calls if c.status == 400]
    assert len(refused) == 1  # the first formatted text; every later one went out as plain text
    async with create_sessionmaker(engine)() as s:
        [member] = (await s.execute(select(Member))).scalars()
    assert (member.full_name, member.phone) == ("علی رضایی", "+989120001001")


async def test_cda_broadcast_reaches_members(bot: BotUnderTest, engine: AsyncEngine, platform: str) -> None:
    async with create_sessionmaker(engine).begin() as s:
        for user_id in (21, 22):
            await add_member(s, user_id, role="grower", platform=platform)
            bot.emu.user(user_id)
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(texts.BTN_ADMIN_BROADCAST)
    await admin.next_message()
    body = "بازدید از گلخانهٔ رز & ژربرا"
    await admin.send_text(body, entities=[{"type": "bold", "offset": 0, "length": 6}])
    await admin.next_message()
    await admin.press(t.BTN_BCAST_NO_BUTTONS)
    await admin.expect(2)
    await admin.press(t.BTN_BCAST_NEXT)
    _, preview, _ = await admin.expect(3)
    assert preview.text == body  # what members get: the CDA's words, without tags or escapes
    await admin.press(t.BTN_BCAST_SEND_NOW)
    await admin.next_message()
    await wait_for(lambda: all(bot.emu.sent_to(u) for u in (21, 22)))
    await ticks_pass(bot)
    for user_id in (21, 22):
        [got] = bot.emu.sent_to(user_id)
        assert got.text == body and got.parse_mode is None
    async with create_sessionmaker(engine)() as s:
        statuses = sorted((await s.execute(select(Delivery.status))).scalars())
    assert statuses == ["sent", "sent"]
    no_raw_markup(admin.messages)
