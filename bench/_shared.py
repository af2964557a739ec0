"""Shared by the benchmarks: a database, bulk-seeded members, and the bot as its own process."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, text

from bot.config import DEFAULT_CONFIG_PATH
from bot.db import create_engine
from bot.emulator import BotApiEmulator
from bot.migrate import upgrade
from bot.services.members.accounts import Identity
from models import Account, Member, MemberCategory

CDA = Identity("telegram", 9000, 9000)
FIRST_USER_ID = 10_000


@asynccontextmanager
async def database(kind: str, tmp: Path) -> AsyncIterator[str]:
    """A migrated SQLite file or a fresh PostgreSQL database (dropped afterwards); yields its URL."""
    name = f"khooshe_bench_{os.getpid()}"
    if kind == "postgresql":
        await pg_admin(f'CREATE DATABASE "{name}"')
        url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    else:
        url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    try:
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        if kind == "postgresql":
            await pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def seed(url: str, members: int, chatters: int, emu: BotApiEmulator) -> None:
    """Growers (the audience) and traders (who chat during the broadcast), inserted in bulk."""
    now = datetime.now(UTC)
    engine = create_engine(url)
    async with engine.begin() as conn:
        total = members + chatters
        rows = [
            {
                "id": i,
                "full_name": f"عضو {i}",
                "phone": f"+98912{i:07d}",
                "role": "grower" if i <= members else "trader",
                "place": "mahallat",
                "created_at": now,
                "updated_at": now,
            }
            for i in range(1, total + 1)
        ]
        await conn.execute(insert(Member), rows)
        await conn.execute(
            insert(MemberCategory), [{"member_id": i, "category": "cut"} for i in range(1, total + 1)]
        )
        await conn.execute(
            insert(Account),
            [
                {
                    "member_id": i,
                    "platform": "telegram",
                    "user_id": 10_000 + i,
                    "chat_id": 10_000 + i,
                    "is_reachable": True,
                    "created_at": now,
                    "last_seen_at": now,
                }
                for i in range(1, total + 1)
            ],
        )
        if conn.dialect.name == "postgresql":
            for table in ("members", "accounts"):
                await conn.execute(text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))
    await engine.dispose()
    for i in range(1, total + 1):
        emu.user(10_000 + i)


def write_config(tmp: Path) -> Path:
    """The default config with the CDA as admin and no quiet hours (the bench may run at any hour)."""
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8").replace(
        "admin_ids = []", f"admin_ids = [{CDA.user_id}]"
    )
    text = text.replace('quiet_start = "22:00"', 'quiet_start = "00:00"')
    (tmp / "bench.toml").write_text(
        text.replace('quiet_end = "07:00"', 'quiet_end = "00:00"'), encoding="utf-8"
    )
    return tmp / "bench.toml"


async def start_bot(emu: BotApiEmulator, url: str, tmp: Path) -> asyncio.subprocess.Process:
    """`khooshe run` with this bench's emulator, database and config."""
    env = {
        **os.environ,
        "BOT_TOKEN": emu.token,
        "BOT_API_BASE_URL": emu.base_url,
        "DATABASE_URL": url,
        "KHOOSHE_CONFIG": str(tmp / "bench.toml"),
    }
    khooshe = str(Path(sys.executable).with_name("khooshe"))
    return await asyncio.create_subprocess_exec(
        khooshe, "run", env=env, stdout=subprocess.DEVNULL, stderr=open(tmp / "bot.log", "w")
    )


async def wait_for_polling(emu: BotApiEmulator) -> None:
    for _ in range(600):
        if any(c.method == "getUpdates" for c in emu.calls):
            return
        await asyncio.sleep(0.1)
    raise SystemExit("the bot did not start polling within 60 s")
