"""DeliveryEngine: the scheduler tick (JobQueue) and the worker task that sends due broadcasts."""

from __future__ import annotations

import asyncio


class DeliveryEngine:
    """Handlers call `poke()` after scheduling or resuming so the worker starts without waiting for a tick."""

    def __init__(self) -> None:
        self.wake = asyncio.Event()

    def poke(self) -> None:
        self.wake.set()
