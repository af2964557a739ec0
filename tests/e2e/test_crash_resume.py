"""Kill -9 the bot mid-broadcast and start it again: the rest is delivered, repeats ≤ messages in flight.

The lease stays at its 60 s default: the restarted process finds its dead predecessor's claims (same
host, pid gone) and sends them again at once, flagged.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.config import DEFAULT_CONFIG_PATH, load_config
from bot.db import create_engine, create_sessionmaker
from bot.emulator import BotApiEmulator
from bot.migrate import upgrade
from bot.services.broadcasts import delivery as dl
from bot.services.broadcasts import lifecycle as bc
from bot.services.members.accounts import Identity
from models import Broadcast
from tests.factories import add_member

KHOOSHE = str(Path(sys.executable).with_name("khooshe"))
MEMBERS = 80
CDA = Identity("telegram", 9000, 9000)


def write_config(tmp_path: Path) -> Path:
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    text = text.replace("admin_ids = []", "admin_ids = [9000]")
    for old, new in (
        ("tick_seconds = 2", "tick_seconds = 0.2"),
        ("max_in_flight = 10", "max_in_flight = 5"),
        ("bulk_per_second = 25", "bulk_per_second = 15"),
        ('quiet_start = "22:00"', 'quiet_start = "00:00"'),  # no quiet hours: the test may run at any hour
        ('quiet_end = "07:00"', 'quiet_end = "00:00"'),
    ):
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "crash.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def prepare(url: str, config_path: Path, emu: BotApiEmulator) -> int:
    await asyncio.to_thread(upgrade, url)
    config = load_config(config_path, env={})
    engine = create_engine(url)
    now = datetime.now(UTC)
    async with create_sessionmaker(engine).begin() as s:
        for user_id in range(1, MEMBERS + 1):
            await add_member(s, user_id)
            emu.user(user_id)
        content = bc.Content("text", "اطلاعیهٔ نمایشگاه گل تهران")
        draft = await bc.create_draft(s, CDA, config, content, now=now)
        await bc.toggle_flag(s, CDA, config, draft.id, "urgent", now=now)
        await bc.schedule(s, CDA, config, draft.id, due_at=None, now=now)
        broadcast_id = draft.id
    await engine.dispose()
    return broadcast_id


def delivered(emu: BotApiEmulator) -> Counter[int]:
    return Counter({u: len(emu.sent_to(u)) for u in range(1, MEMBERS + 1) if emu.sent_to(u)})


async def start_bot(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        KHOOSHE, "run", env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


async def wait_for(condition: object, timeout: float) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_kill_mid_broadcast_then_restart_resumes(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'crash.db'}"
    config_path = write_config(tmp_path)
    async with BotApiEmulator() as emu:
        emu.user(CDA.user_id)
        broadcast_id = await prepare(url, config_path, emu)
        env = {
            **os.environ,
            "BOT_TOKEN": emu.token,
            "BOT_API_BASE_URL": emu.base_url,
            "DATABASE_URL": url,
            "KHOOSHE_CONFIG": str(config_path),
        }

        first = await start_bot(env)
        await wait_for(lambda: sum(delivered(emu).values()) >= 20, timeout=60)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        at_kill = sum(delivered(emu).values())
        assert at_kill < MEMBERS, "the broadcast finished before the kill; slow it down"

        second = await start_bot(env)
        restarted = asyncio.get_running_loop().time()
        try:
            await wait_for(lambda: len(delivered(emu)) == MEMBERS, timeout=60)
            # well within the 60 s lease: the dead claims were recovered at once
            assert asyncio.get_running_loop().time() - restarted < 30
            engine = create_engine(url)
            sm = create_sessionmaker(engine)

            async def done() -> bool:
                async with sm() as s:
                    b = (await s.execute(select(Broadcast).where(Broadcast.id == broadcast_id))).scalar_one()
                    return b.status == "done"

            for _ in range(200):
                if await done():
                    break
                await asyncio.sleep(0.1)
            assert await done()
            async with sm() as s:
                tally = await dl.tally(s, broadcast_id)
            await engine.dispose()
        finally:
            second.send_signal(signal.SIGINT)
            await asyncio.wait_for(second.wait(), 30)

        counts = delivered(emu)
        duplicates = sum(n - 1 for n in counts.values())
        assert len(counts) == MEMBERS  # everyone got it
        assert duplicates <= 5  # bounded by max_in_flight
        assert tally.by_status["sent"] == MEMBERS
        assert tally.maybe_duplicates >= duplicates  # every real repeat was flagged for the report
        report = [m.plain_text for m in emu.sent_to(CDA.user_id) if "گزارش" in m.plain_text]
        assert len(report) == 1 and "رسیده: ۸۰ از ۸۰" in report[0]
        assert "دو بار" in report[0] or tally.maybe_duplicates == 0  # possible repeats are reported
        assert "قطع" not in report[0] and "پاسخ پیام‌رسان" not in report[0]  # no lost answers here
        if tally.maybe_duplicates:
            assert "ربات وسط ارسال متوقف شد" in report[0]
        print(f"\nkilled after {at_kill}/{MEMBERS}; repeats {duplicates}; flagged {tally.maybe_duplicates}")
