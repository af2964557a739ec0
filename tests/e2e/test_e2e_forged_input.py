"""Forged deep links and button data, end to end on both databases: a stranger types `/start course_²`
or presses `mch:acc:99999999999`; the bot answers in Persian (the stale text or the welcome), nothing
reaches the error handler (so no admin is sent an error notice) and nothing in the database changes."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import CallbackQueryHandler

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.local_run import BotUnderTest
from bot.texts import courses as tc
from models import Event, Member
from models.base import Base
from tests.e2e_support import Clock, bot_on
from tests.factories import NOW, add_member

ADMIN_ID, WATCHER_ID, GROWER_ID = 9000, 9001, 51
STALE = texts.ERRORS["stale"]
BAD_IDS = ("²", "1" * 25, "2147483648")  # not ASCII, too long, one past a PostgreSQL integer
PERSIAN = re.compile(r"[\u0600-\u06FF]")

# Each registered prefix's actions that carry an id in the third place (`prefix:action:<id>`).
ID_ACTIONS: dict[str, str] = {
    "bc": "nobtn view all tg next now when urg mir drop cancel resched pause resume",
    "crs": "open join leave accept page fb fbskip",
    "cadm": "list new card skip tg tgok fld resch edit pub puba drop close reopen cncl cnclok cnclno "
    "roster xlsx csv att atp at atrest fb msgr msga",
    "exh": "open int part pr prok bo pe leave accept docs doc list mine",
    "exha": "list new kind skip tg tgok msga msgd xlsx csv docs card pub puba drop close reopen cncl "
    "cnclok cnclno",
    "svr": "res xlsx csv act q c bc",
    "sv": "start edit t c ok s skip keep back",
    "sva": "list file build bt bdone when closeat card qs aud tg anon go close drop",
    "exp": "pdel",
    "mch": "sug req acc dec",
    "cns": "yes no card msg xlsx csv cand stg inv",
    "aud": "l h o x",
    "nd": "me off pg v",
    "nda": "ann card f fs lk lkk lkt msg mv pc pe pf ph pub pvl pvs ros skip",
    "rdy": "me grp bc",
    "prg": "",  # the programme report's ids are always 0: garbage actions only
    "reg": "",  # reg, prf and adm carry no ids: garbage actions only
    "prf": "",
    "adm": "",
}


def forged_presses(prefixes: list[str], course_id: int) -> list[str]:
    """Every forged id at every id-carrying action, later-place numbers too, garbage and over-long actions."""
    out = [
        f"{p}:{a}:{bad}{tail}"
        for p in prefixes
        for a in ID_ACTIONS[p].split()
        for bad in BAD_IDS
        for tail in ("", ":1")
    ]
    c = course_id
    out += [
        *(f"crs:fb:{c}:{bad}" for bad in BAD_IDS), *(f"cadm:at:{c}:{bad}:0" for bad in BAD_IDS),
        *(f"cadm:at:{c}:1:{bad}" for bad in BAD_IDS), *(f"cadm:atp:{c}:{bad}" for bad in BAD_IDS),
        *(f"cadm:atrest:{c}:{bad}" for bad in BAD_IDS), *(f"svr:q:1:{bad}" for bad in BAD_IDS),
        *(f"svr:c:1:1:{bad}" for bad in BAD_IDS), *(f"cns:inv:1:{bad}" for bad in BAD_IDS),
        *(f"sv:s:1:q1:{bad}" for bad in BAD_IDS),
    ]  # fmt: skip
    for p in prefixes:  # garbage: an unknown action, a non-ASCII one, one over Telegram's 64 bytes, none
        out += [f"{p}:zz:1", f"{p}:ددد:1", f"{p}:" + "x" * 70, f"{p}:", p, f"{p}:zz:1:2:3:4:5:6"]
    return out


@pytest.fixture
def forged_config(config: Config) -> Config:
    """A second admin who never writes: any error notice would land in that chat."""
    return dataclasses.replace(config, admin_ids=frozenset({ADMIN_ID, WATCHER_ID}))


@pytest.fixture
async def bot(engine: AsyncEngine, forged_config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, forged_config, Clock()) as running:
        yield running


def registered_prefixes(bot: BotUnderTest) -> list[str]:
    """The prefixes of every `^prefix:` callback handler the running bot registered."""
    assert bot.app is not None
    found = []
    for group in bot.app.handlers.values():
        for handler in group:
            pattern = getattr(handler, "pattern", None) if isinstance(handler, CallbackQueryHandler) else None
            if pattern is not None and (
                match := re.fullmatch(r"\^(\w+):", str(getattr(pattern, "pattern", "")))
            ):
                found.append(match.group(1))
    return found


# the bot's own heartbeat (send-budget sharing) changes every tick, whatever members press
BOOKKEEPING = {"bot_processes"}


async def snapshot(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (but the process heartbeat), in a stable order."""
    async with create_sessionmaker(engine)() as s:
        return {
            table.name: sorted((tuple(row) for row in (await s.execute(select(table))).all()), key=repr)
            for table in Base.metadata.sorted_tables
            if table.name not in BOOKKEEPING
        }


