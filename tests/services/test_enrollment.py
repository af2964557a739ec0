"""The sign-up engine on SQLite and PostgreSQL: capacity under a rush, waitlist order, offers."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.common.errors import StaleAction
from bot.services.common.quiet_hours import add_active_time
from bot.services.courses import seats as en
from models import Event, Member, Seat
from tests.factories import NOW, seed_members

SM = async_sessionmaker[AsyncSession]
TEHRAN = ZoneInfo("Asia/Tehran")


async def course(
    sm: SM, *, capacity: int | None, deadline: datetime | None = None, status: str = "published"
) -> int:
    async with sm.begin() as s:
        event = Event(
            kind="course",
            status=status,
            title="کشت بدون خاک",
            starts_at=NOW + timedelta(days=7),
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


async def member_ids(sm: SM, count: int) -> list[int]:
    await seed_members(sm, count)
    async with sm() as s:
        return list((await s.execute(select(Member.id).order_by(Member.id))).scalars())


async def sign_up(sm: SM, event_id: int, member_id: int, now: datetime = NOW) -> en.SignUp:
    async with sm.begin() as s:
        return await en.sign_up(s, event_id=event_id, member_id=member_id, now=now)


async def statuses(sm: SM, event_id: int) -> Counter[str]:
    async with sm() as s:
        rows = (await s.execute(select(Seat.status).where(Seat.event_id == event_id))).scalars()
        return Counter(rows)


async def test_three_hundred_at_once_for_thirty_seats(sessionmaker: SM) -> None:
    members = await member_ids(sessionmaker, 300)
    event_id = await course(sessionmaker, capacity=30)
    results = await asyncio.gather(*(sign_up(sessionmaker, event_id, m) for m in members))
    assert Counter(r.status for r in results) == {"registered": 30, "waitlisted": 270}
    assert await statuses(sessionmaker, event_id) == {"registered": 30, "waitlisted": 270}
    # the waitlist is in arrival order: positions 1..270, each given once, increasing with arrival
    positions = sorted(r.position for r in results if r.position is not None)
    assert positions == list(range(1, 271))
    async with sessionmaker() as s:
        queue = (
            await s.execute(select(Seat).where(Seat.status == "waitlisted").order_by(Seat.queued_at, Seat.id))
        ).scalars()
        assert [await en.waitlist_position(s, r) for r in queue] == list(range(1, 271))
    again = await asyncio.gather(*(sign_up(sessionmaker, event_id, members[0]) for _ in range(5)))  # taps
    assert all(r.already for r in again) and await statuses(sessionmaker, event_id) == {
        "registered": 30,
        "waitlisted": 270,
    }


async def test_refusals(sessionmaker: SM, config: Config) -> None:
    [m] = await member_ids(sessionmaker, 1)
    closed = await course(sessionmaker, capacity=5, deadline=NOW - timedelta(minutes=1))
    cancelled = await course(sessionmaker, capacity=5, status="cancelled")
    draft = await course(sessionmaker, capacity=5, status="draft")
    for event_id, code in (
        (closed, "deadline_passed"),
        (cancelled, "event_cancelled"),
        (draft, "registration_closed"),
    ):
        with pytest.raises(en.SignUpRefused, match=code):
            await sign_up(sessionmaker, event_id, m)
    started = await course(sessionmaker, capacity=None)
    with pytest.raises(en.SignUpRefused, match="event_started"):
        await sign_up(sessionmaker, started, m, now=NOW + timedelta(days=8))
    with pytest.raises(StaleAction):
        await sign_up(sessionmaker, 999_999, m)  # a forged event id


async def test_cancel_offers_the_seat_and_offers_expire_and_pass_on(sessionmaker: SM, config: Config) -> None:
    a, b, c, d = await member_ids(sessionmaker, 4)
    event_id = await course(sessionmaker, capacity=2)
    for member in (a, b, c, d):
        await sign_up(sessionmaker, event_id, member)
    async with sessionmaker.begin() as s:
        [offer] = await en.cancel(s, event_id=event_id, member_id=a, config=config, now=NOW)
    assert offer.member_id == c  # the first on the waitlist, not silently registered
    assert offer.expires_at == add_active_time(NOW, timedelta(hours=24), time(22), time(7), TEHRAN)
    assert await statuses(sessionmaker, event_id) == {
        "registered": 1,
        "offered": 1,
        "waitlisted": 1,
        "cancelled": 1,
    }
    async with sessionmaker() as s:  # d moved up
        reg = (await s.execute(select(Seat).where(Seat.member_id == d))).scalar_one()
        assert await en.waitlist_position(s, reg) == 1
    async with sessionmaker.begin() as s:
        assert await en.expire_offers(s, config=config, now=offer.expires_at - timedelta(minutes=1)) == (
            [],
            [],
        )
        lapsed, [next_offer] = await en.expire_offers(
            s, config=config, now=offer.expires_at + timedelta(minutes=1)
        )
    assert lapsed == [(event_id, c)] and next_offer.member_id == d
    async with sessionmaker.begin() as s:
        with pytest.raises(en.SignUpRefused, match="no_offer"):
            await en.accept_offer(s, event_id=event_id, member_id=c, now=NOW)  # too late for c
    async with sessionmaker.begin() as s:
        assert (await en.accept_offer(s, event_id=event_id, member_id=d, now=NOW)).status == "registered"
    async with sessionmaker.begin() as s:
        assert (await en.accept_offer(s, event_id=event_id, member_id=d, now=NOW)).already  # double tap
    assert await statuses(sessionmaker, event_id) == {"registered": 2, "cancelled": 1, "expired": 1}
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):
            await en.cancel(s, event_id=event_id, member_id=a, config=config, now=NOW)  # already cancelled


async def test_signing_up_again_after_cancelling_goes_to_the_end(sessionmaker: SM, config: Config) -> None:
    a, b, c = await member_ids(sessionmaker, 3)
    event_id = await course(sessionmaker, capacity=1)
    await sign_up(sessionmaker, event_id, a)
    await sign_up(sessionmaker, event_id, b)
    async with sessionmaker.begin() as s:
        await en.cancel(s, event_id=event_id, member_id=b, config=config, now=NOW)
    await sign_up(sessionmaker, event_id, c, now=NOW + timedelta(seconds=1))
    again = await sign_up(sessionmaker, event_id, b, now=NOW + timedelta(seconds=2))
    assert (again.status, again.position) == ("waitlisted", 2)


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (datetime(2026, 11, 26, 20, 0), 4, datetime(2026, 11, 27, 9, 0)),  # 2 h tonight, 2 h tomorrow morning
        (datetime(2026, 11, 26, 23, 0), 1, datetime(2026, 11, 27, 8, 0)),  # starts after quiet hours
        (datetime(2026, 11, 26, 10, 0), 24, datetime(2026, 11, 27, 19, 0)),  # 12 h + 12 h of daytime
    ],
)
def test_offer_clock_stops_in_quiet_hours(start: datetime, hours: int, expected: datetime) -> None:
    result = add_active_time(start.replace(tzinfo=TEHRAN), timedelta(hours=hours), time(22), time(7), TEHRAN)
    assert result == expected.replace(tzinfo=TEHRAN)
