"""Surveys, responses and answers written straight into the tables (the answering flow has its own tests)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.surveys.definition import Choice, Question, SurveyDefinition, questions_of
from models import Survey, SurveyAnswer, SurveyResponse
from tests.factories import NOW, add_member

TITLE = "نیازسنجی فناوری ۱۴۰۵"
QUESTIONS = (
    Question(
        "water",
        "single",
        "منبع اصلی آب آبیاری شما چیست؟",
        choices=(Choice("well", "چاه"), Choice("canal", "قنات و نهر"), Choice("city", "آب شهری")),
    ),
    Question(
        "tech",
        "multi",
        "کدام فناوری‌ها برای کسب‌وکار شما اولویت دارند؟",
        choices=(
            Choice("climate", "کنترل هوشمند اقلیم گلخانه"),
            Choice("soilless", "کشت بدون خاک"),
            Choice("tissue", "کشت بافت"),
            Choice("led", "روشنایی LED"),
        ),
    ),
    Question("sat", "scale", "میزان آشنایی شما با کشت بدون خاک (۱ تا ۵)"),
    Question("area", "number", "مساحت گلخانهٔ شما چند متر مربع است؟", min=0, max=1_000_000),
    Question("needs", "text", "چه آموزشی نیاز دارید؟", required=False),
    Question("invest", "yesno", "آیا حاضرید در فناوری جدید سرمایه‌گذاری کنید؟"),
)
DEFINITION = SurveyDefinition(TITLE, questions=QUESTIONS).to_json()

# Three completed responses and one half-done; «needs» skipped by B.
ANSWERS: dict[int, tuple[bool, dict[str, Any]]] = {
    501: (True, {"water": "well", "tech": ["climate", "soilless"], "sat": 4, "area": 2500,
                 "needs": "آموزش کنترل آفات", "invest": "yes"}),
    502: (True, {"water": "canal", "tech": ["soilless"], "sat": 2, "area": 1000, "invest": "no"}),
    503: (True, {"water": "well", "tech": ["soilless", "led"], "sat": 5, "area": 4000.5,
                 "needs": "سردخانه <b>کوچک</b>", "invest": "yes"}),
    504: (False, {"water": "city", "tech": ["tissue"]}),
}  # fmt: skip


async def add_survey(
    session: AsyncSession,
    *,
    anonymous: bool = False,
    invited: int = 5,
    status: str = "open",
    title: str = TITLE,
    definition: dict[str, Any] | None = None,
) -> Survey:
    survey = Survey(
        status=status,
        title=title,
        anonymous=anonymous,
        definition=definition or DEFINITION,
        segment={},
        opens_at=NOW,
        invited=invited,
        created_by=9000,
        created_at=NOW,
        updated_at=NOW,
    )
    session.add(survey)
    await session.flush()
    return survey


async def add_response(
    session: AsyncSession,
    survey: Survey,
    member_id: int,
    answers: dict[str, Any],
    *,
    completed: bool = True,
    at: datetime = NOW,
) -> SurveyResponse:
    """One response with its answer rows, as the answering engine stores them."""
    types = {q.key: q.type for q in questions_of(survey.definition)}
    response = SurveyResponse(
        survey_id=survey.id,
        member_id=member_id,
        status="completed" if completed else "in_progress",
        current=None if completed else "sat",
        history=list(answers),
        started_at=at,
        completed_at=at + timedelta(minutes=7) if completed else None,
        updated_at=at,
    )
    session.add(response)
    await session.flush()
    for key, value in answers.items():
        kind = types[key]
        values = value if isinstance(value, list) else [value]
        for one in values:
            answer = SurveyAnswer(response_id=response.id, survey_id=survey.id, question=key, answered_at=at)
            if kind in ("single", "multi", "yesno"):
                answer.choice = one
            elif kind in ("scale", "number"):
                answer.number = float(one)
            else:
                answer.text = one
            session.add(answer)
    await session.flush()
    return response


async def seed_survey(
    sm: async_sessionmaker[AsyncSession], *, anonymous: bool = False, extra_members: int = 0
) -> tuple[int, dict[int, int]]:
    """The survey with ANSWERS (user id -> member id), plus members who never answered."""
    members: dict[int, int] = {}
    async with sm.begin() as s:
        survey = await add_survey(s, anonymous=anonymous)
        for i, (user_id, (completed, answers)) in enumerate(ANSWERS.items()):
            member = await add_member(s, user_id)
            members[user_id] = member.id
            at = NOW + timedelta(hours=i)
            await add_response(s, survey, member.id, answers, completed=completed, at=at)
        for j in range(extra_members):
            await add_member(s, 600 + j)
    return survey.id, members
