"""The CDA's survey services (both databases): drafts from the shipped file, a file and the chat builder;
launch now or later; close by time or by hand; reminders to non-finishers only, once each."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.jalali import tehran_moment
from bot.services.broadcasts import delivery as dl
from bot.services.common.errors import InvalidInput, NotAllowed, StaleAction
from bot.services.surveys import admin as sv
from bot.services.surveys import admin_flow as flow
from bot.services.surveys import answering as sa
from bot.services.surveys import schedule as survey_schedule
from bot.services.surveys.parse import DefinitionError
from models import Account, Broadcast, Delivery, Survey
from tests.factories import NOW, add_member
from tests.survey_helpers import CDA, SMALL, open_survey, who

pytestmark = pytest.mark.asyncio


async def test_launch_now_is_a_broadcast_with_a_start_button_to_the_segment(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        for uid, role in ((11, "grower"), (12, "grower"), (13, "trader")):
            await add_member(s, uid, role=role)
        draft = await sv.create_shipped(s, CDA, config, now=NOW)
        summary = await sv.toggle_segment(s, CDA, config, draft.id, "r", "grower", now=NOW)
        assert summary.audience == 2 and draft.source_key == "tech_needs" and draft.status == "draft"
        with pytest.raises(NotAllowed):
            await sv.launch(s, who(11), config, draft.id, due_at=None, now=NOW)
        with pytest.raises(InvalidInput):
            await sv.toggle_segment(s, CDA, config, draft.id, "r", "astronaut", now=NOW)
        summary = await sv.launch(s, CDA, config, draft.id, due_at=None, now=NOW)
        survey = summary.survey
        assert (survey.status, survey.invited, survey.opens_at) == ("open", 2, NOW)
        broadcast = await s.get(Broadcast, survey.broadcast_id)
        assert (
            broadcast is not None
            and broadcast.status == "scheduled"
            and broadcast.segment == {"roles": ["grower"]}
        )
        assert broadcast.buttons == [{"text": "▶️ شروع", "callback_data": f"sv:start:{survey.id}"}]
        assert "نیازسنجی فناوری" in (broadcast.text_html or "")
        with pytest.raises(StaleAction):  # launched once only
            await sv.launch(s, CDA, config, draft.id, due_at=None, now=NOW)


async def test_an_empty_audience_cannot_be_launched(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await add_member(s, 11, role="grower")
        draft = await sv.create_shipped(s, CDA, config, now=NOW)
        await sv.toggle_segment(s, CDA, config, draft.id, "r", "trader", now=NOW)
        with pytest.raises(InvalidInput) as info:
            await sv.launch(s, CDA, config, draft.id, due_at=None, now=NOW)
        assert info.value.code == "survey_no_audience"


async def test_scheduled_launch_opens_at_its_time_and_closes_at_the_closing_time(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    start, end = NOW + timedelta(days=1), NOW + timedelta(days=8)
    async with sessionmaker.begin() as s:
        await add_member(s, 11)
        draft = await sv.create_shipped(s, CDA, config, now=NOW)
        with pytest.raises(InvalidInput):
            await sv.set_close_time(s, CDA, config, draft.id, NOW - timedelta(minutes=5), now=NOW)
        await sv.set_close_time(s, CDA, config, draft.id, end, now=NOW)
        summary = await sv.launch(s, CDA, config, draft.id, due_at=start, now=NOW)
        assert (summary.survey.status, summary.survey.opens_at) == ("scheduled", start)
        with pytest.raises(InvalidInput):  # closing before it opens
            await sv.set_close_time(s, CDA, config, draft.id, start - timedelta(hours=1), now=NOW)
        with pytest.raises(StaleAction):  # not open yet for members
            await sa.start(s, who(11), draft.id, now=NOW)
    async with sessionmaker.begin() as s:
        await survey_schedule.run_due(s, config=config, now=start - timedelta(seconds=1))
        assert (await s.get(Survey, draft.id, populate_existing=True)).status == "scheduled"  # type: ignore[union-attr]
        await add_member(s, 12)  # joined before the launch: counted when it opens
        await survey_schedule.run_due(s, config=config, now=start)
        survey = await s.get(Survey, draft.id, populate_existing=True)
        assert survey is not None and (survey.status, survey.invited) == ("open", 2)
        await survey_schedule.run_due(s, config=config, now=end)
        assert (survey.status, survey.closed_at) == ("closed", end)
        with pytest.raises(StaleAction):
            await sv.close(s, CDA, config, draft.id, now=end)


async def test_closing_a_scheduled_survey_by_hand_cancels_its_invitation(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await add_member(s, 11)
        draft = await sv.create_shipped(s, CDA, config, now=NOW)
        await sv.launch(s, CDA, config, draft.id, due_at=NOW + timedelta(days=1), now=NOW)
        summary = await sv.close(s, CDA, config, draft.id, now=NOW)
        assert summary.survey.status == "closed"
        broadcast = await s.get(Broadcast, summary.survey.broadcast_id)
        assert broadcast is not None and broadcast.status == "cancelled"


async def test_reminders_reach_invited_non_finishers_once_each_and_never_after_close(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        for uid in (11, 12, 13, 14):
            await add_member(s, uid)
        survey = await open_survey(s, config, NOW)
        await dl.start_due(s, config=config, now=NOW)  # the invitation fans out …
        await s.execute(
            update(Delivery).where(Delivery.broadcast_id == survey.broadcast_id).values(status="sent")
        )  # … and is delivered
        await add_member(s, 15)  # joined later: was never invited
        await sa.start(s, who(11), survey.id, now=NOW)  # finishes
        await sa.choose(s, who(11), survey.id, "greenhouse", "no", now=NOW)
        await sa.choose(s, who(11), survey.id, "tech", "led", now=NOW)
        await sa.skip(s, who(11), survey.id, "area", now=NOW)
        await sa.skip(s, who(11), survey.id, "notes", now=NOW)
        await sa.start(s, who(12), survey.id, now=NOW)  # started, not finished
        invited = (
            (await s.execute(select(Delivery.member_id).where(Delivery.status == "sent"))).scalars().all()
        )
        assert len(invited) == 4

    async def reminders() -> list[Broadcast]:
        async with sessionmaker() as s:
            stmt = select(Broadcast).where(Broadcast.origin.like(f"survey:{survey.id}:remind:%"))
            return list((await s.execute(stmt.order_by(Broadcast.id))).scalars())

    async with sessionmaker.begin() as s:
        assert await survey_schedule.send_reminders(s, config=config, now=NOW + timedelta(hours=47)) == 0
        assert await survey_schedule.send_reminders(s, config=config, now=NOW + timedelta(hours=48)) == 1
        assert await survey_schedule.send_reminders(s, config=config, now=NOW + timedelta(hours=49)) == 0
    [first] = await reminders()
    finished = await _member_id(sessionmaker, 11)
    assert str(finished) not in first.segment["members"] and len(first.segment["members"]) == 3
    assert first.buttons == [{"text": "▶️ ادامهٔ نظرسنجی", "callback_data": f"sv:start:{survey.id}"}]
    async with sessionmaker.begin() as s:
        saved = await s.get(Survey, survey.id)
        assert saved is not None and saved.reminders_sent == 1
        saved.reminders_sent = 0  # as if the commit was lost: the origin still makes it once
        assert await survey_schedule.send_reminders(s, config=config, now=NOW + timedelta(hours=50)) == 0
    async with sessionmaker.begin() as s:
        await sv.set_close_time(
            s, CDA, config, survey.id, NOW + timedelta(hours=100), now=NOW + timedelta(hours=50)
        )
        await survey_schedule.run_due(s, config=config, now=NOW + timedelta(hours=120))
        assert (await s.get(Survey, survey.id, populate_existing=True)).status == "closed"  # type: ignore[union-attr]
    assert len(await reminders()) == 1  # closed first: no second reminder


async def test_after_downtime_only_the_latest_due_reminder_goes(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await add_member(s, 11)
        survey = await open_survey(s, config, NOW)
        await dl.start_due(s, config=config, now=NOW)
        await s.execute(update(Delivery).values(status="sent"))
    async with sessionmaker.begin() as s:
        assert await survey_schedule.send_reminders(s, config=config, now=NOW + timedelta(hours=200)) == 1
        assert await survey_schedule.send_reminders(s, config=config, now=NOW + timedelta(hours=201)) == 0
        saved = await s.get(Survey, survey.id)
        assert saved is not None and saved.reminders_sent == 2
        origins = (
            (await s.execute(select(Broadcast.origin).where(Broadcast.origin.is_not(None)))).scalars().all()
        )
        assert origins == [f"survey:{survey.id}:remind:1"]


async def _member_id(sm: async_sessionmaker[AsyncSession], user_id: int) -> int:
    async with sm() as s:
        member_id = (
            await s.execute(select(Account.member_id).where(Account.user_id == user_id))
        ).scalar_one()
        assert member_id is not None
        return member_id


async def test_a_bad_file_saves_nothing_and_keeps_waiting_a_good_one_makes_a_draft(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        assert (await flow.begin_file(s, CDA, config, now=NOW)).step == flow.FILE
    bad = json.dumps({"title": "x", "questions": [{"key": "a", "type": "colour", "text": "?"}]}).encode()
    async with sessionmaker.begin() as s:
        with pytest.raises(DefinitionError) as info:
            await flow.receive_file(s, CDA, config, bad, "bad.json", now=NOW)
        [line] = info.value.lines
        assert line.startswith(  # HTML: the file's own words in <code>
            "سؤال ۱ (<code>a</code>): نوع «<code>colour</code>» شناخته نیست؛ یکی از این‌ها را بنویسید: "
            "<code>single</code> (تک‌گزینه‌ای)، <code>multi</code> (چندگزینه‌ای)"
        )
    async with sessionmaker.begin() as s:
        assert (await s.execute(select(Survey))).scalars().all() == []
        with pytest.raises(InvalidInput):  # text instead of a file
            await flow.receive_text(s, CDA, config, "title = 'x'", now=NOW)
        result = await flow.receive_file(s, CDA, config, json.dumps(SMALL).encode(), "ok.json", now=NOW)
        assert result.kind == "created" and result.summary is not None
        assert (
            result.summary.survey.title == SMALL["title"]
            and len(result.summary.survey.definition["questions"]) == 6
        )
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):  # the flow ended with the draft
            await flow.receive_file(s, CDA, config, json.dumps(SMALL).encode(), "ok.json", now=NOW)
        with pytest.raises(NotAllowed):
            await flow.begin_file(s, who(11), config, now=NOW)


async def test_the_chat_builder_makes_a_draft(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await flow.begin_builder(s, CDA, config, now=NOW)
        first = await flow.receive_text(s, CDA, config, "نیاز به آموزش", now=NOW)
        assert first.step == flow.B_TYPE and first.token
        with pytest.raises(StaleAction):
            await flow.finish_builder(s, CDA, config, token=first.token, now=NOW)  # no question yet
        await flow.choose_type(s, CDA, config, "multi", token=first.token, now=NOW)
        assert (
            await flow.receive_text(s, CDA, config, "به چه آموزش‌هایی نیاز دارید؟", now=NOW)
        ).step == flow.B_CHOICES
        with pytest.raises(InvalidInput):
            await flow.receive_text(s, CDA, config, "فقط یکی", now=NOW)
        second = await flow.receive_text(s, CDA, config, "تغذیه\nآفات\n\nبسته‌بندی", now=NOW)
        with pytest.raises(StaleAction):  # the first question's type buttons are stale at the second
            await flow.choose_type(s, CDA, config, "number", token=first.token, now=NOW)
        await flow.choose_type(s, CDA, config, "number", token=second.token, now=NOW)
        third = await flow.receive_text(s, CDA, config, "چند نفر کارگر دارید؟", now=NOW)
        with pytest.raises(StaleAction):
            await flow.choose_type(s, CDA, config, "essay", token=third.token, now=NOW)
        with pytest.raises(StaleAction):  # «پایان» under the second question's types
            await flow.finish_builder(s, CDA, config, token=second.token, now=NOW)
        result = await flow.finish_builder(s, CDA, config, token=third.token, now=NOW)
        assert result.summary is not None
        survey = result.summary.survey
        assert survey.title == "نیاز به آموزش"
        assert [(q["key"], q["type"], len(q["choices"])) for q in survey.definition["questions"]] == [
            ("q1", "multi", 3),
            ("q2", "number", 0),
        ]


async def test_the_date_picker_answers_the_time_question_it_was_shown_under(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await add_member(s, 11)
        draft = await sv.create_shipped(s, CDA, config, now=NOW)
        other = await sv.create_shipped(s, CDA, config, now=NOW)
        asked = await flow.begin_time(s, CDA, config, draft.id, flow.CLOSE_AT, now=NOW)
    assert asked.token and asked.step == flow.CLOSE_AT
    async with sessionmaker() as s:
        assert await flow.pick_check(s, CDA, config, draft.id, asked.token) == flow.CLOSE_AT
    for survey_id, token in ((draft.id, "000000"), (other.id, asked.token), (draft.id, "")):
        with pytest.raises(StaleAction):
            async with sessionmaker.begin() as s:
                await flow.pick(s, CDA, config, survey_id, token, "۱۴۰۵/۰۹/۲۰ ۲۰:۰۰", now=NOW)
    async with sessionmaker.begin() as s:
        r = await flow.pick(s, CDA, config, draft.id, asked.token, "۱۴۰۵/۰۹/۲۰ ۲۰:۰۰", now=NOW)
    assert r.kind == "closing_set" and r.summary is not None
    assert r.summary.survey.closes_at == tehran_moment(1405, 9, 20, 20, 0)
    with pytest.raises(StaleAction):  # answered: the flow is over, the picker is stale
        async with sessionmaker.begin() as s:
            await flow.pick_check(s, CDA, config, draft.id, asked.token)


async def test_the_chat_builder_refuses_long_text_in_its_own_words_and_keeps_the_step(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    """Not the file's error list («فایل پذیرفته نشد», `title`, `q1`) for something the CDA typed."""
    from handlers.surveys.admin import error_text

    async with sessionmaker.begin() as s:
        await flow.begin_builder(s, CDA, config, now=NOW)
        with pytest.raises(flow.BuilderTooLong) as title:
            await flow.receive_text(s, CDA, config, "ع" * 201, now=NOW)
        first = await flow.receive_text(s, CDA, config, "نیاز به آموزش", now=NOW)  # still the title step
        await flow.choose_type(s, CDA, config, "single", token=first.token, now=NOW)
        with pytest.raises(flow.BuilderTooLong) as question:
            await flow.receive_text(s, CDA, config, "؟" * 301, now=NOW)
        assert (await flow.receive_text(s, CDA, config, "کدام؟", now=NOW)).step == flow.B_CHOICES
        with pytest.raises(flow.BuilderTooLong) as many:
            await flow.receive_text(s, CDA, config, "\n".join(f"گزینه {i}" for i in range(13)), now=NOW)
        with pytest.raises(flow.BuilderTooLong) as long_choice:
            await flow.receive_text(s, CDA, config, "کوتاه\n" + "ب" * 61, now=NOW)
        assert (await flow.receive_text(s, CDA, config, "الف\nب", now=NOW)).step == flow.B_TYPE
    shown = [error_text(e.value) for e in (title, question, many, long_choice)]
    assert shown == [
        "عنوان طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۲۰۰ حرف).",
        "متن سؤال طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۳۰۰ حرف).",
        "حداکثر ۱۲ گزینه ممکن است؛ گزینه‌ها را دوباره بفرستید.",
        "یکی از گزینه‌ها طولانی است؛ هر گزینه حداکثر ۶۰ حرف باشد. گزینه‌ها را دوباره بفرستید.",
    ]
