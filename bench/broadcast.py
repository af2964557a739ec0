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
import random
import shutil
import signal
import statistics
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from _shared import CDA, database, seed, start_bot, wait_for_polling, write_config

from bot import texts
from bot.config import load_config
from bot.db import create_engine, create_sessionmaker
from bot.emulator import BotApiEmulator
from bot.services.broadcasts import lifecycle as bc
from models import Broadcast

SEND_METHODS = {"sendMessage", "sendPhoto", "sendDocument", "sendVideo", "copyMessage"}


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


def worst_second(stamps: list[float]) -> int:
    stamps = sorted(stamps)
    worst, start = 0, 0
    for end, stamp in enumerate(stamps):
        while stamp - stamps[start] >= 1.0:
            start += 1
        worst = max(worst, end - start + 1)
    return worst


async def main(members: int, chatters: int, db: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="khooshe-bench-"))
    try:
        async with database(db, tmp) as url:
            await run(members, chatters, db, url, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


async def run(members: int, chatters: int, db: str, url: str, tmp: Path) -> None:
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
