"""The "need" audience dimension: members who share a need (need ids). No import of
bot.services.common.segments here (it imports us)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, false

from bot.callbacks import parse_id
from models import Member, NeedMember

DIMENSION = "need"


def sharing_need(keys: list[str]) -> ColumnElement[bool]:
    """The FILTERS function: members attached to any of these needs; forged keys match nobody."""
    ids = [i for i in (parse_id(str(k)) for k in keys) if i is not None]
    if not ids:
        return false()
    return exists().where(NeedMember.member_id == Member.id, NeedMember.need_id.in_(ids))
