"""The sliding-window pacer: never over the limit in any one-second span; bulk leaves room for replies."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest

from bot.pacing import SlidingWindow


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def drive(window: SlidingWindow, clock: FakeClock, share: float, sends: int) -> list[float]:
    """Take `sends` slots, advancing the fake clock by each requested wait; returns the send times."""
    times: list[float] = []
    while len(times) < sends:
        wait = window.delay(share)
        if wait == 0:
            times.append(clock.now)
        else:
            clock.now += wait
    return times


def max_in_any_second(times: list[float]) -> int:
    return max(sum(1 for t in times if start <= t < start + 1.0) for start in times)


@pytest.mark.parametrize(("limit", "share"), [(30, 30), (30, 25), (5, 5)])
def test_no_second_ever_holds_more_than_the_share(limit: int, share: float) -> None:
    clock = FakeClock()
    window = SlidingWindow(limit, clock=clock)
    times = drive(window, clock, share, 200)
    assert max_in_any_second(times) == int(share)
    rate = len(times) / (times[-1] - times[0] + 1.0)
    assert share * 0.9 <= rate <= share


def test_bulk_leaves_room_for_replies() -> None:
    clock = FakeClock()
    window = SlidingWindow(30, clock=clock)
    drive(window, clock, 25, 25)  # bulk filled its share of this second
    assert window.delay(25) > 0  # more bulk must wait …
    assert [window.delay(30) for _ in range(5)] == [0.0] * 5  # … replies still go out at once
    assert window.delay(30) > 0  # and the overall limit holds


def test_pause_after_429_holds_everyone() -> None:
    clock = FakeClock()
    window = SlidingWindow(30, clock=clock)
    window.pause(3)
    assert window.delay(30) == pytest.approx(3)
    clock.now += 3
    assert window.delay(30) == 0.0


def test_sends_in_flight_hold_their_slot_until_they_complete() -> None:
    clock = FakeClock()
    window = SlidingWindow(2, clock=clock)
    window.take()
    window.take()
    assert window.wait_time(2) > 0  # both slots held by sends still on the wire
    clock.now += 5  # however long they take …
    assert window.wait_time(2) > 0
    window.release()  # … a slot counts from completion, not from when it was taken
    assert window.wait_time(2) > 0
    clock.now += 1.0
    assert window.wait_time(2) == 0.0


async def test_pacer_bulk_lane_never_exceeds_its_share_and_replies_pass() -> None:
    from bot.pacing import Pacer

    pacer = Pacer(overall_per_second=30, bulk_per_second=5)
    sent: list[tuple[str, float]] = []

    async def fake_send(lane: str) -> dict[str, bool]:
        sent.append((lane, time.monotonic()))
        return {"ok": True}

    async def send(lane: str, chat: int) -> None:
        args = {"lane": "bulk"} if lane == "bulk" else None
        await pacer.process_request(fake_send, (lane,), {}, "sendMessage", {"chat_id": chat}, args)

    started = time.monotonic()
    await asyncio.gather(*(send("bulk", c) for c in range(12)), *(send("reply", 1000 + c) for c in range(5)))
    replies = [t - started for lane, t in sent if lane == "reply"]
    bulk = sorted(t - started for lane, t in sent if lane == "bulk")
    assert max(replies) < 0.2  # replies did not queue behind the broadcast
    assert max_in_any_second(bulk) <= 5 and bulk[-1] >= 2.0  # 12 bulk sends at 5/s need over two seconds


async def test_a_bulk_429_holds_the_broadcast_but_not_replies() -> None:
    from telegram.error import RetryAfter

    from bot.pacing import Pacer

    pacer = Pacer(overall_per_second=30, bulk_per_second=25)
    sent: list[tuple[str, float]] = []
    refused = {"first": True}

    async def fake_send(lane: str) -> dict[str, bool]:
        if lane == "bulk" and refused.pop("first", False):
            raise RetryAfter(timedelta(seconds=1))
        sent.append((lane, time.monotonic()))
        return {"ok": True}

    async def send(lane: str, chat: int) -> None:
        args = {"lane": "bulk"} if lane == "bulk" else None
        await pacer.process_request(fake_send, (lane,), {}, "sendMessage", {"chat_id": chat}, args)

    async def reply_soon() -> None:
        await asyncio.sleep(0.1)  # while the broadcast is held
        await send("reply", 1000)

    started = time.monotonic()
    await asyncio.gather(send("bulk", 1), send("bulk", 2), reply_soon())  # the first bulk send gets a 429
    reply = [t - started for lane, t in sent if lane == "reply"]
    bulk = sorted(t - started for lane, t in sent if lane == "bulk")
    assert pacer.stats.retry_after == 1 and len(bulk) == 2
    assert bulk[-1] >= 1.0  # the broadcast waited out retry_after …
    assert pacer.bulk_per_second < 25  # … and slowed down
    assert reply[0] < 0.5  # the reply was not held behind the pause


async def test_a_429_on_a_reply_delays_only_that_reply() -> None:
    from telegram.error import RetryAfter

    from bot.pacing import Pacer

    pacer = Pacer(overall_per_second=30, bulk_per_second=25)
    sent: list[tuple[int, float]] = []
    refused = {1000: True}

    async def fake_send(chat: int) -> dict[str, bool]:
        if refused.pop(chat, False):
            raise RetryAfter(timedelta(seconds=1))
        sent.append((chat, time.monotonic()))
        return {"ok": True}

    async def send(chat: int, bulk: bool) -> None:
        args = {"lane": "bulk"} if bulk else None
        await pacer.process_request(fake_send, (chat,), {}, "sendMessage", {"chat_id": chat}, args)

    started = time.monotonic()
    await asyncio.gather(send(1000, False), *(send(c, True) for c in range(5)))
    times = {chat: t - started for chat, t in sent}
    assert times[1000] >= 1.0  # the refused reply waited its retry_after and then went out
    assert max(times[c] for c in range(5)) < 0.5  # the broadcast did not wait for it
    assert pacer.bulk_per_second == 25  # nor slow down


def test_counted_from_departure_a_slow_round_trip_keeps_the_full_rate() -> None:
    clock = FakeClock()
    window = SlidingWindow(25, clock=clock)
    departures: list[float] = []
    in_flight: list[tuple[float, float]] = []  # (answer due, departed)
    while len(departures) < 200:
        for due, departed in [f for f in in_flight if f[0] <= clock.now]:
            window.release(departed)
            in_flight.remove((due, departed))
        if window.wait_time(25) == 0:
            departures.append(window.take())
            in_flight.append((clock.now + 0.25, clock.now))  # every answer takes 250 ms
        else:
            clock.now += 0.01
    rate = len(departures) / (departures[-1] - departures[0] + 1.0)
    assert max_in_any_second(departures) <= 25 and rate >= 24  # counted from completion it was 20/s


async def test_shares_split_the_budget_between_processes() -> None:
    from bot.pacing import Pacer

    pacer = Pacer(overall_per_second=30, bulk_per_second=25)
    pacer.set_share(2, repliers=2)
    assert pacer.window.limit == 15 and pacer.share == 0.5  # 12.5 bulk + half the reply headroom
    pacer.set_share(2, repliers=1, replies=False)
    assert pacer.window.limit == 12  # a process that only sends leaves the headroom to the other
    pacer.set_share(2, repliers=1)
    assert pacer.window.limit == 17
    sent: list[float] = []

    async def fake_send() -> dict[str, bool]:
        sent.append(time.monotonic())
        return {"ok": True}

    await asyncio.gather(
        *(
            pacer.process_request(fake_send, (), {}, "sendMessage", {"chat_id": c}, {"lane": "bulk"})
            for c in range(20)
        )
    )
    assert max_in_any_second(sorted(sent)) <= 12  # half of the bulk share of 25
    pacer.set_share(1)
    assert pacer.window.limit == 30


async def test_unknown_outcomes_are_repeated_once_requests_that_never_left_more() -> None:
    import httpx
    from telegram.error import NetworkError

    from bot.pacing import Pacer

    pacer = Pacer(backoff=0.001)
    calls = {"lost": 0, "refused": 0}

    async def lost() -> dict[str, bool]:
        calls["lost"] += 1
        raise NetworkError("Bad Gateway")  # a 502: it may have been delivered

    async def refused() -> dict[str, bool]:
        calls["refused"] += 1
        if calls["refused"] < 4:
            raise NetworkError("httpx.ConnectError: refused") from httpx.ConnectError("refused")
        return {"ok": True}

    with pytest.raises(NetworkError):
        await pacer.process_request(lost, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert calls["lost"] == 2 and pacer.stats.retried_unknown == 1  # never a third copy
    assert await pacer.process_request(refused, (), {}, "sendMessage", {"chat_id": 2}, None) == {"ok": True}
    assert calls["refused"] == 4  # never left: repeated as often as the retry budget allows


def test_a_round_trip_slower_than_usual_counts_later() -> None:
    clock = FakeClock()
    window = SlidingWindow(1, clock=clock)
    departed = window.take()
    clock.now += 0.25
    window.release(departed)  # the usual round trip: counted from its departure
    assert window.stamps == [departed]
    clock.now += 1.0
    departed = window.take()
    clock.now += 0.85  # 0.6 s slower than usual: it may have left (and arrived) that much later
    window.release(departed)
    assert window.stamps[-1] == pytest.approx(departed + 0.6)
