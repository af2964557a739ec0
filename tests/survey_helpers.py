"""Shared test data for surveys: a small definition with every question type and a skip rule."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.members.accounts import Identity
from bot.services.surveys import admin as sv
from bot.services.surveys.parse import validate
from models import Survey, SurveyAnswer

CDA = Identity("telegram", 9000, 9000)

SMALL = {
    "title": "نیاز به کشت بدون خاک",
    "questions": [
        {"key": "greenhouse", "type": "yesno", "text": "آیا گلخانه دارید؟"},
        {
            "key": "limits",
            "type": "multi",
            "text": "کدام مشکل‌ها تولید شما را محدود می‌کند؟",
            "show_if": {"question": "greenhouse", "any_of": ["yes"]},
            "choices": [{"key": "energy", "text": "هزینهٔ انرژی"}, {"key": "water", "text": "کیفیت آب"}],
        },
        {
            "key": "burden",
            "type": "scale",
            "text": "فشار هزینهٔ انرژی چقدر است؟",
            "show_if": {"question": "limits", "any_of": ["energy"]},
        },
        {
            "key": "tech",
            "type": "single",
            "text": "اولویت شما کدام است؟",
            "choices": [{"key": "soilless", "text": "کشت بدون خاک"}, {"key": "led", "text": "نور LED"}],
        },
        {"key": "area", "type": "number", "text": "مساحت؟", "required": False, "min": 0, "max": 5000},
        {"key": "notes", "type": "text", "text": "پیشنهاد؟", "required": False},
    ],
}


def who(user_id: int) -> Identity:
    return Identity("telegram", user_id, user_id)


async def open_survey(
    session: AsyncSession, config: Config, now: datetime, definition: dict[str, object] | None = None
) -> Survey:
    """A launched survey (all members invited) built from `definition` (default SMALL)."""
    draft = await sv.create_draft(session, CDA, config, validate(definition or SMALL), now=now)
    await sv.launch(session, CDA, config, draft.id, due_at=None, now=now)
    return draft


async def answer_rows(
    session: AsyncSession, survey_id: int
) -> set[tuple[str, str | None, float | None, str | None]]:
    rows = (await session.execute(select(SurveyAnswer).where(SurveyAnswer.survey_id == survey_id))).scalars()
    return {(r.question, r.choice, r.number, r.text) for r in rows}
