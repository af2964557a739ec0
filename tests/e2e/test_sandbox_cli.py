"""`khooshe sandbox` as a newcomer runs it, twice; and `make run` going to the sandbox without a token."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
from sqlalchemy import func, select

from bot.config import PROJECT_ROOT
from bot.db import create_engine, create_sessionmaker
from bot.sandbox.demo_data import MEMBER_COUNT
from models import Event, Member

KHOOSHE = str(Path(sys.executable).with_name("khooshe"))
URL = re.compile(r"http://127\.0\.0\.1:\d+/")


def _env(tmp_path: Path) -> dict[str, str]:
    drop = ("BOT_TOKEN", "BOT_API_BASE_URL", "KHOOSHE_CONFIG")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'production.db'}"  # the sandbox must not touch it
    return env


async def _start(tmp_path: Path) -> tuple[asyncio.subprocess.Process, str]:
    """`khooshe sandbox` on tmp_path's database; returns the process and the first line it printed."""
    db = tmp_path / "sandbox.sqlite3"
    proc = await asyncio.create_subprocess_exec(
        KHOOSHE, "sandbox", "--port", "0", "--db", str(db),
        env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None
    line = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode()
    return proc, line


async def _stop(proc: asyncio.subprocess.Process) -> tuple[str, str]:
    """Ctrl+C; returns the rest of stdout and the log (stderr) once it has exited with 0."""
    proc.send_signal(signal.SIGINT)
    out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()
    return out.decode(), err.decode()


async def _run_once(tmp_path: Path) -> tuple[str, str]:
    """Start the sandbox, wait for its URL, load the page and the personas, stop it with Ctrl+C."""
    proc, line = await _start(tmp_path)
    try:
        url = URL.search(line)
        assert url, line
        async with aiohttp.ClientSession() as http:
            async with http.get(url.group(0)) as page:
                assert page.status == 200 and 'dir="rtl"' in await page.text()
            async with http.get(f"{url.group(0)}_sandbox/personas") as resp:
                assert len((await resp.json())["personas"]) == MEMBER_COUNT + 1
    finally:
        out, err = await _stop(proc)
    return line + out, err


async def test_sandbox_prints_one_url_and_a_second_run_duplicates_nothing(tmp_path: Path) -> None:
    first_out, first_log = await _run_once(tmp_path)
    second_out, second_log = await _run_once(tmp_path)

    for out in (first_out, second_out):
        assert len(URL.findall(out)) == 1 and "no Telegram needed" in out
    assert f"members: {MEMBER_COUNT} added" in first_log and "courses: 3 added" in first_log
    assert "members: 0 added" in second_log and "courses: 0 added" in second_log
    assert "survey: launched" in first_log and "survey: already there" in second_log
    assert "delivery-tick" not in first_log  # the scheduler does not log every tick
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'sandbox.sqlite3'}")
    try:
        async with create_sessionmaker(engine)() as session:
            members = (await session.execute(select(func.count()).select_from(Member))).scalar_one()
            assert members == MEMBER_COUNT + 1  # and the CDA
            kinds = (await session.execute(select(Event.kind, func.count()).group_by(Event.kind))).all()
            assert dict(kinds) == {"course": 3, "exhibition": 2, "tour": 2}
    finally:
        await engine.dispose()
    assert not (tmp_path / "production.db").exists()


async def test_a_second_sandbox_on_the_same_file_prints_the_running_url_and_a_dead_ones_lock_is_taken_over(
    tmp_path: Path,
) -> None:
    """`make run` typed twice: the second one starts nothing and says where the first one is. After
    the first is killed (kill -9 leaves its lock file behind), the next sandbox takes the lock over."""
    first, line = await _start(tmp_path)
    try:
        running = URL.search(line)
        assert running, line
        second = await asyncio.create_subprocess_exec(
            KHOOSHE, "sandbox", "--port", "0", "--db", str(tmp_path / "sandbox.sqlite3"),
            env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        out, err = await asyncio.wait_for(second.communicate(), 60)
        assert second.returncode == 1
        assert out.decode() == ""  # no URL of its own, no second emulator
        assert err.decode().splitlines()[-1] == (
            f"khooshe: a sandbox is already running on {tmp_path / 'sandbox.sqlite3'} "
            f"(pid {first.pid}): open {running.group(0)}"
        )
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{running.group(0)}_sandbox/personas") as resp,
        ):
            assert resp.status == 200  # the first one is untouched
    finally:
        first.kill()
        await first.communicate()
    assert (tmp_path / "sandbox.sqlite3.lock").exists()  # left behind by the killed sandbox

    third, line = await _start(tmp_path)
    _, log = await _stop(third)
    assert URL.search(line), line
    assert f"took over the lock of pid {first.pid}, which is no longer running" in log
    assert not (tmp_path / "sandbox.sqlite3.lock").exists()  # a clean stop removes it


def _fake_make_run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`make run` with BIN pointing at a stub khooshe that prints its arguments (no venv needed)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    stub = bin_dir / "khooshe"
    stub.write_text('#!/bin/sh\necho "khooshe $*"\n')
    stub.chmod(0o755)
    stamp = tmp_path / "stamp"
    stamp.touch()
    os.utime(stamp, (4_000_000_000, 4_000_000_000))  # newer than pyproject.toml: no install
    base = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "MAKEFLAGS")}
    return subprocess.run(
        ["make", "-s", "run", f"BIN={bin_dir}", f"RUN_STAMP={stamp}"],
        cwd=PROJECT_ROOT, env={**base, **env}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_make_run_without_a_token_starts_the_sandbox_and_says_so_in_one_line(tmp_path: Path) -> None:
    result = _fake_make_run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "BOT_TOKEN is not set: starting the local sandbox instead (no Telegram needed).",
        "khooshe sandbox",
    ]
    with_token = _fake_make_run(tmp_path, BOT_TOKEN="123456:abcdefgh")
    assert with_token.stdout.splitlines() == ["khooshe run"]
