"""Benchmark: sign-up throughput end to end. N members press ثبت‌نام for one course at the same moment
(through the emulator, the bot as its own process); prints sign-ups handled per second and checks
that capacity held.

    .venv/bin/python bench/signups.py                       # 1,000 members, 100 seats, SQLite
    .venv/bin/python bench/signups.py --db postgresql
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import signal
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _shared import FIRST_USER_ID, database, seed, start_bot, wait_for_polling, write_config
from sqlalchemy import select

from bot.db import create_engine, create_sessionmaker
from bot.emulator import BotApiEmulator
from models import Event, Seat


async def add_course(url: str, capacity: int) -> int:
    engine = create_engine(url)
    now = datetime.now(UTC)
    async with create_sessionmaker(engine).begin() as s:
        event = Event(
            kind="course",
            status="published",
            title="کشت بدون خاک",
            starts_at=now + timedelta(days=7),
            capacity=capacity,
            segment={},
            created_by=9000,
            created_at=now,
            updated_at=now,
        )
        s.add(event)
        await s.flush()
        event_id = event.id
    await engine.dispose()
    return event_id


async def run(members: int, capacity: int, db: str, url: str, tmp: Path) -> None:
    write_config(tmp)
    async with BotApiEmulator() as emu:
        await seed(url, members, 0, emu)
        event_id = await add_course(url, capacity)
        bot = await start_bot(emu, url, tmp)
        try:
            await wait_for_polling(emu)
            users = [emu.user(FIRST_USER_ID + i) for i in range(1, members + 1)]
            started = time.monotonic()
            for user in users:
                await user.press_raw(1, f"crs:join:{event_id}")
            while not all(u.callback_answers for u in users):
                await asyncio.sleep(0.01)
                if time.monotonic() - started > 600:
                    raise SystemExit("not all presses were answered within 10 minutes")
            elapsed = time.monotonic() - started
        finally:
            bot.send_signal(signal.SIGINT)
            await asyncio.wait_for(bot.wait(), 60)
    engine = create_engine(url)
    async with create_sessionmaker(engine)() as s:
        statuses = Counter((await s.execute(select(Seat.status))).scalars())
    await engine.dispose()
    rate = members / elapsed
    print(f"{members:,} sign-ups for {capacity} seats on {db}: {elapsed:.2f}s → {rate:.0f} sign-ups/s")
    print(f"result: {dict(statuses)} (capacity held: {statuses['registered'] == capacity})")


async def main(members: int, capacity: int, db: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="khooshe-bench-"))
    try:
        async with database(db, tmp) as url:
            await run(members, capacity, db, url, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    asyncio.run(main(args.members, args.capacity, args.db))
