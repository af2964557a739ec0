"""Hand-made answer sets for the readiness self-check, and its scoring rule written out again from
config's weights and the points in bot/surveys/readiness.toml (so no test writes a score down)."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

from bot.config import Config
from bot.config_sections import READINESS_CRITERIA

FILE = tomllib.loads((Path(__file__).resolve().parents[1] / "bot/surveys/readiness.toml").read_text("utf-8"))
QUESTIONS = {q["key"]: q for q in FILE["questions"]}
Answers = dict[str, str | list[str]]

# Multi-choice criteria list the ✅ a member ticks.
READY_SET: Answers = {
    "rd": "unit", "staff": "p25", "tech_level": "advanced", "ip": ["variety"], "tech_revenue": "p20",
    "quality": ["globalgap", "phyto"], "digital": ["sensors"], "university": "project",
}  # fmt: skip
NEAR_SET: Answers = {
    "rd": "regular", "staff": "p10", "tech_level": "advanced", "ip": ["trademark"], "tech_revenue": "lt20",
    "quality": ["national"], "digital": ["records", "online"], "university": "advice",
}  # fmt: skip
WEAK_SET: Answers = {
    "rd": "none", "staff": "lt10", "tech_level": "improved", "ip": ["none"], "tech_revenue": "none",
    "quality": ["phyto"], "digital": ["software"], "university": "none",
}  # fmt: skip
BORDER_SET: Answers = {  # lands exactly on the default near_from (45)
    "rd": "regular", "staff": "p25", "tech_level": "advanced", "ip": ["none"], "tech_revenue": "lt20",
    "quality": ["national"], "digital": ["records"], "university": "advice",
}  # fmt: skip


def expected_score(answers: Answers, weights: dict[str, int]) -> int:
    """Σ weight × share / Σ weights × 100, rounded half up; a share is the chosen points over the best
    answer's (single) or the sum of the ticked points over the criterion's `full`, capped at 1 (multi)."""
    total = 0.0
    for key in READINESS_CRITERIA:
        points = {c["key"]: c["points"] for c in QUESTIONS[key]["choices"]}
        chosen = answers[key]
        if isinstance(chosen, list):
            share = min(1.0, sum(points[c] for c in chosen) / FILE["scoring"]["full"][key])
        else:
            share = points[chosen] / max(points.values())
        total += weights[key] * share
    return math.floor(100 * total / sum(weights.values()) + 0.5)


def band_of(total: int, config: Config) -> str:
    r = config.readiness
    return "ready" if total >= r.ready_from else "near" if total >= r.near_from else "weak"


def choice_text(key: str, choice: str) -> str:
    return str(next(c["text"] for c in QUESTIONS[key]["choices"] if c["key"] == choice))
