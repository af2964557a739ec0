"""Members and courses end to end through the emulator: list, card, deep link, sign-up, waitlist, offers,
«دوره‌های من», refusals, reminders at the right Tehran time."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.local_run import BotUnderTest
from bot.texts import courses as t
from models import Event, Member, Seat
from tests.e2e_support import Clock, bot_on, fast_ticks, ticks_pass, wait_for
from tests.factories import NOW, add_member

TEHRAN = ZoneInfo("Asia/Tehran")
START = datetime(2026, 12, 2, 10, 30, tzinfo=TEHRAN)  # چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config, clock: Clock) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), clock) as running:
        yield running


async def add_course(engine: AsyncEngine, *, capacity: int, deadline: datetime | None = None) -> int:
    async with create_sessionmaker(engine).begin() as s:
        event = Event(
            kind="course",
            status="published",
            title="کشت بدون خاک (هیدروپونیک)",
            description="آشنایی با بسترهای کوکوپیت و پرلیت",
            instructor="دکتر نیلوفر احمدی",
            sessions="۳ جلسه، هر جلسه ۲ ساعت",
            starts_at=START,
            place="سالن شهرک گلخانه‌ای محلات",
            capacity=capacity,
            registration_deadline=deadline,
            segment={},
            created_by=9000,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(event)
        await s.flush()
        return event.id


async def members(engine: AsyncEngine, bot: BotUnderTest, *user_ids: int) -> list[EmuUser]:
    async with create_sessionmaker(engine).begin() as s:
        for user_id in user_ids:
            await add_member(s, user_id)
    return [bot.emu.user(u) for u in user_ids]


async def test_sign_up_waitlist_offer_accept_and_my_courses(bot: BotUnderTest, engine: AsyncEngine) -> None:
    course_id = await add_course(engine, capacity=1)
    ali, sara = await members(engine, bot, 1101, 1102)

    await ali.send_text(texts.BTN_COURSES)
    listing = await ali.next_message()
    assert "کشت بدون خاک" in listing.plain_text and "ظرفیت باقی‌مانده: ۱" in listing.plain_text
    assert "چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰" in listing.plain_text
    await ali.press("📚 کشت بدون خاک")
    card = await ali.next_message()
    assert "دکتر نیلوفر احمدی" in card.plain_text and card.button_texts[0] == t.BTN_ENROLL
    await ali.press(t.BTN_ENROLL)
    assert (await ali.answer())["text"].startswith("✅ ثبت‌نام شما")
    edited = await ali.next_message()
    assert (
        edited.edited
        and t.MINE_REGISTERED.strip() in edited.plain_text
        and t.BTN_LEAVE in edited.button_texts
    )

    await sara.send_command(f"/start course_{course_id}")  # the course's deep link
    card = await sara.next_message()
    assert t.SEATS_FULL in card.plain_text and card.button_texts[0] == t.BTN_WAITLIST
    await sara.press(t.BTN_WAITLIST)
    assert "نفر ۱ در فهرست انتظار" in (await sara.answer())["text"]
    await sara.next_message()
    await sara.press_raw(card.message_id, f"crs:join:{course_id}")  # a double tap on the old card
    assert (await sara.answer())["text"] == t.ALREADY_WAITLISTED.format(position="۱")

    await ali.press(t.BTN_LEAVE)
    await ali.answer()
    offer = None
    await wait_for(lambda: any("خالی شد" in m.plain_text for m in sara.messages))
    offer = next(m for m in sara.messages if "خالی شد" in m.plain_text)
    assert t.BTN_ACCEPT_OFFER in offer.button_texts
    await sara.press(t.BTN_ACCEPT_OFFER, message_id=offer.message_id)
    assert "قطعی شد" in (await sara.answer())["text"]
    await sara.send_text(texts.BTN_COURSES)
    await wait_for(lambda: t.BTN_MY_COURSES in sara.last.button_texts)
    sara.skip()
    await sara.press(t.BTN_MY_COURSES)
    mine = await sara.next_message()
    assert "کشت بدون خاک" in mine.plain_text and t.STATE_REGISTERED in mine.plain_text


async def test_refusals_forged_presses_and_unregistered(
    bot: BotUnderTest, engine: AsyncEngine, clock: Clock
) -> None:
    closed = await add_course(engine, capacity=10, deadline=NOW + timedelta(hours=1))
    [reza] = await members(engine, bot, 1201)
    await reza.send_command(f"/start course_{closed}")
    card = await reza.next_message()
    clock.now = NOW + timedelta(hours=2)  # the deadline passes while the card is open
    await reza.press(t.BTN_ENROLL)
    assert (await reza.answer())["text"] == t.REFUSALS["deadline_passed"]
    for forged in ("crs:join:999999", "crs:join:abc", "crs:accept:" + str(closed), "crs:zzz:1"):
        await reza.press_raw(card.message_id, forged)
        assert (await reza.answer())["text"] in (texts.ERRORS["stale"], t.REFUSALS["no_offer"])
    await reza.send_command("/start course_999999")
    assert (await reza.expect(1))[-1].plain_text == t.COURSE_NOT_FOUND
    stranger = bot.emu.user(1299)
    await stranger.send_text(texts.BTN_COURSES)  # not registered: asked to register first
    assert (await stranger.next_message()).plain_text == texts.NOT_REGISTERED


async def test_offer_lapses_and_passes_on(bot: BotUnderTest, engine: AsyncEngine, clock: Clock) -> None:
    course_id = await add_course(engine, capacity=1)
    first, second, third = await members(engine, bot, 1301, 1302, 1303)
    for user in (first, second, third):
        await user.send_command(f"/start course_{course_id}")
        await user.next_message()
        await user.press(t.BTN_WAITLIST if user is not first else t.BTN_ENROLL)
        await user.answer()
    await first.press(t.BTN_LEAVE)
    await first.answer()
    await wait_for(lambda: any("خالی شد" in m.plain_text for m in second.messages))
    clock.now = NOW + timedelta(days=2)  # 24 active hours pass without an answer
    await wait_for(lambda: any("گذشت" in m.plain_text for m in second.messages))
    await wait_for(lambda: any("خالی شد" in m.plain_text for m in third.messages))


async def test_reminders_at_the_right_tehran_time(
    bot: BotUnderTest, engine: AsyncEngine, clock: Clock
) -> None:
    course_id = await add_course(engine, capacity=5)
    [nasrin] = await members(engine, bot, 1401)
    await nasrin.send_command(f"/start course_{course_id}")
    await nasrin.next_message()
    await nasrin.press(t.BTN_ENROLL)
    await nasrin.answer()
    nasrin.skip()
    reminders = lambda: [m for m in nasrin.messages if "یادآوری" in m.plain_text]  # noqa: E731
    clock.now = START - timedelta(hours=24, minutes=1)
    await ticks_pass(bot)
    assert reminders() == []
    clock.now = START - timedelta(hours=24) + timedelta(seconds=5)  # سه‌شنبه ۱۰:۳۰ Tehran
    await wait_for(lambda: len(reminders()) == 1)
    assert "چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰" in reminders()[0].plain_text
    await ticks_pass(bot)
    assert len(reminders()) == 1  # never twice
    clock.now = START - timedelta(hours=2) + timedelta(seconds=5)
    await wait_for(lambda: len(reminders()) == 2)


async def test_three_hundred_press_at_once_through_the_bot(bot: BotUnderTest, engine: AsyncEngine) -> None:
    """300 members press ثبت‌نام at the same moment (20 of them twice) for 30 seats; the bot handles
    updates concurrently (32 at a time, one chat in order)."""
    course_id = await add_course(engine, capacity=30)
    user_ids = list(range(20_000, 20_300))
    async with create_sessionmaker(engine).begin() as s:
        for user_id in user_ids:
            await add_member(s, user_id)
    users = [bot.emu.user(u) for u in user_ids]
    presses = [*users, *users[:20]]  # double taps
    for user in presses:
        await user.press_raw(1, f"crs:join:{course_id}")
    await wait_for(lambda: all(u.callback_answers for u in users), timeout=60)
    async with create_sessionmaker(engine)() as s:
        rows = (
            await s.execute(
                select(Member.id, Seat.status, Seat.queued_at, Seat.id)
                .join(Seat, Seat.member_id == Member.id)
                .order_by(Seat.queued_at, Seat.id)
            )
        ).all()
    assert Counter(status for _, status, _, _ in rows) == {"registered": 30, "waitlisted": 270}
    arrival = {member_id: rank for rank, member_id in enumerate(sorted(m for m, *_ in rows))}
    registered = [arrival[m] for m, status, *_ in rows if status == "registered"]
    assert max(registered) < 30 + bot.config.max_concurrent_updates  # seats go to the earliest presses
    waitlist = [arrival[m] for m, status, *_ in rows if status == "waitlisted"]
    assert all(
        abs(rank - (30 + position)) <= bot.config.max_concurrent_updates
        for position, rank in enumerate(waitlist)
    )  # the queue follows arrival order


async def test_feedback_after_the_course_from_those_present(
    bot: BotUnderTest, engine: AsyncEngine, clock: Clock
) -> None:
    course_id = await add_course(engine, capacity=5)
    present, absent = await members(engine, bot, 1501, 1502)
    for user in (present, absent):
        await user.send_command(f"/start course_{course_id}")
        await user.next_message()
        await user.press(t.BTN_ENROLL)
        await user.answer()
    async with create_sessionmaker(engine).begin() as s:
        rows = (await s.execute(select(Seat).order_by(Seat.id))).scalars().all()
        rows[0].attended, rows[1].attended = True, False
    clock.now = START + timedelta(hours=4)  # the course is over
    await wait_for(lambda: any("ارزیابی" in m.plain_text for m in present.messages))
    ask = next(m for m in present.messages if "ارزیابی" in m.plain_text)
    assert ask.button_texts == ["۵", "۴", "۳", "۲", "۱"]  # Persian digits on the buttons, ASCII in their data
    assert ask.button_data == [f"crs:fb:{course_id}:{score}" for score in (5, 4, 3, 2, 1)]
    await present.press_raw(ask.message_id, f"crs:fb:{course_id}:9")  # forged score
    assert (await present.answer())["text"] == texts.ERRORS["stale"]
    present.skip()
    await present.press("۴", message_id=ask.message_id)
    await present.answer()
    assert "امتیاز ۴ ثبت شد" in (await present.next_message()).plain_text
    await present.send_text("لطفاً جلسهٔ عملی در گلخانه هم برگزار شود")
    assert (await present.next_message()).plain_text == t.FEEDBACK_DONE
    await ticks_pass(bot)
    assert not any("ارزیابی" in m.plain_text for m in absent.messages)  # only those present are asked
    async with create_sessionmaker(engine)() as s:
        first = (await s.execute(select(Seat).order_by(Seat.id))).scalars().first()
        assert first is not None and (first.feedback_score, first.feedback_comment) == (
            4,
            "لطفاً جلسهٔ عملی در گلخانه هم برگزار شود",
        )


async def test_a_double_tap_signs_up_once_with_toasts_and_a_single_edit(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    """Two taps on «ثبت‌نام» (and then on «انصراف») before the card changes: one seat, two short toasts
    (no modal alert to dismiss), the card edited once — never again to the same content, which
    Telegram refuses with 400 "message is not modified"."""
    course_id = await add_course(engine, capacity=5)
    [ali] = await members(engine, bot, 1301)
    await ali.send_command(f"/start course_{course_id}")
    card = await ali.next_message()

    def edits() -> list[int]:
        return [c.status for c in bot.emu.calls_to("editMessageText") if c.chat_id == ali.id]

    for button, data, done, again in (
        (t.BTN_ENROLL, f"crs:join:{course_id}", "✅ ثبت‌نام شما", t.ALREADY_ENROLLED),
        (t.BTN_LEAVE, f"crs:leave:{course_id}", "انصراف شما", texts.ERRORS["stale"]),
    ):
        before = len(edits())
        await ali.press(button, message_id=card.message_id)
        first = await ali.answer()
        await ali.press_raw(card.message_id, data)  # the second tap of the double tap
        second = await ali.answer()
        assert first["text"].startswith(done) and not first["show_alert"]
        assert second["text"] == again and not second["show_alert"]
        assert edits()[before:] == [200]
    edited = [m for m in ali.messages if m.message_id == card.message_id][-1]
    assert edited.button_texts[0] == t.BTN_ENROLL and "ظرفیت باقی‌مانده: ۵" in edited.plain_text
    async with create_sessionmaker(engine)() as s:
        seats = (await s.execute(select(Seat.status).where(Seat.event_id == course_id))).scalars().all()
    assert seats == ["cancelled"]


async def test_my_courses_after_cancelling_says_what_the_member_had(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    course_id = await add_course(engine, capacity=5)
    [ali] = await members(engine, bot, 1401)
    await ali.send_command(f"/start course_{course_id}")
    await ali.next_message()
    await ali.press(t.BTN_ENROLL)
    await ali.answer()
    assert (await ali.next_message()).edited  # the card, now with «انصراف»
    await ali.press(t.BTN_LEAVE)
    await ali.answer()
    await ali.next_message()
    await ali.send_text(texts.BTN_COURSES)
    await wait_for(lambda: t.BTN_MY_COURSES in ali.last.button_texts)
    ali.skip()
    await ali.press(t.BTN_MY_COURSES)
    mine = (await ali.next_message()).plain_text
    assert t.MY_COURSES_EMPTY not in mine and t.MY_COURSES_NONE_ACTIVE in mine
    assert "ثبت‌نام‌های لغوشده:" in mine and "کشت بدون خاک" in mine and t.STATE_ENDED["cancelled"] in mine
