"""Seeder for the knowledge-based readiness self-check: the shipped survey («readiness») launched as the
CDA would, to a segment (growers and nurseries), then answered by a dozen of them through the real
answering engine, so the CDA's results show a score distribution across the three bands and a
near-ready group to message. Each member answers at their own «level» (0 traditional … 3 advanced)
with a little chance either way, so the scores spread without being written down anywhere."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from bot.sandbox.demo_answers import Move
from bot.sandbox.demo_data import DemoMember, demo_members
from bot.sandbox.seed_base import SeedContext
from bot.sandbox.seed_survey import Picker, answer
from bot.services.readiness import scheme
from bot.services.readiness.segment import SOURCE_KEY
from bot.services.surveys import admin as sv
from bot.services.surveys.definition import Question
from models import Survey

SEGMENT_ROLES = ("grower", "nursery")  # production units: who the self-check is sent to
LEVELS = (0.1, 0.3, 0.6, 0.9, 1.2, 1.4, 1.5, 1.6, 1.8, 2.0, 2.3, 2.7)  # one demo member each
SLIP = 0.15  # how often a single answer lands one step off the level
ANSWERED = len(LEVELS)
RANDOM_SEED = 1407
START_SECONDS = 600  # after the technology-needs survey's answers, so completion order reads naturally


def readiness_picker(level: float) -> Picker:
    """What a member at `level` answers: single questions near their level (points order), multi
    questions ticking scoring answers more often the higher the level («هیچ‌کدام» when none)."""
    criteria = {c.key: c for c in scheme.schemes()}

    def pick(
        question: Question, member: DemoMember, rng: random.Random, earlier: dict[str, tuple[str, ...]]
    ) -> Move:
        points = criteria[question.key].points
        keys = [c.key for c in question.choices]
        if question.type == "single":
            ranked = sorted(keys, key=lambda k: (points.get(k, 0), keys.index(k)))
            index = int(level + rng.random())  # 1.4: the second answer six times in ten, else the third
            if rng.random() < SLIP:
                index += rng.choice((-1, 1))
            return Move("choose", (ranked[min(max(index, 0), len(ranked) - 1)],))
        chance = min(0.9, 0.05 + 0.25 * level)
        ticked = tuple(k for k in keys if points.get(k, 0) > 0 and rng.random() < chance)
        return Move("tick", ticked or (("none",) if "none" in keys else (keys[0],)))

    return pick


async def seed_readiness(ctx: SeedContext) -> str:
    """Launch the self-check to growers and nurseries (once) and let ANSWERED of them complete it."""
    session, config, cda, now = ctx.session, ctx.config, ctx.cda, ctx.now
    stmt = select(Survey.id).where(Survey.source_key == SOURCE_KEY)
    if (await session.execute(stmt)).first() is not None:
        return "readiness: already there"
    draft = await sv.create_shipped(session, cda, config, now=now, key=SOURCE_KEY)
    for role in SEGMENT_ROLES:
        await sv.toggle_segment(session, cda, config, draft.id, "r", role, now=now)
    launched = await sv.launch(session, cda, config, draft.id, due_at=None, now=now)
    rng = random.Random(RANDOM_SEED)
    producers = [m for m in demo_members(config) if m.role in SEGMENT_ROLES]
    for n, (demo, level) in enumerate(zip(rng.sample(producers, ANSWERED), LEVELS, strict=True)):
        at = SeedContext(session, config, now + timedelta(seconds=START_SECONDS + n))
        await answer(at, draft.id, demo, rng, picker=readiness_picker(level))
    return f"readiness: sent to {launched.survey.invited} growers and nurseries, {ANSWERED} answered"
