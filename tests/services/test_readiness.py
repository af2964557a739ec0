"""The readiness self-check on SQLite and PostgreSQL: three hand-made answer sets go through the answering
engine, and their scores — computed here from config's weights and the points in bot/surveys/readiness.toml,
not written down — must be what the member and the CDA see; the near-ready group is exactly the members in
range and becomes the broadcast composer's audience; anonymous runs, members and other surveys are refused."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.config_sections import READINESS_CRITERIA, Readiness
from bot.services.common import segments
from bot.services.common.errors import InvalidInput, NotAllowed, StaleAction
from bot.services.readiness import report
from bot.services.surveys import admin as sv
from bot.services.surveys import answering as sa
from models import ConversationState, Member
from tests.factories import NOW, add_member
from tests.readiness_factory import NEAR_SET, READY_SET, WEAK_SET, Answers, band_of, expected_score
from tests.survey_helpers import CDA, open_survey, who

SM = async_sessionmaker[AsyncSession]
ANSWERS: dict[int, Answers] = {21: READY_SET, 22: NEAR_SET, 23: WEAK_SET}


async def answer(s: AsyncSession, user_id: int, survey_id: int, answers: Answers) -> None:
    step = await sa.start(s, who(user_id), survey_id, now=NOW)
    for key in READINESS_CRITERIA:
        assert step.question is not None and step.question.key == key
        value = answers[key]
        if isinstance(value, list):
            for choice in value:
                await sa.toggle(s, who(user_id), survey_id, key, choice, now=NOW)
            step = await sa.submit(s, who(user_id), survey_id, key, now=NOW)
        else:
            step = await sa.choose(s, who(user_id), survey_id, key, value, now=NOW)
    assert step.finished


async def self_check(sm: SM, config: Config, *, anonymous: bool = False) -> int:
    """The shipped self-check launched to every member; members 21–23 answer it, 24 stops half-way."""
    async with sm.begin() as s:
        for user_id in (21, 22, 23, 24, 25):
            await add_member(s, user_id)
        draft = await sv.create_shipped(s, CDA, config, now=NOW, key=sv.READINESS)
        assert draft.source_key == "readiness" and draft.title == "خودارزیابی آمادگی دانش‌بنیان"
        if anonymous:
            await sv.toggle_anonymous(s, CDA, config, draft.id, now=NOW)
        await sv.launch(s, CDA, config, draft.id, due_at=None, now=NOW)
        for user_id, answers in ANSWERS.items():
            await answer(s, user_id, draft.id, answers)
        await sa.start(s, who(24), draft.id, now=NOW)
        await sa.choose(s, who(24), draft.id, "rd", "unit", now=NOW)
        return draft.id


async def test_three_answer_sets_score_as_the_weights_and_points_say(
    sessionmaker: SM, config: Config
) -> None:
    survey_id = await self_check(sessionmaker, config)
    weights = config.readiness.weight_of()
    expected = {user_id: expected_score(answers, weights) for user_id, answers in ANSWERS.items()}
    assert len({band_of(score, config) for score in expected.values()}) == 3  # one per band
    async with sessionmaker() as s:
        for user_id, total in expected.items():
            mine = await report.member_result(s, who(user_id), config, survey_id)
            assert (mine.score.total, mine.band) == (total, band_of(total, config))
        with pytest.raises(InvalidInput) as unfinished:
            await report.member_result(s, who(24), config, survey_id)
        assert unfinished.value.code == "readiness_not_done"
        found = await report.distribution(s, CDA, config, survey_id)
    assert sorted(found.totals) == sorted(expected.values())  # 24 is half-way: not counted
    assert {band: count for band, _, _, count in found.bands} == {"ready": 1, "near": 1, "weak": 1}
    assert sum(count for _, _, count in found.bins) == 3
    rd = dict(found.criteria)["rd"]  # unit 3/3, regular 2/3, none 0 → average 5/9
    assert rd * 9 == 5

    # Weights live in config: the same stored answers score again under other weights.
    only_rd = dataclasses.replace(
        config, readiness=Readiness(weights=tuple((k, int(k == "rd")) for k in READINESS_CRITERIA))
    )
    async with sessionmaker() as s:
        scores = [(await report.member_result(s, who(u), only_rd, survey_id)).score.total for u in ANSWERS]
    assert (
        scores == [expected_score(a, only_rd.readiness.weight_of()) for a in ANSWERS.values()] == [100, 67, 0]
    )


async def test_near_ready_group_is_exactly_the_members_in_range(sessionmaker: SM, config: Config) -> None:
    survey_id = await self_check(sessionmaker, config)
    r = config.readiness
    weights = r.weight_of()
    in_range = sorted(
        u for u, a in ANSWERS.items() if r.segment_from <= expected_score(a, weights) <= r.segment_to
    )
    assert in_range == [22]
    async with sessionmaker.begin() as s:
        group = await report.near_group(s, CDA, config, survey_id)
        members = [m.name for m in group.members]
        assert members == [f"عضو {u}" for u in in_range] and group.count == len(in_range)
        rows = (await s.execute(segments.recipients_query(group.segment, platforms=("telegram",)))).all()
        assert sorted(row[2] for row in rows) == in_range  # chat ids of exactly those members
        await report.start_broadcast(s, CDA, config, survey_id, now=NOW)
        state = (await s.execute(select(ConversationState))).scalars().all()
        cda_state = next(x for x in state if x.flow == "bcast")
        assert cda_state.data["preset"] == segments.clean_segment(group.segment)

    # A wider range from config: more members, still only those in range.
    wide = dataclasses.replace(config, readiness=dataclasses.replace(r, segment_from=0, segment_to=100))
    async with sessionmaker() as s:
        assert (await report.near_group(s, CDA, wide, survey_id)).count == 3


async def test_refused_for_anonymous_runs_members_and_other_surveys(sessionmaker: SM, config: Config) -> None:
    survey_id = await self_check(sessionmaker, config, anonymous=True)
    async with sessionmaker.begin() as s:
        other = await open_survey(s, config, NOW)
    async with sessionmaker() as s:
        found = await report.distribution(s, CDA, config, survey_id)  # counts only: allowed
        assert len(found.totals) == 3
        with pytest.raises(InvalidInput) as anonymous:
            await report.near_group(s, CDA, config, survey_id)
        assert anonymous.value.code == "readiness_anonymous"
        with pytest.raises(NotAllowed):
            await report.near_group(s, who(22), config, survey_id)
        with pytest.raises(NotAllowed):
            await report.distribution(s, who(22), config, survey_id)
        for forged in (other.id, survey_id + 99):
            with pytest.raises(StaleAction):
                await report.distribution(s, CDA, config, forged)
            with pytest.raises(StaleAction):
                await report.member_result(s, who(21), config, forged)
        # a forged segment naming the anonymous run's members still reaches nobody
        ids = [str(i) for i in (await s.execute(select(Member.id))).scalars()]
        assert await segments.count_recipients(s, {"members": ids}, platforms=("telegram",)) == 5
        forged_segment = {"readiness": [f"{survey_id}:0:100"], "members": ids}
        assert await segments.count_recipients(s, forged_segment, platforms=("telegram",)) == 0
        # the member still gets their own result: it is their own answers
        mine = await report.member_result(s, who(21), config, survey_id)
        assert mine.score.total == expected_score(ANSWERS[21], config.readiness.weight_of())
