"""Every course, exhibition, tour and survey card of the CDA shows a link to forward, and a member who
follows it (`/start <payload>`) lands on that very item. On Telegram the link is t.me, on Bale ble.ir,
with the username the bot learnt from getMe at start-up."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import BotApiEmulator, EmuUser
from bot.local_run import BotUnderTest, MessengersUnderTest, running_bot
from bot.texts import course_admin as tc
from bot.texts import exhibition_admin as tx
from bot.texts import surveys as ts
from models import Event, ExhibitionDetails
from tests.e2e_support import Clock, fast_ticks
from tests.factories import NOW, add_member
from tests.survey_factory import TITLE as SURVEY
from tests.survey_factory import add_survey

ADMIN_ID = 9000
COURSE, EXHIBITION, TOUR = "کشت بدون خاک", "نمایشگاه گل تهران", "تور گلخانه‌های هلند"
HOSTS = {"telegram": "t.me", "bale": "ble.ir"}


@pytest.fixture(params=["telegram", "bale"])
def platform(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config, platform: str) -> AsyncIterator[BotUnderTest]:
    url = engine.url.render_as_string(hide_password=False)
    async with BotApiEmulator(profile=platform, bot_username=f"khooshe_{platform}_bot") as emu:
        configured = dataclasses.replace(fast_ticks(config), platform=platform)
        async with running_bot(configured, url, clock=Clock(), emulator=emu) as running:
            yield running


async def add_event(engine: AsyncEngine, title: str, kind: str, trip_kind: str | None = None) -> int:
    async with create_sessionmaker(engine).begin() as s:
        event = Event(
            kind=kind, status="published", title=title, starts_at=NOW + timedelta(days=20),
            place="سالن شهرک", capacity=10, segment={}, created_by=ADMIN_ID, created_at=NOW, updated_at=NOW,
        )  # fmt: skip
        s.add(event)
        await s.flush()
        if trip_kind is not None:
            s.add(
                ExhibitionDetails(
                    event_id=event.id, trip_kind=trip_kind, city="تهران", country="ایران", documents=[]
                )
            )
        return event.id


async def card_of(admin: EmuUser, section: str, item: str) -> str:
    """/admin → the section's list → the item's card; the card's text."""
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(section)
    await admin.next_message()
    await admin.press(item)
    card = await admin.next_message()
    assert item in card.plain_text
    return card.plain_text


def the_link(card: str, platform: str, bot: BotUnderTest) -> str:
    """The card's one link, checked to name this bot; returns its start payload."""
    assert texts.SHARE_LINKS_TITLE in card
    found = re.findall(r"https://([a-z.]+)/(\w+)\?start=([\w-]+)", card)
    assert len(found) == 1, card  # one messenger runs: one link
    host, username, payload = found[0]
    assert (host, username) == (HOSTS[platform], bot.emu.state.bot.username)
    assert f"{texts.MESSENGER_NAMES[platform]}: https://{host}/" in card
    return str(payload)


async def test_each_card_links_to_its_item(bot: BotUnderTest, engine: AsyncEngine, platform: str) -> None:
    ids = {
        COURSE: await add_event(engine, COURSE, "course"),
        EXHIBITION: await add_event(engine, EXHIBITION, "exhibition", "domestic"),
        TOUR: await add_event(engine, TOUR, "tour", "tour"),
    }
    async with create_sessionmaker(engine).begin() as s:
        survey_id = (await add_survey(s)).id
        await add_member(s, 41, platform=platform)
    admin, member = bot.emu.user(ADMIN_ID), bot.emu.user(41)
    cards = {
        COURSE: (tc.BTN_ADMIN_COURSES, f"course_{ids[COURSE]}"),
        EXHIBITION: (tx.BTN_ADMIN_EXHIBITIONS, f"exh_{ids[EXHIBITION]}"),
        TOUR: (tx.BTN_ADMIN_EXHIBITIONS, f"exh_{ids[TOUR]}"),
        SURVEY: (ts.BTN_ADMIN_SURVEYS, f"survey_{survey_id}"),
    }
    for title, (section, expected) in cards.items():
        payload = the_link(await card_of(admin, section, title), platform, bot)
        assert payload == expected
        await member.send_command(f"/start {payload}")
        opened = await member.next_message()
        assert title in opened.plain_text, (title, opened.plain_text)
        for other in cards.keys() - {title}:
            assert other not in opened.plain_text
    assert "سؤال ۱" in opened.plain_text  # the survey's link starts it


async def test_a_draft_has_no_link_yet(bot: BotUnderTest, engine: AsyncEngine) -> None:
    async with create_sessionmaker(engine).begin() as s:
        await add_survey(s, status="draft", title="پیش‌نویس نظرسنجی")
    card = await card_of(bot.emu.user(ADMIN_ID), ts.BTN_ADMIN_SURVEYS, "پیش‌نویس نظرسنجی")
    assert texts.SHARE_LINKS_TITLE not in card and "?start=" not in card


async def test_with_telegram_and_bale_running_a_card_gives_both_links_and_each_opens_the_course(
    engine: AsyncEngine, config: Config
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    async with (
        BotApiEmulator(bot_username="khooshe_bot") as telegram,
        BotApiEmulator(profile="bale", bot_username="khooshe_bale_bot", bot_id=778000) as bale,
    ):
        both = MessengersUnderTest(telegram, bale, dataclasses.replace(fast_ticks(config), database_url=url))
        await both.start()
        try:
            course_id = await add_event(engine, COURSE, "course")
            async with create_sessionmaker(engine).begin() as s:
                await add_member(s, 51, platform="telegram")
                await add_member(s, 880051, platform="bale")
            card = await card_of(telegram.user(ADMIN_ID), tc.BTN_ADMIN_COURSES, COURSE)
            found = re.findall(r"(\S+): (https://\S+)", card)
            assert found == [
                ("تلگرام", f"https://t.me/khooshe_bot?start=course_{course_id}"),
                ("بله", f"https://ble.ir/khooshe_bale_bot?start=course_{course_id}"),
            ]
            for emu, user_id, (_, link) in zip((telegram, bale), (51, 880051), found, strict=True):
                member = emu.user(user_id)
                await member.send_command(f"/start {link.split('?start=')[1]}")
                assert COURSE in (await member.next_message()).plain_text
        finally:
            await both.stop()
