"""Offers, lapses and reminders become notification broadcasts: once each, to the right members."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.courses import catalog as courses
from bot.services.courses import notices as cn
from bot.services.members.accounts import Identity
from models import Broadcast, Event, Member
from tests.factories import NOW, seed_members

SM = async_sessionmaker[AsyncSession]


async def setup(
    sm: SM, *, capacity: int, people: int, starts_in: timedelta, status: str = "published"
) -> tuple[int, list[int]]:
    async with sm() as s:
        first_id = 100_000 + len((await s.execute(select(Member.id))).all())
    users = await seed_members(sm, people, first_id=first_id)
    async with sm.begin() as s:
        event = Event(
            kind="course",
            status=status,
            title="کنترل آفات <گلخانه>",
            starts_at=NOW + starts_in,
            place="سالن شهرک گلخانه‌ای",
            capacity=capacity,
            segment={},
            created_by=9000,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(event)
        await s.flush()
        event_id = event.id
    for user in users:
        async with sm.begin() as s:
            await courses.sign_up(s, Identity("telegram", user, user), event_id, now=NOW)
    return event_id, users


async def broadcasts(sm: SM) -> list[Broadcast]:
    async with sm() as s:
        return list((await s.execute(select(Broadcast).order_by(Broadcast.id))).scalars())


async def member_id(sm: SM, user_id: int) -> str:
    async with sm() as s:
        members = (await s.execute(select(Member).order_by(Member.id))).scalars().all()
        return str(next(m.id for m in members if m.accounts[0].user_id == user_id))


async def test_cancel_offers_the_seat_with_buttons_and_lapse_passes_it_on(
    sessionmaker: SM, config: Config
) -> None:
    event_id, (a, b, c) = await setup(sessionmaker, capacity=1, people=3, starts_in=timedelta(days=5))
    async with sessionmaker.begin() as s:
        await courses.leave(s, Identity("telegram", a, a), event_id, config=config, now=NOW)
    [offer] = await broadcasts(sessionmaker)
    assert offer.segment == {"members": [await member_id(sessionmaker, b)]}
    assert [btn["callback_data"] for btn in offer.buttons] == [
        f"crs:accept:{event_id}",
        f"crs:leave:{event_id}",
    ]
    assert "&lt;گلخانه&gt;" in (offer.text_html or "")  # the title is escaped
    async with sessionmaker.begin() as s:
        assert await cn.expire_and_pass_on(s, config=config, now=NOW + timedelta(days=3)) == 1
    lapse, next_offer = (await broadcasts(sessionmaker))[1:]
    assert lapse.segment == {"members": [await member_id(sessionmaker, b)]} and "گذشت" in (
        lapse.text_html or ""
    )
    assert next_offer.segment == {"members": [await member_id(sessionmaker, c)]}


async def test_reminders_once_nearest_only_and_never_for_cancelled(sessionmaker: SM, config: Config) -> None:
    await setup(sessionmaker, capacity=5, people=2, starts_in=timedelta(hours=30))
    async with sessionmaker.begin() as s:
        assert await cn.send_due_reminders(s, config=config, now=NOW) == 0  # 30 h before: nothing yet
        day_before = NOW + timedelta(hours=6, minutes=1)
        assert await cn.send_due_reminders(s, config=config, now=day_before) == 1
        assert await cn.send_due_reminders(s, config=config, now=day_before + timedelta(minutes=5)) == 0
        two_hours = NOW + timedelta(hours=28, minutes=1)
        assert await cn.send_due_reminders(s, config=config, now=two_hours) == 1
    reminders = await broadcasts(sessionmaker)
    assert [b.origin.split(":")[2] for b in reminders if b.origin] == ["24h", "2h"]
    assert len(reminders[0].segment["members"]) == 2 and "یادآوری" in (reminders[0].text_html or "")

    late_id, _ = await setup(sessionmaker, capacity=5, people=1, starts_in=timedelta(hours=1))
    async with sessionmaker.begin() as s:  # the bot was down through the 24 h reminder: only the 2 h one
        assert await cn.send_due_reminders(s, config=config, now=NOW) == 1
    assert (await broadcasts(sessionmaker))[-1].origin.startswith(f"remind:{late_id}:2h")  # type: ignore[union-attr]

    gone_id, _ = await setup(sessionmaker, capacity=5, people=1, starts_in=timedelta(hours=1))
    async with sessionmaker.begin() as s:
        (await s.get(Event, gone_id)).status = "cancelled"  # type: ignore[union-attr]
    async with sessionmaker.begin() as s:
        assert await cn.send_due_reminders(s, config=config, now=NOW) == 0
