"""Survey to action on SQLite and PostgreSQL: the "survey_choice" segment dimension (completed responses
only, never an anonymous survey), the group of members who chose an answer, and the broadcast composer
started with that group as its audience."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.broadcasts import flow as bflow
from bot.services.common import segments
from bot.services.common.errors import InvalidInput, NotAllowed, StaleAction
from bot.services.members.accounts import Identity
from bot.services.surveys import action
from bot.services.surveys.segment import chose_in_survey, parse_key
from tests.factories import NOW
from tests.survey_factory import seed_survey

SM = async_sessionmaker[AsyncSession]
ADMIN = Identity("telegram", 9000, 9000)
MEMBER = Identity("telegram", 501, 501)


async def members_of(sm: SM, segment: dict[str, list[str]]) -> list[int]:
    async with sm() as s:
        rows = (await s.execute(segments.recipients_query(segment, platforms=("telegram",)))).all()
    return [row[0] for row in rows]


async def test_segment_dimension_counts_completed_responses_only(sessionmaker: SM) -> None:
    survey_id, m = await seed_survey(sessionmaker, extra_members=3)
    assert "survey_choice" in segments.FILTERS
    soilless = {"survey_choice": [f"{survey_id}:tech:soilless"]}
    assert await members_of(sessionmaker, soilless) == [m[501], m[502], m[503]]
    # 504 chose «کشت بافت» and «آب شهری» but has not finished: not in the segment
    assert await members_of(sessionmaker, {"survey_choice": [f"{survey_id}:tech:tissue"]}) == []
    assert await members_of(sessionmaker, {"survey_choice": [f"{survey_id}:water:city"]}) == []
    either = {"survey_choice": [f"{survey_id}:tech:led", f"{survey_id}:invest:no"]}
    assert await members_of(sessionmaker, either) == [m[502], m[503]]
    # combined with another dimension: every dimension must match
    assert await members_of(sessionmaker, {**soilless, "places": ["nimvar"]}) == []
    assert (
        await members_of(sessionmaker, {"survey_choice": ["junk", "1:2", f"{survey_id + 9}:tech:led"]}) == []
    )
    async with sessionmaker() as s:
        assert await segments.count_recipients(s, soilless, platforms=("telegram",)) == 3


async def test_segment_never_matches_an_anonymous_survey(sessionmaker: SM) -> None:
    survey_id, _ = await seed_survey(sessionmaker, anonymous=True)
    assert await members_of(sessionmaker, {"survey_choice": [f"{survey_id}:tech:soilless"]}) == []


def test_key_parsing() -> None:
    assert parse_key("12:tech:soilless") == (12, "tech", "soilless")
    assert [parse_key(k) for k in ("", "a:b:c", "1:b", "1::c", "۱:b:c")] == [None] * 5
    assert str(chose_in_survey([])) == "false"


async def test_group_of_members_who_chose_an_answer(sessionmaker: SM, config: Config) -> None:
    survey_id, _ = await seed_survey(sessionmaker)
    async with sessionmaker() as s:
        _survey, questions = await action.choice_questions(s, ADMIN, config, survey_id)
        assert [(n, q.question.key) for n, q in questions] == [(1, "water"), (2, "tech"), (6, "invest")]
        group = await action.group(s, ADMIN, config, survey_id, 2, 2)
        yes = await action.group(s, ADMIN, config, survey_id, 6, 1)
    assert (group.choice.text, group.count) == ("کشت بدون خاک", 3)
    assert group.segment == {"survey_choice": [f"{survey_id}:tech:soilless"]}
    assert (yes.choice.key, yes.choice.text, yes.count) == ("yes", "بله", 2)


async def test_refused_for_anonymous_surveys_members_and_forged_positions(
    sessionmaker: SM, config: Config
) -> None:
    anonymous_id, _ = await seed_survey(sessionmaker, anonymous=True)
    async with sessionmaker() as s:
        with pytest.raises(InvalidInput) as refused:
            await action.group(s, ADMIN, config, anonymous_id, 2, 2)
        assert refused.value.code == "survey_anonymous"
        with pytest.raises(InvalidInput):
            await action.start_broadcast(s, ADMIN, config, anonymous_id, 2, 2, now=NOW)
        with pytest.raises(NotAllowed):
            await action.group(s, MEMBER, config, anonymous_id, 2, 2)


async def test_forged_positions(sessionmaker: SM, config: Config) -> None:
    survey_id, _ = await seed_survey(sessionmaker)
    async with sessionmaker() as s:
        for number, choice in ((3, 1), (9, 1), (2, 5), (2, 0), (0, 1)):  # 3 is a scale question
            with pytest.raises(StaleAction):
                await action.group(s, ADMIN, config, survey_id, number, choice)
        with pytest.raises(NotAllowed):
            await action.start_broadcast(s, MEMBER, config, survey_id, 2, 2, now=NOW)


async def test_broadcast_starts_with_the_group_as_audience(sessionmaker: SM, config: Config) -> None:
    survey_id, m = await seed_survey(sessionmaker, extra_members=2)
    now = NOW
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput) as empty:
            await action.start_broadcast(s, ADMIN, config, survey_id, 1, 3, now=now)  # «آب شهری»: nobody
        assert empty.value.code == "no_recipients"
        group = await action.start_broadcast(s, ADMIN, config, survey_id, 2, 2, now=now)
    assert group.count == 3
    async with sessionmaker.begin() as s:
        draft = await bflow.receive(
            s, ADMIN, config, bflow.Incoming("text", "دورهٔ کشت بدون خاک", "x"), now=now
        )
        assert draft.broadcast.segment == group.segment
        result = await bflow.press(s, ADMIN, config, "nobtn", draft.broadcast.id, "", now=now)
    assert result.audience == 3 and result.survey_choices == [("نیازسنجی فناوری ۱۴۰۵", ["کشت بدون خاک"])]
    async with sessionmaker.begin() as s:  # narrowing by a role, then «همه» goes back to the group
        narrowed = await bflow.press(s, ADMIN, config, "tg", draft.broadcast.id, "roles:trader", now=now)
        assert narrowed.audience == 0
        back = await bflow.press(s, ADMIN, config, "all", draft.broadcast.id, "", now=now)
        assert back.audience == 3 and back.broadcast.segment == group.segment
        preview = await bflow.press(s, ADMIN, config, "next", draft.broadcast.id, "", now=now)
    assert preview.step == bflow.PREVIEW and preview.audience == 3
    async with sessionmaker.begin() as s:
        sent = await bflow.press(s, ADMIN, config, "now", draft.broadcast.id, "", now=now)
    async with sessionmaker() as s:
        queued = (
            await s.execute(segments.recipients_query(sent.broadcast.segment, platforms=("telegram",)))
        ).all()
    assert sorted(row[0] for row in queued) == [m[501], m[502], m[503]]
