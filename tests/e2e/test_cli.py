"""The `khooshe` console script as a newcomer runs it: no token, admins, `run` against the emulator."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import texts
from bot.config import DEFAULT_CONFIG_PATH
from bot.db import create_engine, create_sessionmaker
from bot.emulator import BotApiEmulator
from models import Member

KHOOSHE = str(Path(sys.executable).with_name("khooshe"))


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    unset = ("BOT_TOKEN", "BOT_API_BASE_URL", "KHOOSHE_CONFIG", "BALE_BOT_TOKEN")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    env.update(extra)
    return env


def test_run_without_token_prints_one_clear_line(tmp_path: Path) -> None:
    result = subprocess.run([KHOOSHE, "run"], env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "khooshe: BOT_TOKEN is not set: export BOT_TOKEN=<token from @BotFather> (Telegram) "
        "or BALE_BOT_TOKEN=<token from @BotFather in Bale> and run again."
    ]
    assert not (tmp_path / "cli.db").exists()  # nothing was created before the check


def test_admin_add_and_list(tmp_path: Path) -> None:
    env = _env(tmp_path)
    added = subprocess.run(
        [KHOOSHE, "admin", "add", "424242"], env=env, capture_output=True, text=True, timeout=60
    )
    assert added.returncode == 0 and added.stdout.strip() == "admin 424242 added"
    again = subprocess.run(
        [KHOOSHE, "admin", "add", "424242"], env=env, capture_output=True, text=True, timeout=60
    )
    assert again.stdout.strip() == "424242 is already an admin"
    listed = subprocess.run([KHOOSHE, "admin", "list"], env=env, capture_output=True, text=True, timeout=60)
    assert listed.stdout.split() == ["424242", "database"]
    on_bale = subprocess.run(
        [KHOOSHE, "admin", "add", "424242", "--bale"], env=env, capture_output=True, text=True, timeout=60
    )
    assert on_bale.stdout.strip() == "admin 424242 added"  # another numbering: another person
    listed = subprocess.run(
        [KHOOSHE, "admin", "list", "--bale"], env=env, capture_output=True, text=True, timeout=60
    )
    assert listed.stdout.split() == ["424242", "database"]
    bad = subprocess.run(
        [KHOOSHE, "admin", "add", "abc"], env=env, capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2 and "invalid int value" in bad.stderr


async def test_run_against_the_emulator_registers_a_grower(tmp_path: Path) -> None:
    async with BotApiEmulator() as emu:
        env = _env(
            tmp_path,
            BOT_TOKEN=emu.token,
            BOT_API_BASE_URL=emu.base_url,
            BOT_API_BASE_FILE_URL=emu.base_file_url,
        )
        proc = await asyncio.create_subprocess_exec(
            KHOOSHE, "run", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        try:
            grower = emu.user(5151, first_name="حسن")
            await grower.send_command("/start")
            await grower.expect(2, timeout=30)  # the first reply waits for migrations and start-up
            await grower.send_text("حسن کشاورز")
            await grower.next_message()
            await grower.share_contact("+989131234567")
            await grower.expect(2)
            await grower.press("تولیدکننده (گلخانه‌دار)")
            await grower.expect(2)
            await grower.press("گل شاخه‌بریده")
            await grower.next_message()
            await grower.press(texts.BTN_CATEGORIES_DONE)
            await grower.expect(2)
            await grower.press("محلات")
            await grower.expect(2)
            await grower.send_text("800")
            await grower.expect(2)  # the area question's «رد شدن» closes, then the summary
            await grower.press(texts.BTN_CONFIRM)
            assert (await grower.expect(2))[-1].plain_text == texts.REGISTERED
        finally:
            proc.send_signal(signal.SIGINT)
            output, _ = await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode == 0, output.decode()
        assert emu.token not in output.decode()  # the token never reaches the log
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    async with create_sessionmaker(engine)() as session:
        member = (await session.execute(select(Member))).scalar_one()
    await engine.dispose()
    assert (member.full_name, member.phone, member.area_m2) == ("حسن کشاورز", "+989131234567", 800)


@pytest.mark.parametrize("command", [["migrate"]])
def test_migrate_is_idempotent(tmp_path: Path, command: list[str]) -> None:
    env = _env(tmp_path)
    for _ in range(2):
        result = subprocess.run([KHOOSHE, *command], env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and "database is up to date" in result.stdout


async def test_a_refused_token_is_one_line_without_the_secret(tmp_path: Path) -> None:
    secret = "123456:THIS-IS-A-SECRET-TOKEN"
    async with BotApiEmulator() as emu:
        env = _env(tmp_path, BOT_TOKEN=secret, BOT_API_BASE_URL=emu.base_url)
        proc = await asyncio.create_subprocess_exec(
            KHOOSHE, "run", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        output, _ = await asyncio.wait_for(proc.communicate(), 60)
    text = output.decode()
    assert proc.returncode == 2, text
    assert "THIS-IS-A-SECRET" not in text and "123456" not in text
    assert "پیام‌رسان توکن ربات را نپذیرفت" in text
    assert "Traceback" not in text


async def test_a_second_run_on_the_same_token_stops_itself_and_the_first_keeps_serving(
    tmp_path: Path,
) -> None:
    config = tmp_path / "khooshe.toml"
    toml = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8").replace("admin_ids = []", "admin_ids = [9000]")
    config.write_text(toml.replace("second_poller_grace = 30", "second_poller_grace = 3"), encoding="utf-8")
    async with BotApiEmulator() as emu:
        env = _env(tmp_path, BOT_TOKEN=emu.token, BOT_API_BASE_URL=emu.base_url, KHOOSHE_CONFIG=str(config))
        first = await asyncio.create_subprocess_exec(
            KHOOSHE, "run", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        try:
            admin, grower = emu.user(9000), emu.user(5252)
            await grower.send_command("/start")
            await grower.expect(2, timeout=30)  # the first process polls and answers
            await asyncio.sleep(3.5)  # older than the grace period: it is "the one already running"
            second = await asyncio.create_subprocess_exec(
                KHOOSHE, "run", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
            )
            second_out, _ = await asyncio.wait_for(second.communicate(), 60)
            assert second.returncode == 2, second_out.decode()
            assert "نسخهٔ دیگری از ربات با همین توکن" in second_out.decode()
            notice = await admin.next_message(timeout=10)
            assert notice.plain_text == texts.SECOND_POLLER_NOTICE
            await grower.send_text("یک پیام بعد از آن")
            await grower.next_message(timeout=10)  # the first process still serves
        finally:
            first.send_signal(signal.SIGINT)
            first_out, _ = await asyncio.wait_for(first.communicate(), 30)
        assert first.returncode == 0, first_out.decode()
    assert len([m for m in admin.messages if m.plain_text == texts.SECOND_POLLER_NOTICE]) == 1


def _table(stdout: str) -> dict[str, str]:
    """The doctor's table: method → supported / NOT supported / unknown."""
    rows: dict[str, str] = {}
    for line in stdout.splitlines():
        method, _, rest = line.partition("  ")
        state = rest.strip().split("  ")[0].strip()
        if state in ("supported", "NOT supported", "unknown"):
            rows[method] = state
    return rows


