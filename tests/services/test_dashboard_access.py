"""The dashboard's one-time links and sessions on SQLite and PostgreSQL: one use, expiry, forged tokens,
bound to the admin who asked, nothing for a non-admin; only hashes are stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.common.admins import add_admin
from bot.services.common.errors import NotAllowed
from bot.services.dashboard import access
from bot.services.members.accounts import Identity
from models import Admin as AdminRow
from models import DashboardLink, DashboardSession
from tests.factories import NOW

SM = async_sessionmaker[AsyncSession]


def admin_of(config: Config) -> Identity:
    user = next(iter(config.admin_ids))
    return Identity(config.platform, user, user, name="CDA")


async def issue(sm: SM, config: Config, who: Identity | None = None) -> str:
    async with sm.begin() as s:
        return await access.issue_link(s, who or admin_of(config), config, now=NOW)


async def spend(
    sm: SM, config: Config, token: str, *, at: timedelta = timedelta(0)
) -> tuple[str, access.Admin]:
    async with sm.begin() as s:
        return await access.open_link(s, token, lambda _: config.admin_ids, now=NOW + at)


async def refused(sm: SM, config: Config, token: str, *, at: timedelta = timedelta(0)) -> str:
    with pytest.raises(access.LinkRefused) as caught:
        await spend(sm, config, token, at=at)
    return caught.value.code


async def test_a_link_opens_once_for_its_admin_and_is_stored_hashed(sessionmaker: SM, config: Config) -> None:
    who = admin_of(config)
    token = await issue(sessionmaker, config)
    assert len(token) >= 40
    async with sessionmaker() as s:
        row = (await s.execute(select(DashboardLink))).scalar_one()
    assert row.token_hash == access.digest(token) and token not in row.token_hash
    assert (row.admin_platform, row.admin_user_id, row.used_at) == (who.platform, who.user_id, None)
    assert row.expires_at == NOW + timedelta(minutes=15)

    cookie, admin = await spend(sessionmaker, config, token, at=timedelta(minutes=1))
    assert admin == access.Admin(who.platform, who.user_id)
    async with sessionmaker() as s:
        assert (await s.execute(select(DashboardLink.used_at))).scalar_one() == NOW + timedelta(minutes=1)
        stored = (await s.execute(select(DashboardSession))).scalar_one()
    assert stored.session_hash == access.digest(cookie) and stored.admin_user_id == who.user_id

    assert await refused(sessionmaker, config, token, at=timedelta(minutes=2)) == "used"


async def test_an_expired_or_forged_link_is_refused(sessionmaker: SM, config: Config) -> None:
    token = await issue(sessionmaker, config)
    assert await refused(sessionmaker, config, token, at=timedelta(minutes=15)) == "expired"
    assert await refused(sessionmaker, config, token + "x") == "forged"
    assert await refused(sessionmaker, config, "") == "forged"
    fresh = await issue(sessionmaker, config)
    await spend(sessionmaker, config, fresh, at=timedelta(minutes=14, seconds=59))  # just in time


async def test_a_non_admin_gets_no_link(sessionmaker: SM, config: Config) -> None:
    stranger = Identity(config.platform, 777_001, 777_001)
    with pytest.raises(NotAllowed):
        await issue(sessionmaker, config, stranger)
    async with sessionmaker() as s:
        assert (await s.execute(select(DashboardLink))).scalars().all() == []


async def test_the_link_is_bound_to_the_admin_who_asked(sessionmaker: SM, config: Config) -> None:
    """A database admin asks; removed before the link is opened, the link opens nothing."""
    async with sessionmaker.begin() as s:
        await add_admin(s, platform=config.platform, user_id=555_001, by=None, now=NOW)
    other = Identity(config.platform, 555_001, 555_001)
    token = await issue(sessionmaker, config, other)
    _, admin = await spend(sessionmaker, config, token)
    assert admin.user_id == 555_001  # not the config admin
    second = await issue(sessionmaker, config, other)
    async with sessionmaker.begin() as s:
        row = (await s.execute(select(AdminRow).where(AdminRow.user_id == 555_001))).scalar_one()
        await s.delete(row)
    assert await refused(sessionmaker, config, second) == "not_admin"


async def test_a_session_expires_when_idle_and_at_its_limit(sessionmaker: SM, config: Config) -> None:
    ids = lambda _: config.admin_ids  # noqa: E731
    cookie, admin = await spend(sessionmaker, config, await issue(sessionmaker, config))
    at = timedelta(0)
    for _ in range(4):  # kept alive by use: 29 minutes apart, up to the two-hour limit
        at += timedelta(minutes=29)
        async with sessionmaker.begin() as s:
            assert await access.session_admin(s, cookie, ids, now=NOW + at) == admin
    with pytest.raises(access.LinkRefused) as caught:
        async with sessionmaker.begin() as s:
            await access.session_admin(s, cookie, ids, now=NOW + timedelta(hours=2))
    assert caught.value.code == "expired"

    idle, _ = await spend(sessionmaker, config, await issue(sessionmaker, config))
    with pytest.raises(access.LinkRefused) as caught:
        async with sessionmaker.begin() as s:
            await access.session_admin(s, idle, ids, now=NOW + timedelta(minutes=30))
    assert caught.value.code == "expired"
    for forged in (None, "", cookie + "x"):
        with pytest.raises(access.LinkRefused) as caught:
            async with sessionmaker.begin() as s:
                await access.session_admin(s, forged, ids, now=NOW)
        assert caught.value.code == "forged"
