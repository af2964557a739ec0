"""Answering surveys (services, both databases): every type, skip logic, back, changes, stale presses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.surveys import admin as sv
from bot.services.surveys import answering as sa
from bot.services.surveys import inbox as survey_inbox
from models import ConversationState, SurveyResponse
from tests.factories import NOW, add_member
from tests.survey_helpers import CDA, answer_rows, open_survey, who

pytestmark = pytest.mark.asyncio
U = who(11)


async def setup(sm: async_sessionmaker[AsyncSession], config: Config) -> int:
    async with sm.begin() as s:
        await add_member(s, 11)
        await add_member(s, 12, role="trader")
        return (await open_survey(s, config, NOW)).id


async def test_every_type_in_order_with_progress_and_stored_rows(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    sid = await setup(sessionmaker, config)
    async with sessionmaker.begin() as s:
        step = await sa.start(s, U, sid, now=NOW)
        assert step.question is not None and step.question.key == "greenhouse"
        # limits and burden may still come (they hang on this answer): at most 6, never more
        assert (step.position, step.total, step.progress.exact, step.can_back) == (1, 6, False, False)
        step = await sa.choose(s, U, sid, "greenhouse", "yes", now=NOW)
        assert (
            step.question is not None
            and step.question.key == "limits"
            and (step.position, step.total, step.progress.exact) == (2, 6, False)  # burden hangs on limits
        )
        step = await sa.toggle(s, U, sid, "limits", "water", now=NOW)
        step = await sa.toggle(s, U, sid, "limits", "energy", now=NOW)
        assert (
            step.answer == ["energy", "water"] and step.question is not None and step.question.key == "limits"
        )
        step = await sa.submit(s, U, sid, "limits", now=NOW)
        assert (
            step.question is not None
            and step.question.key == "burden"
            and (step.position, step.total, step.progress.exact) == (3, 6, True)
        )
        step = await sa.rate(s, U, sid, "burden", "4", now=NOW)
        step = await sa.choose(s, U, sid, "tech", "soilless", now=NOW)
        assert step.question is not None and step.question.key == "area"
        step = await sa.typed(s, U, "۲٬۵۰۰", now=NOW)  # Persian digits with grouping
        assert step.question is not None and step.question.key == "notes" and step.can_back
        step = await sa.typed(s, U, "  دورهٔ تغذیه  ", now=NOW)
        assert step.finished and step.question is None
        assert step.response.status == "completed" and step.response.completed_at == NOW
        assert await answer_rows(s, sid) == {
            ("greenhouse", "yes", None, None),
            ("limits", "energy", None, None),
            ("limits", "water", None, None),
            ("burden", None, 4.0, None),
            ("tech", "soilless", None, None),
            ("area", None, 2500.0, None),
            ("notes", None, None, "دورهٔ تغذیه"),
        }
        assert (
            await s.execute(select(ConversationState))
        ).scalars().all() == []  # typed messages routed no more


async def test_skip_logic_and_optional_questions(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    sid = await setup(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await sa.start(s, U, sid, now=NOW)
        step = await sa.choose(s, U, sid, "greenhouse", "no", now=NOW)
        assert (
            step.question is not None
            and step.question.key == "tech"
            and (step.position, step.total, step.progress.exact) == (2, 4, True)  # from at most 6 to 4
        )
        with pytest.raises(StaleAction):  # a required question cannot be skipped, even by forged data
            await sa.skip(s, U, sid, "tech", now=NOW)
        await sa.choose(s, U, sid, "tech", "led", now=NOW)
        step = await sa.skip(s, U, sid, "area", now=NOW)
        step = await sa.skip(s, U, sid, "notes", now=NOW)
        assert step.finished
        assert await answer_rows(s, sid) == {("greenhouse", "no", None, None), ("tech", "led", None, None)}


async def test_going_back_and_changing_drops_answers_that_no_longer_apply(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    sid = await setup(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await sa.start(s, U, sid, now=NOW)
        await sa.choose(s, U, sid, "greenhouse", "yes", now=NOW)
        await sa.toggle(s, U, sid, "limits", "energy", now=NOW)
        await sa.submit(s, U, sid, "limits", now=NOW)
        step = await sa.rate(s, U, sid, "burden", "5", now=NOW)
        assert step.question is not None and step.question.key == "tech"
        step = await sa.back(s, U, sid, "tech", now=NOW)
        assert step.question is not None and step.question.key == "burden" and step.answer == 5.0
        step = await sa.back(s, U, sid, "burden", now=NOW)
        assert step.question is not None and step.question.key == "limits" and step.answer == ["energy"]
        await sa.toggle(s, U, sid, "limits", "energy", now=NOW)  # untick energy, tick water
        await sa.toggle(s, U, sid, "limits", "water", now=NOW)
        step = await sa.submit(s, U, sid, "limits", now=NOW)
        assert step.question is not None and step.question.key == "tech"  # «burden» no longer applies
        assert ("burden", None, 5.0, None) not in await answer_rows(s, sid)
        step = await sa.back(s, U, sid, "tech", now=NOW)
        step = await sa.back(s, U, sid, "limits", now=NOW)
        step = await sa.choose(s, U, sid, "greenhouse", "no", now=NOW)  # now limits goes too
        assert await answer_rows(s, sid) == {("greenhouse", "no", None, None)}
        assert (
            step.question is not None
            and step.question.key == "tech"
            and step.response.history == ["greenhouse"]
        )


async def test_stale_forged_and_doubled_presses_change_nothing(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    sid = await setup(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await sa.start(s, U, sid, now=NOW)
        await sa.choose(s, U, sid, "greenhouse", "no", now=NOW)
        before = await answer_rows(s, sid)
        for call in (
            sa.choose(s, U, sid, "greenhouse", "yes", now=NOW),  # the old message, pressed again
            sa.choose(s, U, sid, "tech", "nuclear", now=NOW),  # a forged choice
            sa.rate(s, U, sid, "tech", "3", now=NOW),  # the wrong action for the question
            sa.back(s, U, sid, "greenhouse", now=NOW),
            sa.choose(s, U, sid + 99, "tech", "led", now=NOW),  # no such survey
            sa.keep(s, U, sid, "tech", now=NOW),  # nothing to keep
        ):
            with pytest.raises(StaleAction):
                await call
        assert await answer_rows(s, sid) == before
        with pytest.raises(InvalidInput) as info:
            await sa.typed(s, U, "۱۲", now=NOW)  # «tech» takes buttons
        assert info.value.code == "use_buttons"
        response = (await s.execute(select(SurveyResponse))).scalar_one()
        assert response.current == "tech"


async def test_numbers_and_text_are_checked(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    sid = await setup(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await sa.start(s, U, sid, now=NOW)
        await sa.choose(s, U, sid, "greenhouse", "no", now=NOW)
        await sa.choose(s, U, sid, "tech", "led", now=NOW)
        for text, code in (
            ("زیاد", "number_invalid"),
            ("۶۰۰۰", "number_above"),
            ("-3", "number_below"),
            ("", "number_invalid"),
        ):
            with pytest.raises(InvalidInput) as info:
                await sa.typed(s, U, text, now=NOW)
            assert info.value.code == code
        step = await sa.typed(s, U, "١٢٠٫٥", now=NOW)  # Arabic-Indic digits and a Persian decimal point
        assert step.question is not None and step.question.key == "notes"
        with pytest.raises(InvalidInput) as info:
            await sa.typed(s, U, "ب" * 501, now=NOW)
        assert info.value.code == "text_too_long"
        assert ("area", None, 120.5, None) in await answer_rows(s, sid)


async def test_resume_reopen_and_one_response_per_member(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    sid = await setup(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await sa.start(s, U, sid, now=NOW)
        await sa.choose(s, U, sid, "greenhouse", "no", now=NOW)
    async with sessionmaker.begin() as s:  # «شروع» again (e.g. after a restart): the same place
        step = await sa.start(s, U, sid, now=NOW + timedelta(hours=5))
        assert step.question is not None and step.question.key == "tech" and step.can_back
        [item] = await survey_inbox.open_surveys(s, U, now=NOW)
        assert item.progress is not None
        assert (item.state, item.progress.position, item.progress.total) == ("in_progress", 2, 4)
        await sa.choose(s, U, sid, "tech", "led", now=NOW)
        await sa.skip(s, U, sid, "area", now=NOW)
        await sa.skip(s, U, sid, "notes", now=NOW)
    async with sessionmaker.begin() as s:
        step = await sa.start(s, U, sid, now=NOW)
        assert step.already_done and step.question is None
        assert [i.state for i in await survey_inbox.open_surveys(s, U, now=NOW)] == ["completed"]
        step = await sa.reopen(s, U, sid, now=NOW)
        assert step.question is not None and step.question.key == "greenhouse" and step.answer == ["no"]
        assert step.response.status == "completed"  # still counted while being edited
        step = await sa.keep(s, U, sid, "greenhouse", now=NOW)
        step = await sa.choose(s, U, sid, "tech", "soilless", now=NOW)
        await sa.skip(s, U, sid, "area", now=NOW)
        step = await sa.skip(s, U, sid, "notes", now=NOW)
        assert step.finished and ("tech", "soilless", None, None) in await answer_rows(s, sid)
        assert len((await s.execute(select(SurveyResponse))).scalars().all()) == 1


async def test_a_closed_survey_takes_no_answers_and_leaves_the_list(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    sid = await setup(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await sa.start(s, U, sid, now=NOW)
        await sv.set_close_time(s, CDA, config, sid, NOW + timedelta(hours=1), now=NOW)
    later = NOW + timedelta(hours=1)
    async with sessionmaker.begin() as s:  # the time passed even before the tick closed it
        with pytest.raises(sa.SurveyClosed):
            await sa.choose(s, U, sid, "greenhouse", "yes", now=later)
        assert await survey_inbox.open_surveys(s, U, now=later) == []
        await sv.close(s, CDA, config, sid, now=NOW)
        with pytest.raises(sa.SurveyClosed):
            await sa.start(s, who(12), sid, now=NOW)
        assert await answer_rows(s, sid) == set()


async def test_members_outside_the_segment_cannot_start(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await add_member(s, 11, role="grower")
        await add_member(s, 12, role="trader")
        draft = await sv.create_draft(s, CDA, config, sv.shipped_definition(), now=NOW)
        await sv.toggle_segment(s, CDA, config, draft.id, "r", "grower", now=NOW)
        await sv.launch(s, CDA, config, draft.id, due_at=None, now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput) as info:
            await sa.start(s, who(12), draft.id, now=NOW)
        assert info.value.code == "survey_not_for_you"
        assert await survey_inbox.open_surveys(s, who(12), now=NOW) == []
        assert [i.state for i in await survey_inbox.open_surveys(s, U, now=NOW)] == ["new"]
        step = await sa.start(s, U, draft.id, now=NOW)
        assert step.question is not None and (step.position, step.total) == (1, 19)  # 7 conditional
