"""Shared fixtures: migrated SQLite and PostgreSQL databases, a config, and a clean engine per test.

Every test gets exactly one tier marker from where it lives (registered in pyproject.toml):
tests/unit/ (pure functions, no database), tests/services/ (a migrated database, no Application),
tests/e2e/ (the real Application over HTTP against the emulator, CLI subprocesses, the sandbox),
tests/browser/ (Chromium). `make test-fast` runs `-m "unit or services"`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

import handlers.registry  # noqa: F401  (registers how notices read, as the app does through bot/app.py)
from bot.config import Config, load_config
from bot.db import create_engine, create_sessionmaker
from bot.migrate import upgrade
from models import Base

TESTS = Path(__file__).resolve().parent
TIERS = ("unit", "services", "e2e", "browser")
DATABASE_FIXTURES = {"db_url", "pg_url", "sqlite_url", "engine", "sessionmaker"}
PG_SERVER = os.environ.get("KHOOSHE_TEST_PG", "postgresql://postgres@127.0.0.1:5432")
IN_CI = bool(os.environ.get("CI"))


def pytest_report_header() -> str:
    return (
        f"PostgreSQL for tests: {PG_SERVER} (required: {'yes, CI=true' if IN_CI else 'no, skipped if down'})"
    )


def tier_of(path: Path) -> str:
    """The tier of a test module: its folder, or for a module still in tests/ a guess from its name."""
    parts = path.resolve().relative_to(TESTS).parts
    if len(parts) > 1 and parts[0] in TIERS:
        return parts[0]
    if "browser" in path.stem:
        return "browser"
    if path.stem.startswith("test_e2e_"):
        return "e2e"
    return "services"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not item.path.resolve().is_relative_to(TESTS):
            continue
        tier = tier_of(item.path)
        if tier == "unit" and (used := DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))):
            raise pytest.UsageError(f"{item.nodeid} uses {sorted(used)}: move it to tests/services/")
        item.add_marker(getattr(pytest.mark, tier))


async def _pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(f"{PG_SERVER}/postgres", timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test run, dropped at the end."""
    name = f"khooshe_test_{os.getpid()}"
    try:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}"'))
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as exc:
        message = f"PostgreSQL at {PG_SERVER} is not reachable ({exc!r}); start it or set KHOOSHE_TEST_PG"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    url = f"{PG_SERVER.replace('postgresql://', 'postgresql+asyncpg://')}/{name}"
    upgrade(url)
    yield url
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = Path(tmp_path_factory.mktemp("db")) / "khooshe.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue(f"{'pg' if request.param == 'postgresql' else 'sqlite'}_url"))


async def truncate_all(engine: AsyncEngine) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            await conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                await conn.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on an empty (but migrated) database."""
    eng = create_engine(db_url)
    await truncate_all(eng)
    yield eng
    await eng.dispose()


@pytest.fixture
def sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_sessionmaker(engine)


@pytest.fixture
def config() -> Config:
    return dataclasses.replace(load_config(env={}), admin_ids=frozenset({9000}))
