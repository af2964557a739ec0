"""A bot process that sends but does not poll (a second replica, as behind a webhook): for bench/faults.py.

Two `khooshe run` on one token would meet 409 Conflict on getUpdates (the newer one stops itself);
this one runs the same Application — scheduler, delivery engine, pacer, heartbeat — without polling.
"""

from __future__ import annotations

import asyncio
import signal

from bot.app import build_application
from bot.cli import configure_logging
from bot.config import load_config


async def main() -> None:
    configure_logging()
    app = build_application(load_config())
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    await stop.wait()
    await app.stop()
    if app.post_shutdown:
        await app.post_shutdown(app)
    await app.shutdown()


if __name__ == "__main__":
    asyncio.run(main())
