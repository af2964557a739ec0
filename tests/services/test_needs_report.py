"""The CDA's needs report on SQLite and PostgreSQL: hand-made needs with known status histories, members and
providers; every count and the identified → solved day statistics are computed here from the same
hand-made data and compared with the report; a non-admin gets nothing."""

from __future__ import annotations

import statistics

import pytest

from bot.config import Config
from bot.services.common.errors import NotAllowed
from bot.services.members.accounts import Identity
from bot.services.needs import report
from models.enums import NeedStatus as N
from tests.factories import NOW
from tests.needs_report_factory import NEEDS, PROVIDERS, SM, expected, seed

ADMIN = Identity("telegram", 9000, 9000)


async def test_every_count_and_the_day_statistics_match_the_hand_made_needs(
    sessionmaker: SM, config: Config
) -> None:
    await seed(sessionmaker)
    e = expected()
    async with sessionmaker() as s:
        r = await report.build(s, ADMIN, config, now=NOW)

    assert r.total == len(NEEDS) == 6
    assert r.by_status == [(s.value, e.by_status.get(s, 0)) for s in N]
    assert dict(r.by_status) == {"identified": 1, "searching": 1, "planned": 0, "in_progress": 0,
                                 "solved": 3, "dropped": 1}  # fmt: skip
    assert (
        r.by_category
        == [("cut", 3), ("potted", 2), ("bulb", 1)]
        == sorted(e.by_category.items(), key=lambda kc: -kc[1])
    )
    assert r.members == len(e.members) == 6  # member 3 shares two needs, member 1 two: counted once
    assert r.members_by_status == [
        (s.value, len(e.members_by_status[s])) for s in N if s in e.members_by_status
    ]
    assert dict(r.members_by_status) == {"searching": 2, "solved": 4, "dropped": 1}
    assert sorted(r.solved_days) == pytest.approx(sorted(e.days))
    assert sorted(e.days) == pytest.approx([7.25, 10.5, 24.0])
    assert r.median_days == pytest.approx(statistics.median(e.days)) == pytest.approx(10.5)
    assert r.mean_days == pytest.approx(statistics.fmean(e.days)) == pytest.approx(41.75 / 3)
    assert {p.name for p in r.providers} == e.providers and len(r.providers) == 3
    assert r.knowledge_based == sum(1 for p in PROVIDERS if p.knowledge_based and p.name in e.providers) == 1

    by_title = {row.need.title: row for row in r.rows}
    assert [row.need.title for row in r.rows] == [m.title for m in NEEDS]  # oldest first
    for made in NEEDS:
        row = by_title[made.title]
        assert row.members == len(made.members)
        assert [p.name for p in row.providers] == list(made.providers)
        assert row.identified_at == made.history[0][1]
        assert row.solved_at == (made.history[-1][1] if made.status == N.SOLVED else None)


async def test_an_empty_board_reports_zeros(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker() as s:
        r = await report.build(s, ADMIN, config, now=NOW)
    assert (r.total, r.members, r.providers, r.by_category) == (0, 0, [], [])
    assert r.median_days is None and r.mean_days is None and all(c == 0 for _, c in r.by_status)


async def test_a_member_gets_no_report(sessionmaker: SM, config: Config) -> None:
    await seed(sessionmaker)
    async with sessionmaker() as s:
        with pytest.raises(NotAllowed):
            await report.build(s, Identity("telegram", 1, 1), config, now=NOW)
