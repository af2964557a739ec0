"""Typed context: handlers read context.config, .sessionmaker and .now() instead of string keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Config
from bot.delivery.engine import DeliveryEngine
from bot.delivery.files import FileBridge
from bot.error_notices import ErrorNotices
from bot.features import FeatureSet
from bot.pacing import Pacer


def utc_now() -> datetime:
    return datetime.now(UTC)


class BotData:
    """What the composition root hands every handler; set once in build_application."""

    config: Config
    engine: AsyncEngine
    pacer: Pacer
    delivery: DeliveryEngine
    features: FeatureSet
    sessionmaker: async_sessionmaker[AsyncSession]
    clock: Callable[[], datetime] = staticmethod(utc_now)
    error_notices: ErrorNotices
    started_at: float = 0.0  # time.monotonic() when polling began (post_init)
    stopped_because: str | None = None  # why the bot stopped itself (a second poller), for `khooshe run`
    # every messenger's Application in this process, by platform (this one included), set at build time:
    # reports to a CDA on the other messenger, files from the other messenger, share links
    peers: dict[str, Any]
    files: FileBridge  # files carried from one messenger to the other, shared by the peers
    owns_engine: bool = True  # False for all but one of the Applications sharing a database engine


class KhoosheContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def config(self) -> Config:
        return self.bot_data.config

    @property
    def sessionmaker(self) -> async_sessionmaker[AsyncSession]:
        return self.bot_data.sessionmaker

    def now(self) -> datetime:
        return self.bot_data.clock()
