"""Start the sandbox: the emulator (with the web chat), a migrated and seeded SQLite file, the real bot."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import UTC, datetime, time
from pathlib import Path
from types import TracebackType

from bot.config import PROJECT_ROOT, Config
from bot.db import create_engine, create_sessionmaker
from bot.emulator import BotApiEmulator
from bot.local_run import BotUnderTest
from bot.migrate import upgrade_async
from bot.sandbox.lock import SandboxLock
from bot.sandbox.persona_hints import persona_tags
from bot.sandbox.returning import show_returning_screen
from bot.sandbox.seed import known_user_ids, run_seeders
from bot.sandbox.web import SandboxWeb
from bot.serve.dashboard import Dashboard

log = logging.getLogger(__name__)
DEFAULT_DB = PROJECT_ROOT / "var" / "sandbox.sqlite3"  # git-ignored, apart from data/ of a real run
DEFAULT_PORT = 8080
BOT_USERNAME, BOT_FIRST_NAME = "khooshe_sandbox_bot", "خوشه"


def sandbox_config(config: Config, db_path: Path, *, quiet_hours: bool = False) -> Config:
    """The app's config on the sandbox's own SQLite file; quiet hours off unless asked for, so a
    rehearsal at night still delivers «ارسال همین حالا» at once."""
    broadcasting = config.broadcasting
    if not quiet_hours:
        broadcasting = dataclasses.replace(broadcasting, quiet_start=time(0, 0), quiet_end=time(0, 0))
    url = f"sqlite+aiosqlite:///{db_path.resolve()}"
    return dataclasses.replace(config, database_url=url, broadcasting=broadcasting)


class Sandbox:
    """`async with Sandbox(config) as sb: print(sb.url)` — everything on 127.0.0.1, stopped on exit."""

    def __init__(
        self,
        config: Config,
        *,
        db_path: Path = DEFAULT_DB,
        port: int = DEFAULT_PORT,
        quiet_hours: bool = False,
        clock: Callable[[], datetime] | None = None,
        fresh: bool = False,
    ) -> None:
        self.config = sandbox_config(config, db_path, quiet_hours=quiet_hours)
        self.db_path = db_path
        self.port = port
        self.fresh = fresh
        self.lock = SandboxLock(db_path)
        self.clock = clock
        self.emu = BotApiEmulator(port=port, bot_username=BOT_USERNAME, bot_first_name=BOT_FIRST_NAME)
        self.web = SandboxWeb(self.emu, self.config)
        self.emu.route_hooks.append(self.web.add_routes)
        # the same dashboard routes as `khooshe run` serves; its database is the bot's, once it runs
        self.dashboard = Dashboard(lambda _: self.config, self.config, clock=clock)
        self.emu.route_hooks.append(self.dashboard.add_routes)
        self.bot: BotUnderTest | None = None
        self.seed_lines: list[str] = []

    @property
    def url(self) -> str:
        return f"{self.emu.url}/"

    async def start(self) -> Sandbox:
        """Refuses (SandboxAlreadyRunning, with the running one's URL) when a sandbox uses this file."""
        stale = self.lock.acquire()
        if stale is not None:
            log.info("sandbox: took over the lock of pid %s, which is no longer running", stale.pid)
        try:
            if self.fresh:  # only now: never under a sandbox that is still running on the file
                self.db_path.unlink(missing_ok=True)
            await upgrade_async(self.config.database_url)
            await self.seed()
            await self._listen()
            self.lock.publish(self.url)
            self.config = dataclasses.replace(self.config, dashboard_url=self.emu.url)
            self.dashboard.config = self.config
            self.bot = BotUnderTest(self.emu, self.config, self.clock)
            await self.bot.start()
            assert self.bot.app is not None
            self.dashboard.sessionmaker = self.bot.app.bot_data.sessionmaker
            self.web.opener = self._open_chat
        except BaseException:
            await self.stop()
            raise
        return self

    async def _listen(self) -> None:
        try:
            await self.emu.start()
        except OSError:
            if self.port == 0:
                raise
            log.warning("port %s is taken; using a free one", self.port)
            self.emu.port = 0
            await self.emu.start()

    async def _open_chat(self, user_id: int) -> None:
        if self.bot is not None and self.bot.app is not None:
            await show_returning_screen(self.bot.app, user_id)

    async def seed(self) -> None:
        engine = create_engine(self.config.database_url)
        try:
            now = self.clock() if self.clock else datetime.now(UTC)
            sessionmaker = create_sessionmaker(engine)
            self.seed_lines = await run_seeders(sessionmaker, self.config, now=now)
            async with sessionmaker() as session:
                earlier = await known_user_ids(session, self.config.platform)
                self.web.set_tags(await persona_tags(session, self.config.platform))
        finally:
            await engine.dispose()
        for line in self.seed_lines:
            log.info("sandbox seed: %s", line)
        for user_id in earlier:  # the emulator forgets chats on restart; the database does not
            self.web.persona(user_id)

    async def stop(self) -> None:
        self.web.opener = None
        self.dashboard.sessionmaker = None
        try:
            if self.bot is not None:
                bot, self.bot = self.bot, None
                await bot.stop()
            await self.emu.stop()
        finally:
            self.lock.release()

    async def __aenter__(self) -> Sandbox:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()
