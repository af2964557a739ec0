"""Benchmark: a broadcast under faults. The bot runs as its own process (`khooshe run`) against the
emulator (30/s overall and 1/s per chat enforced, like Telegram); each scenario gets a fresh database.

  lost     10 % of sends answered 502 AFTER delivering (the bot cannot know they arrived)
  kill     kill -9 of the bot half-way, then `khooshe run` again
  two      two bot processes on one PostgreSQL database (the second sends only: two pollers on one
           token meet 409), 10 members chatting meanwhile
  slow     every request takes 250 ms (half on the way there, half on the way back)

Prints delivered, missing, duplicates, flagged duplicates (and duplicates NOT flagged), 429s, msg/s.

    .venv/bin/python bench/faults.py                          # all four, 1,000 members
    .venv/bin/python bench/faults.py --only lost slow --members 500
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _shared import CDA, FIRST_USER_ID, database, seed, start_bot, wait_for_polling, write_config
from broadcast import chatter
from sqlalchemy import func, select

from bot.config import load_config
from bot.db import create_engine, create_sessionmaker
from bot.emulator import BotApiEmulator
from bot.services.broadcasts import lifecycle as bc
from models import BotProcess, Broadcast, Delivery

SEND_METHODS = {"sendMessage", "sendPhoto", "sendDocument", "sendVideo", "copyMessage"}
SCENARIOS = ("lost", "kill", "two", "slow")


@dataclass
class Figures:
    name: str
    delivered: int = 0
    missing: int = 0
    duplicates: int = 0
    flagged: int = 0
    unflagged: int = 0
    rate_limited: int = 0
    rate: float = 0.0
    seconds: float = 0.0
    reply_p95: float | None = None
    note: str = ""


async def start_sender(emu: BotApiEmulator, url: str, tmp: Path) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "BOT_TOKEN": emu.token,
        "BOT_API_BASE_URL": emu.base_url,
        "DATABASE_URL": url,
        "KHOOSHE_CONFIG": str(tmp / "bench.toml"),
    }
    sender = str(Path(__file__).with_name("_sender.py"))
    return await asyncio.create_subprocess_exec(
        sys.executable, sender, env=env, stdout=subprocess.DEVNULL, stderr=open(tmp / "sender.log", "w")
    )


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGINT)
        await asyncio.wait_for(process.wait(), 60)


async def scenario(name: str, members: int, db: str) -> Figures:
    tmp = Path(tempfile.mkdtemp(prefix=f"khooshe-faults-{name}-"))
    try:
        async with database(db, tmp) as url:
            return await run(name, members, url, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


async def run(name: str, members: int, url: str, tmp: Path) -> Figures:
    config = load_config(write_config(tmp), env={})
    chatters = 10 if name == "two" else 0
    figures = Figures(name)
    async with BotApiEmulator() as emu:
        emu.set_rate_limits(global_per_second=30, per_chat_per_second=1.0, retry_after=1)
        emu.user(CDA.user_id)
        await seed(url, members, chatters, emu)
        sm = create_sessionmaker(create_engine(url))
        processes = [await start_bot(emu, url, tmp)]
        await wait_for_polling(emu)
        if name == "two":
            processes.append(await start_sender(emu, url, tmp))
            await both_alive(sm, config.broadcasting.tick_seconds)
        if name == "lost":
            emu.set_network(lost_answer_rate=0.10)
        if name == "slow":
            emu.set_network(latency=0.25)
        audience = [FIRST_USER_ID + i for i in range(1, members + 1)]
        received = lambda: sum(1 for u in audience if emu.sent_to(u))  # noqa: E731
        stop_chat, latencies = asyncio.Event(), list[float]()
        talk = [
            asyncio.create_task(chatter(emu, FIRST_USER_ID + members + i, stop_chat, latencies))
            for i in range(1, chatters + 1)
        ]
        try:
            async with sm.begin() as s:
                now = datetime.now(UTC)
                draft = await bc.create_draft(
                    s, CDA, config, bc.Content("text", "<b>نمایشگاه گل</b>"), now=now
                )
                await bc.toggle_segment(s, CDA, config, draft.id, "roles", "grower", now=now)
                await bc.schedule(s, CDA, config, draft.id, due_at=None, now=now)
            started = time.monotonic()
            killed = False
            while True:
                await asyncio.sleep(0.2)
                if name == "kill" and not killed and received() >= members // 2:
                    processes[0].send_signal(signal.SIGKILL)
                    await processes[0].wait()
                    killed, at_kill, killed_at = True, received(), time.monotonic()
                    polls = len(emu.calls_to("getUpdates"))
                    processes[0] = await start_bot(emu, url, tmp)
                    while len(emu.calls_to("getUpdates")) <= polls:
                        await asyncio.sleep(0.1)
                    back = time.monotonic() - killed_at
                    figures.note = f"killed with {at_kill} delivered; polling again {back:.1f}s later"
                async with sm() as s:
                    status = (await s.get(Broadcast, draft.id, populate_existing=True)).status  # type: ignore[union-attr]
                if status == "done":
                    break
                if time.monotonic() - started > members / 5 + 120:
                    raise SystemExit(
                        f"{name}: broadcast still {status} after {time.monotonic() - started:.0f}s"
                    )
            figures.seconds = time.monotonic() - started
        finally:
            stop_chat.set()
            await asyncio.gather(*talk)
            for process in processes:
                await stop(process)
        copies = Counter({u: len(emu.sent_to(u)) for u in audience})
        async with sm() as s:
            flagged = set(
                (
                    await s.execute(
                        select(Delivery.chat_id).where(
                            Delivery.broadcast_id == draft.id, Delivery.maybe_duplicate.is_(True)
                        )
                    )
                ).scalars()
            )
        twice = {u for u, n in copies.items() if n > 1}
        figures.delivered = sum(1 for n in copies.values() if n)
        figures.missing = members - figures.delivered
        figures.duplicates = sum(n - 1 for n in copies.values() if n)
        figures.flagged = len(flagged)
        figures.unflagged = len(twice - flagged)
        figures.rate_limited = emu.stats.rate_limited
        if figures.rate_limited:
            limited = Counter(
                "audience" if c.chat_id in set(audience) else "other" for c in emu.calls if c.status == 429
            )
            figures.note += f" 429s to {dict(limited)}"
        members_set = set(audience)
        stamps = sorted(
            c.at
            for c in emu.calls
            if c.method in SEND_METHODS and c.chat_id in members_set and c.status in (200, 502)
        )
        figures.rate = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0
        if latencies:
            latencies.sort()
            figures.reply_p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)]
            figures.note = f"replies {len(latencies)}, p50 {statistics.median(latencies) * 1000:.0f} ms"
    return figures


async def both_alive(sm: object, tick: float) -> None:
    """Wait until the two processes have heartbeats and each has ticked since (so each paces to 1/2)."""
    for _ in range(300):
        async with sm() as s:  # type: ignore[operator]
            fresh = datetime.now(UTC) - timedelta(seconds=5)
            alive = (await s.execute(select(func.count()).where(BotProcess.seen_at >= fresh))).scalar_one()
        if alive >= 2:
            await asyncio.sleep(tick + 0.5)
            return
        await asyncio.sleep(0.2)
    raise SystemExit("the second process never started")


def show(f: Figures, members: int) -> None:
    p95 = f"  reply p95 {f.reply_p95 * 1000:.0f} ms" if f.reply_p95 is not None else ""
    print(
        f"{f.name:5} delivered {f.delivered:,}/{members:,}  missing {f.missing}  duplicates {f.duplicates}  "
        f"flagged {f.flagged} (unflagged duplicates {f.unflagged})  429s {f.rate_limited}  "
        f"{f.rate:.1f} msg/s  {f.seconds:.0f}s{p95}  {f.note}"
    )


async def main(members: int, only: list[str]) -> None:
    for name in only:
        db = "postgresql" if name == "two" else "sqlite"
        show(await scenario(name, members, db), members)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--only", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    args = parser.parse_args()
    asyncio.run(main(args.members, args.only))
