"""The "survey_choice" audience dimension: members whose COMPLETED response chose an answer.

Keys are "<survey_id>:<question_key>:<choice_key>" (yes/no questions use "yes"/"no"); a member
matches if any key matches. Answers of anonymous surveys never match, whatever the key says, so a
forged or stale segment cannot reveal who answered what; the survey_action service refuses to
build such a segment in the first place. No import of bot.services.common.segments here (it imports us).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import parse_id
from bot.services.surveys.definition import questions_of
from bot.services.surveys.results import choices_of
from models import Member, Survey, SurveyAnswer, SurveyResponse
from models.enums import SurveyResponseStatus

DIMENSION = "survey_choice"


def choice_key(survey_id: int, question: str, choice: str) -> str:
    return f"{survey_id}:{question}:{choice}"


def parse_key(key: str) -> tuple[int, str, str] | None:
    parts = str(key).split(":")
    survey_id = parse_id(parts[0]) if len(parts) == 3 else None
    if survey_id is None or not all(parts[1:]):
        return None
    return survey_id, parts[1], parts[2]


def chose_in_survey(keys: list[str]) -> ColumnElement[bool]:
    """The FILTERS function: a correlated EXISTS on the member's completed, named responses."""
    wanted = [parsed for parsed in map(parse_key, keys) if parsed is not None]
    if not wanted:
        return false()
    matches = or_(
        *(
            and_(SurveyAnswer.survey_id == survey_id, SurveyAnswer.question == q, SurveyAnswer.choice == c)
            for survey_id, q, c in wanted
        )
    )
    return exists().where(
        SurveyResponse.member_id == Member.id,
        SurveyResponse.status == SurveyResponseStatus.COMPLETED,
        SurveyAnswer.response_id == SurveyResponse.id,
        Survey.id == SurveyResponse.survey_id,
        Survey.anonymous.is_(False),
        matches,
    )


async def describe(session: AsyncSession, keys: list[str]) -> list[tuple[str, list[str]]]:
    """(survey title, [choice labels]) per survey in the keys, for the broadcast audience summary."""
    by_survey: dict[int, list[tuple[str, str]]] = {}
    for parsed in map(parse_key, keys):
        if parsed is not None:
            by_survey.setdefault(parsed[0], []).append((parsed[1], parsed[2]))
    out: list[tuple[str, list[str]]] = []
    for survey_id, pairs in sorted(by_survey.items()):
        survey = (await session.execute(select(Survey).where(Survey.id == survey_id))).scalar_one_or_none()
        if survey is None:
            out.append(("", [c for _, c in pairs]))
            continue
        questions = {q.key: q for q in questions_of(survey.definition)}
        labels = []
        for q_key, c_key in pairs:
            question = questions.get(q_key)
            label = (
                next((c.text for c in choices_of(question) if c.key == c_key), c_key) if question else c_key
            )
            labels.append(label)
        out.append((survey.title, labels))
    return out
