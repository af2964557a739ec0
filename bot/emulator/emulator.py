"""BotApiEmulator: lifecycle of the HTTP server plus the public façade for tests and benchmarks."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from types import TracebackType

from aiohttp import web

from bot.emulator.driver import EmuUser
from bot.emulator.messages import EmuMessage
from bot.emulator.profiles import PROFILES
from bot.emulator.realism import EmuStats, Realism
from bot.emulator.server import ApiCall, build_app
from bot.emulator.signals import Signal
from bot.emulator.state import JSON, Chat, EmuState, ScopeKey, UserInfo
from bot.emulator.webhook import WebhookPusher


class BotApiEmulator:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_id: int = 777000,
        bot_username: str = "khooshe_test_bot",
        bot_first_name: str = "Khooshe Test Bot",
        token: str | None = None,
        profile: str = "telegram",
    ) -> None:
        self.profile = PROFILES[profile]  # "bale": 404 for the command-menu methods, 400 for parse_mode
        self.host = host
        self.port = port
        self.token = token or f"{bot_id}:TEST-TOKEN"
        self.state = EmuState(UserInfo(bot_id, bot_first_name, username=bot_username, is_bot=True))
        self.realism = Realism()
        self.stats = EmuStats()
        self.calls: list[ApiCall] = []
        self.update_signal = Signal()
        self.polls = 0  # getUpdates calls so far: a pending one that is not the newest gets 409
        self.event_signal = Signal()
        self.state.update_listeners.append(self.update_signal.notify)
        self.state.event_listeners.append(self.event_signal.notify)
        self.closing = False
        self._closed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._users: dict[int, EmuUser] = {}
        self.route_hooks: list[Callable[[web.Application], None]] = []  # e.g. the sandbox's web chat
        self.webhook = WebhookPusher(self)  # POSTs queued updates to the URL given to setWebhook

    # -- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> BotApiEmulator:
        if self._runner is not None:
            return self
        self.closing = False
        self._closed = asyncio.Event()
        app = build_app(self)
        for add_routes in self.route_hooks:
            add_routes(app)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        return self

    async def stop(self) -> None:
        """Stop serving; in-flight long polls and held requests are released at once."""
        self.closing = True
        self._closed.set()
        self.update_signal.notify()
        self.event_signal.notify()
        await self.webhook.stop()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> BotApiEmulator:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def sleep_unless_closing(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closed.wait(), seconds)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    # -- the world -----------------------------------------------------------------------------
    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "fa",
    ) -> EmuUser:
        """The user (and private chat) with this id; created on first use, the same object after."""
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        info = UserInfo(user_id, first_name or f"User {user_id}", last_name, username, language_code)
        user = EmuUser(self, self.state.add_user(info))
        self._users[user_id] = user
        return user

    def add_channel(self, chat_id: int, title: str | None = None, username: str | None = None) -> Chat:
        return self.state.add_chat(chat_id, "channel", title or f"Channel {chat_id}", username)

    def add_group(self, chat_id: int, title: str | None = None, supergroup: bool = True) -> Chat:
        kind = "supergroup" if supergroup else "group"
        return self.state.add_chat(chat_id, kind, title or f"Group {chat_id}", None)

    def push_update(self, payload: JSON) -> int:
        """Queue an arbitrary update (without update_id); returns the assigned update_id."""
        return self.state.push_update(payload)

    def sent_to(self, chat_id: int) -> list[EmuMessage]:
        return self.state.bot_messages(chat_id)

    @property
    def pending_updates(self) -> int:
        return len(self.state.updates)

    @property
    def commands(self) -> dict[ScopeKey, list[tuple[str, str]]]:
        return self.state.commands

    def commands_for(
        self,
        scope_type: str = "default",
        chat_id: int | None = None,
        user_id: int | None = None,
        language_code: str = "",
    ) -> list[tuple[str, str]]:
        return list(self.state.commands.get(ScopeKey(scope_type, chat_id, user_id, language_code), []))

    def clear_calls(self) -> None:
        self.calls.clear()

    def calls_to(self, method: str) -> list[ApiCall]:
        return [c for c in self.calls if c.method.lower() == method.lower()]

    # -- realism -------------------------------------------------------------------------------
    def set_rate_limits(
        self,
        global_per_second: float | None = 30,
        per_chat_per_second: float | None = 1.0,
        retry_after: int = 1,
    ) -> None:
        self.realism.set_rate_limits(global_per_second, per_chat_per_second, retry_after)

    def block_user(self, user_id: int) -> None:
        self.realism.blocked.add(user_id)

    def unblock_user(self, user_id: int) -> None:
        self.realism.blocked.discard(user_id)

    def deactivate_user(self, user_id: int) -> None:
        self.realism.deactivated.add(user_id)

    def inject_failure(
        self, method: str | None = None, kind: str = "timeout", count: int = 1, chat_id: int | None = None
    ) -> None:
        self.realism.inject(method, kind, count, chat_id)

    def set_network(
        self,
        *,
        latency: float = 0.0,
        lost_answer_rate: float = 0.0,
        slow_rate: float = 0.0,
        slow_seconds: float = 7.0,
        seed: int = 13,
    ) -> None:
        """Per-request latency, occasional slow answers, sends answered 502 after delivering."""
        self.realism.set_network(
            latency=latency,
            lost_answer_rate=lost_answer_rate,
            slow_rate=slow_rate,
            slow_seconds=slow_seconds,
            seed=seed,
        )

    @property
    def timeout_hold(self) -> float:
        return self.realism.timeout_hold

    @timeout_hold.setter
    def timeout_hold(self, seconds: float) -> None:
        self.realism.timeout_hold = seconds
