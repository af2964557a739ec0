"""What the delivery engine's tick does for surveys: open scheduled ones, close due ones, remind.

Reminders go to members the invitation reached who have not completed the survey, at
`[surveys] reminder_hours_after_launch` (at most two), never once the survey is closed or its
closing time has passed. `Survey.reminders_sent` and the notification's `origin` make each one go
out once, also across restarts; after downtime only the latest due reminder is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import segments
from bot.services.common.notify import notify
from models import Delivery, Survey, SurveyResponse
from models.enums import DeliveryStatus, SurveyResponseStatus, SurveyStatus


@dataclass(frozen=True)
class SurveyReminder:
    """«You have not finished this survey» with a button to continue (handlers/surveys/notices.py)."""

    survey_id: int
    title: str
    closes_at: datetime | None


async def open_due(session: AsyncSession, *, config: Config, now: datetime) -> int:
    """Scheduled surveys whose launch time came: open, with `invited` counted again at that moment."""
    stmt = select(Survey).where(Survey.status == SurveyStatus.SCHEDULED, Survey.opens_at <= now)
    due = list((await session.execute(stmt)).scalars())
    for survey in due:
        survey.status, survey.updated_at = SurveyStatus.OPEN, now
        survey.invited = await segments.count_recipients(
            session, survey.segment or {}, platforms=config.platforms
        )
    return len(due)


async def close_due(session: AsyncSession, *, now: datetime) -> int:
    stmt = select(Survey).where(
        Survey.status.in_((SurveyStatus.SCHEDULED, SurveyStatus.OPEN)), Survey.closes_at <= now
    )
    due = list((await session.execute(stmt)).scalars())
    for survey in due:
        survey.status, survey.closed_at, survey.updated_at = SurveyStatus.CLOSED, now, now
    return len(due)


async def non_finishers(session: AsyncSession, survey: Survey) -> list[int]:
    """Members the invitation reached who have not completed the survey."""
    if survey.broadcast_id is None:
        return []
    completed = select(SurveyResponse.member_id).where(
        SurveyResponse.survey_id == survey.id, SurveyResponse.status == SurveyResponseStatus.COMPLETED
    )
    stmt = select(Delivery.member_id).where(
        Delivery.broadcast_id == survey.broadcast_id,
        Delivery.status == DeliveryStatus.SENT,
        Delivery.member_id.not_in(completed),
    )
    return sorted(set((await session.execute(stmt)).scalars()))


async def send_reminders(session: AsyncSession, *, config: Config, now: datetime) -> int:
    hours = config.surveys.reminder_hours_after_launch
    if not hours:
        return 0
    stmt = select(Survey).where(Survey.status == SurveyStatus.OPEN, Survey.reminders_sent < len(hours))
    sent = 0
    for survey in (await session.execute(stmt)).scalars():
        if survey.opens_at is None or (survey.closes_at is not None and survey.closes_at <= now):
            continue
        due = [i for i, h in enumerate(hours) if survey.opens_at + timedelta(hours=h) <= now]
        if not due or due[-1] < survey.reminders_sent:
            continue
        index = due[-1]
        survey.reminders_sent = index + 1
        members = await non_finishers(session, survey)
        origin = f"survey:{survey.id}:remind:{index}"
        if await notify(
            session,
            config=config,
            member_ids=members,
            notice=SurveyReminder(survey.id, survey.title, survey.closes_at),
            now=now,
            origin=origin,
        ):
            sent += 1
    return sent


async def run_due(session: AsyncSession, *, config: Config, now: datetime) -> None:
    await open_due(session, config=config, now=now)
    await close_due(session, now=now)
    await send_reminders(session, config=config, now=now)
