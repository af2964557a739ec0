"""Members and exhibitions/tours end to end through the emulator: the calendar from the main menu,
a tour with limited seats (waitlist, an offer accepted from the notification), «ثبت‌نام‌های من»,
reminders to those who have not responded (once, also across a restart) with working buttons,
reminders to participants, and refusals after the deadline."""

from __future__ import annotations

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
from bot.texts import exhibitions as tm
from models import Account, Broadcast, Event, ExhibitionDetails, Seat
from tests.e2e_support import Clock, bot_on, fast_ticks, replied_after, ticks_pass, wait_for
from tests.factories import NOW, add_member

TEHRAN = ZoneInfo("Asia/Tehran")
START = datetime(2027, 1, 10, 10, 0, tzinfo=TEHRAN)  # یکشنبه ۲۰ دی ۱۴۰۵، ساعت ۱۰:۰۰
DEADLINE = datetime(2027, 1, 3, 18, 0, tzinfo=TEHRAN)  # یکشنبه ۱۳ دی ۱۴۰۵، ساعت ۱۸:۰۰
TOUR = "تور بازدید از گلخانه‌های هلند"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config, clock: Clock) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), clock) as running:
        yield running


async def add_item(
    engine: AsyncEngine, *, trip_kind: str = "tour", capacity: int | None = None, title: str = TOUR
) -> int:
    async with create_sessionmaker(engine).begin() as s:
        event = Event(
            kind="tour" if trip_kind == "tour" else "exhibition",
            status="published",
            title=title,
            starts_at=START,
            place="آلسمیر",
            capacity=capacity,
            registration_deadline=DEADLINE,
            segment={},
            created_by=9000,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(event)
        await s.flush()
        s.add(
            ExhibitionDetails(
                event_id=event.id, trip_kind=trip_kind, city="آمستردام", country="هلند",
                costs="۱۲۰ میلیون تومان", subsidy="بلیت هواپیما", documents=[],
            )
        )  # fmt: skip
        return event.id


async def members(engine: AsyncEngine, bot: BotUnderTest, *user_ids: int) -> list[EmuUser]:
    async with create_sessionmaker(engine).begin() as s:
        for user_id in user_ids:
            await add_member(s, user_id)
    return [bot.emu.user(u) for u in user_ids]


async def join_tour(user: EmuUser, people: str = "۲ نفر") -> str:
    """From the main menu: the calendar, the card, «در تور شرکت می‌کنم», the number of people."""
    await user.send_text(texts.BTN_EXHIBITIONS)
    calendar = await user.next_message()
    assert "دی ۱۴۰۵" in calendar.plain_text and TOUR in calendar.plain_text  # grouped by Jalali month
    await user.press(TOUR[:40])
    await user.next_message()
    await user.press(tm.BTN_JOIN_TOUR)
    question = await user.next_message()
    assert "چند نفر" in question.plain_text
    await user.press(people)
    _, notice, _ = await user.expect(3)
    return notice.plain_text


async def test_a_tour_with_limited_seats_uses_the_waitlist_and_offers(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    event_id = await add_item(engine, capacity=1)
    first, second = await members(engine, bot, 21, 22)

    assert "شرکت شما" in await join_tour(first)
    assert "نفر ۱ در فهرست انتظار" in await join_tour(second)
    card = second.last
    assert "ظرفیت تکمیل است" in card.plain_text and tm.BTN_LEAVE in card.button_texts

    first.skip()
    await first.press(tm.BTN_LEAVE)  # the seat is freed and offered to the next person
    assert "انصراف شما" in (await first.answer())["text"]
    await wait_for(lambda: any("خالی شد" in m.plain_text for m in second.messages))
    offer = second.messages[-1]
    assert offer.button_data == [f"exh:accept:{event_id}", f"exh:leave:{event_id}"]
    await second.press(tm.BTN_ACCEPT_OFFER, message_id=offer.message_id)
    assert "قطعی شد" in (await second.answer())["text"]
    await second.press(tm.BTN_ACCEPT_OFFER, message_id=offer.message_id)  # a double tap
    assert (await second.answer())["text"]  # answered, nothing breaks

    second.skip()
    await second.send_text(texts.BTN_EXHIBITIONS)
    await second.next_message()
    await second.press(tm.BTN_MINE)
    mine = await second.next_message()
    assert TOUR in mine.plain_text and tm.STATE_REGISTERED in mine.plain_text
    first.skip()
    await first.send_text(texts.BTN_EXHIBITIONS)
    await first.next_message()
    await first.press(tm.BTN_MINE)
    withdrawn = (await first.next_message()).plain_text  # what they had, not «never answered»
    assert tm.MINE_NONE_ACTIVE in withdrawn and tm.STATE_ENDED["withdrawn"] in withdrawn and TOUR in withdrawn

    async with create_sessionmaker(engine)() as s:
        stmt = select(Account.user_id, Seat.status).join(Account, Account.member_id == Seat.member_id)
        rows = (await s.execute(stmt.order_by(Account.user_id))).all()
    assert [tuple(r) for r in rows] == [(21, "cancelled"), (22, "registered")]


async def test_reminders_reach_non_responders_once_and_the_deadline_refuses(
    bot: BotUnderTest, engine: AsyncEngine, clock: Clock
) -> None:
    event_id = await add_item(engine, trip_kind="domestic", title="جشنوارهٔ گل محلات")
    interested, silent, late, participant = await members(engine, bot, 31, 32, 33, 34)

    await interested.send_command(f"/start exh_{event_id}")
    await interested.next_message()
    await interested.press(tm.BTN_INTERESTED)
    assert "ثبت شد" in (await interested.answer())["text"]
    await participant.send_command(f"/start exh_{event_id}")
    await participant.next_message()
    await participant.press(tm.BTN_PARTICIPATE)
    await participant.next_message()
    await participant.press("🌱 گل شاخه‌بریده")
    await participant.next_message()
    await participant.press(tm.BTN_PRODUCTS_DONE)
    await participant.expect(2)
    await participant.press(tm.BOOTH_LABELS["shared"])
    await participant.expect(3)
    for user in (interested, silent, late, participant):
        user.skip()

    clock.now = DEADLINE - timedelta(hours=48, minutes=1)
    await ticks_pass(bot)
    await silent.expect_nothing(0)  # not yet
    clock.now = DEADLINE - timedelta(hours=48) + timedelta(seconds=5)  # جمعه ۱۱ دی، ساعت ۱۸:۰۰
    await wait_for(lambda: bool(silent.messages) and bool(late.messages))
    reminder = silent.messages[-1]
    assert (
        "مهلت اعلام آمادگی" in reminder.plain_text and "یکشنبه ۱۳ دی ۱۴۰۵، ساعت ۱۸:۰۰" in reminder.plain_text
    )
    assert reminder.button_texts == [tm.BTN_INTERESTED, tm.BTN_PARTICIPATE, tm.BTN_DETAILS]
    await ticks_pass(bot)
    await interested.expect_nothing(0)  # those who answered are not reminded
    await participant.expect_nothing(0)

    silent.skip()
    await silent.press(tm.BTN_INTERESTED, message_id=reminder.message_id)  # the reminder's buttons work
    assert "ثبت شد" in (await silent.answer())["text"]

    await bot.restart()  # sent once: neither another tick nor a restart sends it again
    clock.now += timedelta(minutes=30)
    late.skip()
    await ticks_pass(bot)
    await late.expect_nothing(0)
    async with create_sessionmaker(engine)() as s:
        origins = (
            (await s.execute(select(Broadcast.origin).where(Broadcast.origin.like("exh:%")))).scalars().all()
        )
    assert len([o for o in origins if ":nonresp:" in (o or "")]) == 1

    clock.now = DEADLINE + timedelta(minutes=1)  # the deadline has passed
    await late.press(tm.BTN_PARTICIPATE, message_id=late.messages[-1].message_id)
    answer = await late.answer()
    assert answer["text"] == tm.REFUSALS["deadline_passed"] and answer.get("show_alert")
    await late.press(tm.BTN_INTERESTED, message_id=late.messages[-1].message_id)
    assert (await late.answer())["text"] == tm.REFUSALS["deadline_passed"]
    await replied_after(late)
    await late.expect_nothing(0)

    clock.now = START - timedelta(hours=72) + timedelta(seconds=5)  # participants before the start
    await wait_for(lambda: any("شروع می‌شود" in m.plain_text for m in participant.messages))
    reminder = participant.messages[-1]
    assert "یادآوری" in reminder.plain_text and "جشنوارهٔ گل محلات" in reminder.plain_text
    await ticks_pass(bot)
    await interested.expect_nothing(0)  # interested only: no start reminder


async def test_a_newcomer_from_a_trip_link_sees_the_card_after_registering(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    event_id = await add_item(engine, capacity=5)
    user = bot.emu.user(31, first_name="مریم")
    await user.send_command(f"/start exh_{event_id}")
    await user.expect(2)  # welcome and the first registration question
    await user.send_text("مریم کاظمی")
    await user.expect(1)
    await user.share_contact("+989120000031")
    await user.expect(2)
    for button in ("تولیدکننده (گلخانه‌دار)", "گل شاخه‌بریده", texts.BTN_CATEGORIES_DONE, "محلات"):
        await user.press(button)
        await user.expect(1 if button == "گل شاخه‌بریده" else 2)
    await user.press(texts.BTN_SKIP)
    await user.expect(2)
    await user.press(texts.BTN_CONFIRM)
    messages = await user.expect(3)  # the summary closed, «registered» with the menu, then the trip's card
    assert messages[1].plain_text == texts.REGISTERED and TOUR in messages[2].plain_text


async def test_a_double_tap_on_interested_is_one_toast_each_and_one_edit(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    """«علاقه‌مندم» tapped twice on the card: recorded once, two short toasts (no modal alert), the card
    edited once — not a second time to the same content (Telegram's 400 "message is not modified")."""
    event_id = await add_item(engine)
    [sara] = await members(engine, bot, 3101)
    await sara.send_command(f"/start exh_{event_id}")
    card = await sara.next_message()
    await sara.press(tm.BTN_INTERESTED, message_id=card.message_id)
    first = await sara.answer()
    await sara.press_raw(card.message_id, f"exh:int:{event_id}")
    second = await sara.answer()
    assert first["text"] == tm.INTERESTED.format(title=TOUR) and not first["show_alert"]
    assert second["text"] == tm.ALREADY_INTERESTED and not second["show_alert"]
    edits = [c.status for c in bot.emu.calls_to("editMessageText") if c.chat_id == sara.id]
    assert edits == [200]
    edited = [m for m in sara.messages if m.message_id == card.message_id][-1]
    assert edited.edited and tm.BTN_INTERESTED not in edited.button_texts
