"""Alembic reproduces the models exactly, and upgrade/downgrade work on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from bot.db import create_engine
from bot.migrate import downgrade, upgrade
from models import Base


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


async def _run(url: str, fn: Any) -> Any:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(fn)
    finally:
        await engine.dispose()


def test_migrations_match_models(db_url: str) -> None:
    diff = asyncio.run(_run(db_url, _diff))
    assert diff == [], f"models and migrations differ; run `khooshe makemigration`: {diff}"


def test_downgrade_to_base_and_upgrade_again(db_url: str) -> None:
    assert asyncio.run(_run(db_url, _tables)) == set(Base.metadata.tables)
    downgrade(db_url, "base")
    assert asyncio.run(_run(db_url, _tables)) == set()
    upgrade(db_url)
    assert asyncio.run(_run(db_url, _tables)) == set(Base.metadata.tables)
