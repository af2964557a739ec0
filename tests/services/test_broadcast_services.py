"""Broadcast lifecycle, segments and the delivery bookkeeping on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.broadcasts import delivery as dl
from bot.services.broadcasts import lifecycle as bc
from bot.services.common.errors import InvalidInput, NotAllowed, StaleAction
from bot.services.common.quiet_hours import is_quiet, quiet_end_after
from bot.services.common.segments import count_recipients
from bot.services.members.accounts import Identity
from models import Account, Broadcast, Delivery
from tests.factories import NOW, add_member, seed_members

CDA = Identity("telegram", 9000, 9000)
GROWER = Identity("telegram", 100_000, 100_000)
TEHRAN = ZoneInfo("Asia/Tehran")
SM = async_sessionmaker[AsyncSession]


async def draft(sm: SM, config: Config, **segment_keys: list[str]) -> int:
    async with sm.begin() as s:
        b = await bc.create_draft(s, CDA, config, bc.Content("text", "<b>سلام</b> اعضای محترم"), now=NOW)
        for dim, keys in segment_keys.items():
            for key in keys:
                await bc.toggle_segment(s, CDA, config, b.id, dim, key, now=NOW)
        return b.id


async def start(sm: SM, config: Config, broadcast_id: int, at: datetime = NOW) -> list[dl.Started]:
    async with sm.begin() as s:
        await bc.schedule(s, CDA, config, broadcast_id, due_at=None, now=at)
    async with sm.begin() as s:
        return await dl.start_due(s, config=config, now=at)


def test_quiet_hours_wrap_midnight() -> None:
    start, end = time(22), time(7)
    at = lambda h, m=0: datetime(2026, 7, 1, h, m, tzinfo=TEHRAN)  # noqa: E731
    assert is_quiet(at(22), start, end, TEHRAN) and is_quiet(at(3), start, end, TEHRAN)
    assert not is_quiet(at(7), start, end, TEHRAN) and not is_quiet(at(21, 59), start, end, TEHRAN)
    assert quiet_end_after(at(23, 10), start, end, TEHRAN) == datetime(2026, 7, 2, 7, 0, tzinfo=TEHRAN)
    assert quiet_end_after(at(2), start, end, TEHRAN) == datetime(2026, 7, 1, 7, 0, tzinfo=TEHRAN)
    assert quiet_end_after(at(12), start, end, TEHRAN) == at(12)
    assert not is_quiet(at(3), time(9), time(9), TEHRAN)  # equal bounds: no quiet hours


async def test_segments_combine_dimensions(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker.begin() as s:
        await add_member(s, 1, role="grower", place="mahallat", categories=["cut", "bulb"])
        await add_member(s, 2, role="grower", place="nimvar", categories=["potted"])
        await add_member(s, 3, role="trader", place="mahallat", categories=["cut"])
        await add_member(s, 4, role="grower", place="mahallat", categories=["cut"], reachable=False)
        await add_member(s, 5, role="grower", place="mahallat", categories=["cut"], platform="bale")
    async with sessionmaker() as s:
        count = lambda seg: count_recipients(s, seg, platforms=("telegram",))  # noqa: E731
        assert await count({}) == 3
        assert await count({"roles": ["grower"]}) == 2
        assert await count({"categories": ["cut"]}) == 2
        assert await count({"roles": ["grower"], "categories": ["cut"]}) == 1
        assert await count({"places": ["mahallat", "nimvar"], "categories": ["cut", "potted"]}) == 3
        assert await count({"roles": ["supplier"]}) == 0


async def test_schedule_rules(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 2)
    b_id = await draft(sessionmaker, config)
    late_evening = datetime(2026, 11, 26, 23, 0, tzinfo=TEHRAN)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="bcast_in_past"):
            await bc.schedule(s, CDA, config, b_id, due_at=NOW - timedelta(hours=1), now=NOW)
        b = await bc.schedule(s, CDA, config, b_id, due_at=late_evening, now=NOW)
        assert b.due_at == datetime(2026, 11, 27, 7, 0, tzinfo=TEHRAN)  # waits for the end of quiet hours
        assert b.expires_at == b.due_at + timedelta(minutes=180)
    urgent_id = await draft(sessionmaker, config)
    plain_id = await draft(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await bc.toggle_flag(s, CDA, config, urgent_id, "urgent", now=NOW)
        assert (
            await bc.schedule(s, CDA, config, urgent_id, due_at=late_evening, now=NOW)
        ).due_at == late_evening
        with pytest.raises(StaleAction):  # scheduled: the segment is frozen
            await bc.toggle_segment(s, CDA, config, urgent_id, "roles", "grower", now=NOW)
        with pytest.raises(StaleAction):  # no channel configured
            await bc.toggle_flag(s, CDA, config, plain_id, "mirror", now=NOW)
    nobody = await draft(sessionmaker, config, roles=["supplier"])
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="bcast_no_audience"):
            await bc.schedule(s, CDA, config, nobody, due_at=None, now=NOW)
        with pytest.raises(InvalidInput, match="unknown_choice"):
            await bc.toggle_segment(s, CDA, config, nobody, "roles", "hacker", now=NOW)


@pytest.mark.parametrize("action", ["create", "schedule", "cancel", "pause", "list"])
async def test_non_admin_is_refused_everywhere(sessionmaker: SM, config: Config, action: str) -> None:
    await seed_members(sessionmaker, 1)
    b_id = await draft(sessionmaker, config)
    async with sessionmaker() as s:
        with pytest.raises(NotAllowed):
            if action == "create":
                await bc.create_draft(s, GROWER, config, bc.Content("text", "x"), now=NOW)
            elif action == "schedule":
                await bc.schedule(s, GROWER, config, b_id, due_at=None, now=NOW)
            elif action == "cancel":
                await bc.cancel(s, GROWER, config, b_id, now=NOW)
            elif action == "pause":
                await bc.pause(s, GROWER, config, b_id, now=NOW)
            else:
                await bc.list_active(s, GROWER, config)


async def test_fan_out_is_idempotent_and_start_happens_once(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 5)
    b_id = await draft(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await bc.schedule(s, CDA, config, b_id, due_at=None, now=NOW)
    async with sessionmaker.begin() as s:
        assert await dl.start_due(s, config=config, now=NOW) == [dl.Started(b_id, False)]
        assert await dl.start_due(s, config=config, now=NOW) == []  # a second tick finds nothing
        assert await dl.fan_out(s, b_id, config=config) == 5  # started twice: still five rows
    async with sessionmaker() as s:
        assert (await s.execute(select(func.count()).select_from(Delivery))).scalar_one() == 5


async def test_overdue_broadcast_expires_instead_of_sending(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 2)
    b_id = await draft(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await bc.schedule(s, CDA, config, b_id, due_at=NOW + timedelta(minutes=5), now=NOW)
    async with sessionmaker.begin() as s:  # the bot was down for a day
        assert await dl.start_due(s, config=config, now=NOW + timedelta(days=1)) == [dl.Started(b_id, True)]
    async with sessionmaker() as s:
        assert (await s.get(Broadcast, b_id)).status == "expired"  # type: ignore[union-attr]
        assert (await s.execute(select(func.count()).select_from(Delivery))).scalar_one() == 0


async def test_claims_never_overlap_even_concurrently(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 40)
    b_id = await draft(sessionmaker, config)
    await start(sessionmaker, config, b_id)

    async def worker(name: str) -> list[int]:
        taken: list[int] = []
        while True:
            async with sessionmaker.begin() as s:
                claims = await dl.claim(s, worker=name, config=config, now=NOW, limit=5)
            if not claims:
                return taken
            assert len(claims) <= 5
            taken += [c.delivery_id for c in claims]
            async with sessionmaker.begin() as s:
                await dl.record(
                    s,
                    [dl.Result(c.delivery_id, "sent", message_id=1) for c in claims],
                    worker=name,
                    config=config,
                    now=NOW,
                )

    first, second = await asyncio.gather(worker("a"), worker("b"))
    assert not set(first) & set(second)
    assert len(first) + len(second) == 40
    async with sessionmaker.begin() as s:
        assert await dl.finish_if_complete(s, b_id, now=NOW)
        assert not await dl.finish_if_complete(s, b_id, now=NOW)  # only one caller reports
        assert (await dl.tally(s, b_id)).by_status["sent"] == 40


async def test_results_blocked_retry_failed_broken(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 4)
    b_id = await draft(sessionmaker, config)
    await start(sessionmaker, config, b_id)
    async with sessionmaker.begin() as s:
        c = await dl.claim(s, worker="w", config=config, now=NOW, limit=5)
        results = [
            dl.Result(c[0].delivery_id, "sent", message_id=7),
            dl.Result(c[1].delivery_id, "blocked", error="Forbidden: bot was blocked by the user"),
            dl.Result(c[2].delivery_id, "retry", error="timed out", maybe_delivered=True),
            dl.Result(c[3].delivery_id, "failed", error="Bad Request: message is too long"),
        ]
        assert (await dl.record(s, results, worker="w", config=config, now=NOW)).paused == []
    async with sessionmaker() as s:
        blocked = await s.get(Delivery, c[1].delivery_id)
        assert blocked is not None and not (await s.get(Account, blocked.account_id)).is_reachable  # type: ignore[union-attr]
    async with sessionmaker.begin() as s:
        assert await dl.claim(s, worker="w", config=config, now=NOW, limit=5) == []  # backoff not over
        for attempt in range(2, 4):
            later = NOW + timedelta(seconds=2**attempt)
            [again] = await dl.claim(s, worker="w", config=config, now=later, limit=5)
            assert again.attempts == attempt
            await dl.record(
                s,
                [dl.Result(again.delivery_id, "retry", error="timed out")],
                worker="w",
                config=config,
                now=later,
            )
        tally = await dl.tally(s, b_id)
        assert tally.by_status == {"sent": 1, "blocked": 1, "failed": 2}
        assert tally.errors["timed out"] == 1 and tally.maybe_duplicates == 1
        assert await dl.finish_if_complete(s, b_id, now=NOW)


async def test_broken_message_pauses_the_broadcast(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 3)
    b_id = await draft(sessionmaker, config)
    await start(sessionmaker, config, b_id)
    async with sessionmaker.begin() as s:
        [first] = await dl.claim(s, worker="w", config=config, now=NOW, limit=1)
        recorded = await dl.record(
            s,
            [dl.Result(first.delivery_id, "broken", error="can't parse entities")],
            worker="w",
            config=config,
            now=NOW,
        )
        assert recorded.paused == [b_id]
        assert await dl.claim(s, worker="w", config=config, now=NOW, limit=5) == []
        b = await bc.resume(s, CDA, config, b_id, now=NOW)
        assert b.status == "running" and b.pause_reason is None
        assert len(await dl.claim(s, worker="w", config=config, now=NOW, limit=5)) == 3  # nothing was lost


async def test_quiet_hours_hold_non_urgent_running_broadcasts(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 2)
    b_id = await draft(sessionmaker, config)
    await start(sessionmaker, config, b_id)
    night = datetime(2026, 11, 26, 23, 30, tzinfo=TEHRAN).astimezone(UTC)
    async with sessionmaker.begin() as s:
        assert await dl.claim(s, worker="w", config=config, now=night, limit=5) == []
        assert len(await dl.claim(s, worker="w", config=config, now=night + timedelta(hours=8), limit=5)) == 2


async def test_crashed_claims_come_back_flagged(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 8)
    b_id = await draft(sessionmaker, config)
    await start(sessionmaker, config, b_id)
    async with sessionmaker.begin() as s:
        lost = await dl.claim(s, worker="dead", config=config, now=NOW, limit=5)
    async with sessionmaker.begin() as s:
        assert await dl.reclaim_stale(s, now=NOW + timedelta(seconds=10)) == 0  # lease not over yet
        assert await dl.reclaim_stale(s, now=NOW + timedelta(minutes=5)) == 5
        again = await dl.claim(s, worker="new", config=config, now=NOW + timedelta(minutes=5), limit=10)
        assert {c.delivery_id for c in lost} <= {c.delivery_id for c in again} and len(again) == 8
        await dl.record(
            s, [dl.Result(c.delivery_id, "sent") for c in again], worker="new", config=config, now=NOW
        )
        assert (await dl.tally(s, b_id)).maybe_duplicates == 5


async def test_cancel_pause_resume(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 3)
    b_id = await draft(sessionmaker, config)
    await start(sessionmaker, config, b_id)
    async with sessionmaker.begin() as s:
        assert (await bc.pause(s, CDA, config, b_id, now=NOW)).status == "paused"
        with pytest.raises(StaleAction):
            await bc.pause(s, CDA, config, b_id, now=NOW)  # double click
        assert await dl.claim(s, worker="w", config=config, now=NOW, limit=5) == []
        assert [b.id for b in await bc.list_active(s, CDA, config)] == [b_id]
        await bc.resume(s, CDA, config, b_id, now=NOW)
        await bc.cancel(s, CDA, config, b_id, now=NOW)
        assert await dl.claim(s, worker="w", config=config, now=NOW, limit=5) == []
        assert (await dl.tally(s, b_id)).by_status == {"cancelled": 3}
        with pytest.raises(StaleAction):
            await bc.resume(s, CDA, config, b_id, now=NOW)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("سایت خوشه | https://example.ir", None),
        ("سایت | example.ir", "bcast_bad_button"),
        ("بدون نشانی", "bcast_bad_button"),
        ("ع" * 41 + " | https://a.ir", "bcast_button_long"),
        ("\n".join(f"b{i} | https://a.ir/{i}" for i in range(7)), "bcast_too_many_buttons"),
    ],
)
def test_link_buttons(text: str, error: str | None) -> None:
    if error is None:
        assert bc.parse_link_buttons(text) == [{"text": "سایت خوشه", "url": "https://example.ir"}]
    else:
        with pytest.raises(InvalidInput, match=error):
            bc.parse_link_buttons(text)


async def test_an_outcome_for_a_claim_no_longer_held_is_dropped(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 1)
    b_id = await draft(sessionmaker, config)
    await start(sessionmaker, config, b_id)
    async with sessionmaker.begin() as s:
        [slow] = await dl.claim(s, worker="slow", config=config, now=NOW, limit=1)
    later = NOW + timedelta(minutes=5)
    async with sessionmaker.begin() as s:  # the lease ran out while "slow" was still sending
        assert await dl.reclaim_stale(s, now=later) == 1
        [again] = await dl.claim(s, worker="fresh", config=config, now=later, limit=1)
    async with sessionmaker.begin() as s:  # the slow worker's late answer must not close fresh's claim
        late = [dl.Result(slow.delivery_id, "retry", error="timeout", maybe_delivered=True)]
        recorded = await dl.record(s, late, worker="slow", config=config, now=later)
        assert recorded.dropped == 1
        row = await s.get(Delivery, again.delivery_id)
        assert row is not None and row.status == "sending" and row.claimed_by == "fresh"
        ok = [dl.Result(again.delivery_id, "sent", message_id=3)]
        assert (await dl.record(s, ok, worker="fresh", config=config, now=later)).dropped == 0
        tally = await dl.tally(s, b_id)
    assert tally.by_status["sent"] == 1 and tally.maybe_duplicates == 1
    assert tally.duplicate_causes == {"stopped": 1}


async def test_an_unknown_outcome_is_sent_again_once_then_failed(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 2)
    b_id = await draft(sessionmaker, config)
    await start(sessionmaker, config, b_id)
    lost = dl.Result(0, "retry", error="answer_lost", maybe_delivered=True)
    at = NOW
    async with sessionmaker.begin() as s:
        first, second = await dl.claim(s, worker="w", config=config, now=at, limit=2)
        results = [
            dataclasses.replace(lost, delivery_id=first.delivery_id),
            dl.Result(second.delivery_id, "sent"),
        ]
        await dl.record(s, results, worker="w", config=config, now=at)
        assert (await dl.tally(s, b_id)).maybe_duplicates == 0  # flagged only once it is really resent
        at += timedelta(seconds=2)
        [again] = await dl.claim(s, worker="w", config=config, now=at, limit=2)
        assert again.delivery_id == first.delivery_id
        lost_again = [dataclasses.replace(lost, delivery_id=again.delivery_id)]
        await dl.record(s, lost_again, worker="w", config=config, now=at)
        at += timedelta(minutes=10)
        assert await dl.claim(s, worker="w", config=config, now=at, limit=2) == []  # never a third copy
        tally = await dl.tally(s, b_id)
    assert tally.by_status == {"sent": 1, "failed": 1}
    assert tally.errors == {"answer_lost": 1}
    assert tally.maybe_duplicates == 1 and tally.duplicate_causes == {"answer_lost": 1}


async def test_release_own_hands_back_only_this_workers_claims(sessionmaker: SM, config: Config) -> None:
    await seed_members(sessionmaker, 6)
    b_id = await draft(sessionmaker, config)
    await start(sessionmaker, config, b_id)
    async with sessionmaker.begin() as s:
        mine = await dl.claim(s, worker="me", config=config, now=NOW, limit=2)
        theirs = await dl.claim(s, worker="other", config=config, now=NOW, limit=2)
        assert sorted(await dl.claimants(s)) == ["me", "other"]
        assert await dl.release_own(s, worker="me") == 2
        assert await dl.claimants(s) == ["other"]
        again = await dl.claim(s, worker="next", config=config, now=NOW, limit=10)
    assert {c.delivery_id for c in mine} <= {c.delivery_id for c in again}
    assert not {c.delivery_id for c in theirs} & {c.delivery_id for c in again}


async def test_heartbeats_count_live_processes(sessionmaker: SM) -> None:
    alive = timedelta(seconds=10)

    async def beat(s: AsyncSession, worker: str, seconds: int, polls: bool = True) -> tuple[int, int]:
        now = NOW + timedelta(seconds=seconds)
        got = await dl.heartbeat(s, worker=worker, now=now, alive_within=alive, receives_updates=polls)
        return got.processes, got.repliers

    async with sessionmaker.begin() as s:
        assert await beat(s, "a", 0) == (1, 1)
        assert await beat(s, "b", 1, polls=False) == (2, 1)  # b only sends: a keeps the reply headroom
        assert await beat(s, "a", 2) == (2, 1)
        assert await beat(s, "a", 12) == (1, 1)  # b went quiet (killed): after `alive` it takes no share
        assert await beat(s, "b", 13) == (2, 2)
        await dl.leave(s, worker="b")  # a clean stop leaves at once
        assert await beat(s, "a", 14) == (1, 1)
