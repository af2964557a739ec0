"""Benchmark: one member floods the bot with 400 messages in a burst while 10 others tap «راهنما».

Prints the others' reply latency (p50 / p95 / max), how many flood messages were answered, and how many
times the flooder was asked to slow down. The bot runs as its own process (`khooshe run`).

    .venv/bin/python bench/flood.py                  # SQLite
    .venv/bin/python bench/flood.py --db postgresql --flood 400 --burst-limit 30

Measured 2026-11-29 on a 2-core machine shared with other work (load average 1–3), 3 runs each,
alternating with the code before (cc8f289); median (range) of the 50 replies' p95 / p50, ms:

                          p95 before         p95 now          p50 before     p50 now
    SQLite, flood 400     677 (526–1074)     151 (140–186)    22 (17–28)     64 (64–81)
    SQLite, no flood      246 (182–314)      111 (80–137)     32 (24–59)     47 (39–48)
    PostgreSQL, flood     286 (221–427)      181 (134–193)    101 (56–142)   57 (43–83)
    PostgreSQL, no flood  133 (126–200)       77 (67–86)      84 (69–131)    39 (38–69)

Before, every SQLite transaction (reads too) took the write lock with BEGIN IMMEDIATE and waited in
SQLite's busy loop, whose polls grow 100 ms apart and let newcomers overtake: with ten members
pressing at once one of them waited 0.9 s. Now reads are deferred (WAL snapshot), writers queue
first come, first served in the process, and a press that changes nothing does not write (see
bot/db.py). The p95 follows the CPU the bot gets: a reply costs it about 10–13 ms of CPU and the
ten arrive together. With the same machine loaded by other processes (load average 5–9), runs of
this change gave p95 185–527 ms on SQLite and 244–1515 ms on PostgreSQL (whose server competes
for the same two cores); the code before gave 239–1359 and 379–1004 in alternating runs.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import signal
import statistics
import tempfile
import time
from pathlib import Path

from _shared import database, seed, start_bot, wait_for_polling, write_config

from bot import texts
from bot.emulator import BotApiEmulator

FLOODER = 10_001


async def quiet_member(emu: BotApiEmulator, user_id: int, rounds: int, latencies: list[float]) -> None:
    user = emu.user(user_id)
    for _ in range(rounds):
        started = time.monotonic()
        await user.send_text(texts.BTN_HELP)
        await user.next_message(timeout=60)
        latencies.append(time.monotonic() - started)
        await asyncio.sleep(1.2)  # Telegram allows one message a second per chat


async def main(flood: int, quiet: int, db: str, burst_limit: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="khooshe-flood-"))
    try:
        async with BotApiEmulator() as emu, database(db, tmp) as url:
            await seed(url, members=1 + quiet, chatters=0, emu=emu)
            config = write_config(tmp)
            toml = config.read_text(encoding="utf-8")
            toml = toml.replace("burst_limit = 30", f"burst_limit = {burst_limit}")
            config.write_text(toml, encoding="utf-8")
            bot = await start_bot(emu, url, tmp)
            try:
                await wait_for_polling(emu)
                warm_up: list[float] = []  # first answers (cold caches, first connections) are not measured
                await asyncio.gather(*(quiet_member(emu, 10_002 + k, 1, warm_up) for k in range(quiet)))
                latencies: list[float] = []
                flooder = emu.user(FLOODER)
                started = time.monotonic()
                for i in range(flood):
                    await flooder.send_text(f"سلام {i}")
                await asyncio.gather(*(quiet_member(emu, 10_002 + k, 5, latencies) for k in range(quiet)))
                await asyncio.sleep(3)  # let the flooder's backlog finish before counting its answers
                elapsed = time.monotonic() - started
            finally:
                bot.send_signal(signal.SIGINT)
                await bot.wait()
            answers = [m for m in emu.sent_to(FLOODER)]
            slow_down = sum(1 for m in answers if texts.SLOW_DOWN in m.plain_text)
            q = statistics.quantiles(latencies, n=20)
            print(f"database: {db}; flood: {flood} messages from one member; burst limit {burst_limit}")
            p50, p95, most = statistics.median(latencies), q[18], max(latencies)
            print(f"other members' replies ({len(latencies)}): p50 {p50 * 1000:.0f} ms, ", end="")
            print(f"p95 {p95 * 1000:.0f} ms, max {most * 1000:.0f} ms")
            print(f"flood messages answered: {len(answers) - slow_down}; ", end="")
            print(f"«لطفاً کمی صبر کنید» sent: {slow_down}")
            print(f"wall time: {elapsed:.1f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=int, default=400)
    parser.add_argument("--quiet", type=int, default=10)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--burst-limit", type=int, default=30)
    args = parser.parse_args()
    asyncio.run(main(args.flood, args.quiet, args.db, args.burst_limit))
