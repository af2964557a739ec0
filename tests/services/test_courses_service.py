"""Courses as members see them, on both databases: list, card, sign-up, leave, offers, my courses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.common.errors import NotRegistered, StaleAction
from bot.services.courses import catalog as courses
from bot.services.members.accounts import Identity
from models import Event
from tests.factories import NOW, seed_members

SM = async_sessionmaker[AsyncSession]


def who(user_id: int) -> Identity:
    return Identity("telegram", user_id, user_id)


async def add_course(
    sm: SM, title: str, *, days: int, capacity: int | None = 2, status: str = "published"
) -> int:
    async with sm.begin() as s:
        event = Event(
            kind="course",
            status=status,
            title=title,
            starts_at=NOW + timedelta(days=days),
            capacity=capacity,
            segment={},
            created_by=9000,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(event)
        await s.flush()
        return event.id


async def test_list_pages_and_hides_drafts_and_past(sessionmaker: SM) -> None:
    [user] = await seed_members(sessionmaker, 1)
    ids = [await add_course(sessionmaker, f"دوره {i}", days=i + 1) for i in range(7)]
    await add_course(sessionmaker, "پیش‌نویس", days=3, status="draft")
    await add_course(sessionmaker, "گذشته", days=-1)
    async with sessionmaker() as s:
        first = await courses.open_courses(s, who(user), page=0, now=NOW)
        second = await courses.open_courses(s, who(user), page=1, now=NOW)
        beyond = await courses.open_courses(s, who(user), page=9, now=NOW)
    assert (first.pages, [v.event.id for v in first.items]) == (2, ids[:5])
    assert [v.event.id for v in second.items] == ids[5:]
    assert beyond.page == 1  # a forged page number is clamped
    assert first.items[0].seats_left == 2


async def test_sign_up_card_and_my_courses(sessionmaker: SM, config: Config) -> None:
    a, b, c = await seed_members(sessionmaker, 3)
    event_id = await add_course(sessionmaker, "آبیاری هوشمند", days=5, capacity=1)
    async with sessionmaker.begin() as s:
        result, view = await courses.sign_up(s, who(a), event_id, now=NOW)
        assert (result.status, view.my_status, view.seats_left) == ("registered", "registered", 0)
    async with sessionmaker.begin() as s:
        result, view = await courses.sign_up(s, who(b), event_id, now=NOW)
        assert (result.status, view.my_position) == ("waitlisted", 1)
    async with sessionmaker.begin() as s:
        offers, view = await courses.leave(s, who(a), event_id, config=config, now=NOW)
        assert view.my_status is None and [o.member_id for o in offers] != []
    async with sessionmaker() as s:
        mine = await courses.my_courses(s, who(b), now=NOW)
        assert [(v.event.id, v.my_status) for v in mine] == [(event_id, "offered")]
        assert mine[0].offer_expires_at is not None
        assert await courses.my_courses(s, who(c), now=NOW) == []
    async with sessionmaker.begin() as s:
        assert (await courses.accept(s, who(b), event_id, now=NOW)).status == "registered"


async def test_my_courses_lists_cancelled_seats_as_cancelled(sessionmaker: SM, config: Config) -> None:
    """After cancelling a seat «دوره‌های من» says what the member had, not «never signed up»: the seat they
    left, the offer that lapsed and the course the CDA cancelled are listed after the active ones."""
    from bot.services.courses import admin as course_admin

    [a] = await seed_members(sessionmaker, 1)
    kept = await add_course(sessionmaker, "کود و تغذیه", days=9)
    left = await add_course(sessionmaker, "آبیاری هوشمند", days=5)
    dropped = await add_course(sessionmaker, "بازاریابی گل", days=7)
    await add_course(sessionmaker, "دورهٔ دیگر", days=6)  # never signed up: not listed
    for event_id in (kept, left, dropped):
        async with sessionmaker.begin() as s:
            await courses.sign_up(s, who(a), event_id, now=NOW)
    async with sessionmaker.begin() as s:
        await courses.leave(s, who(a), left, config=config, now=NOW)
        await course_admin.cancel(s, Identity("telegram", 9000, 9000), config, dropped, now=NOW)
    async with sessionmaker() as s:
        mine = await courses.my_courses(s, who(a), now=NOW)
    assert [(v.event.id, v.my_status, v.ended) for v in mine] == [
        (kept, "registered", None),
        (left, None, "cancelled"),
        (dropped, None, "event_cancelled"),
    ]
    async with sessionmaker.begin() as s:
        await courses.leave(s, who(a), kept, config=config, now=NOW)
    async with sessionmaker() as s:
        mine = await courses.my_courses(s, who(a), now=NOW)
    assert [(v.event.id, v.ended) for v in mine] == [
        (left, "cancelled"),
        (dropped, "event_cancelled"),
        (kept, "cancelled"),
    ]


async def test_refusals(sessionmaker: SM) -> None:
    [user] = await seed_members(sessionmaker, 1)
    draft = await add_course(sessionmaker, "پیش‌نویس", days=3, status="draft")
    async with sessionmaker() as s:
        with pytest.raises(StaleAction):
            await courses.course(s, who(user), draft)
        with pytest.raises(StaleAction):
            await courses.course(s, who(user), 424242)
        with pytest.raises(NotRegistered):
            await courses.open_courses(s, who(31337), page=0, now=NOW)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [("course_12", 12), ("course_", None), ("course_1x", None), ("exh_3", None), (None, None)],
)
def test_deep_link(payload: str | None, expected: int | None) -> None:
    assert courses.parse_deep_link(payload) == expected
