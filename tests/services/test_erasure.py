"""/delete_me leaves no trace: every table is scanned for the member's name, phone and id afterwards."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.persian import format_mobile, localize_digits
from bot.services.consortium import introductions as intro
from bot.services.members.accounts import find_account
from bot.services.members.members import delete_member
from models import Base, Broadcast, Delivery, Member
from models.enums import DeliveryStatus
from tests.factories import NOW
from tests.services.test_consortia_services import member_with_profile, who

SM = async_sessionmaker[AsyncSession]
MEMBER_COLUMNS = {"member_id", "requester_id", "target_id", "about_member_id"}


async def traces(s: AsyncSession, member: Member) -> list[str]:
    """Every (table, column) that still holds the member's name, phone or id, as stored or as shown."""
    found: list[str] = []
    needles = [member.full_name, member.phone, member.phone.removeprefix("+98")]
    needles += [localize_digits(member.full_name), format_mobile(member.phone)]  # as messages show them
    for table in Base.metadata.sorted_tables:
        for row in (await s.execute(select(table))).mappings():
            for column, value in row.items():
                text = str(value) if not isinstance(value, str) else value
                if any(n in text for n in needles if isinstance(value, (str, dict, list))):
                    found.append(f"{table.name}.{column}")
                if column in MEMBER_COLUMNS and value == member.id:
                    found.append(f"{table.name}.{column}={value}")
                if table.name == "members" and column == "id" and value == member.id:
                    found.append("members.id")
    return found


async def erase(sm: SM, user_id: int) -> None:
    async with sm.begin() as s:
        account = await find_account(s, who(user_id))
        assert account is not None
        assert await delete_member(s, account)


async def snapshot(sm: SM, member_id: int) -> Any:
    async with sm() as s:
        member = await s.get(Member, member_id)
        assert member is not None
        s.expunge(member)
        return member


async def test_erasing_the_target_erases_the_contact_card_sent_on_acceptance(
    sessionmaker: SM, config: Config
) -> None:
    a = await member_with_profile(sessionmaker, config, 301, ("cut", 100, "stem"))
    b = await member_with_profile(sessionmaker, config, 302, ("potted", 50, "pot"))
    async with sessionmaker.begin() as s:
        made = await intro.request_intro(s, who(301), config, b, now=NOW)
    async with sessionmaker.begin() as s:
        await intro.answer_intro(s, who(302), config, made.id, True, now=NOW)
    target = await snapshot(sessionmaker, b)
    async with sessionmaker() as s:
        assert "broadcasts.text_html" in await traces(s, target)  # the contact card went to the requester
    await erase(sessionmaker, 302)
    async with sessionmaker() as s:
        assert await traces(s, target) == []
        assert await s.get(Member, a) is not None  # the requester is untouched


async def test_erasing_the_requester_erases_the_card_and_the_unsent_request(
    sessionmaker: SM, config: Config
) -> None:
    await member_with_profile(sessionmaker, config, 311, ("cut", 100, "stem"))
    b = await member_with_profile(sessionmaker, config, 312, ("potted", 50, "pot"))
    async with sessionmaker.begin() as s:
        await intro.request_intro(s, who(311), config, b, now=NOW)
    async with sessionmaker.begin() as s:  # the engine has fanned the request out; it is not sent yet
        from bot.services.broadcasts import delivery as dl

        await dl.start_due(s, config=config, now=NOW)
    requester = await snapshot(sessionmaker, (await find_member_id(sessionmaker, 311)))
    await erase(sessionmaker, 311)
    async with sessionmaker() as s:
        assert await traces(s, requester) == []
        statuses = (await s.execute(select(Delivery.status))).scalars().all()
        assert statuses == [DeliveryStatus.CANCELLED]  # the target never gets an empty message
        assert [b.text_html for b in (await s.execute(select(Broadcast))).scalars()] == [""]


async def find_member_id(sm: SM, user_id: int) -> int:
    async with sm() as s:
        account = await find_account(s, who(user_id))
        assert account is not None and account.member_id is not None
        return account.member_id
