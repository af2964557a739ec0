"""The weekly digest: due at the configured Tehran day and hour, once per week, only with something to say."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.broadcasts import delivery as dl
from bot.services.broadcasts import digest
from bot.services.common.notify import render
from models import Broadcast
from models.enums import EventKind
from tests.factories import seed_members

TEHRAN = ZoneInfo("Asia/Tehran")
SATURDAY_9 = datetime(2026, 11, 28, 9, 0, tzinfo=TEHRAN)  # شنبه ۸ آذر ۱۴۰۵


@pytest.fixture
def one_course() -> Iterator[None]:
    async def source(session: AsyncSession, start: datetime, end: datetime) -> list[digest.DigestItem]:
        when = datetime(2026, 12, 2, 10, 30, tzinfo=TEHRAN)
        return [digest.DigestItem(when, "کشت بدون خاک <مقدماتی>", "course")] if start <= when <= end else []

    digest.SOURCES.append(source)
    yield
    digest.SOURCES.remove(source)


def test_due_this_week_starts_on_saturday(config: Config) -> None:
    for day in range(7):  # every day of that week points at the same Saturday 09:00
        assert digest.due_this_week(SATURDAY_9 + timedelta(days=day, hours=3), config) == SATURDAY_9
    assert digest.due_this_week(SATURDAY_9 - timedelta(minutes=1), config) == SATURDAY_9  # same day, earlier
    friday_night = SATURDAY_9 - timedelta(hours=10)  # جمعه ۲۳:۰۰ belongs to the week before
    assert digest.due_this_week(friday_night, config) == SATURDAY_9 - timedelta(days=7)


def test_render_is_escaped_and_jalali(config: Config) -> None:
    item = digest.DigestItem(datetime(2026, 12, 2, 7, 0, tzinfo=TEHRAN), "<b>", EventKind.COURSE)
    text = render(digest.WeeklyDigest((item,)), config).text_html
    assert "&lt;b&gt;" in text and "چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۰۷:۰۰" in text


async def count(sm: async_sessionmaker[AsyncSession]) -> int:
    async with sm() as s:
        return int((await s.execute(select(func.count()).select_from(Broadcast))).scalar_one())


async def test_created_once_at_the_right_time(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config, one_course: None
) -> None:
    await seed_members(sessionmaker, 3)
    async with sessionmaker.begin() as s:
        assert await digest.create_due_digest(s, config=config, now=SATURDAY_9 - timedelta(minutes=5)) is None
        b_id = await digest.create_due_digest(s, config=config, now=SATURDAY_9 + timedelta(seconds=2))
        assert b_id is not None
        assert await digest.create_due_digest(s, config=config, now=SATURDAY_9 + timedelta(seconds=4)) is None
    async with sessionmaker.begin() as s:  # the ordinary engine takes it from here
        assert await dl.start_due(s, config=config, now=SATURDAY_9 + timedelta(seconds=5)) == [
            dl.Started(b_id, False)
        ]
        assert (await dl.tally(s, b_id)).total == 3
    assert await count(sessionmaker) == 1


async def test_nothing_upcoming_sends_nothing(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    await seed_members(sessionmaker, 2)
    async with sessionmaker.begin() as s:
        assert await digest.create_due_digest(s, config=config, now=SATURDAY_9) is None
    assert await count(sessionmaker) == 0


async def test_missed_by_more_than_the_grace_is_skipped(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config, one_course: None
) -> None:
    async with sessionmaker.begin() as s:
        late = SATURDAY_9 + timedelta(minutes=config.broadcasting.late_grace_minutes + 1)
        assert await digest.create_due_digest(s, config=config, now=late) is None
