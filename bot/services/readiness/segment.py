"""The "readiness" audience dimension: members who completed a named readiness self-check.

Keys are "<survey_id>:<low>:<high>" (the score range the CDA picked, kept for the audience summary).
Scores depend on config.toml's weights, which a SQL filter does not see, so the near-ready group is
fixed when the CDA makes it: its segment pairs this dimension with `members` (the ids whose score
was in range then). This filter keeps that honest: an anonymous or deleted self-check, or a member
without a completed response, never matches, whatever the ids say. No import of
bot.services.common.segments here (it imports us).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, false

from bot.callbacks import parse_id
from models import Member, Survey, SurveyResponse
from models.enums import SurveyResponseStatus

DIMENSION = "readiness"
SOURCE_KEY = "readiness"


def range_key(survey_id: int, low: int, high: int) -> str:
    return f"{survey_id}:{low}:{high}"


def parse_key(key: str) -> tuple[int, int, int] | None:
    parts = str(key).split(":")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() and len(p) <= 3 for p in parts[1:]):
        return None
    survey_id = parse_id(parts[0])
    low, high = int(parts[1]), int(parts[2])
    if survey_id is None or not 0 <= low <= high <= 100:
        return None
    return survey_id, low, high


def took_self_check(keys: list[str]) -> ColumnElement[bool]:
    """The FILTERS function: the member completed one of these named readiness self-checks."""
    ids = sorted({parsed[0] for parsed in map(parse_key, keys) if parsed is not None})
    if not ids:
        return false()
    return exists().where(
        SurveyResponse.member_id == Member.id,
        SurveyResponse.survey_id.in_(ids),
        SurveyResponse.status == SurveyResponseStatus.COMPLETED,
        Survey.id == SurveyResponse.survey_id,
        Survey.source_key == SOURCE_KEY,
        Survey.anonymous.is_(False),
    )
