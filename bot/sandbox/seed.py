"""Seeding the sandbox's database through the real services: an ordered, extensible list of seeders.

Each seeder runs in its own transaction, is idempotent (running the sandbox twice adds nothing) and
returns one short line for the start-up log. A feature adds its seeder to SEEDERS.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.sandbox.seed_base import SeedContext, Seeder
from bot.sandbox.seed_courses import seed_courses
from bot.sandbox.seed_exhibitions import seed_exhibitions
from bot.sandbox.seed_export import seed_export_profiles
from bot.sandbox.seed_needs import seed_needs
from bot.sandbox.seed_people import seed_cda, seed_members
from bot.sandbox.seed_readiness import seed_readiness
from bot.sandbox.seed_survey import seed_survey
from models import Account

SEEDERS: list[Seeder] = [
    seed_cda,
    seed_members,
    seed_courses,
    seed_exhibitions,
    seed_survey,
    seed_readiness,
    seed_export_profiles,
    seed_needs,
]


async def known_user_ids(session: AsyncSession, platform: str) -> list[int]:
    """Every account in the sandbox's database (demo members and visitors of earlier runs)."""
    stmt = select(Account.user_id).where(Account.platform == platform).order_by(Account.user_id)
    return [int(u) for u in (await session.execute(stmt)).scalars()]


async def run_seeders(
    sessionmaker: async_sessionmaker[AsyncSession],
    config: Config,
    *,
    now: datetime,
    seeders: list[Seeder] | None = None,
) -> list[str]:
    """Run every seeder in order, each in its own transaction; returns their one-line summaries."""
    lines = []
    for seeder in SEEDERS if seeders is None else seeders:
        async with sessionmaker.begin() as session:
            lines.append(await seeder(SeedContext(session, config, now)))
    return lines
