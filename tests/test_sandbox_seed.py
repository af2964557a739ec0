"""The sandbox's demo seed, on SQLite and PostgreSQL: realistic spread, one full course, idempotent."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.sandbox.demo_data import CDA_USER_ID, MEMBER_COUNT, demo_members
from bot.sandbox.seed import SEEDERS, run_seeders
from bot.services.admins import is_admin
from models import Account, Event, Member, Registration
from tests.factories import NOW


async def _count(session: AsyncSession, model: type) -> int:
    return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def test_seed_makes_a_realistic_demo_and_running_it_twice_adds_nothing(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    first = await run_seeders(sessionmaker, config, now=NOW)
    second = await run_seeders(sessionmaker, config, now=NOW)

    assert first == [f"CDA admin {CDA_USER_ID}: added", f"members: {MEMBER_COUNT} added", "courses: 3 added"]
    assert second == [f"CDA admin {CDA_USER_ID}: already there", "members: 0 added", "courses: 0 added"]
    async with sessionmaker() as session:
        assert await _count(session, Member) == MEMBER_COUNT
        assert await _count(session, Account) == MEMBER_COUNT
        assert await _count(session, Event) == 3
        assert await is_admin(session, platform=config.platform, user_id=CDA_USER_ID, config_ids=())
        members = list((await session.execute(select(Member))).scalars())
        roles = Counter(m.role for m in members)
        places = Counter(m.place for m in members)
        assert len(roles) >= 5 and roles.most_common(1)[0][0] == "grower"
        assert len(places) >= 5 and all(m.place_other for m in members if m.place == "other")
        assert len({c for m in members for c in m.category_keys}) >= 6
        assert len({m.phone for m in members}) == MEMBER_COUNT
        assert all(m.phone.startswith("+989") and len(m.phone) == 13 for m in members)
        full = (await session.execute(select(Event).where(Event.capacity == 12))).scalar_one()
        statuses = Counter(
            (await session.execute(select(Registration.status).where(Registration.event_id == full.id)))
            .scalars()
            .all()
        )
        assert statuses == {"registered": 12, "waitlisted": 3}
        assert {e.status for e in (await session.execute(select(Event))).scalars()} == {"published"}


def test_demo_members_are_stable_and_use_configured_keys(config: Config) -> None:
    a, b = demo_members(config), demo_members(config)
    assert a == b and len(a) == MEMBER_COUNT
    assert len({m.full_name for m in a}) == MEMBER_COUNT
    assert {m.role for m in a} <= {c.key for c in config.roles}
    assert {m.place for m in a} <= {c.key for c in config.places} | {"other"}
    assert {c for m in a for c in m.categories} <= {c.key for c in config.categories}


def test_seeders_are_an_extensible_ordered_list() -> None:
    names = [s.__name__ for s in SEEDERS]
    assert names[:3] == ["seed_cda", "seed_members", "seed_courses"]
