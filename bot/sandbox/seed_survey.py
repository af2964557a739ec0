"""Seeder for the shipped technology-needs survey: launched as the CDA would (open to every member, the
invitation through the broadcast engine), then answered by some demo members through the real
answering engine, question by question, so skip logic and results behave as in production."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from bot.sandbox.demo_answers import Move, pick
from bot.sandbox.demo_data import DemoMember, demo_members
from bot.sandbox.seed_base import SeedContext
from bot.services.members.accounts import Identity
from bot.services.surveys import admin as sv
from bot.services.surveys import answering as sa
from bot.services.surveys.definition import Question
from models import Survey

COMPLETED = 22  # demo members who finish the survey
IN_PROGRESS = 3  # … and who stop half-way (they resume from «نظرسنجی‌ها»)
STOP_AFTER = 4  # questions answered by those who stop
RANDOM_SEED = 1406
RESPONDENT_ROLES = ("grower", "nursery")  # a technology-needs survey is answered mostly by producers


Picker = Callable[[Question, DemoMember, random.Random, dict[str, tuple[str, ...]]], Move]


async def answer(
    ctx: SeedContext,
    survey_id: int,
    demo: DemoMember,
    rng: random.Random,
    *,
    stop_after: int | None = None,
    picker: Picker = pick,
) -> sa.Step:
    """Walk one member through the survey with the engine's own calls (`picker` says what they answer,
    the technology-needs survey's by default); stops early if asked."""
    who = Identity(ctx.config.platform, demo.user_id, demo.user_id)
    s, now = ctx.session, ctx.now
    step = await sa.start(s, who, survey_id, now=now)
    earlier: dict[str, tuple[str, ...]] = {}
    answered = 0
    while step.question is not None and (stop_after is None or answered < stop_after):
        question = step.question
        move = picker(question, demo, rng, earlier)
        earlier[question.key] = move.values
        if move.kind == "choose":
            step = await sa.choose(s, who, survey_id, question.key, move.values[0], now=now)
        elif move.kind == "tick":
            for choice in move.values:
                await sa.toggle(s, who, survey_id, question.key, choice, now=now)
            step = await sa.submit(s, who, survey_id, question.key, now=now)
        elif move.kind == "rate":
            step = await sa.rate(s, who, survey_id, question.key, move.values[0], now=now)
        elif move.kind == "type":
            step = await sa.typed(s, who, move.values[0], now=now)
        else:
            step = await sa.skip(s, who, survey_id, question.key, now=now)
        answered += 1
    if stop_after is not None:
        await sa.leave(s, who)  # they went back to the menu; the response keeps its place
    return step


async def seed_survey(ctx: SeedContext) -> str:
    """Launch the shipped survey to all members (once) and let COMPLETED + IN_PROGRESS members answer."""
    stmt = select(Survey.id).where(Survey.source_key == sv.SHIPPED)
    if (await ctx.session.execute(stmt)).first() is not None:
        return "survey: already there"
    draft = await sv.create_shipped(ctx.session, ctx.cda, ctx.config, now=ctx.now)
    await sv.launch(ctx.session, ctx.cda, ctx.config, draft.id, due_at=None, now=ctx.now)
    rng = random.Random(RANDOM_SEED)
    producers = [m for m in demo_members(ctx.config) if m.role in RESPONDENT_ROLES]
    others = [m for m in demo_members(ctx.config) if m.role not in RESPONDENT_ROLES]
    wanted = COMPLETED + IN_PROGRESS
    cast = rng.sample(producers, min(wanted, len(producers)))
    cast += rng.sample(others, min(wanted - len(cast), len(others)))
    for n, demo in enumerate(cast):
        at = ctx.now + timedelta(seconds=n)
        one = SeedContext(ctx.session, ctx.config, at)
        await answer(one, draft.id, demo, rng, stop_after=STOP_AFTER if n >= COMPLETED else None)
    return f"survey: launched, {COMPLETED} completed and {IN_PROGRESS} half-way"
