"""The readiness self-check's scoring (pure): the shipped file's points, shares, normalised weights,
rounding, bands, strengths and gaps, the histogram; config's [readiness] validation; the member summary."""

from __future__ import annotations

import re
import tomllib
from fractions import Fraction
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config
from bot.config_sections import READINESS_CRITERIA, Readiness, read_readiness
from bot.services.readiness import scheme
from bot.services.readiness.report import MemberResult, band_ranges
from bot.services.readiness.scoring import (
    NEAR,
    READY,
    WEAK,
    CriterionScheme,
    band_of,
    histogram,
    round_half_up,
    score,
)
from bot.services.surveys.admin import shipped_definition
from bot.texts import readiness as t
from handlers.readiness import render
from models import Survey

ROOT = Path(__file__).resolve().parents[2]
SCHEMES = scheme.schemes()
WEIGHTS = Readiness().weight_of()
BEST = {s.key: list(s.points) if s.multi else [max(s.points, key=lambda c: s.points[c])] for s in SCHEMES}
WORST = {s.key: [min(s.points, key=lambda c: s.points[c])] for s in SCHEMES}


def test_the_shipped_file_scores_every_criterion_and_parses_as_a_survey() -> None:
    definition = shipped_definition("readiness")
    assert [q.key for q in definition.questions] == list(READINESS_CRITERIA) == [s.key for s in SCHEMES]
    assert definition.title == t.SELF_CHECK and not definition.anonymous
    for question, criterion in zip(definition.questions, SCHEMES, strict=True):
        assert question.type in ("single", "multi") and question.required
        assert set(criterion.points) == {c.key for c in question.choices}  # every answer carries points
        assert criterion.multi == (question.type == "multi") and criterion.full > 0
    assert set(t.CRITERIA) == set(t.NEXT_STEPS) == set(READINESS_CRITERIA)
    assert sum(WEIGHTS.values()) == 100  # the shipped weights add up to 100 (normalised anyway)
    assert load_config(env={}).readiness == Readiness()  # config.toml says what the defaults say


def test_a_file_without_points_or_full_is_refused() -> None:
    document = tomllib.loads((ROOT / "bot/surveys/readiness.toml").read_text(encoding="utf-8"))
    document["questions"][0]["choices"][1].pop("points")
    with pytest.raises(ValueError, match="'rd'"):
        scheme.schemes_from(document)
    document = tomllib.loads((ROOT / "bot/surveys/readiness.toml").read_text(encoding="utf-8"))
    del document["scoring"]["full"]["ip"]
    with pytest.raises(ValueError, match="'ip'"):
        scheme.schemes_from(document)


def test_best_and_worst_answers_score_100_and_0() -> None:
    best, worst = score(BEST, SCHEMES, WEIGHTS), score(WORST, SCHEMES, WEIGHTS)
    assert (best.total, worst.total) == (100, 0)
    assert best.strengths == list(READINESS_CRITERIA) and best.gaps == []
    assert worst.strengths == [] and worst.gaps[0] == "rd"  # the heaviest criterion loses most
    assert score({}, SCHEMES, WEIGHTS).total == 0  # nothing answered: nothing earned


def test_single_and_multi_shares() -> None:
    single = CriterionScheme("rd", False, {"none": 0, "some": 1, "lots": 3}, 3)
    multi = CriterionScheme("ip", True, {"patent": 3, "design": 2, "mark": 1, "none": 0}, 3)
    assert single.share(["some"]) == Fraction(1, 3)
    assert single.share(["forged"]) == 0 and single.share([]) == 0
    assert multi.share(["mark"]) == Fraction(1, 3)
    assert multi.share(["design", "mark"]) == 1  # 2 + 1 = full
    assert multi.share(["patent", "design", "mark"]) == 1  # capped
    assert multi.share(["mark", "mark"]) == Fraction(1, 3)  # a repeated key counts once


def test_weights_are_normalised_and_zero_leaves_a_criterion_out() -> None:
    answers = {**WORST, "rd": BEST["rd"], "ip": ["trademark"]}  # rd full, ip 1/3, the rest 0
    expected = Fraction(100) * (20 + Fraction(15, 3)) / 100
    assert score(answers, SCHEMES, WEIGHTS).exact == expected
    doubled = {k: 2 * w for k, w in WEIGHTS.items()}
    assert score(answers, SCHEMES, doubled).total == score(answers, SCHEMES, WEIGHTS).total == 25
    only_rd = {k: (1 if k == "rd" else 0) for k in WEIGHTS}
    result = score(answers, SCHEMES, only_rd)
    assert result.total == 100 and result.strengths == ["rd"] and result.gaps == []  # others: weight 0