async def seed(engine: AsyncEngine) -> int:
    async with create_sessionmaker(engine).begin() as s:
        await add_member(s, GROWER_ID)
        await add_member(s, ADMIN_ID)
        course = Event(
            kind="course", status="published", title="کشت بدون خاک", starts_at=NOW + timedelta(days=6),
            capacity=5, segment={}, created_by=ADMIN_ID, created_at=NOW, updated_at=NOW,
        )  # fmt: skip
        s.add(course)
    return course.id


async def assert_processed_without_error(user: EmuUser, watcher: EmuUser) -> None:
    """A later update from the same chat is answered (one chat's updates run in order), so every forged
    one before it has finished; then no error text reached the user and no notice reached an admin."""
    await user.send_text("سلام")
    assert (await user.next_message()).plain_text == texts.UNKNOWN_TEXT
    assert not [m for m in user.messages if m.plain_text == texts.SOMETHING_WENT_WRONG]
    assert not [m for m in user.messages if "خطا در ربات" in m.plain_text]
    assert watcher.messages == []


@pytest.mark.parametrize("user_id", [GROWER_ID, ADMIN_ID])
async def test_forged_deep_links_open_the_welcome(
    bot: BotUnderTest, engine: AsyncEngine, user_id: int
) -> None:
    await seed(engine)
    watcher, user = bot.emu.user(WATCHER_ID), bot.emu.user(user_id)
    before = await snapshot(engine)
    for kind in ("course", "exh", "survey"):
        for bad in (*BAD_IDS, "-1", "0", "", "1_2", "12abc"):
            await user.send_command(f"/start {kind}_{bad}")
            reply = await user.next_message()
            assert "خوش آمدید" in reply.plain_text, (kind, bad, reply.plain_text)
    await user.send_command("/start course_2147483647")  # the largest id an integer column holds: not found
    assert (await user.next_message()).plain_text == tc.COURSE_NOT_FOUND
    await assert_processed_without_error(user, watcher)
    assert await snapshot(engine) == before


@pytest.mark.parametrize("payload", ["course_²", "exh_" + "1" * 25, "survey_2147483648"])
async def test_a_stranger_registers_from_a_forged_link(
    bot: BotUnderTest, engine: AsyncEngine, payload: str
) -> None:
    """The link is kept as the member's source and opened after registration: a forged one opens nothing."""
    watcher, stranger = bot.emu.user(WATCHER_ID), bot.emu.user(77)
    await stranger.send_command(f"/start {payload}")
    welcome, ask_name = await stranger.expect(2)
    assert "خوش آمدید" in welcome.plain_text and ask_name.plain_text == texts.ASK_FULL_NAME
    await stranger.send_text("علی رضایی")
    await stranger.expect(1)
    await stranger.share_contact("+989120000077")
    await stranger.expect(2)
    for button, replies in (
        ("تولیدکننده (گلخانه‌دار)", 2),
        ("گل شاخه‌بریده", 1),
        (texts.BTN_CATEGORIES_DONE, 2),
    ):
        await stranger.press(button)
        await stranger.expect(replies)
    await stranger.press("محلات")
    await stranger.expect(2)
    await stranger.press(texts.BTN_SKIP)
    await stranger.expect(2)
    await stranger.press(texts.BTN_CONFIRM)
    await stranger.expect(2)
    assert texts.REGISTERED in [m.plain_text for m in stranger.messages]
    await assert_processed_without_error(stranger, watcher)
    async with create_sessionmaker(engine)() as s:
        assert (await s.execute(select(Member.source))).scalars().all() == [payload]


@pytest.mark.parametrize("user_id", [GROWER_ID, ADMIN_ID])
async def test_forged_presses_for_every_prefix_are_stale(
    bot: BotUnderTest, engine: AsyncEngine, user_id: int
) -> None:
    course_id = await seed(engine)
    prefixes = registered_prefixes(bot)
    assert set(prefixes) == set(ID_ACTIONS), "a new callback prefix: add its id-carrying actions here"
    watcher, user = bot.emu.user(WATCHER_ID), bot.emu.user(user_id)
    await user.send_command("/start")
    await user.next_message()
    before = await snapshot(engine)
    answers: dict[str, str] = {}
    for data in forged_presses(prefixes, course_id):
        await user.press_raw(user.last.message_id, data)
        answers[data] = str((await user.answer()).get("text", ""))
    not_stale = {data: text for data, text in answers.items() if text != STALE}
    assert not_stale == {}
    await user.expect_nothing(wait=0)  # nothing was sent or edited, only answered
    await assert_processed_without_error(user, watcher)
    assert await snapshot(engine) == before
    assert len(answers) > 600 and all(PERSIAN.search(text) for text in answers.values())
