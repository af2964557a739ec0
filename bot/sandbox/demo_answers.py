"""How demo members answer the technology-needs survey: weighted, repeatable choices (pure, no I/O).

`pick(question, member, rng)` returns what one member does at one question — choose, tick, rate,
type or skip — so the seeder can drive the real answering engine question by question (skip
logic included) and the CDA's «نتایج» shows a believable spread rather than identical rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bot.sandbox.demo_data import DemoMember
from bot.services.surveys.definition import Question

# key -> {choice: weight} for single/yes-no questions, {choice: probability} for multi ones
SINGLE = {
    "greenhouse": {"traditional": 4, "metal": 5, "glass": 1, "none": 1},
    "heating": {"gas_heater": 6, "oil": 2, "boiler": 2, "none": 1},
    "water_source": {"well": 6, "qanat": 3, "network": 1, "other": 1},
    "water_test": {"yes": 2, "no": 3},
    "exports": {"yes": 1, "no": 2},
    "export_barrier": {"standards": 3, "packaging": 2, "coldchain": 3, "buyers": 4, "paperwork": 2},
    "training_format": {"workshop": 5, "visit": 4, "online": 2, "video": 2},
    "invest_loan": {"yes": 13, "no": 7},
}
MULTI = {
    "limits": {"energy": 0.7, "water": 0.55, "pests": 0.45, "postharvest": 0.3, "packaging": 0.25,
               "coldchain": 0.35, "export_std": 0.2, "labor": 0.3},
    "tech": {"climate": 0.5, "soilless": 0.45, "tissue": 0.2, "automation": 0.5, "led": 0.15,
             "renewable": 0.35},
    "training": {"ipm": 0.5, "nutrition": 0.4, "soilless": 0.35, "postharvest": 0.3, "packaging": 0.3,
                 "export": 0.35, "finance": 0.4},
}  # fmt: skip
SCALE = {"energy_burden": (0, 1, 2, 4, 5), "invest_ready": (1, 2, 4, 3, 2)}  # weights of 1..5
NUMBERS = {"loss_percent": (8, 35), "invest_amount": (100, 1_500)}
TEXTS = {
    "pest_main": (
        "تریپس",
        "سفیدک پودری روی رز",
        "کنهٔ تارتن",
        "شپشک آردآلود روی سانسوریا",
        "مگس سفید",
        "پوسیدگی ریشه در گلدان‌ها",
    ),
    "comments": (
        "لطفاً دورهٔ کشت بدون خاک را در محلات برگزار کنید.",
        "برای خرید سردخانهٔ مشترک تسهیلات بگیرید.",
        "بازدید از گلخانه‌های هلند خیلی مفید است.",
        "قیمت کوکوپیت خیلی بالا رفته؛ اگر خوشه خرید گروهی کند صرفه دارد.",
        "کلاس‌ها را عصرها بگذارید؛ صبح‌ها سر گلخانه هستیم.",
        "برای گرفتن کد رهگیری صادرات راهنمایی لازم داریم.",
        "آزمایشگاه آب و خاک در محلات نیاز است.",
        "بازار عراق خوب است ولی حمل با کامیون یخچال‌دار گران است.",
    ),
}
TEXT_CHANCE = 0.5  # optional free-text questions: how often a member bothers to write something


@dataclass(frozen=True)
class Move:
    """One member's action at one question: `kind` choose | tick | rate | type | skip."""

    kind: str
    values: tuple[str, ...] = ()


def _weighted(weights: dict[str, int], allowed: set[str], rng: random.Random) -> str:
    keys = [k for k in weights if k in allowed] or sorted(allowed)
    return rng.choices(keys, weights=[weights.get(k, 1) for k in keys])[0]


def pick(
    question: Question, member: DemoMember, rng: random.Random, earlier: dict[str, tuple[str, ...]]
) -> Move:
    """What `member` answers to `question`, given their earlier choices (for «اولویت اول»)."""
    key, allowed = question.key, {c.key for c in question.choices}
    if question.type == "yesno":
        allowed = {"yes", "no"}
    if key == "greenhouse" and member.role in ("trader", "supplier", "services"):
        return Move("choose", ("none",))
    if key == "exports" and member.role == "trader":
        return Move("choose", ("yes",))
    if key == "tech_first":
        chosen = [k for k in earlier.get("tech", ()) if k in allowed]
        return Move("choose", (rng.choice(chosen) if chosen else sorted(allowed)[0],))
    if question.type in ("single", "yesno"):
        return Move("choose", (_weighted(SINGLE.get(key, {}), allowed, rng),))
    if question.type == "multi":
        chances = MULTI.get(key, {})
        ticked = tuple(c.key for c in question.choices if rng.random() < chances.get(c.key, 0.0))
        return Move("tick", ticked or (question.choices[0].key,))
    if question.type == "scale":
        return Move("rate", (str(rng.choices((1, 2, 3, 4, 5), weights=SCALE.get(key, (1, 1, 1, 1, 1)))[0]),))
    if question.type == "number":
        if key == "area" and member.area_m2:
            return Move("type", (str(member.area_m2),))
        low_high = NUMBERS.get(key)
        if low_high is None:
            return Move("skip") if not question.required else Move("type", (str(int(question.min or 0)),))
        return Move("type", (str(rng.randint(*low_high)),))
    options = TEXTS.get(key)
    if not question.required and (options is None or rng.random() > TEXT_CHANCE):
        return Move("skip")
    return Move("type", (rng.choice(options) if options else "—",))
