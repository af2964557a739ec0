"""Delivery under faults, end to end: lost answers, a held answer, a clean stop, two processes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.local_run import BotUnderTest, running_bot
from bot.services.broadcasts import delivery as dl
from bot.texts import delivery as td
from models import BotProcess, Delivery
from tests.e2e.test_e2e_delivery import CDA, _tally, broadcast, received, seed, sm_of, status_of, wait_status
from tests.e2e_support import Clock, bot_on, fast_ticks, having, wait_for
from tests.factories import NOW


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def fast_config(config: Config) -> Config:
    return fast_ticks(config, progress_every_seconds=0.2)


@pytest.fixture
async def bot(engine: AsyncEngine, fast_config: Config, clock: Clock) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_config, clock) as running:
        running.emu.user(CDA.user_id, first_name="عامل توسعه")
        yield running


async def let_backoffs_pass(engine: AsyncEngine, clock: Clock, broadcast_id: int) -> None:
    """Move bot time on in 5 s steps until the retries are through and the broadcast is done."""
    for _ in range(60):
        if (await status_of(engine, broadcast_id)).status == "done":
            return
        clock.now += timedelta(seconds=5)
        await asyncio.sleep(0.3)


async def test_answers_lost_after_delivery_are_resent_once_flagged_and_reported(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config, clock: Clock
) -> None:
    users = list(range(400, 460))
    await seed(engine, bot, [(u, "grower") for u in users])
    bot.emu.set_network(lost_answer_rate=0.2, seed=7)  # a fifth of the sends: delivered, answered 502
    b_id = await broadcast(engine, fast_config)
    await let_backoffs_pass(engine, clock, b_id)
    await wait_status(engine, b_id, "done")
    copies = {u: len(received(bot, u)) for u in users}
    assert bot.emu.stats.answers_lost > 5
    assert min(copies.values()) == 1 and max(copies.values()) == 2  # no one missed, no third copy
    async with sm_of(engine)() as s:
        rows = (await s.execute(select(Delivery.chat_id, Delivery.maybe_duplicate))).all()
    flagged = {chat for chat, maybe in rows if maybe}
    twice = {u for u, n in copies.items() if n == 2}
    assert twice and twice == flagged  # every real repeat flagged, and nothing else
    tally = await _tally(engine, b_id)
    assert tally.maybe_duplicates == len(twice) == tally.duplicate_causes["answer_lost"]
    await wait_for(lambda: any("گزارش" in t for t in received(bot, CDA.user_id)))
    report = next(t for t in received(bot, CDA.user_id) if "گزارش" in t)
    assert "احتمال تکرار" in report and td.REPORT_DUPLICATE_CAUSES["answer_lost"] in report
    assert "متوقف شد" not in report  # nothing stopped: the report does not blame a crash


async def test_a_reply_whose_answer_is_lost_is_sent_at_most_twice(bot: BotUnderTest) -> None:
    newcomer = bot.emu.user(470, first_name="تازه‌وارد")
    bot.emu.inject_failure("sendMessage", kind="lost_answer", count=2, chat_id=470)
    await newcomer.send_command("/start")
    await newcomer.send_command("/help")  # same chat, handled after /start: its reply proves /start is over
    await wait_for(lambda: len(newcomer.messages) >= 3)
    assert bot.app is not None
    welcome = texts.WELCOME_NEW.split("<b>")[0]
    assert len(having(newcomer, welcome.strip())) == 2  # once, and once more after the lost answer
    assert bot.app.bot_data.pacer.stats.retried_unknown == 1


async def test_one_held_answer_does_not_halt_the_broadcast(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config, clock: Clock
) -> None:
    users = list(range(500, 520))
    await seed(engine, bot, [(u, "grower") for u in users])
    bot.emu.timeout_hold = 30  # the answer to member 500 hangs; the bot gives up after its 5 s read timeout
    bot.emu.inject_failure("sendMessage", kind="timeout", count=1, chat_id=500)
    b_id = await broadcast(engine, fast_config)
    await wait_for(lambda: sum(len(received(bot, u)) for u in users[1:]) == 19, timeout=15)
    # the others went out while that one send was still waiting for its answer (a batch of 5 waited)
    async with sm_of(engine)() as s:
        held = (await s.execute(select(Delivery.status).where(Delivery.chat_id == 500))).scalar_one()
    assert held == "sending" and received(bot, 500) == []
    for _ in range(100):  # the bot gives up on it after its 5 s read timeout (before bot time moves on)
        async with sm_of(engine)() as s:
            if (await s.execute(select(Delivery.status).where(Delivery.chat_id == 500))).scalar_one() != held:
                break
        await asyncio.sleep(0.1)
    await let_backoffs_pass(engine, clock, b_id)
    await wait_status(engine, b_id, "done")
    assert len(received(bot, 500)) == 1  # sent again once after the unknown outcome, flagged
    tally = await _tally(engine, b_id)
    assert tally.by_status["sent"] == 20 and tally.duplicate_causes == {"answer_lost": 1}


async def test_a_clean_stop_hands_claims_back(engine: AsyncEngine, fast_config: Config, clock: Clock) -> None:
    url = engine.url.render_as_string(hide_password=False)
    later = NOW + timedelta(days=1)
    async with running_bot(fast_config, url, clock=clock) as bot:
        bot.emu.user(CDA.user_id)
        await seed(engine, bot, [(u, "grower") for u in range(600, 604)])
        assert bot.app is not None
        worker = bot.app.bot_data.delivery.worker_id
        b_id = await broadcast(engine, fast_config, due_at=later)  # not due yet by the bot's clock
        async with sm_of(engine).begin() as s:  # claimed by the bot, as if it stopped before sending
            await dl.start_due(s, config=fast_config, now=later)
            await s.execute(update(Delivery).values(status="sending", claimed_by=worker, claimed_at=NOW))
        await wait_for(lambda: bot.app is not None and bot.app.bot_data.delivery.processes == 1)
    async with sm_of(engine)() as s:
        rows = (await s.execute(select(Delivery.status, Delivery.duplicate_cause))).all()
        beats = (await s.execute(select(func.count()).where(BotProcess.worker_id == worker))).scalar_one()
    assert len(rows) == 4 and all(tuple(row) == ("pending", "stopped") for row in rows)  # others send them
    assert beats == 0  # and this process no longer takes a share of the budget
    assert (await status_of(engine, b_id)).status == "running"


async def test_two_processes_share_the_send_budget(
    engine: AsyncEngine, fast_config: Config, clock: Clock
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    async with running_bot(fast_config, url, clock=clock) as first:
        first.emu.user(CDA.user_id)
        first.emu.set_rate_limits(global_per_second=30, per_chat_per_second=1.0, retry_after=1)
        users = list(range(700, 820))
        await seed(engine, first, [(u, "grower") for u in users])
        async with running_bot(fast_config, url, clock=clock, emulator=first.emu) as second:
            assert first.app is not None and second.app is not None
            pacers = [app.bot_data.pacer for app in (first.app, second.app)]
            await wait_for(lambda: all(p.share == 0.5 for p in pacers))  # each saw the other's heartbeat
            b_id = await broadcast(engine, fast_config)
            second.app.bot_data.delivery.poke()
            await wait_status(engine, b_id, "done", timeout=30)
            counts = [app.bot_data.delivery.sent_in_this_process for app in (first.app, second.app)]
        await wait_for(lambda: pacers[0].share == 1.0)  # the second left: the first has it all again
    assert first.emu.stats.rate_limited == 0  # each at 25/2 per second: together under Telegram's 30
    assert all(len(received(first, u)) == 1 for u in users)
    assert sum(counts) == 120 and min(counts) > 0, counts
