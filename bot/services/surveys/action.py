"""«از نتیجه تا اقدام»: from a question's results to the members who chose an answer, and a broadcast
to exactly them (the ordinary broadcast composer, with a preset "survey_choice" segment).

Questions and answers are addressed by their position (1-based) so callback data stays short; every
call re-checks admin rights, that the survey is named (anonymous answers never become a segment:
privacy) and that the positions exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts import flow as broadcast_flow
from bot.services.common import segments
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.segments import Segment
from bot.services.members.accounts import Identity
from bot.services.surveys import results as sr
from bot.services.surveys.definition import CHOICE_TYPES, Choice, Question
from bot.services.surveys.segment import DIMENSION, choice_key
from models import Survey


@dataclass(frozen=True)
class Group:
    """Members whose completed response chose `choice` for `question`; `count` reachable ones."""

    survey: Survey
    number: int  # question position, 1-based
    question: Question
    choice_number: int
    choice: Choice
    segment: Segment
    count: int


async def _named_survey(session: AsyncSession, who: Identity, config: Config, survey_id: int) -> Survey:
    survey = await sr.load_survey(session, who, config, survey_id)
    if survey.anonymous:
        raise InvalidInput("survey_anonymous")
    return survey


async def choice_questions(
    session: AsyncSession, who: Identity, config: Config, survey_id: int
) -> tuple[Survey, list[tuple[int, sr.QuestionResult]]]:
    """The survey's choice and yes/no questions with their counts, numbered as in the survey."""
    survey = await _named_survey(session, who, config, survey_id)
    results = await sr.compute(session, survey)
    found = [(i, q) for i, q in enumerate(results.questions, start=1) if q.question.type in CHOICE_TYPES]
    if not found:
        raise InvalidInput("survey_no_choices")
    return survey, found


async def question_choices(
    session: AsyncSession, who: Identity, config: Config, survey_id: int, number: int
) -> tuple[Survey, int, sr.QuestionResult]:
    """One choice question's answers with counts (for the answer buttons)."""
    survey, found = await choice_questions(session, who, config, survey_id)
    question = dict(found).get(number)
    if question is None:
        raise StaleAction()
    return survey, number, question


async def group(
    session: AsyncSession, who: Identity, config: Config, survey_id: int, number: int, choice_number: int
) -> Group:
    """The segment of members who chose answer `choice_number` of question `number`, and its size."""
    survey, _, result = await question_choices(session, who, config, survey_id, number)
    options = sr.choices_of(result.question)
    if not 1 <= choice_number <= len(options):
        raise StaleAction()
    choice = options[choice_number - 1]
    segment = {DIMENSION: [choice_key(survey.id, result.question.key, choice.key)]}
    count = await segments.count_recipients(session, segment, platforms=config.platforms)
    return Group(survey, number, result.question, choice_number, choice, segment, count)


async def start_broadcast(
    session: AsyncSession,
    who: Identity,
    config: Config,
    survey_id: int,
    number: int,
    choice_number: int,
    *,
    now: datetime,
) -> Group:
    """«📣 پیام به این گروه»: the broadcast composer starts with this group as its audience."""
    found = await group(session, who, config, survey_id, number, choice_number)
    if found.count == 0:
        raise InvalidInput("no_recipients")
    await broadcast_flow.begin(session, who, config, now=now, preset=found.segment)
    return found
