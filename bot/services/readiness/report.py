"""Readiness scores from stored answers: the member's own result, the CDA's distribution and the
near-ready group → the broadcast composer. Nothing is stored: every score is computed from the
completed response's answers, the points in bot/surveys/readiness.toml and config.toml's weights,
so changing a weight changes every score shown from then on.

Every call re-checks who asks: a member sees only their own result; the distribution and the group
are for admins; a survey that is not a readiness self-check is a stale press. A self-check run
anonymously never becomes a group (privacy: its answers must not point at people), though the
distribution (counts only) is shown.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts import flow as broadcast_flow
from bot.services.common import segments
from bot.services.common.admins import check_admin
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.segments import Segment
from bot.services.members.accounts import Identity
from bot.services.readiness import scheme
from bot.services.readiness.scoring import NEAR, READY, WEAK, Score, band_of, histogram, score
from bot.services.readiness.segment import DIMENSION, SOURCE_KEY, range_key
from bot.services.surveys.answering import member_of
from models import Member, Survey, SurveyAnswer, SurveyResponse
from models.enums import SurveyResponseStatus

GROUP_SHOWN = 20


@dataclass(frozen=True)
class Scored:
    member_id: int
    name: str
    score: Score


@dataclass(frozen=True)
class MemberResult:
    survey: Survey
    score: Score
    band: str


@dataclass(frozen=True)
class Distribution:
    survey: Survey
    totals: list[int]
    bands: list[tuple[str, int, int, int]]  # (band, low, high, members)
    bins: list[tuple[int, int, int]]  # (low, high, members)
    criteria: list[tuple[str, Fraction]]  # (criterion, average share 0..1)
    near: tuple[int, int, int]  # (low, high, members) of the near-ready group

    @property
    def mean(self) -> float:
        return statistics.fmean(self.totals) if self.totals else 0.0

    @property
    def median(self) -> float:
        return float(statistics.median(self.totals)) if self.totals else 0.0


@dataclass(frozen=True)
class NearGroup:
    survey: Survey
    low: int
    high: int
    members: list[Scored]  # highest score first
    segment: Segment
    count: int  # people a message to the segment reaches


def is_self_check(survey: Survey | None) -> bool:
    return survey is not None and survey.source_key == SOURCE_KEY


def band(config: Config, total: int) -> str:
    return band_of(total, ready_from=config.readiness.ready_from, near_from=config.readiness.near_from)


def band_ranges(config: Config) -> list[tuple[str, int, int]]:
    r = config.readiness
    return [(READY, r.ready_from, 100), (NEAR, r.near_from, r.ready_from - 1), (WEAK, 0, r.near_from - 1)]


def score_answers(config: Config, answers: dict[str, object]) -> Score:
    return score(answers, scheme.schemes(), config.readiness.weight_of())


async def scored_responses(session: AsyncSession, survey: Survey, config: Config) -> list[Scored]:
    """Every completed response's score, in completion order."""
    stmt = (
        select(SurveyResponse.id, Member.id, Member.full_name)
        .join(Member, Member.id == SurveyResponse.member_id)
        .where(SurveyResponse.survey_id == survey.id, SurveyResponse.status == SurveyResponseStatus.COMPLETED)
        .order_by(SurveyResponse.completed_at, SurveyResponse.id)
    )
    responses = (await session.execute(stmt)).all()
    answer_rows = await session.execute(
        select(SurveyAnswer.response_id, SurveyAnswer.question, SurveyAnswer.choice).where(
            SurveyAnswer.survey_id == survey.id, SurveyAnswer.choice.is_not(None)
        )
    )
    chosen: dict[int, dict[str, object]] = defaultdict(dict)
    for response_id, question, choice in answer_rows.all():
        picks = chosen[response_id].setdefault(question, [])
        assert isinstance(picks, list)
        picks.append(choice)
    return [
        Scored(member_id, name, score_answers(config, chosen.get(response_id, {})))
        for response_id, member_id, name in responses
    ]


