"""The readiness self-check end to end through the emulator: the CDA creates it from «🧪 خودارزیابی آمادگی
دانش‌بنیان (آماده)» and sends it; a member answers it with the buttons and gets their score, band, next steps
and the note on the official assessment; the CDA's results end with the score distribution (text and a
chart) and the near-ready group, whose broadcast reaches exactly those members.
Forged presses change nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.config_sections import READINESS_CRITERIA
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.local_run import BotUnderTest
from bot.persian import format_number
from bot.texts import broadcast as tb
from bot.texts import readiness as tr
from bot.texts import surveys as t
from models import Broadcast, ConversationState, Survey
from tests.e2e_support import Clock, bot_on, fast_ticks, having, replied_after, ticks_pass, wait_for
from tests.factories import add_member
from tests.readiness_factory import (
    BORDER_SET,
    NEAR_SET,
    READY_SET,
    WEAK_SET,
    Answers,
    band_of,
    choice_text,
    expected_score,
)
from tests.survey_factory import add_response

ADMIN_ID = 9000
STALE = texts.ERRORS["stale"]
ANSWERED_BY_HAND = {32: READY_SET, 33: WEAK_SET, 34: BORDER_SET}  # written into the tables


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


def n(value: int) -> str:
    return format_number(value)


async def launch_self_check(admin: EmuUser, invited: int) -> int:
    """The CDA: /admin → surveys → new → the readiness self-check → send now to every member."""
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_SURVEYS)
    await admin.next_message()
    await admin.press(t.BTN_SVA_NEW)
    await admin.next_message()
    await admin.press(tr.BTN_SVA_READINESS)
    await wait_for(lambda: bool(having(admin, "پیش‌نویس نظرسنجی ساخته شد")))
    assert having(admin, "(۸ سؤال)")
    card = having(admin, "پیش‌نویس نظرسنجی ساخته شد")[-1]
    admin.skip()
    await admin.press(t.BTN_SVA_GO, message_id=card.message_id)
    launched = await admin.next_message()
    assert f"دعوت برای {n(invited)} نفر در صف ارسال است" in launched.plain_text
    results = next(b for row in launched.inline_buttons for b in row if b["text"] == t.BTN_SVA_RESULTS)
    return int(results["callback_data"].rsplit(":", 1)[1])


async def answer_in_chat(member: EmuUser, answers: Answers) -> list[str]:
    """Start from the invitation and tap every answer; returns what the bot said after the last one."""
    member.skip()
    await member.press(t.BTN_START)
    assert "سؤال ۱ از ۸" in (await member.next_message()).plain_text
    for number, key in enumerate(READINESS_CRITERIA, start=1):
        value = answers[key]
        if isinstance(value, list):
            for choice in value:
                await member.press(choice_text(key, choice))
                await member.next_message()  # the ✅ edited in place
            await member.press(t.BTN_SUBMIT)
        else:
            await member.press(choice_text(key, value))
        last = number == len(READINESS_CRITERIA)
        messages = await member.expect(3 if last else 2)
        if not last:
            assert f"سؤال {n(number + 1)} از ۸" in messages[-1].plain_text
    return [m.plain_text for m in messages[1:]]


async def test_member_gets_the_summary_and_the_cda_messages_the_near_ready_group(
    bot: BotUnderTest, engine: AsyncEngine, config: Config
) -> None:
    sm = create_sessionmaker(engine)
    members: dict[int, int] = {}
    async with sm.begin() as s:
        for user_id in (31, 32, 33, 34, 35):
            members[user_id] = (await add_member(s, user_id)).id
    chats = {user_id: bot.emu.user(user_id) for user_id in members}  # they have opened the bot
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    survey_id = await launch_self_check(admin, invited=5)
    async with sm.begin() as s:
        survey = await s.get(Survey, survey_id)
        assert survey is not None and survey.source_key == "readiness"
        for user_id, answers in ANSWERED_BY_HAND.items():
            await add_response(s, survey, members[user_id], dict(answers))

    member = chats[31]
    await wait_for(lambda: bool(having(member, "خودارزیابی آمادگی دانش‌بنیان")), timeout=30)
    finished, summary = await answer_in_chat(member, NEAR_SET)
    weights = config.readiness.weight_of()
    mine = expected_score(NEAR_SET, weights)
    assert band_of(mine, config) == "near" and "سپاس" in finished
    assert f"امتیاز شما: {n(mine)} از ۱۰۰ — 🟡 {tr.BANDS['near']}" in summary
    assert tr.NEXT_STEPS["ip"] in summary and "گام‌های بعدی" in summary  # ip earns 1/3: a gap
    assert "سامانهٔ ارزیابی شرکت‌های دانش‌بنیان" in summary and "http" not in summary

    # «شروع» again: already done, with «🧪 نتیجهٔ خودارزیابی من» showing the same result
    await member.press(t.BTN_START)
    done = await member.next_message()
    assert tr.BTN_MY_RESULT in done.button_texts
    await member.press(tr.BTN_MY_RESULT, message_id=done.message_id)
    assert (await member.next_message()).plain_text == summary

    # the CDA's results end with the distribution, as text and as a chart
    admin.skip()
    await admin.press_raw(1, f"svr:res:{survey_id}")
    await wait_for(lambda: bool(having(admin, tr.CHART_CAPTION)), timeout=30)
    [dist] = having(admin, "پراکندگی امتیاز خودارزیابی")[:1]
    totals = sorted([mine, *(expected_score(a, weights) for a in ANSWERED_BY_HAND.values())])
    near = [
        u for u, a in {31: NEAR_SET, **ANSWERED_BY_HAND}.items() if 45 <= expected_score(a, weights) <= 69
    ]
    assert sorted(near) == [31, 34] and expected_score(BORDER_SET, weights) == 45  # the border is in
    assert f"«خودارزیابی آمادگی دانش‌بنیان» | {n(len(totals))} پاسخ تکمیل‌شده" in dist.plain_text
    assert f"🟡 {tr.BANDS['near']} (۴۵ تا ۶۹): ۲ عضو (۵۰٪)" in dist.plain_text
    assert f"🟢 {tr.BANDS['ready']} (۷۰ تا ۱۰۰): ۱ عضو (۲۵٪)" in dist.plain_text
    assert f"🔴 {tr.BANDS['weak']} (۰ تا ۴۴): ۱ عضو (۲۵٪)" in dist.plain_text
    assert "۴۰ تا ۴۹: ▇▇▇▇▇▇▇▇▇▇▇▇ ۲" in dist.plain_text
    chart = having(admin, tr.CHART_CAPTION)[-1]
    assert chart.kind == "photo" and chart.document_bytes and chart.document_bytes[:4] == b"\x89PNG"
    group_button = tr.BTN_NEAR_GROUP.format(low="۴۵", high="۶۹", count="۲")
    assert dist.button_texts == [group_button]

    admin.skip()
    await admin.press(group_button, message_id=dist.message_id)
    group = await admin.next_message()
    assert "۲ عضو در «خودارزیابی آمادگی دانش‌بنیان» امتیاز ۴۵ تا ۶۹ دارند" in group.plain_text
    assert "عضو ۳۱: " + n(mine) in group.plain_text and "عضو ۳۴: ۴۵" in group.plain_text
    assert "عضو ۳۲" not in group.plain_text and "عضو ۳۳" not in group.plain_text
    await admin.press(tr.BTN_MESSAGE_GROUP.format(count="۲"), message_id=group.message_id)
    ask = await admin.next_message()
    assert "پیام به ۲ عضوی که در «خودارزیابی آمادگی دانش‌بنیان» امتیاز ۴۵ تا ۶۹ دارند" in ask.plain_text
    await admin.send_text("مشاورهٔ رایگان آمادگی دانش‌بنیان: سه‌شنبه در دفتر خوشه.")
    await admin.next_message()
    await admin.press(tb.BTN_BCAST_NO_BUTTONS)
    _, audience = await admin.expect(2)
    assert f"(نظرسنجی {survey_id}): ۴۵ تا ۶۹".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in (
        audience.plain_text
    )
    assert "تعداد گیرندگان: ۲ نفر" in audience.plain_text
    await admin.press(tb.BTN_BCAST_NEXT, message_id=audience.message_id)
    *_, controls = await admin.expect(3)
    await admin.press(tb.BTN_BCAST_SEND_NOW, message_id=controls.message_id)
    near_member = chats[34]
    await wait_for(
        lambda: bool(having(member, "مشاورهٔ رایگان")) and bool(having(near_member, "مشاورهٔ رایگان"))
    )
    await ticks_pass(bot)
    for other in (32, 33, 35):
        assert having(chats[other], "خودارزیابی آمادگی دانش‌بنیان"), other  # reachable: invited
        assert not having(chats[other], "مشاورهٔ رایگان"), other
    async with sm() as s:
        [sent] = [
            b
            for b in (await s.execute(select(Broadcast))).scalars()
            if "مشاورهٔ رایگان" in (b.text_html or "")
        ]
    assert sent.segment["members"] == sorted(str(members[u]) for u in (31, 34))


async def test_forged_presses_change_nothing_and_anonymous_runs_make_no_group(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    sm = create_sessionmaker(engine)
    async with sm.begin() as s:
        ids = {u: (await add_member(s, u)).id for u in (31, 32)}
    member = bot.emu.user(31)
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    survey_id = await launch_self_check(admin, invited=2)
    async with sm.begin() as s:
        survey = await s.get(Survey, survey_id)
        assert survey is not None
        await add_response(s, survey, ids[32], dict(NEAR_SET))
    await wait_for(lambda: bool(member.messages), timeout=30)
    # the invitation's report to the CDA comes when the last delivery is recorded: wait for it, so the
    # "nothing more" checks below are not about the invitation
    await wait_for(lambda: any("گزارش پیام همگانی" in m.plain_text for m in admin.messages), timeout=30)
    member.skip()
    for data in (
        f"rdy:grp:{survey_id}", f"rdy:bc:{survey_id}", f"rdy:me:{survey_id + 7}", "rdy:grp:abc",
        "rdy:grp:0", f"rdy:zap:{survey_id}", f"rdy:grp:{survey_id}:9",
    ):  # fmt: skip
        await member.press_raw(1, data)
        assert (await member.answer()).get("text") == STALE, data
    await member.press_raw(1, f"rdy:me:{survey_id}")  # not finished: told so, nothing else
    assert (await member.answer()).get("text") == tr.ERRORS["readiness_not_done"]
    await replied_after(member)
    await member.expect_nothing(0)
    admin.skip()
    await admin.press_raw(1, f"rdy:grp:{survey_id + 50}")  # the CDA's forged id: stale too
    assert (await admin.answer()).get("text") == STALE
    async with sm.begin() as s:
        survey = await s.get(Survey, survey_id)
        assert survey is not None
        survey.anonymous = True  # as if the CDA had sent it anonymously
    await admin.press_raw(1, f"rdy:grp:{survey_id}")
    assert (await admin.answer()).get("text") == tr.ERRORS["readiness_anonymous"]
    await admin.press_raw(1, f"rdy:bc:{survey_id}")
    assert (await admin.answer()).get("text") == tr.ERRORS["readiness_anonymous"]
    await replied_after(admin)
    await admin.expect_nothing(0)
    async with sm() as s:
        broadcasts = list((await s.execute(select(Broadcast))).scalars())
        states = list((await s.execute(select(ConversationState))).scalars())
    assert [b.id for b in broadcasts] == [survey.broadcast_id]  # only the invitation: no group, no draft
    assert all(state.flow != "bcast" for state in states)  # and no composer was started
