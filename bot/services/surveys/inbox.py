"""«نظرسنجی‌ها» for a member: the open surveys meant for them, each with their own state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.members.accounts import Identity
from bot.services.surveys import answering as sa
from bot.services.surveys import logic
from bot.services.surveys.definition import questions_of
from models import Survey, SurveyResponse
from models.enums import SurveyResponseStatus, SurveyStatus

LIST_MAX = 10


@dataclass(frozen=True)
class InboxItem:
    survey: Survey
    state: str  # new | in_progress | completed
    progress: logic.Progress | None = None  # in progress: where the member is


async def open_surveys(session: AsyncSession, who: Identity, *, now: datetime) -> list[InboxItem]:
    member = await sa.member_of(session, who)
    stmt = (
        select(Survey)
        .where(Survey.status == SurveyStatus.OPEN, or_(Survey.closes_at.is_(None), Survey.closes_at > now))
        .order_by(Survey.opens_at.desc(), Survey.id.desc())
    )
    items: list[InboxItem] = []
    for survey in (await session.execute(stmt)).scalars():
        response = (
            await session.execute(
                select(SurveyResponse).where(
                    SurveyResponse.survey_id == survey.id, SurveyResponse.member_id == member.id
                )
            )
        ).scalar_one_or_none()
        if response is None:
            if await sa.in_segment(session, member.id, survey.segment or {}):
                items.append(InboxItem(survey, "new"))
        elif response.current is None:
            items.append(InboxItem(survey, SurveyResponseStatus.COMPLETED))
        else:
            answers = await sa.load_answers(session, response.id)
            progress = logic.progress(questions_of(survey.definition), answers, response.current)
            items.append(InboxItem(survey, SurveyResponseStatus.IN_PROGRESS, progress))
        if len(items) >= LIST_MAX:
            break
    return items