async def _admin_survey(session: AsyncSession, who: Identity, config: Config, survey_id: int) -> Survey:
    await check_admin(session, who, config)
    survey = await session.get(Survey, survey_id)
    if not is_self_check(survey):
        raise StaleAction()
    assert survey is not None
    return survey


async def member_result(session: AsyncSession, who: Identity, config: Config, survey_id: int) -> MemberResult:
    """The caller's own score in a self-check they completed (also after it closed)."""
    member = await member_of(session, who)
    survey = await session.get(Survey, survey_id)
    if not is_self_check(survey):
        raise StaleAction()
    assert survey is not None
    stmt = select(SurveyResponse.id).where(
        SurveyResponse.survey_id == survey.id,
        SurveyResponse.member_id == member.id,
        SurveyResponse.status == SurveyResponseStatus.COMPLETED,
    )
    response_id = (await session.execute(stmt)).scalar_one_or_none()
    if response_id is None:
        raise InvalidInput("readiness_not_done")
    rows = await session.execute(
        select(SurveyAnswer.question, SurveyAnswer.choice).where(
            SurveyAnswer.response_id == response_id, SurveyAnswer.choice.is_not(None)
        )
    )
    answers: dict[str, object] = {}
    for question, choice in rows.all():
        picks = answers.setdefault(question, [])
        assert isinstance(picks, list)
        picks.append(choice)
    result = score_answers(config, answers)
    return MemberResult(survey, result, band(config, result.total))


async def distribution(session: AsyncSession, who: Identity, config: Config, survey_id: int) -> Distribution:
    """The CDA's view: bands, a histogram and each criterion's average share (counts only)."""
    survey = await _admin_survey(session, who, config, survey_id)
    scored = await scored_responses(session, survey, config)
    totals = [s.score.total for s in scored]
    bands = [(b, low, high, sum(low <= t <= high for t in totals)) for b, low, high in band_ranges(config)]
    keys = [c.key for c in scheme.schemes()]
    criteria = [
        (
            key,
            sum((c.share for s in scored for c in s.score.criteria if c.key == key), Fraction(0))
            / max(1, len(scored)),
        )
        for key in keys
        if config.readiness.weight_of().get(key, 0) > 0
    ]
    r = config.readiness
    near = (r.segment_from, r.segment_to, sum(r.segment_from <= t <= r.segment_to for t in totals))
    return Distribution(survey, totals, bands, histogram(totals), criteria, near)


async def near_group(session: AsyncSession, who: Identity, config: Config, survey_id: int) -> NearGroup:
    """Members whose score is in [segment_from, segment_to] now, and the segment of exactly them."""
    survey = await _admin_survey(session, who, config, survey_id)
    if survey.anonymous:
        raise InvalidInput("readiness_anonymous")
    low, high = config.readiness.segment_from, config.readiness.segment_to
    scored = [s for s in await scored_responses(session, survey, config) if low <= s.score.total <= high]
    scored.sort(key=lambda s: (-s.score.total, s.member_id))
    segment: Segment = {
        DIMENSION: [range_key(survey.id, low, high)],
        "members": [str(s.member_id) for s in scored],
    }
    count = 0
    if scored:  # an empty `members` list would drop out of the segment and match everyone who answered
        count = await segments.count_recipients(session, segment, platforms=config.platforms)
    return NearGroup(survey, low, high, scored, segment, count)


async def start_broadcast(
    session: AsyncSession, who: Identity, config: Config, survey_id: int, *, now: datetime
) -> NearGroup:
    """«📣 پیام به این … عضو»: the broadcast composer starts with the near-ready group as its audience."""
    group = await near_group(session, who, config, survey_id)
    if group.count == 0:
        raise InvalidInput("no_recipients")
    await broadcast_flow.begin(session, who, config, now=now, preset=group.segment)
    return group
