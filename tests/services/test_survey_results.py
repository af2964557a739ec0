"""Survey results on SQLite and PostgreSQL: rates, per-question counts and percentages, number summaries,
free text with and without names, only completed responses counting — and nothing for non-admins."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.common.errors import NotAllowed, StaleAction
from bot.services.members.accounts import Identity
from bot.services.surveys import results as sr
from tests.factories import add_member
from tests.survey_factory import add_response, add_survey, seed_survey

SM = async_sessionmaker[AsyncSession]
ADMIN = Identity("telegram", 9000, 9000)
MEMBER = Identity("telegram", 501, 501)


def by_key(results: sr.Results) -> dict[str, sr.QuestionResult]:
    return {q.question.key: q for q in results.questions}


async def test_counts_rate_and_choices(sessionmaker: SM, config: Config) -> None:
    survey_id, _ = await seed_survey(sessionmaker)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        r = await sr.results(s, ADMIN, config, survey_id)
    assert (r.invited, r.started, r.completed) == (5, 4, 3)
    assert r.rate == pytest.approx(60.0)
    q = by_key(r)
    water = q["water"]
    assert water.answered == 3  # the half-done response (chose «آب شهری») does not count
    assert [(c.key, c.count) for c in water.choices] == [("well", 2), ("canal", 1), ("city", 0)]
    assert [round(c.percent or 0, 1) for c in water.choices] == [66.7, 33.3, 0.0]
    tech = q["tech"]  # multi: percentages of those who answered, summing over 100
    assert tech.answered == 3
    assert {c.key: c.count for c in tech.choices} == {"climate": 1, "soilless": 3, "tissue": 0, "led": 1}
    assert tech.choices[1].percent == pytest.approx(100.0)
    assert sum(c.percent or 0 for c in tech.choices) > 100
    invest = q["invest"]
    assert [(c.key, c.text, c.count) for c in invest.choices] == [("yes", "بله", 2), ("no", "خیر", 1)]


async def test_numbers_scale_and_text(sessionmaker: SM, config: Config) -> None:
    survey_id, _ = await seed_survey(sessionmaker)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        q = by_key(await sr.results(s, ADMIN, config, survey_id))
    sat = q["sat"]
    assert sat.numbers is not None
    assert (sat.numbers.count, sat.numbers.median, sat.numbers.min, sat.numbers.max) == (3, 4, 2, 5)
    assert sat.numbers.mean == pytest.approx(11 / 3)
    assert sat.distribution == {1: 0, 2: 1, 3: 0, 4: 1, 5: 1}
    area = q["area"]
    assert area.numbers is not None and area.numbers.median == 2500 and area.numbers.max == 4000.5
    needs = q["needs"]  # B skipped it: two answers, named (the survey is not anonymous)
    assert needs.answered == 2
    assert [(a.name, a.text) for a in needs.texts] == [
        ("عضو 501", "آموزش کنترل آفات"),
        ("عضو 503", "سردخانه <b>کوچک</b>"),
    ]


async def test_anonymous_survey_has_no_names(sessionmaker: SM, config: Config) -> None:
    survey_id, _ = await seed_survey(sessionmaker, anonymous=True)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        needs = by_key(await sr.results(s, ADMIN, config, survey_id))["needs"]
        export = await sr.export(s, ADMIN, config, survey_id)
    assert [a.name for a in needs.texts] == [None, None]
    assert all(row.name is None and row.phone is None for row in export.rows)


async def test_nobody_invited_and_nobody_answered(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker.begin() as s:
        survey = await add_survey(s, invited=0)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        r = await sr.results(s, ADMIN, config, survey.id)
    assert (r.invited, r.started, r.completed, r.rate) == (0, 0, 0, None)
    water = by_key(r)["water"]
    assert water.answered == 0 and all(c.percent is None for c in water.choices)
    assert by_key(r)["sat"].numbers is None


async def test_unknown_choice_key_still_counted(sessionmaker: SM, config: Config) -> None:
    """An answer whose option left the definition is shown under its key rather than lost."""
    async with sessionmaker.begin() as s:
        survey = await add_survey(s)
        member = await add_member(s, 777)
        await add_response(s, survey, member.id, {"water": "river"})
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        water = by_key(await sr.results(s, ADMIN, config, survey.id))["water"]
    assert [(c.key, c.text, c.count) for c in water.choices][-1] == ("river", "river", 1)


async def test_export_rows_include_partial_responses(sessionmaker: SM, config: Config) -> None:
    survey_id, _members = await seed_survey(sessionmaker)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        export = await sr.export(s, ADMIN, config, survey_id)
    assert [(row.name, row.status) for row in export.rows] == [
        ("عضو 501", "completed"),
        ("عضو 502", "completed"),
        ("عضو 503", "completed"),
        ("عضو 504", "in_progress"),
    ]
    assert [a.choice for a in export.rows[0].answers["tech"]] == ["climate", "soilless"]
    assert export.rows[3].completed_at is None and "needs" not in export.rows[1].answers


async def test_not_for_members_or_missing_surveys(sessionmaker: SM, config: Config) -> None:
    survey_id, _ = await seed_survey(sessionmaker)
    async with sessionmaker.begin() as s:  # views and exports are audited (a write)
        with pytest.raises(NotAllowed):
            await sr.results(s, MEMBER, config, survey_id)
        with pytest.raises(NotAllowed):
            await sr.export(s, MEMBER, config, survey_id)
        with pytest.raises(StaleAction):
            await sr.results(s, ADMIN, config, survey_id + 99)
