"""GET /healthz: is the database reachable, is each messenger's scheduler ticking, how big is the backlog."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.services.broadcasts.delivery import count_waiting

if TYPE_CHECKING:
    from bot.app import KhoosheApp

DB_TIMEOUT = 5.0
START_GRACE = 60.0  # seconds after start-up before a scheduler that never ticked counts as stuck


def _stale_after(tick_seconds: float) -> float:
    """A tick older than this means the scheduler is stuck (ticks run jobs, so allow for slow ones)."""
    return max(60.0, 10 * tick_seconds)


def scheduler_state(app: KhoosheApp, mode: str) -> tuple[bool, dict[str, Any]]:
    data = app.bot_data
    job_queue = app.job_queue
    running = bool(app.running and job_queue is not None and job_queue.scheduler.running)
    last = data.delivery.last_tick_at
    now = time.monotonic()
    age = None if last is None else round(now - last, 1)
    tick = data.config.broadcasting.tick_seconds
    fresh = now - data.started_at < START_GRACE if age is None else age <= _stale_after(tick)
    return running and fresh, {
        "updates": mode,
        "scheduler_running": running,
        "last_tick_age_seconds": age,
        "tick_seconds": tick,
    }


async def health_report(apps: Mapping[str, KhoosheApp], mode: str) -> tuple[bool, dict[str, Any]]:
    """(healthy, the JSON body); healthy when the database answers and every scheduler ticks."""
    report: dict[str, Any] = {"database": {"ok": False}, "pending_deliveries": None, "messengers": {}}
    healthy = True
    for name, app in apps.items():
        ok, state = scheduler_state(app, mode)
        healthy = healthy and ok
        report["messengers"][name] = state
    first = next(iter(apps.values()))
    try:
        async with first.bot_data.sessionmaker() as session:
            report["pending_deliveries"] = await asyncio.wait_for(count_waiting(session), DB_TIMEOUT)
        report["database"] = {"ok": True}
    except Exception as exc:  # the report names the failure; the details are in the log
        report["database"] = {"ok": False, "error": type(exc).__name__}
        healthy = False
    report["ok"] = healthy
    return healthy, report
