"""The sliding-window pacer: never over the limit in any one-second span; bulk leaves room for replies."""

from __future__ import annotations

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
