"""Admin rights and the admin panel's numbers, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.config import Config
from bot.services.common import admin_panel
from bot.services.common.admins import add_admin, is_admin, list_admins
from bot.services.common.errors import NotAllowed
from bot.services.members.accounts import Identity
from tests.services.test_dialog_service import Driver

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
CDA = Identity("telegram", 9000, 9000)  # listed in the test config
ASSISTANT = Identity("telegram", 9100, 9100)
GROWER = Identity("telegram", 1001, 1001)


async def test_config_and_database_admins(sessionmaker: Any, config: Config) -> None:
    async with sessionmaker.begin() as s:
        assert not await is_admin(s, platform="telegram", user_id=9100, config_ids=config.admin_ids)
        assert await add_admin(s, platform="telegram", user_id=9100, now=NOW)
        assert not await add_admin(s, platform="telegram", user_id=9100, now=NOW)  # idempotent
    async with sessionmaker() as s:
        assert await is_admin(s, platform="telegram", user_id=9100, config_ids=config.admin_ids)
        assert not await is_admin(s, platform="bale", user_id=9100, config_ids=config.admin_ids)
        assert await list_admins(s, platform="telegram", config_ids=config.admin_ids) == [
            (9000, "config"),
            (9100, "database"),
        ]


async def test_stats_count_by_role_place_category(sessionmaker: Any, config: Config) -> None:
    await Driver(sessionmaker, config, GROWER).register(cats=["cut", "bulb"])
    await Driver(sessionmaker, config, Identity("telegram", 1002, 1002)).register(role="trader", cats=["cut"])
    async with sessionmaker() as s:
        stats = await admin_panel.stats(s, CDA, config, now=NOW)
        assert (stats.total, stats.new_last_7_days) == (2, 2)
        assert stats.by_role == {"grower": 1, "trader": 1}
        assert stats.by_place == {"mahallat": 2}
        assert stats.by_category == {"cut": 2, "bulb": 1}
        later = await admin_panel.stats(s, CDA, config, now=NOW + timedelta(days=8))
        assert later.new_last_7_days == 0


@pytest.mark.parametrize("call", ["stats", "admins"])
async def test_non_admins_are_refused_by_the_service(sessionmaker: Any, config: Config, call: str) -> None:
    async with sessionmaker() as s:
        with pytest.raises(NotAllowed):
            if call == "stats":
                await admin_panel.stats(s, GROWER, config, now=NOW)
            else:
                await admin_panel.admins(s, GROWER, config)
        assert await admin_panel.admins(s, CDA, config) == [(9000, "config")]
