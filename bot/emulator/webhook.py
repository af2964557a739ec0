"""Webhook delivery: while a webhook is set, POST each queued update to it, in order, as Telegram does.

Each update is sent with the `X-Telegram-Bot-Api-Secret-Token` header given to setWebhook; it leaves
the queue only when the bot answers 2xx, otherwise it is retried after a short pause (like
Telegram, which keeps unanswered updates and retries). `attempts` records every POST and its status.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import aiohttp

if TYPE_CHECKING:
    from bot.emulator.emulator import BotApiEmulator

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
RETRY_AFTER = 0.5  # seconds between attempts at an update the bot did not accept


@dataclass(frozen=True)
class WebhookAttempt:
    update_id: int
    url: str
    status: int | None  # None: the connection failed


class WebhookPusher:
    def __init__(self, emu: BotApiEmulator) -> None:
        self.emu = emu
        self.attempts: list[WebhookAttempt] = []
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        """After setWebhook: start pushing (or keep going with the new URL)."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._push(), name="emulator-webhook")
        self.emu.update_signal.notify()

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _push(self) -> None:
        emu, state = self.emu, self.emu.state
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            while not emu.closing and state.webhook is not None:
                if not state.updates:
                    await emu.update_signal.wait(1.0)
                    continue
                webhook, update = state.webhook, state.updates[0]
                secret = webhook.get("secret_token")
                headers = {SECRET_HEADER: str(secret)} if secret else {}
                try:
                    async with http.post(str(webhook["url"]), json=update, headers=headers) as response:
                        status: int | None = response.status
                except (aiohttp.ClientError, TimeoutError):
                    status = None
                self.attempts.append(WebhookAttempt(int(update["update_id"]), str(webhook["url"]), status))
                if status is not None and 200 <= status < 300:
                    state.confirm_updates(int(update["update_id"]) + 1)
                else:
                    await emu.sleep_unless_closing(RETRY_AFTER)
