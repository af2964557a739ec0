"""Benchmark: claiming deliveries with 100,000 pending rows, and counting an audience right after a bulk
import (before PostgreSQL has table statistics). Prints milliseconds per claim and per count.

    .venv/bin/python bench/claims.py --db postgresql
    .venv/bin/python bench/claims.py --db sqlite --pending 100000 --members 5000
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _shared import database, seed
from sqlalchemy import insert, update

from bot.config import load_config
from bot.db import create_engine, create_sessionmaker
from bot.emulator import BotApiEmulator
from bot.services.broadcasts import delivery as dl
from bot.services.common import segments
from models import Broadcast, Delivery


async def main(db: str, pending: int, members: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="khooshe-claims-"))
    config = load_config(env={})
    now = datetime.now(UTC)
    try:
        async with BotApiEmulator() as emu, database(db, tmp) as url:
            await seed(url, members=members, chatters=0, emu=emu)
            engine = create_engine(url)
            sm = create_sessionmaker(engine)
            started = time.perf_counter()
            async with sm.begin() as s:
                count = await segments.count_recipients(s, {"roles": ["grower"]}, platforms=("telegram",))
            first_count = time.perf_counter() - started
            counts = []
            for _ in range(5):
                started = time.perf_counter()
                async with sm.begin() as s:
                    await segments.count_recipients(s, {"categories": ["cut"]}, platforms=("telegram",))
                counts.append(time.perf_counter() - started)
            broadcasts = max(1, pending // members)  # (broadcast, member) is unique: spread over broadcasts
            async with engine.begin() as conn:
                for _ in range(broadcasts):
                    result = await conn.execute(
                        insert(Broadcast).returning(Broadcast.id),
                        [
                            {
                                "status": "running", "created_by": 0, "admin_chat_id": 0, "kind": "text",
                                "text_html": "x", "buttons": [], "segment": {}, "urgent": True,
                                "created_at": now, "updated_at": now, "total": members,
                            }
                        ],
                    )  # fmt: skip
                    broadcast_id = result.scalar_one()
                    rows = [
                        {
                            "broadcast_id": broadcast_id, "member_id": i, "account_id": i,
                            "chat_id": 10_000 + i, "status": "pending", "attempts": 0,
                            "maybe_duplicate": False,
                        }
                        for i in range(1, members + 1)
                    ]  # fmt: skip
                    await conn.execute(insert(Delivery), rows)
            pending = broadcasts * members
            claims = []
            for _ in range(50):
                started = time.perf_counter()
                async with sm.begin() as s:
                    got = await dl.claim(s, worker="bench", config=config, now=now, limit=5)
                claims.append(time.perf_counter() - started)
                assert len(got) == 5, got
                async with sm.begin() as s:  # mark them sent, as the worker would
                    ids = [c.delivery_id for c in got]
                    await s.execute(update(Delivery).where(Delivery.id.in_(ids)).values(status="sent"))
            await engine.dispose()
            print(f"database: {db}; {members} members; {pending} pending deliveries")
            print(
                f"audience count right after the bulk import: {first_count * 1000:.1f} ms ({count} people);"
            )
            print(f"  next counts median {statistics.median(counts) * 1000:.1f} ms")
            print(
                f"claim of 5 with {pending} pending: median {statistics.median(claims) * 1000:.2f} ms, ",
                end="",
            )
            print(f"max {max(claims) * 1000:.2f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=5_000)
    args = parser.parse_args()
    asyncio.run(main(args.db, args.pending, args.members))
