"""Benchmark: broadcast to N members through the emulator (30/s overall, 1/s per chat enforced) while
other members keep chatting with the bot. Prints sustained rate, worst one-second window, 429s,
duplicates and reply latency. The bot runs as its own process (`khooshe run`), as in production;
this process is "Telegram" (the emulator) plus the chatting members.

    .venv/bin/python bench/broadcast.py                 # 5,000 members, SQLite
    .venv/bin/python bench/broadcast.py --members 500 --db postgresql
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, text

from bot import texts
from bot.config import DEFAULT_CONFIG_PATH, load_config
from bot.db import create_engine, create_sessionmaker
from bot.emulator import BotApiEmulator
from bot.migrate import upgrade
from bot.services import broadcasts as bc
from bot.services.accounts import Identity
from models import Account, Broadcast, Member, MemberCategory

CDA = Identity("telegram", 9000, 9000)
SEND_METHODS = {"sendMessage", "sendPhoto", "sendDocument", "sendVideo", "copyMessage"}


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


async def chatter(emu: BotApiEmulator, user_id: int, stop: asyncio.Event, latencies: list[float]) -> None:
    """A member tapping «راهنما» every ~3 s and timing the bot's reply."""
    user = emu.user(user_id)
    await asyncio.sleep(random.uniform(0, 3))
    while not stop.is_set():
        started = time.monotonic()
        await user.send_text(texts.BTN_HELP)
        await user.next_message(timeout=30)
        latencies.append(time.monotonic() - started)
        await asyncio.sleep(random.uniform(2.5, 3.5))


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


def worst_second(stamps: list[float]) -> int:
    stamps = sorted(stamps)
    worst, start = 0, 0
    for end, stamp in enumerate(stamps):
        while stamp - stamps[start] >= 1.0:
            start += 1
        worst = max(worst, end - start + 1)
    return worst


async def pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def main(members: int, chatters: int, db: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="khooshe-bench-"))
    pg_name = f"khooshe_bench_{os.getpid()}"
    if db == "postgresql":
        await pg_admin(f'CREATE DATABASE "{pg_name}"')
        url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{pg_name}"
    else:
        url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    try:
        await run(members, chatters, db, url, tmp)
    finally:
        if db == "postgresql":
            await pg_admin(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


async def run(members: int, chatters: int, db: str, url: str, tmp: Path) -> None:
    await asyncio.to_thread(upgrade, url)
    config = load_config(write_config(tmp), env={})
    async with BotApiEmulator() as emu:
        emu.set_rate_limits(global_per_second=30, per_chat_per_second=1.0, retry_after=1)
        emu.user(CDA.user_id)
        t0 = time.monotonic()
        await seed(url, members, chatters, emu)
        print(
            f"seeded {members:,} members + {chatters} chatting members in {time.monotonic() - t0:.1f}s ({db})"
        )
        bot = await start_bot(emu, url, tmp)
        try:
            await wait_for_polling(emu)
            stop, latencies = asyncio.Event(), list[float]()
            tasks = [
                asyncio.create_task(chatter(emu, 10_000 + members + i, stop, latencies))
                for i in range(1, chatters + 1)
            ]
            sm = create_sessionmaker(create_engine(url))
            async with sm.begin() as s:
                draft = await bc.create_draft(
                    s,
                    CDA,
                    config,
                    bc.Content("text", "<b>نمایشگاه بین‌المللی گل تهران</b>"),
                    now=datetime.now(UTC),
                )
                await bc.toggle_segment(s, CDA, config, draft.id, "roles", "grower", now=datetime.now(UTC))
                await bc.schedule(s, CDA, config, draft.id, due_at=None, now=datetime.now(UTC))
            started = time.monotonic()
            while True:
                await asyncio.sleep(1)
                async with sm() as s:
                    status = (await s.get(Broadcast, draft.id, populate_existing=True)).status  # type: ignore[union-attr]
                if status == "done":
                    break
                if time.monotonic() - started > members / 10 + 120:
                    raise SystemExit(f"broadcast still {status} after {time.monotonic() - started:.0f}s")
            stop.set()
            await asyncio.gather(*tasks)
        finally:
            bot.send_signal(signal.SIGINT)
            await asyncio.wait_for(bot.wait(), 60)

        audience = {10_000 + i for i in range(1, members + 1)}
        ok = [c for c in emu.calls if c.status == 200 and c.method in SEND_METHODS]
        bulk = sorted(c.at for c in ok if c.chat_id in audience)
        per_member = Counter(c.chat_id for c in ok if c.chat_id in audience)
        duplicates = sum(n - 1 for n in per_member.values())
        sustained = (len(bulk) - 1) / (bulk[-1] - bulk[0]) if len(bulk) > 1 else 0.0
        latencies.sort()
        print(f"delivered:              {len(per_member):,} of {members:,} members")
        print(f"sustained broadcast:    {sustained:.2f} msg/s over {bulk[-1] - bulk[0]:.1f}s")
        print(f"most in any 1s window:  {worst_second([c.at for c in ok])} (all sends incl. replies)")
        limited = Counter(
            "audience" if c.chat_id in audience else "other" for c in emu.calls if c.status == 429
        )
        print(f"429s received:          {emu.stats.rate_limited} {dict(limited)}")
        print(f"duplicates:             {duplicates}")
        p50, p95 = statistics.median(latencies), latencies[int(len(latencies) * 0.95) - 1]
        print(f"chat replies:           {len(latencies)}  p50 {p50 * 1000:.0f} ms  p95 {p95 * 1000:.0f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--chatters", type=int, default=10)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    asyncio.run(main(args.members, args.chatters, args.db))
