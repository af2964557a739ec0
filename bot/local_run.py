"""Run the real Application against a local Bot API emulator: for tests, benchmarks and the sandbox."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import KhoosheApp, build_application, build_applications
from bot.config import Config
from bot.db import create_engine
from bot.emulator import BotApiEmulator
from bot.serve.runner import Service
from bot.serve.settings import ServeSettings
from models.enums import Platform


class BotUnderTest:
    """The bot as production runs it, polling the emulator; `restart()` builds a brand-new Application."""

    def __init__(
        self, emu: BotApiEmulator, config: Config, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.emu = emu
        self.config = dataclasses.replace(
            config, bot_token=emu.token, base_url=emu.base_url, base_file_url=emu.base_file_url
        )
        self.clock = clock
        self.app: KhoosheApp | None = None

    async def start(self) -> None:
        engine: AsyncEngine = create_engine(self.config.database_url)
        self.app = build_application(self.config, engine=engine, clock=self.clock)
        await self.app.initialize()
        if self.app.post_init:
            await self.app.post_init(self.app)
        await self.app.start()
        assert self.app.updater is not None
        await self.app.updater.start_polling(poll_interval=0.0, timeout=1)

    async def stop(self) -> None:
        if self.app is None:
            return
        app, self.app = self.app, None
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        if app.post_shutdown:
            await app.post_shutdown(app)
        await app.shutdown()

    async def restart(self) -> None:
        await self.stop()
        await self.start()


class MessengersUnderTest:
    """Telegram and Bale in one process, as `khooshe run` serves both tokens, each on its own emulator."""

    def __init__(
        self,
        telegram: BotApiEmulator,
        bale: BotApiEmulator,
        config: Config,
        clock: Callable[[], datetime] | None = None,
        settings: ServeSettings | None = None,
    ) -> None:
        self.emus: dict[str, BotApiEmulator] = {Platform.TELEGRAM: telegram, Platform.BALE: bale}
        self.config = dataclasses.replace(
            config,
            platform=Platform.TELEGRAM,
            bot_token=telegram.token,
            base_url=telegram.base_url,
            base_file_url=telegram.base_file_url,
            bale_token=bale.token,
            bale_base_url=bale.base_url,
            bale_base_file_url=bale.base_file_url,
            polling_timeout=1,
        )
        self.clock = clock
        self.settings = settings or ServeSettings()
        self.service: Service | None = None

    def app(self, platform: str) -> KhoosheApp:
        assert self.service is not None
        return next(a for a in self.service.apps if a.bot_data.config.platform == platform)

    async def start(self) -> None:
        engine: AsyncEngine = create_engine(self.config.database_url)
        self.service = Service(
            build_applications(self.config, engine=engine, clock=self.clock), self.settings
        )
        await self.service.start()

    async def stop(self) -> None:
        if self.service is not None:
            service, self.service = self.service, None
            await service.stop()


@asynccontextmanager
async def running_bot(
    config: Config,
    database_url: str,
    *,
    clock: Callable[[], datetime] | None = None,
    emulator: BotApiEmulator | None = None,
) -> AsyncIterator[BotUnderTest]:
    """The bot polling `emulator` (or a fresh one, stopped afterwards)."""
    async with contextlib.AsyncExitStack() as stack:
        if emulator is None:
            emulator = BotApiEmulator()
            await stack.enter_async_context(emulator)
        bot = BotUnderTest(emulator, dataclasses.replace(config, database_url=database_url), clock)
        await bot.start()
        try:
            yield bot
        finally:
            await bot.stop()
