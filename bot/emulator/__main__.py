"""`python -m bot.emulator --port 8081`: serve the emulator so a bot can be run against it by hand."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.emulator.emulator import BotApiEmulator
from bot.emulator.profiles import PROFILES


async def _serve(port: int, profile: str) -> None:
    emu = await BotApiEmulator(port=port, profile=profile).start()
    print(f"BOT_API_BASE_URL={emu.base_url}")
    print(f"BOT_API_BASE_FILE_URL={emu.base_file_url}")
    print(f"BOT_TOKEN={emu.token}")
    print(
        f'driver: POST http://127.0.0.1:{emu.port}/_driver/users/<user_id>/text {{"text": "/start"}}',
        flush=True,
    )
    try:
        await asyncio.Event().wait()
    finally:
        await emu.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Khooshe's Bot API emulator (127.0.0.1 only)")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="telegram", help="which messenger")
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port, args.profile))


if __name__ == "__main__":
    main()
