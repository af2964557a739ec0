"""The shipped self-check (bot/surveys/readiness.toml) as scoring schemes.

The survey parser reads its questions (and ignores `points`); this module reads the points and the
`[scoring] full` of multiple-choice criteria from the same file, and checks they fit the criteria
config.toml weighs. A broken file is a programming error (a unit test loads it), not user input.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from bot.config_sections import READINESS_CRITERIA
from bot.services.readiness.scoring import CriterionScheme
from bot.services.readiness.segment import SOURCE_KEY

FILE = f"{SOURCE_KEY}.toml"


def _data() -> bytes:
    return resources.files("bot.surveys").joinpath(FILE).read_bytes()


def schemes_from(document: dict[str, Any]) -> tuple[CriterionScheme, ...]:
    """The criteria of a parsed readiness file, in READINESS_CRITERIA order; ValueError if inconsistent."""
    questions = {q.get("key"): q for q in document.get("questions", [])}
    full = (document.get("scoring") or {}).get("full") or {}
    out = []
    for key in READINESS_CRITERIA:
        question = questions.get(key)
        if question is None or question.get("type") not in ("single", "multi"):
            raise ValueError(f"readiness: criterion {key!r} needs a single or multi question")
        points = {c["key"]: c.get("points") for c in question.get("choices", [])}
        if any(not isinstance(p, int) or isinstance(p, bool) or p < 0 for p in points.values()):
            raise ValueError(f"readiness: every answer of {key!r} needs whole points ≥ 0")
        multi = question["type"] == "multi"
        best = int(full.get(key, 0)) if multi else max(points.values(), default=0)
        if best <= 0:
            raise ValueError(f"readiness: {key!r} needs a positive full score")
        out.append(CriterionScheme(key, multi, points, best))
    return tuple(out)


@cache
def schemes() -> tuple[CriterionScheme, ...]:
    return schemes_from(tomllib.loads(_data().decode("utf-8")))