def test_rounding_is_half_up() -> None:
    assert [round_half_up(Fraction(x, 2)) for x in (89, 90, 91)] == [45, 45, 46]
    halves = (
        CriterionScheme("a", False, {"n": 0, "y": 1}, 1),
        CriterionScheme("b", False, {"n": 0, "y": 1}, 1),
    )
    weights = {"a": 89, "b": 111}  # 89 / 200 = 44.5 %
    assert score({"a": ["y"], "b": ["n"]}, halves, weights).total == 45


def test_bands_at_their_borders() -> None:
    assert [band_of(s, ready_from=70, near_from=45) for s in (0, 44, 45, 69, 70, 100)] == [
        WEAK, WEAK, NEAR, NEAR, READY, READY,
    ]  # fmt: skip


def test_histogram_bins_take_0_and_100() -> None:
    bins = histogram([0, 9, 10, 55, 99, 100])
    assert len(bins) == 10 and bins[0] == (0, 9, 2) and bins[1] == (10, 19, 1)
    assert bins[5] == (50, 59, 1) and bins[-1] == (90, 100, 2)
    assert sum(count for _, _, count in bins) == 6


def test_readiness_config_defaults_and_validation() -> None:
    assert read_readiness({}) == Readiness()
    custom = read_readiness({"weights": {k: 1 for k in READINESS_CRITERIA}, "segment_from": 50})
    assert set(custom.weight_of().values()) == {1} and custom.segment_from == 50
    for bad, message in (
        ({"weights": {"rd": 100}}, "must give a weight to each"),
        ({"weights": {**WEIGHTS, "typo": 3}}, "must give a weight to each"),
        ({"weights": {**WEIGHTS, "rd": -1}}, "≥ 0"),
        ({"weights": {k: 0 for k in WEIGHTS}}, "at least one above 0"),
        ({"weights": {**WEIGHTS, "rd": "many"}}, "whole number"),
        ({"near_from": 80}, "near_from < ready_from"),
        ({"ready_from": 101}, "ready_from ≤ 100"),
        ({"segment_from": 70, "segment_to": 60}, "segment_from ≤ segment_to"),
        ({"bands": 3}, "unknown"),
    ):
        with pytest.raises(ConfigError, match=message):
            read_readiness(bad)


def test_band_ranges_cover_0_to_100_once() -> None:
    config = load_config(env={})
    covered = sorted(s for _, low, high in band_ranges(config) for s in range(low, high + 1))
    assert covered == list(range(101))


def test_member_summary_reads_in_persian_with_steps_and_the_official_note() -> None:
    answers = {**BEST, "ip": ["none"], "quality": ["none"], "digital": ["none"], "university": ["none"]}
    result = score(answers, SCHEMES, WEIGHTS)
    survey = Survey(id=3, title=t.SELF_CHECK, anonymous=False, source_key="readiness")
    text = render.member_summary(MemberResult(survey, result, NEAR))
    assert result.total == 65  # rd 20 + staff 15 + tech_level 15 + tech_revenue 15
    assert "امتیاز شما: <b>۶۵ از ۱۰۰</b>" in text and t.BANDS[NEAR] in text
    assert t.CRITERIA["rd"] in text.split(t.GAPS)[0]  # a strength
    gaps = text.split(t.GAPS)[1]
    for key in ("ip", "quality", "digital"):  # the three losing the most points, with their steps
        assert t.NEXT_STEPS[key] in gaps
    assert "و ۱ معیار دیگر: " + t.CRITERIA["university"] in gaps
    assert "سامانهٔ ارزیابی شرکت‌های دانش‌بنیان" in text and "http" not in text
    assert not re.search(r"[0-9]", re.sub(r"ISO 9001|G\.A\.P\.", "", text))  # Persian digits only


def test_forged_presses_do_not_parse() -> None:
    assert render.parse("rdy:grp:7") == ("grp", 7)
    for forged in ("rdy:grp:0", "rdy:grp:۷", "rdy:zap:7", "rdy:grp:7:1", "rdy:bc:99999999999", "svr:grp:7"):
        assert render.parse(forged) is None
