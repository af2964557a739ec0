"""Scoring the readiness self-check: pure functions of the answers, the points and the weights.

- A criterion's share (0..1): single choice — the chosen answer's points over the best answer's;
  multiple choice — the chosen answers' points added up over the criterion's `full`, capped at 1.
  No answer (or an answer the scheme does not know) is 0.
- The score (0–100): Σ weight × share / Σ weights × 100, rounded half up, computed with exact
  fractions so 44.5 is always 45. Weights are normalised; a weight of 0 leaves the criterion out.
- The band: «آمادهٔ اقدام» from `ready_from`, «نزدیک به آمادگی» from `near_from`, else «نیازمند تقویت».
- Strengths are criteria with a share of at least STRONG; the others (weight > 0) are gaps, the one
  losing the most weighted points first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

READY, NEAR, WEAK = "ready", "near", "weak"
STRONG = Fraction(2, 3)


@dataclass(frozen=True)
class CriterionScheme:
    """One criterion = one question: its type, the points of each answer and what counts as full."""

    key: str
    multi: bool
    points: Mapping[str, int]
    full: int  # single: the best answer's points; multi: the sum that earns the whole share

    def share(self, chosen: Sequence[str]) -> Fraction:
        if self.full <= 0:
            return Fraction(0)
        if self.multi:
            earned = sum(self.points.get(c, 0) for c in set(chosen))
        else:
            earned = self.points.get(chosen[0], 0) if chosen else 0
        return min(Fraction(1), Fraction(earned, self.full))


@dataclass(frozen=True)
class CriterionScore:
    key: str
    share: Fraction  # 0..1
    weight: int

    @property
    def lost(self) -> Fraction:
        """Weighted points this criterion misses (to order the gaps)."""
        return self.weight * (1 - self.share)


@dataclass(frozen=True)
class Score:
    total: int  # 0..100, rounded half up
    exact: Fraction
    criteria: tuple[CriterionScore, ...]

    @property
    def strengths(self) -> list[str]:
        return [c.key for c in self.criteria if c.weight > 0 and c.share >= STRONG]

    @property
    def gaps(self) -> list[str]:
        """Criteria below STRONG, the one losing the most weighted points first (ties: scheme order)."""
        weak = [c for c in self.criteria if c.weight > 0 and c.share < STRONG]
        return [c.key for c in sorted(weak, key=lambda c: -c.lost)]


def round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def score(
    answers: Mapping[str, object], schemes: Sequence[CriterionScheme], weights: Mapping[str, int]
) -> Score:
    """The score of one response; `answers` as the answering engine loads them (choice keys in lists)."""
    criteria: list[CriterionScore] = []
    for scheme in schemes:
        raw = answers.get(scheme.key)
        chosen = [str(c) for c in raw] if isinstance(raw, list) else []
        criteria.append(CriterionScore(scheme.key, scheme.share(chosen), max(0, weights.get(scheme.key, 0))))
    total_weight = sum(c.weight for c in criteria)
    exact = (
        Fraction(100) * sum((c.weight * c.share for c in criteria), Fraction(0)) / total_weight
        if total_weight
        else Fraction(0)
    )
    return Score(round_half_up(exact), exact, tuple(criteria))


def band_of(total: int, *, ready_from: int, near_from: int) -> str:
    if total >= ready_from:
        return READY
    return NEAR if total >= near_from else WEAK


def histogram(totals: Sequence[int], width: int = 10) -> list[tuple[int, int, int]]:
    """(low, high, count) bins 0–9, 10–19, … 90–100 (the last bin takes 100)."""
    bins = [(low, min(low + width - 1, 100), 0) for low in range(0, 100, width)]
    bins[-1] = (bins[-1][0], 100, 0)
    counts = [0] * len(bins)
    for total in totals:
        counts[min(max(total, 0) // width, len(bins) - 1)] += 1
    return [(low, high, counts[i]) for i, (low, high, _) in enumerate(bins)]
