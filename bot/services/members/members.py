"""Members: create from a finished registration, edit, delete, count."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, Broadcast, Delivery, Member, MemberCategory
from models.enums import DeliveryStatus

PROFILE_COLUMNS = ("full_name", "phone", "phone_verified", "role", "place", "place_other", "area_m2")


async def create_member(
    session: AsyncSession, account: Account, data: dict[str, Any], *, now: datetime
) -> Member:
    member = Member(
        full_name=data["full_name"],
        phone=data["phone"],
        phone_verified=bool(data.get("phone_verified")),
        role=data["role"],
        place=data["place"],
        place_other=data.get("place_other"),
        area_m2=data.get("area"),
        source=account.start_payload,
        created_at=now,
        updated_at=now,
        categories=[MemberCategory(category=k) for k in data["categories"]],
    )
    session.add(member)
    await session.flush()
    account.member_id = member.id
    account.member = member
    return member


def apply_profile(member: Member, changes: dict[str, Any], *, now: datetime) -> Member:
    """Copy validated answers onto the member; `area` maps to area_m2, categories replace the set."""
    for key, value in changes.items():
        column = "area_m2" if key == "area" else key
        if column in PROFILE_COLUMNS:
            setattr(member, column, value)
        elif key == "categories":
            keep = {c.category: c for c in member.categories}
            member.categories = [keep.get(k) or MemberCategory(category=k) for k in value]
    member.updated_at = now
    return member


async def _erase_messages_about(session: AsyncSession, member_id: int) -> None:
    """Messages that carried this member's card keep no trace of it; unsent ones are not sent at all."""
    await session.execute(
        update(Delivery)
        .where(
            Delivery.status == DeliveryStatus.PENDING,
            Delivery.broadcast_id.in_(select(Broadcast.id).where(Broadcast.about_member_id == member_id)),
        )
        .values(status=DeliveryStatus.CANCELLED, error="erased")
    )
    await session.execute(
        update(Broadcast)
        .where(Broadcast.about_member_id == member_id)
        .values(text_html="", buttons=[], about_member_id=None)
    )


async def delete_member(session: AsyncSession, account: Account) -> bool:
    """Erase the member's data and every messenger account linked to them (their right to be forgotten)."""
    if account.member_id is None:
        return False
    member_id = account.member_id
    await _erase_messages_about(session, member_id)
    await session.execute(delete(Account).where(Account.member_id == member_id))
    await session.execute(delete(Member).where(Member.id == member_id))
    session.expunge_all()
    return True


@dataclass(frozen=True)
class MemberStats:
    total: int
    new_last_7_days: int
    by_role: dict[str, int] = field(default_factory=dict)
    by_place: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)


async def member_stats(session: AsyncSession, *, now: datetime) -> MemberStats:
    total = (await session.execute(select(func.count(Member.id)))).scalar_one()
    recent = (
        await session.execute(
            select(func.count(Member.id)).where(Member.created_at >= now - timedelta(days=7))
        )
    ).scalar_one()

    async def counts(column: Any) -> dict[str, int]:
        rows = (await session.execute(select(column, func.count()).group_by(column))).all()
        return dict(Counter({str(key): int(n) for key, n in rows}).most_common())

    return MemberStats(
        total,
        recent,
        await counts(Member.role),
        await counts(Member.place),
        await counts(MemberCategory.category),
    )
