"""The CDA's side of surveys: draft → scheduled → open → closed.

A draft comes from the shipped assessment, an uploaded definition file or the in-chat builder.
Launching creates the invitation as an ordinary broadcast to the survey's segment with a «شروع»
button (`sv:start:<id>`), now or at a time; `invited` is the recipient count. Every function
re-checks the caller's rights and the survey's state, because button data is user-controlled.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.broadcasts import lifecycle as bc
from bot.services.common import lifecycle as lc
from bot.services.common import segments
from bot.services.common.admins import check_admin
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.notify import render
from bot.services.common.rows import get_locked
from bot.services.members.accounts import Identity
from bot.services.readiness.segment import SOURCE_KEY as READINESS  # the scored self-check
from bot.services.surveys.definition import SurveyDefinition
from bot.services.surveys.parse import parse_definition
from models import Survey, SurveyResponse
from models.enums import BroadcastKind, SurveyResponseStatus, SurveyStatus

LIVE = lc.allowing(lc.SURVEY, lc.CLOSE)
SHIPPED = "tech_needs"
SHIPPED_FILES = (SHIPPED, READINESS)  # bot/surveys/<key>.toml, offered under «➕ نظرسنجی جدید»
SAMPLE = "sample.toml"
DIMENSIONS = {"r": "roles", "c": "categories", "p": "places"}
LIST_MAX = 15


@dataclass
class SurveySummary:
    survey: Survey
    completed: int = 0
    in_progress: int = 0
    audience: int = 0  # members the segment reaches now (drafts)


async def load(
    session: AsyncSession, who: Identity, config: Config, survey_id: int, *, states: tuple[str, ...]
) -> Survey:
    """The survey, locked, if the caller is an admin and it is in one of `states`; else StaleAction."""
    await check_admin(session, who, config)
    survey = await get_locked(session, Survey, survey_id)
    if survey is None or survey.status not in states:
        raise StaleAction()
    return survey


async def summarise(session: AsyncSession, survey: Survey, config: Config) -> SurveySummary:
    stmt = (
        select(SurveyResponse.status, func.count())
        .where(SurveyResponse.survey_id == survey.id)
        .group_by(SurveyResponse.status)
    )
    counts = {status: int(n) for status, n in (await session.execute(stmt)).all()}
    audience = 0
    if survey.status == SurveyStatus.DRAFT:
        audience = await segments.count_recipients(session, survey.segment or {}, platforms=config.platforms)
    return SurveySummary(
        survey,
        counts.get(SurveyResponseStatus.COMPLETED, 0),
        counts.get(SurveyResponseStatus.IN_PROGRESS, 0),
        audience,
    )


async def summary(session: AsyncSession, who: Identity, config: Config, survey_id: int) -> SurveySummary:
    survey = await load(session, who, config, survey_id, states=lc.allowing(lc.SURVEY, lc.VIEW))
    return await summarise(session, survey, config)


async def list_surveys(session: AsyncSession, who: Identity, config: Config) -> list[SurveySummary]:
    """The newest surveys first, with their counts."""
    await check_admin(session, who, config)
    stmt = select(Survey).order_by(Survey.created_at.desc(), Survey.id.desc()).limit(LIST_MAX)
    return [await summarise(session, s, config) for s in (await session.execute(stmt)).scalars()]


def shipped_definition(key: str = SHIPPED) -> SurveyDefinition:
    """A survey that ships inside the package: the technology-needs assessment (bot/surveys/tech_needs.toml)
    or the readiness self-check (bot/surveys/readiness.toml)."""
    if key not in SHIPPED_FILES:
        raise StaleAction()
    data = resources.files("bot.surveys").joinpath(f"{key}.toml").read_bytes()
    return parse_definition(data, f"{key}.toml")


async def sample_file(session: AsyncSession, who: Identity, config: Config) -> bytes:
    """The commented sample definition file (bot/surveys/sample.toml) the CDA edits instead of a README."""
    await check_admin(session, who, config)
    return resources.files("bot.surveys").joinpath(SAMPLE).read_bytes()


async def create_draft(
    session: AsyncSession,
    who: Identity,
    config: Config,
    definition: SurveyDefinition,
    *,
    now: datetime,
    source_key: str | None = None,
) -> Survey:
    await check_admin(session, who, config)
    survey = Survey(
        status=SurveyStatus.DRAFT,
        title=definition.title,
        description=definition.description,
        anonymous=definition.anonymous,
        definition=definition.to_json(),
        source_key=source_key,
        segment={},
        invited=0,
        reminders_sent=0,
        created_by=who.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(survey)
    await session.flush()
    return survey


async def create_shipped(
    session: AsyncSession, who: Identity, config: Config, *, now: datetime, key: str = SHIPPED
) -> Survey:
    """A draft of a shipped survey; `source_key` remembers which (the readiness one is scored)."""
    await check_admin(session, who, config)
    return await create_draft(session, who, config, shipped_definition(key), now=now, source_key=key)


async def create_from_file(
    session: AsyncSession, who: Identity, config: Config, data: bytes, file_name: str | None, *, now: datetime
) -> Survey:
    """A draft from an uploaded file; a DefinitionError (Persian lines) saves nothing."""
    await check_admin(session, who, config)
    return await create_draft(session, who, config, parse_definition(data, file_name), now=now)


async def toggle_segment(
    session: AsyncSession,
    who: Identity,
    config: Config,
    survey_id: int,
    code: str,
    key: str,
    *,
    now: datetime,
) -> SurveySummary:
    """Tick or untick one role (`r`), category (`c`) or place (`p`); `all` clears the audience."""
    survey = await load(session, who, config, survey_id, states=lc.allowing(lc.SURVEY, lc.EDIT))
    if code == "all":
        survey.segment = {}
    else:
        dimension = DIMENSIONS.get(code)
        if dimension is None:
            raise InvalidInput("unknown_choice")
        valid = {c.key for c in getattr(config, dimension)} | ({"other"} if dimension == "places" else set())
        if key not in valid:
            raise InvalidInput("unknown_choice")
        chosen = set((survey.segment or {}).get(dimension) or []) ^ {key}
        survey.segment = segments.clean_segment({**(survey.segment or {}), dimension: sorted(chosen)})
    survey.updated_at = now
    return await summarise(session, survey, config)


async def toggle_anonymous(
    session: AsyncSession, who: Identity, config: Config, survey_id: int, *, now: datetime
) -> SurveySummary:
    survey = await load(session, who, config, survey_id, states=lc.allowing(lc.SURVEY, lc.EDIT))
    survey.anonymous, survey.updated_at = not survey.anonymous, now
    return await summarise(session, survey, config)


@dataclass(frozen=True)
class SurveyInvitation:
    """The launch invitation with «شروع» (handlers/surveys/notices.py)."""

    survey: Survey


async def launch(
    session: AsyncSession,
    who: Identity,
    config: Config,
    survey_id: int,
    *,
    due_at: datetime | None,
    now: datetime,
) -> SurveySummary:
    """Invite the segment now (`due_at` None) or at a time, through the broadcast engine."""
    survey = await load(session, who, config, survey_id, states=lc.allowing(lc.SURVEY, lc.PUBLISH))
    audience = await segments.count_recipients(session, survey.segment or {}, platforms=config.platforms)
    if audience == 0:
        raise InvalidInput("survey_no_audience")
    if survey.closes_at is not None and survey.closes_at <= (due_at or now):
        raise InvalidInput("survey_closes_before_open")
    invitation = render(SurveyInvitation(survey), config)
    content = bc.Content(BroadcastKind.TEXT, invitation.text_html)
    broadcast = await bc.create_draft(session, who, config, content, now=now)
    broadcast.segment = dict(survey.segment or {})
    await bc.set_buttons(session, who, config, broadcast.id, invitation.buttons, now=now)
    await bc.schedule(session, who, config, broadcast.id, due_at=due_at, now=now)
    opens_at = now if due_at is None else broadcast.due_at
    assert opens_at is not None
    survey.broadcast_id, survey.opens_at, survey.invited = broadcast.id, opens_at, audience
    survey.status = SurveyStatus.OPEN if due_at is None else SurveyStatus.SCHEDULED
    survey.updated_at = now
    await session.flush()
    return await summarise(session, survey, config)


async def set_close_time(
    session: AsyncSession,
    who: Identity,
    config: Config,
    survey_id: int,
    closes_at: datetime,
    *,
    now: datetime,
) -> SurveySummary:
    """When the delivery engine's tick closes the survey (after the launch, in the future)."""
    survey = await load(session, who, config, survey_id, states=lc.allowing(lc.SURVEY, lc.SET_CLOSE_TIME))
    if closes_at <= now:
        raise InvalidInput("survey_close_in_past")
    if survey.opens_at is not None and closes_at <= survey.opens_at:
        raise InvalidInput("survey_closes_before_open")
    survey.closes_at, survey.updated_at = closes_at, now
    return await summarise(session, survey, config)


async def close(
    session: AsyncSession, who: Identity, config: Config, survey_id: int, *, now: datetime
) -> SurveySummary:
    """Close by hand; a survey still waiting for its launch also loses its invitation."""
    survey = await load(session, who, config, survey_id, states=lc.allowing(lc.SURVEY, lc.CLOSE))
    if survey.status == SurveyStatus.SCHEDULED and survey.broadcast_id is not None:
        with contextlib.suppress(StaleAction):  # the invitation already went out
            await bc.cancel(session, who, config, survey.broadcast_id, now=now)
    survey.status, survey.closed_at, survey.updated_at = SurveyStatus.CLOSED, now, now
    return await summarise(session, survey, config)


async def discard_draft(session: AsyncSession, who: Identity, config: Config, survey_id: int) -> str:
    survey = await load(session, who, config, survey_id, states=lc.allowing(lc.SURVEY, lc.DISCARD))
    title = survey.title
    await session.delete(survey)
    await session.flush()
    return title


def segment_of(survey: Survey) -> dict[str, Any]:
    return segments.clean_segment(survey.segment or {})
