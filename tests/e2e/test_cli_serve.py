"""`khooshe run` as production runs it: webhook mode, /healthz, JSON log lines, SIGTERM, bad settings."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
from pathlib import Path

import aiohttp

from bot.emulator import BotApiEmulator
from tests.e2e.test_cli import KHOOSHE, _env
from tests.e2e.test_e2e_webhook import free_port
from tests.e2e_support import wait_for

SECRET = "cli-webhook-secret-0123456789abcdef"


async def test_run_in_webhook_mode_serves_health_logs_json_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with BotApiEmulator() as emu:
        env = _env(
            tmp_path,
            BOT_TOKEN=emu.token,
            BOT_API_BASE_URL=emu.base_url,
            WEBHOOK_URL=base,
            WEBHOOK_LISTEN=f"127.0.0.1:{port}",
            WEBHOOK_SECRET=SECRET,
            LOG_FORMAT="json",
        )
        proc = await asyncio.create_subprocess_exec(
            KHOOSHE, "run", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        try:
            grower = emu.user(7171)
            await grower.send_command("/start")
            await grower.expect(2, timeout=30)  # the first reply waits for migrations and start-up
            assert emu.state.webhook is not None and emu.state.webhook["url"] == f"{base}/telegram"
            async with aiohttp.ClientSession() as http:
                async with http.get(f"{base}/healthz") as response:
                    health = json.loads(await response.text())
                async with http.post(f"{base}/telegram", json={"update_id": 1}) as response:
                    assert response.status == 403  # no secret header
            await wait_for(lambda: bool(emu.webhook.attempts))
        finally:
            proc.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, output.decode()
    assert health["ok"] is True and health["messengers"]["telegram"]["updates"] == "webhook"
    lines = [json.loads(line) for line in output.decode().splitlines() if line.strip()]  # every line is JSON
    messages = [(line["logger"], line["message"]) for line in lines]
    assert ("khooshe.run", "SIGTERM: stopping") in messages and messages[-1] == ("khooshe.run", "stopped")
    assert any(logger == "khooshe.updates" and "command:/start" in m for logger, m in messages)
    assert not [m for logger, m in messages if logger.startswith("apscheduler")]
    assert SECRET not in output.decode() and emu.token not in output.decode()


def test_webhook_without_a_secret_is_one_clear_line(tmp_path: Path) -> None:
    env = _env(tmp_path, BOT_TOKEN="123456:ABCDEFGHIJ", WEBHOOK_URL="https://bot.example.ir")
    result = subprocess.run([KHOOSHE, "run"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "khooshe: WEBHOOK_SECRET must be set with WEBHOOK_URL: 16-256 characters of A-Z a-z 0-9 _ - "
        "(for example: python3 -c 'import secrets; print(secrets.token_urlsafe(32))')."
    ]
    assert not (tmp_path / "cli.db").exists()  # refused before anything was created
