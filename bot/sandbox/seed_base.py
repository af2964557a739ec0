"""What every sandbox seeder receives: one session (one transaction), the config and "now"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.sandbox.demo_data import CDA_USER_ID
from bot.services.members.accounts import Identity


@dataclass(frozen=True)
class SeedContext:
    session: AsyncSession
    config: Config
    now: datetime  # aware UTC

    @property
    def cda(self) -> Identity:
        """The CDA persona, as the admin services expect the caller."""
        return Identity(self.config.platform, CDA_USER_ID, CDA_USER_ID)


Seeder = Callable[[SeedContext], Awaitable[str]]  # returns one line for the start-up log
