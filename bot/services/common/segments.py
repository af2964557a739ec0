"""Audience segments: which members a broadcast reaches. Stored as JSON on the broadcast.

A segment is a dict of dimension -> list of keys; members must match every non-empty dimension
(any key within it). `{}` means all active members. Later features add dimensions (registered for
an event, answered a survey, member of a consortium) by adding a filter function here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import parse_id
from bot.services.needs.segment import sharing_need
from bot.services.readiness.segment import took_self_check
from bot.services.surveys.segment import chose_in_survey
from models import Account, ConsortiumMember, Member, MemberCategory
from models.enums import ConsortiumMemberStatus

Segment = dict[str, list[str]]


def _roles(keys: list[str]) -> ColumnElement[bool]:
    return Member.role.in_(keys)


def _places(keys: list[str]) -> ColumnElement[bool]:
    return Member.place.in_(keys)


def _categories(keys: list[str]) -> ColumnElement[bool]:
    return exists().where(MemberCategory.member_id == Member.id, MemberCategory.category.in_(keys))


def _ids(keys: list[str]) -> list[int]:
    """Keys that are ids a database column can hold; anything else (a forged `²`, 25 digits) is dropped."""
    return [i for i in (parse_id(str(k)) for k in keys) if i is not None]


def _members(keys: list[str]) -> ColumnElement[bool]:
    return Member.id.in_(_ids(keys))


def _consortium(keys: list[str]) -> ColumnElement[bool]:
    """Members who accepted an invitation to any of these consortia (ids)."""
    return exists().where(
        ConsortiumMember.member_id == Member.id,
        ConsortiumMember.consortium_id.in_(_ids(keys)),
        ConsortiumMember.status == ConsortiumMemberStatus.ACCEPTED,
    )


FILTERS: dict[str, Callable[[list[str]], ColumnElement[bool]]] = {
    "roles": _roles,
    "categories": _categories,
    "places": _places,
    "members": _members,  # named people: offers, reminders, messages to an event's roster
    "consortium": _consortium,  # accepted members of a consortium
    "survey_choice": chose_in_survey,  # "<survey>:<question>:<choice>" chosen in a completed response
    "readiness": took_self_check,  # "<survey>:<low>:<high>": completed a named readiness self-check
    "need": sharing_need,  # members who share a technology need (need ids)
}


def clean_segment(raw: dict[str, Any]) -> Segment:
    """Keep known, non-empty dimensions with sorted unique string keys."""
    return {dim: sorted({str(k) for k in raw.get(dim) or []}) for dim in FILTERS if raw.get(dim)}


def recipients_query(segment: Segment, *, platforms: Sequence[str]) -> Select[int, int, int, str]:
    """(member_id, account_id, chat_id, platform): one reachable account per member in the segment.

    One row per person, whatever number of messengers they use: the account on the member's chosen
    messenger (`preferred_platform`), else the one they wrote from last; only `platforms` (those this
    deployment runs) count. A window over accounts numbered per member: the plan does not depend on
    table statistics (a correlated subquery was planned quadratically after a bulk import)."""
    conditions = [FILTERS[dim](keys) for dim, keys in clean_segment(segment).items()]
    chosen_first = case((Account.platform == Member.preferred_platform, 0), else_=1)
    ranked = (
        select(
            Account.member_id.label("member_id"),
            Account.id.label("account_id"),
            Account.chat_id.label("chat_id"),
            Account.platform.label("platform"),
            func.row_number()
            .over(
                partition_by=Account.member_id,
                order_by=(chosen_first, Account.last_seen_at.desc(), Account.id.desc()),
            )
            .label("rank"),
        )
        .join(Member, Member.id == Account.member_id)
        .where(Account.platform.in_(tuple(platforms)), Account.is_reachable.is_(True))
        .subquery("ranked_account")
    )
    return (
        select(Member.id, ranked.c.account_id, ranked.c.chat_id, ranked.c.platform)
        .join(ranked, and_(ranked.c.member_id == Member.id, ranked.c.rank == 1))
        .where(and_(True, *conditions))
        .order_by(Member.id)
    )


async def count_recipients(session: AsyncSession, segment: Segment, *, platforms: Sequence[str]) -> int:
    """How many people (not accounts) a message to this segment reaches."""
    query = recipients_query(segment, platforms=platforms).order_by(None).subquery()
    return int((await session.execute(select(func.count()).select_from(query))).scalar_one())