async def _doctor(tmp_path: Path, emu: BotApiEmulator, **extra: str) -> tuple[int, str, str]:
    env = _env(
        tmp_path, BOT_TOKEN=emu.token, BOT_API_BASE_URL=emu.base_url, BOT_API_BASE_FILE_URL=emu.base_file_url
    )
    env.update(extra)
    proc = await asyncio.create_subprocess_exec(
        KHOOSHE, "doctor", env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


@pytest.mark.parametrize("profile", ["telegram", "bale"])
async def test_doctor_prints_what_the_messenger_supports(tmp_path: Path, profile: str) -> None:
    async with BotApiEmulator(profile=profile) as emu:
        code, out, err = await _doctor(tmp_path, emu, KHOOSHE_PLATFORM=profile)
        assert not [c for c in emu.calls if c.method in ("sendMessage", "setMyCommands", "setChatMenuButton")]
    assert code == 0, err
    missing = "NOT supported" if profile == "bale" else "supported"
    assert _table(out) == {
        "setMyCommands": missing,
        "getMyCommands": missing,
        "deleteMyCommands": missing,
        "setChatMenuButton": missing,
        "getChatMenuButton": missing,
        "editMessageReplyMarkup": "supported",
        "parse_mode=HTML": "unknown" if profile == "bale" else "supported",
    }
    assert "answered getMe" in out and "the bot can run" in out and emu.token not in out + err
    if profile == "bale":
        assert "no command menu" in out and "unknown until first send" in out


async def test_doctor_checks_telegram_and_bale_when_both_are_configured(tmp_path: Path) -> None:
    async with BotApiEmulator() as telegram, BotApiEmulator(profile="bale") as bale:
        code, out, err = await _doctor(
            tmp_path,
            telegram,
            BALE_BOT_TOKEN=bale.token,
            BALE_API_BASE_URL=bale.base_url,
            BALE_API_BASE_FILE_URL=bale.base_file_url,
        )
        assert [c.method for c in telegram.calls][:1] == ["getMe"] and bale.calls_to("getMe")
    assert code == 0, err
    assert "messengers: telegram + bale" in out
    telegram_part, _, bale_part = out.partition("messenger: Bale")
    assert "messenger: Telegram" in telegram_part
    assert _table(telegram_part)["setMyCommands"] == "supported"
    assert _table(bale_part)["setMyCommands"] == "NOT supported"
    assert _table(bale_part)["parse_mode=HTML"] == "unknown"
    assert bale.token not in out + err and telegram.token not in out + err


async def test_doctor_says_clearly_when_the_bot_cannot_run(tmp_path: Path) -> None:
    async with BotApiEmulator() as emu:
        code, _, err = await _doctor(tmp_path, emu, BOT_TOKEN="123:WRONG")
        assert code == 1 and err.strip().splitlines() == [
            "khooshe doctor: the bot cannot run: the messenger refused BOT_TOKEN; "
            "پیام‌رسان توکن ربات را نپذیرفت؛ BOT_TOKEN را بررسی کنید."
        ]
        code, _, err = await _doctor(tmp_path, emu, DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
        assert code == 1 and "the database does not answer" in err and len(err.strip().splitlines()) == 1
