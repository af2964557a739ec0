"""The delivery engine end to end: real Application, JobQueue tick and pacer against the emulator."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Config
from bot.db import create_sessionmaker
from bot.features import Feature, FeatureSet, ScheduledJob
from bot.jalali import parse_jalali_datetime
from bot.local_run import BotUnderTest, running_bot
from bot.messengers import TextFormat
from bot.send import messenger
from bot.services.broadcasts import delivery as dl
from bot.services.broadcasts import lifecycle as bc
from bot.services.common.segments import count_recipients
from bot.services.members.accounts import Identity
from models import Account, Broadcast
from tests.e2e_support import Clock, bot_on, fast_ticks, ticks_pass
from tests.factories import NOW, add_member

CDA = Identity("telegram", 9000, 9000)
TEHRAN = ZoneInfo("Asia/Tehran")


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


def sm_of(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_sessionmaker(engine)


async def seed(engine: AsyncEngine, bot: BotUnderTest, specs: list[tuple[int, str]]) -> None:
    """Members (user id, role) that also exist as chats in the emulator."""
    async with sm_of(engine).begin() as s:
        for user_id, role in specs:
            await add_member(s, user_id, role=role)
            bot.emu.user(user_id)


async def broadcast(
    engine: AsyncEngine,
    config: Config,
    *,
    text: str = "<b>دورهٔ آموزشی</b> کشت بدون خاک",
    roles: tuple[str, ...] = (),
    due_at: datetime | None = None,
    now: datetime = NOW,
    urgent: bool = False,
) -> int:
    async with sm_of(engine).begin() as s:
        b = await bc.create_draft(s, CDA, config, bc.Content("text", text), now=now)
        for role in roles:
            await bc.toggle_segment(s, CDA, config, b.id, "roles", role, now=now)
        if urgent:
            await bc.toggle_flag(s, CDA, config, b.id, "urgent", now=now)
        await bc.schedule(s, CDA, config, b.id, due_at=due_at, now=now)
        return b.id


async def status_of(engine: AsyncEngine, broadcast_id: int) -> Broadcast:
    async with sm_of(engine)() as s:
        b = await s.get(Broadcast, broadcast_id)
        assert b is not None
        return b


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out waiting"
        await asyncio.sleep(0.05)


async def wait_status(
    engine: AsyncEngine, broadcast_id: int, status: str, timeout: float = 15.0
) -> Broadcast:
    deadline = asyncio.get_running_loop().time() + timeout
    while (b := await status_of(engine, broadcast_id)).status != status:
        assert asyncio.get_running_loop().time() < deadline, f"still {b.status}, wanted {status}"
        await asyncio.sleep(0.05)
    return b


def received(bot: BotUnderTest, user_id: int) -> list[str]:
    return [m.plain_text for m in bot.emu.sent_to(user_id)]


async def test_broadcast_reaches_exactly_its_segment_with_progress_and_report(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config
) -> None:
    await seed(engine, bot, [(1, "grower"), (2, "grower"), (3, "trader"), (4, "grower"), (5, "supplier")])
    b_id = await broadcast(engine, fast_config, roles=("grower",))
    await wait_status(engine, b_id, "done")
    for user_id in (1, 2, 4):
        assert received(bot, user_id) == ["دورهٔ آموزشی کشت بدون خاک"]
        assert bot.emu.sent_to(user_id)[0].text == "<b>دورهٔ آموزشی</b> کشت بدون خاک"  # formatting kept
    assert received(bot, 3) == [] and received(bot, 5) == []
    admin = bot.emu.user(CDA.user_id)
    await wait_until(lambda: any("گزارش پیام همگانی" in t for t in received(bot, CDA.user_id)))
    report = next(t for t in received(bot, CDA.user_id) if "گزارش" in t)
    assert "رسیده: ۳ از ۳" in report and "ناموفق: ۰" in report
    progress = admin.messages[0]
    assert progress.edited and "۳ از ۳" in progress.plain_text


async def test_blocked_members_are_marked_and_skipped_next_time(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config
) -> None:
    await seed(engine, bot, [(11, "grower"), (12, "grower"), (13, "grower")])
    bot.emu.block_user(12)
    bot.emu.deactivate_user(13)
    b_id = await broadcast(engine, fast_config)
    await wait_status(engine, b_id, "done")
    await wait_until(lambda: any("گزارش" in t for t in received(bot, CDA.user_id)))
    report = next(t for t in received(bot, CDA.user_id) if "گزارش" in t)
    assert "رسیده: ۱ از ۳" in report and "ربات را مسدود کرده‌اند: ۲" in report
    async with sm_of(engine)() as s:
        rows = (await s.execute(select(Account.user_id, Account.is_reachable))).all()
        reachable = {user_id: ok for user_id, ok in rows}
        assert reachable[12] is False and reachable[13] is False and reachable[11] is True
        assert await count_recipients(s, {}, platforms=("telegram",)) == 1


async def test_429_is_honoured_without_duplicates(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config
) -> None:
    users = list(range(100, 130))
    await seed(engine, bot, [(u, "grower") for u in users])
    bot.emu.set_rate_limits(global_per_second=8, per_chat_per_second=1.0, retry_after=1)
    b_id = await broadcast(engine, fast_config)
    await wait_status(engine, b_id, "done", timeout=30)
    assert bot.emu.stats.rate_limited > 0
    assert bot.app is not None and bot.app.bot_data.pacer.stats.retry_after > 0
    assert all(len(received(bot, u)) == 1 for u in users)  # every member exactly once
    tally = await _tally(engine, b_id)
    assert tally.by_status["sent"] == 30 and tally.by_status["failed"] == 0


async def test_scheduled_broadcast_fires_at_its_jalali_time(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config, clock: Clock
) -> None:
    await seed(engine, bot, [(21, "grower")])
    due = parse_jalali_datetime("۱۴۰۵/۰۹/۰۵ ۱۲:۰۰")  # 08:30 UTC, half an hour after NOW
    b_id = await broadcast(engine, fast_config, due_at=due)
    await ticks_pass(bot)
    assert received(bot, 21) == [] and (await status_of(engine, b_id)).status == "scheduled"
    clock.now = due + timedelta(seconds=1)
    await wait_status(engine, b_id, "done")
    assert len(received(bot, 21)) == 1


async def test_quiet_hours_hold_and_urgent_goes_through(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config, clock: Clock
) -> None:
    await seed(engine, bot, [(31, "grower"), (32, "trader")])
    night = datetime(2026, 11, 26, 23, 0, tzinfo=TEHRAN)
    clock.now = night
    normal = await broadcast(engine, fast_config, roles=("grower",), now=night, due_at=night)
    urgent = await broadcast(engine, fast_config, roles=("trader",), now=night, due_at=night, urgent=True)
    await wait_status(engine, urgent, "done")
    assert len(received(bot, 32)) == 1
    await ticks_pass(bot)
    assert received(bot, 31) == [] and (await status_of(engine, normal)).status == "scheduled"
    clock.now = datetime(2026, 11, 27, 7, 0, 5, tzinfo=TEHRAN)
    await wait_status(engine, normal, "done")
    assert len(received(bot, 31)) == 1


async def test_pause_resume_and_cancel(bot: BotUnderTest, engine: AsyncEngine, fast_config: Config) -> None:
    users = list(range(200, 240))
    await seed(engine, bot, [(u, "grower") for u in users])
    assert bot.app is not None
    bot.app.bot_data.pacer.bulk_per_second = bot.app.bot_data.pacer.bulk_ceiling = (
        10.0  # slow enough to act mid-way
    )
    b_id = await broadcast(engine, fast_config)
    await wait_until(lambda: sum(len(received(bot, u)) for u in users) >= 5)
    async with sm_of(engine).begin() as s:
        await bc.pause(s, CDA, fast_config, b_id, now=NOW)
    total = lambda: sum(len(received(bot, u)) for u in users)  # noqa: E731
    at_pause = total()
    # the batch already claimed (at most max_in_flight = 5) still goes out, possibly after waiting up
    # to a second for the 10/s window; nothing after it
    await ticks_pass(bot)
    paused_at = total()
    assert paused_at <= at_pause + 5
    await ticks_pass(bot)
    assert total() == paused_at < 40
    async with sm_of(engine).begin() as s:
        await bc.resume(s, CDA, fast_config, b_id, now=NOW)
    await wait_until(lambda: sum(len(received(bot, u)) for u in users) >= paused_at + 5)
    async with sm_of(engine).begin() as s:
        await bc.cancel(s, CDA, fast_config, b_id, now=NOW)
    await ticks_pass(bot)
    final = total()
    await ticks_pass(bot)
    assert total() == final < 40
    assert all(len(received(bot, u)) <= 1 for u in users)
    assert (await status_of(engine, b_id)).status == "cancelled"


async def test_broken_message_pauses_and_tells_the_cda(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config
) -> None:
    await seed(engine, bot, [(41, "grower"), (42, "grower")])
    # Refused formatted and refused again as plain text (bot/send.py): the message itself is broken.
    bot.emu.inject_failure("sendMessage", kind="bad_entities", count=2, chat_id=41)
    b_id = await broadcast(engine, fast_config)
    b = await wait_status(engine, b_id, "paused")
    assert b.pause_reason == "broken_message"
    await wait_until(lambda: any("متوقف شد" in t for t in received(bot, CDA.user_id)))
    tally = await _tally(engine, b_id)
    assert tally.by_status["failed"] == 0  # nothing counted as failed thousands of times
    async with sm_of(engine).begin() as s:
        await bc.resume(s, CDA, fast_config, b_id, now=NOW)
    bot.app.bot_data.delivery.poke()  # type: ignore[union-attr]
    await wait_status(engine, b_id, "done")
    assert len(received(bot, 41)) == 1 and len(received(bot, 42)) == 1


async def test_formatting_refused_once_is_delivered_as_plain_text_without_pausing(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config
) -> None:
    await seed(engine, bot, [(41, "grower"), (42, "grower")])
    bot.emu.inject_failure("sendMessage", kind="bad_entities", count=1, chat_id=41)
    b_id = await broadcast(engine, fast_config)
    await wait_status(engine, b_id, "done")
    (plain,) = bot.emu.sent_to(41)
    assert plain.text == "دورهٔ آموزشی کشت بدون خاک" and plain.parse_mode is None  # never the raw tags
    (other,) = bot.emu.sent_to(42)
    assert other.plain_text == plain.text
    assert (await status_of(engine, b_id)).pause_reason is None
    assert bot.app is not None and messenger(bot.app.bot).text_format is TextFormat.PLAIN  # from now on


async def test_transient_errors_are_retried_with_backoff(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config, clock: Clock
) -> None:
    await seed(engine, bot, [(51, "grower"), (52, "grower")])
    # a 5xx: the outcome is unknown, so it is sent again once (a second one would end it: see
    # test_e2e_delivery_faults.py), after its backoff, and flagged as a possible duplicate
    bot.emu.inject_failure("sendMessage", kind="server_error", count=1, chat_id=51)
    b_id = await broadcast(engine, fast_config)
    await wait_until(lambda: len(received(bot, 52)) == 1)
    await ticks_pass(bot)
    assert received(bot, 51) == []  # waiting for its backoff (2 s of bot time)
    for _ in range(40):  # let bot time pass in 5 s steps until the retries are through
        if (await status_of(engine, b_id)).status == "done":
            break
        clock.now += timedelta(seconds=5)
        await ticks_pass(bot)
    await wait_status(engine, b_id, "done")
    assert len(received(bot, 51)) == 1 and bot.emu.stats.failures_injected == 1
    tally = await _tally(engine, b_id)
    assert tally.by_status["sent"] == 2 and tally.by_status["failed"] == 0
    assert tally.maybe_duplicates == 1 and tally.duplicate_causes == {"answer_lost": 1}


async def test_overdue_after_downtime_is_expired_and_reported(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config, clock: Clock
) -> None:
    await seed(engine, bot, [(61, "grower")])
    b_id = await broadcast(engine, fast_config, due_at=NOW + timedelta(minutes=10))
    clock.now = NOW + timedelta(days=1)  # the bot "was down" past the grace period
    await wait_status(engine, b_id, "expired")
    await wait_until(lambda: any("منقضی" in t for t in received(bot, CDA.user_id)))
    assert received(bot, 61) == []


async def _tally(engine: AsyncEngine, broadcast_id: int) -> dl.Tally:
    async with sm_of(engine)() as s:
        return await dl.tally(s, broadcast_id)


async def test_mirror_to_channel_once(engine: AsyncEngine, fast_config: Config, clock: Clock) -> None:
    channel = -1001234567890
    config = dataclasses.replace(
        fast_config, broadcasting=dataclasses.replace(fast_config.broadcasting, channel_id=str(channel))
    )
    async with running_bot(config, engine.url.render_as_string(hide_password=False), clock=clock) as bot:
        bot.emu.add_channel(channel, title="خوشه گل محلات")
        bot.emu.user(CDA.user_id)
        await seed(engine, bot, [(71, "grower")])
        async with sm_of(engine).begin() as s:
            b = await bc.create_draft(s, CDA, config, bc.Content("text", "جشنوارهٔ گل محلات"), now=NOW)
            await bc.toggle_flag(s, CDA, config, b.id, "mirror", now=NOW)
            await bc.schedule(s, CDA, config, b.id, due_at=None, now=NOW)
        await wait_status(engine, b.id, "done")
        await ticks_pass(bot)  # more ticks: the mirror must not repeat
        assert [m.plain_text for m in bot.emu.sent_to(channel)] == ["جشنوارهٔ گل محلات"]
        assert received(bot, 71) == ["جشنوارهٔ گل محلات"]


async def test_two_bot_processes_share_the_work_without_repeats(
    engine: AsyncEngine, fast_config: Config, clock: Clock
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    async with running_bot(fast_config, url, clock=clock) as first:
        first.emu.user(CDA.user_id)
        users = list(range(300, 360))
        await seed(engine, first, [(u, "grower") for u in users])
        async with running_bot(fast_config, url, clock=clock, emulator=first.emu) as second:
            assert first.app is not None and second.app is not None
            for app in (first.app, second.app):  # slow enough that both workers take part
                app.bot_data.pacer.bulk_per_second = app.bot_data.pacer.bulk_ceiling = 15.0
            b_id = await broadcast(engine, fast_config)
            second.app.bot_data.delivery.poke()
            await wait_status(engine, b_id, "done", timeout=30)
            counts = [app.bot_data.delivery.sent_in_this_process for app in (first.app, second.app)]
    assert all(len(received(first, u)) == 1 for u in users)  # each member exactly once
    assert sum(counts) == 60 and min(counts) > 0, counts  # both processes sent part of it
    reports = [t for t in received(first, CDA.user_id) if "گزارش" in t]
    assert len(reports) == 1  # one final report, not one per process


async def test_weekly_digest_reaches_members_once(
    bot: BotUnderTest, engine: AsyncEngine, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.services.broadcasts import digest

    async def exhibitions(_: AsyncSession, start: datetime, end: datetime) -> list[digest.DigestItem]:
        return [digest.DigestItem(start + timedelta(days=3), "نمایشگاه بین‌المللی گل تهران", "exhibition")]

    monkeypatch.setattr(digest, "SOURCES", [exhibitions])
    await seed(engine, bot, [(81, "grower"), (82, "trader")])
    await ticks_pass(bot)
    assert received(bot, 81) == []  # not the digest's day and hour yet
    clock.now = datetime(2026, 11, 28, 9, 0, 1, tzinfo=TEHRAN)  # شنبه، ساعت ۹
    await wait_until(lambda: len(received(bot, 81)) == 1 and len(received(bot, 82)) == 1)
    assert "نمایشگاه بین‌المللی گل تهران" in received(bot, 81)[0] and "🗓" in received(bot, 81)[0]
    await ticks_pass(bot)  # more ticks, same week
    assert len(received(bot, 81)) == 1


async def test_a_failing_job_stops_neither_other_jobs_nor_broadcasts(
    bot: BotUnderTest, engine: AsyncEngine, fast_config: Config
) -> None:
    """Each scheduled job runs in its own transaction: one that raises is rolled back and logged, and the
    jobs after it and the broadcasts of the same ticks still run."""
    failures: list[datetime] = []
    after_failure: list[datetime] = []

    async def broken(session: AsyncSession, *, config: Config, now: datetime) -> None:
        session.add(Account(platform="telegram", user_id=777, chat_id=777, created_at=now, last_seen_at=now))
        await session.flush()  # written, then the job fails: its transaction must be rolled back
        failures.append(now)
        raise RuntimeError("a feature's job is broken")

    async def probe(session: AsyncSession, *, config: Config, now: datetime) -> None:
        if failures:
            after_failure.append(now)

    app = bot.app
    assert app is not None
    real = app.bot_data.features
    app.bot_data.features = FeatureSet(
        [
            Feature("broken", jobs=(ScheduledJob("broken", broken),)),
            *real.features,
            Feature("probe", jobs=(ScheduledJob("probe", probe),)),
        ]
    )
    await seed(engine, bot, [(61, "grower"), (62, "trader")])
    b_id = await broadcast(engine, fast_config)
    await wait_status(engine, b_id, "done")
    assert received(bot, 61) == ["دورهٔ آموزشی کشت بدون خاک"] and len(received(bot, 62)) == 1
    await wait_until(lambda: len(failures) >= 3 and len(after_failure) >= 2)  # tick after tick, the rest ran
    async with sm_of(engine)() as s:
        assert (await s.execute(select(Account).where(Account.user_id == 777))).first() is None
