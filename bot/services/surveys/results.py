"""A survey's results for the CDA: response rate, per-question counts, percentages and number summaries.

Only COMPLETED responses count in the results (a half-answered questionnaire would tilt the
percentages of its first questions and the member may still change those answers); in-progress
responses are counted as «started» and appear, marked as such, in the export. The response rate is
completed / invited; with nobody invited (invited == 0) it is None and shown as «—», never a
division by zero. Names next to free-text answers only when the survey is not anonymous.
Admins only, re-checked on every call (results of a named survey hold who said what).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.admins import check_admin
from bot.services.common.audit import record
from bot.services.common.errors import StaleAction
from bot.services.members.accounts import Identity
from bot.services.surveys.definition import CHOICE_TYPES, NO, YES, Choice, Question, questions_of
from bot.texts import survey_results as t
from models import Member, Survey, SurveyAnswer, SurveyResponse
from models.enums import AuditAction, AuditKind, SurveyResponseStatus

SCALE = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class ChoiceCount:
    key: str
    text: str
    count: int
    percent: float | None  # of those who answered the question; None when nobody did


@dataclass(frozen=True)
class NumberSummary:
    count: int
    mean: float
    median: float
    min: float
    max: float


@dataclass(frozen=True)
class TextAnswer:
    text: str
    name: str | None  # None for anonymous surveys


@dataclass
class QuestionResult:
    question: Question
    answered: int  # completed responses with an answer to this question
    choices: list[ChoiceCount] = field(default_factory=list)
    numbers: NumberSummary | None = None
    distribution: dict[int, int] = field(default_factory=dict)  # scale questions: 1..5 -> count
    texts: list[TextAnswer] = field(default_factory=list)


@dataclass
class Results:
    survey: Survey
    invited: int
    started: int  # every response, finished or not
    completed: int
    questions: list[QuestionResult]

    @property
    def rate(self) -> float | None:
        """Completed / invited as a percentage; None when nobody was invited."""
        return 100.0 * self.completed / self.invited if self.invited else None


async def load_survey(session: AsyncSession, who: Identity, config: Config, survey_id: int) -> Survey:
    """The survey if the caller is an admin and it exists; NotAllowed / StaleAction otherwise."""
    await check_admin(session, who, config)
    survey = await session.get(Survey, survey_id)
    if survey is None:
        raise StaleAction()
    return survey


def choices_of(question: Question) -> tuple[Choice, ...]:
    """The options of a choice question; yes/no questions get «بله» / «خیر»."""
    if question.type == "yesno" and not question.choices:
        return (Choice(YES, t.YES_NO[YES]), Choice(NO, t.YES_NO[NO]))
    return question.choices


def percent(count: int, of: int) -> float | None:
    return 100.0 * count / of if of else None


def summarize_numbers(values: list[float]) -> NumberSummary | None:
    if not values:
        return None
    return NumberSummary(
        len(values), statistics.fmean(values), statistics.median(values), min(values), max(values)
    )


def _question_result(
    question: Question, rows: list[tuple[SurveyAnswer, str | None]], anonymous: bool
) -> QuestionResult:
    """`rows` are this question's answers in completed responses, with the member's name."""
    answered = len({answer.response_id for answer, _ in rows})
    result = QuestionResult(question, answered)
    if question.type in CHOICE_TYPES:
        counts = Counter(answer.choice for answer, _ in rows if answer.choice is not None)
        known = choices_of(question)
        keys = [c.key for c in known] + sorted(k for k in counts if k not in {c.key for c in known})
        labels = {c.key: c.text for c in known}
        result.choices = [
            ChoiceCount(k, labels.get(k, k), counts[k], percent(counts[k], answered)) for k in keys
        ]
    elif question.type in ("scale", "number"):
        values = [answer.number for answer, _ in rows if answer.number is not None]
        result.numbers = summarize_numbers(values)
        if question.type == "scale":
            points = Counter(round(v) for v in values)
            result.distribution = {point: points[point] for point in SCALE}
    else:
        result.texts = [
            TextAnswer(answer.text, None if anonymous else name) for answer, name in rows if answer.text
        ]
    return result


async def _completed_answers(
    session: AsyncSession, survey_id: int
) -> dict[str, list[tuple[SurveyAnswer, str | None]]]:
    stmt = (
        select(SurveyAnswer, Member.full_name)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .join(Member, Member.id == SurveyResponse.member_id)
        .where(SurveyAnswer.survey_id == survey_id, SurveyResponse.status == SurveyResponseStatus.COMPLETED)
        .order_by(SurveyResponse.completed_at, SurveyResponse.id, SurveyAnswer.id)
    )
    by_question: dict[str, list[tuple[SurveyAnswer, str | None]]] = defaultdict(list)
    for answer, name in (await session.execute(stmt)).all():
        by_question[answer.question].append((answer, name))
    return by_question


async def compute(session: AsyncSession, survey: Survey) -> Results:
    """The results of a survey already loaded (and rights already checked)."""
    stmt = (
        select(SurveyResponse.status, func.count())
        .where(SurveyResponse.survey_id == survey.id)
        .group_by(SurveyResponse.status)
    )
    statuses: dict[str, int] = {status: count for status, count in (await session.execute(stmt)).all()}
    answers = await _completed_answers(session, survey.id)
    questions = [
        _question_result(q, answers.get(q.key, []), survey.anonymous) for q in questions_of(survey.definition)
    ]
    return Results(
        survey,
        invited=survey.invited or 0,
        started=sum(statuses.values()),
        completed=statuses.get(SurveyResponseStatus.COMPLETED, 0),
        questions=questions,
    )


async def results(
    session: AsyncSession, who: Identity, config: Config, survey_id: int, *, now: datetime | None = None
) -> Results:
    """«نتایج»: the survey's results for an admin; a named survey's text answers carry names (audited)."""
    survey = await load_survey(session, who, config, survey_id)
    if not survey.anonymous:
        viewed = AuditAction.MEMBER_DATA_VIEWED
        await record(session, who, viewed, AuditKind.SURVEY, survey_id, f"{survey.title} | named", now=now)
    return await compute(session, survey)


@dataclass(frozen=True)
class ResponseRow:
    """One response for the export: who (None when anonymous), status, times, answers by question key."""

    name: str | None
    phone: str | None
    status: str
    started_at: datetime
    completed_at: datetime | None
    answers: dict[str, list[SurveyAnswer]]


@dataclass
class Export:
    results: Results
    rows: list[ResponseRow]


async def export(
    session: AsyncSession,
    who: Identity,
    config: Config,
    survey_id: int,
    *,
    fmt: str = "xlsx",
    now: datetime | None = None,
) -> Export:
    """Everything for the .xlsx / CSV files: the results and one row per response (partial ones too)."""
    survey = await load_survey(session, who, config, survey_id)
    named = "" if survey.anonymous else " | named"
    what = f"{survey.title} | {fmt}{named}"
    await record(session, who, AuditAction.EXPORT, AuditKind.SURVEY, survey_id, what, now=now)
    summary = await compute(session, survey)
    stmt = (
        select(SurveyResponse, Member.full_name, Member.phone)
        .join(Member, Member.id == SurveyResponse.member_id)
        .where(SurveyResponse.survey_id == survey_id)
        .order_by(SurveyResponse.started_at, SurveyResponse.id)
    )
    responses = (await session.execute(stmt)).all()
    answer_stmt = select(SurveyAnswer).where(SurveyAnswer.survey_id == survey_id).order_by(SurveyAnswer.id)
    by_response: dict[int, dict[str, list[SurveyAnswer]]] = defaultdict(lambda: defaultdict(list))
    for answer in (await session.execute(answer_stmt)).scalars():
        by_response[answer.response_id][answer.question].append(answer)
    rows = [
        ResponseRow(
            None if survey.anonymous else name,
            None if survey.anonymous else phone,
            response.status,
            response.started_at,
            response.completed_at,
            dict(by_response.get(response.id, {})),
        )
        for response, name, phone in responses
    ]
    return Export(summary, rows)
