"""Technology needs end to end through the emulator: the CDA makes a need from a survey answer (the members
who chose it attached), publishes it, links a solution provider and an upcoming course, announces the
course to exactly the need's members; a member finds it under «نیازهای فناورانهٔ خوشه», adds themself with
«من هم …» (twice: counted once) and is told of the next status change once; forged presses change nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.local_run import BotUnderTest
from bot.services.members.accounts import Identity
from bot.services.needs import providers as pv
from bot.texts import needs as t
from bot.texts import survey_results as tsr
from models import Event, Need, NeedMember
from tests.e2e_support import Clock, bot_on, fast_ticks, having, replied_after, ticks_pass
from tests.factories import NOW, add_member
from tests.survey_factory import seed_survey

ADMIN_ID = 9000
STALE = texts.ERRORS["stale"]
COURSE = "دورهٔ کشت بدون خاک در گلخانه"


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


async def seed(engine: AsyncEngine, config: Config) -> tuple[int, int, int]:
    """The survey (501–503 chose «کشت بدون خاک»; 504 half-way), two more members, a course, a provider."""
    sm = create_sessionmaker(engine)
    survey_id, _ = await seed_survey(sm, extra_members=2)  # 600, 601
    async with sm.begin() as s:
        await add_member(s, ADMIN_ID)
        event = Event(
            kind="course",
            status="published",
            title=COURSE,
            starts_at=NOW + timedelta(days=10),
            capacity=20,
            segment={},
            created_by=ADMIN_ID,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(event)
        values = {"name": "شرکت آب‌وخاک سبز", "kind": "company", "field": "کشت بدون خاک", "city": "اراک"}
        admin = Identity("telegram", ADMIN_ID, ADMIN_ID)
        provider = await pv.create(s, admin, config, {**values, "contact": "۰۸۶۳۳۳۳۰۰۰۰"}, now=NOW)
        await s.flush()
        return survey_id, event.id, provider.id


async def press_answer(user: EmuUser, message_id: int, data: str) -> str:
    await user.press_raw(message_id, data)
    return str((await user.answer()).get("text", ""))


async def db_need(engine: AsyncEngine) -> tuple[Need, list[int]]:
    async with create_sessionmaker(engine)() as s:
        need = (await s.execute(select(Need))).scalar_one()
        users = (await s.execute(select(NeedMember.member_id).order_by(NeedMember.member_id))).scalars()
        return need, list(users)


async def test_need_from_survey_to_course_and_a_member_told_once(
    bot: BotUnderTest, engine: AsyncEngine, config: Config
) -> None:
    survey_id, course_id, _ = await seed(engine, config)
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    chose = [bot.emu.user(u) for u in (501, 502, 503)]
    others = [bot.emu.user(u) for u in (504, 600, 601)]
    await admin.send_command("/admin")
    menu = await admin.next_message()
    assert t.BTN_ADMIN_NEEDS in menu.button_texts

    # survey results → the group who chose «کشت بدون خاک» → «🧩 ایجاد نیاز از این پاسخ»
    await admin.press_raw(menu.message_id, f"svr:c:{survey_id}:2:2")
    group = await admin.next_message()
    assert t.BTN_FROM_SURVEY in group.button_texts and tsr.BTN_BACK in group.button_texts
    await admin.press(t.BTN_FROM_SURVEY, message_id=group.message_id)
    ask_title = await admin.next_message()
    assert "«کشت بدون خاک»" in ask_title.plain_text and "۳ عضو" in ask_title.plain_text
    await admin.press("✅ کشت بدون خاک", message_id=ask_title.message_id)
    ask_category = (await admin.expect(2))[-1]
    await admin.press(config.label_of("categories", "cut"), message_id=ask_category.message_id)
    closed, ask_description = await admin.expect(2)
    assert closed.message_id == ask_category.message_id and not closed.inline_buttons
    assert closed.plain_text.endswith("✅ " + config.label_of("categories", "cut"))  # what was chosen stays
    assert texts.BTN_SKIP in ask_description.button_texts
    await admin.send_text("آموزش و تجهیزات کشت بدون خاک برای گلخانه‌های رز")
    card, closed = await admin.expect(2)  # the need is made, then «رد شدن» under the question goes
    assert closed.message_id == ask_description.message_id and not closed.inline_buttons
    assert "نیاز «کشت بدون خاک» ثبت شد (۳ عضو)" in card.plain_text and "از نظرسنجی: ۳" in card.plain_text
    need, attached = await db_need(engine)
    assert len(attached) == 3 and need.source == f"{survey_id}:tech:soilless"

    # forged presses by a member and an old status button change nothing
    intruder = others[1]
    await intruder.send_command("/help")
    await intruder.next_message()
    for data in (
        f"nda:pub:{need.id}:0",
        f"nda:mv:{need.id}:identified:searching",
        f"nda:card:{need.id}",
        f"nda:ann:{need.id}:{course_id}",
        f"nda:fs:{survey_id}:2:2",
        "nda:card:99999999999",
        f"nd:me:{need.id}",
    ):  # fmt: skip  (the need is not published yet: «من هم» is stale too)
        assert await press_answer(intruder, 1, data) == STALE, data
    assert (await db_need(engine))[0].published is False

    await admin.press(t.BTN_PUBLISH, message_id=card.message_id)
    published = await admin.next_message()
    assert published.edited and t.PUBLISHED in published.plain_text
    assert await press_answer(admin, card.message_id, f"nda:pub:{need.id}:0") == STALE  # the old button

    # a provider and a course linked; the course announced to exactly the three
    await admin.press(t.BTN_LINK_PROVIDERS, message_id=card.message_id)
    picker = await admin.next_message()
    await admin.press("شرکت آب‌وخاک سبز", message_id=picker.message_id)
    assert "✅ شرکت آب‌وخاک سبز" in (await admin.next_message()).button_texts
    await admin.press(t.BTN_LINK_ACTION, message_id=card.message_id)
    kinds = await admin.next_message()
    await admin.press(t.LINK_LABELS["course"], message_id=kinds.message_id)
    targets = await admin.next_message()
    await admin.press(COURSE, message_id=targets.message_id)
    linked = (await admin.expect(2))[-1]
    assert "شرکت آب‌وخاک سبز" in linked.plain_text and f"دورهٔ آموزشی: {COURSE}" in linked.plain_text
    announce = next(b for b in linked.button_texts if b.startswith("📣 اعلام"))
    await admin.press(announce, message_id=linked.message_id)
    told = await admin.next_message()
    assert "اعلام دوره برای ۳ عضو این نیاز" in told.plain_text
    await ticks_pass(bot)
    for member in chose:
        assert len(having(member, COURSE)) == 1 and "کشت بدون خاک" in having(member, COURSE)[0].plain_text
    assert all(not having(member, COURSE) for member in others)
    await admin.press(announce, message_id=linked.message_id)  # twice: refused, nothing more queued
    assert "پیش‌تر" in str((await admin.answer()).get("text", ""))

    # a member outside the survey finds it and adds themself (a double tap counts once)
    grower = others[1]
    await grower.send_text(t.BTN_MENU)
    board = await grower.next_message()
    assert "کشت بدون خاک" in board.plain_text and "۳ عضو" in board.plain_text
    await grower.press("🔎 کشت بدون خاک", message_id=board.message_id)
    view = await grower.next_message()
    assert COURSE in view.plain_text and "شرکت آب‌وخاک سبز" in view.plain_text
    assert "۰۸۶۳۳۳۳۰۰۰۰" not in view.plain_text  # the contact is not public
    await grower.press(t.BTN_SHARE, message_id=view.message_id)
    assert (await grower.answer())["text"] == t.SHARED
    shared = await grower.next_message()
    assert shared.edited and "۴ عضو" in shared.plain_text and t.YOU_SHARE in shared.plain_text
    assert await press_answer(grower, view.message_id, f"nd:me:{need.id}") == t.ALREADY_SHARED
    assert len((await db_need(engine))[1]) == 4

    # the status changes once: everyone attached hears it once
    await admin.press(f"🧭 {t.STATUS_LABELS['searching']}", message_id=linked.message_id)
    await admin.next_message()
    await admin.send_text("با دو شرکت دانش‌بنیان در حال گفت‌وگو هستیم")
    moved = await admin.next_message()
    assert "به ۴ عضو خبر داده" in moved.plain_text
    await ticks_pass(bot)
    old = f"nda:mv:{need.id}:identified:searching"
    assert await press_answer(admin, linked.message_id, old) == STALE  # the old card's button
    await replied_after(admin)
    await ticks_pass(bot)
    for member in [*chose, grower]:
        notices = having(member, "اکنون «در جست‌وجوی راه‌حل» است")
        assert len(notices) == 1 and "دو شرکت دانش‌بنیان" in notices[0].plain_text
    assert not having(others[2], "اکنون «")
    assert (await db_need(engine))[0].status == "searching"
