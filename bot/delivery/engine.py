"""DeliveryEngine: the scheduler tick (PTB JobQueue) and the worker task that sends due broadcasts.

The tick claims due work from the database; the worker keeps a sliding window of sends in flight
through the pacer's bulk lane (the next claim as soon as one send finishes; about bulk rate × p90
round trip of them, at most `max_in_flight`) and records each outcome. Nothing lives only in memory:
a restart resumes from the `deliveries` table, and hands back at once the claims of its own host's
processes that died (kill -9) instead of waiting out their lease.

Every tick also refreshes this process's heartbeat row: n live processes each pace to 1/n of the
budget. A clean stop hands this process's unsent claims back and removes its heartbeat.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import socket
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from telegram.error import TelegramError

from bot.delivery import reports
from bot.delivery.files import download
from bot.delivery.outcomes import classify
from bot.delivery.sender import send_content
from bot.send import MEDIA, edit_text, send_text
from bot.services.broadcasts import delivery as dl
from models import Broadcast

if TYPE_CHECKING:
    from bot.context import BotData
    from bot.features import ScheduledJob

log = logging.getLogger(__name__)


class FileUnavailable(Exception):
    """The broadcast's file belongs to a messenger this process does not run (or refused to hand it over)."""


HOST = socket.gethostname()[:40]


def pid_alive(pid: int) -> bool:
    """Is this process (on this host) still running? A zombie (killed, not yet reaped) is not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def dead_here(worker: str) -> bool:
    """A worker id `host:pid:nonce` of a process on this host that is no longer running."""
    host_pid = worker.rpartition(":")[0]
    host, _, pid = host_pid.rpartition(":")
    return host == HOST and pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid))


class DeliveryEngine:
    def __init__(self, worker_id: str | None = None) -> None:
        self.worker_id = worker_id or f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.wake = asyncio.Event()
        self.app: Any = None
        self._task: asyncio.Task[None] | None = None
        self._progress_at: dict[int, float] = {}
        self.sent_in_this_process = 0
        self.ticks_completed = 0  # tests wait for ticks instead of sleeping
        self.dropped_outcomes = 0  # outcomes for claims whose lease had run out (not recorded)
        self.processes = 1  # live bot processes sharing the send budget, as of the last tick
        self.last_tick_at: float | None = None  # time.monotonic() of the last completed tick (/healthz)

    # -- wiring ----------------------------------------------------------------------------------
    def attach(self, app: Any) -> None:
        """Called from post_init: register the tick on the JobQueue with a deliberate misfire policy."""
        self.app = app
        interval = app.bot_data.config.broadcasting.tick_seconds
        app.job_queue.run_repeating(
            self.tick,
            interval=interval,
            first=0.1,
            name="delivery-tick",
            job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )

    @property
    def data(self) -> BotData:
        return self.app.bot_data

    def now(self) -> datetime:
        return self.data.clock()

    def poke(self) -> None:
        """Wake the engine now (after a broadcast was scheduled or resumed) instead of at the next tick."""
        if self.app is not None and self.app.running:
            self.app.create_task(self.tick(None), name="delivery-poke")

    # -- the tick --------------------------------------------------------------------------------
    @property
    def primary(self) -> bool:
        """The first messenger's engine runs the jobs and starts broadcasts; each sends its own rows."""
        return self.data.config.platform == self.data.config.platforms[0]

    async def tick(self, _context: object) -> None:
        """Run the jobs, start due broadcasts, report expired ones, recover dead claims, keep a worker going.

        Jobs (digest, course offers and reminders, feedback, exhibition reminders, survey schedules…)
        run first, in registry order, so the broadcasts they create start in this same tick. With two
        messengers in one process only the primary (first) messenger's engine does that; each engine
        claims and sends only its own messenger's deliveries.
        """
        config, sm = self.data.config, self.data.sessionmaker
        await self._heartbeat()
        now = self.now()
        lease = config.broadcasting.claim_lease_seconds
        started: list[dl.Started] = []
        reclaimed = 0
        if self.primary:
            for job in self.data.features.jobs:
                await self._run_job(job, now)
        async with sm.begin() as session:
            if self.primary:
                started = await dl.start_due(session, config=config, now=now)
                reclaimed = await dl.reclaim_stale(session, now=now, lease=timedelta(seconds=lease))
            work = await dl.has_work(session, now=now)
            loaded = await dl.load_broadcasts(session, [s.broadcast_id for s in started])
        if reclaimed:
            log.warning("re-queued %d deliveries claimed by a process that stopped", reclaimed)
        for event in started:
            await self._announce(loaded[event.broadcast_id], expired=event.expired)
        if work:
            self._ensure_worker()
            for peer in self.data.peers.values():  # the broadcasts just started may be theirs to send
                if peer is not self.app:
                    peer.bot_data.delivery._ensure_worker()
        self.ticks_completed += 1
        self.last_tick_at = time.monotonic()

    async def _heartbeat(self) -> None:
        """Count live processes (this one's row refreshed) to share the budget; free dead local claims."""
        tick = self.data.config.broadcasting.tick_seconds
        updater = self.app.updater
        polls = updater is not None and updater.running
        async with self.data.sessionmaker.begin() as session:
            alive = await dl.heartbeat(
                session,
                worker=self.worker_id,
                now=datetime.now(UTC),
                alive_within=timedelta(seconds=max(10, 5 * tick)),
                receives_updates=polls,
                messenger=self.data.config.platform,
            )
            freed = 0
            for worker in await dl.claimants(session):
                if dead_here(worker):
                    freed += await dl.release_own(session, worker=worker)
        self.processes = alive.processes
        self.data.pacer.set_share(alive.processes, repliers=alive.repliers, replies=polls)
        if freed:
            log.warning("re-queued %d deliveries claimed by a process of this host that died", freed)

    async def stop(self) -> None:
        """A clean stop (post_shutdown): hand back unsent claims, leave the heartbeat table."""
        if self.app is None:
            return
        if self._task is not None and not self._task.done():
            await asyncio.wait({self._task}, timeout=self.data.config.broadcasting.send_timeout_seconds)
        async with self.data.sessionmaker.begin() as session:
            released = await dl.release_own(session, worker=self.worker_id)
            await dl.leave(session, worker=self.worker_id)
        if released:
            log.warning("handed back %d claimed deliveries on stop", released)

    async def _run_job(self, job: ScheduledJob, now: datetime) -> None:
        """One job, its own transaction: a failure is logged and rolled back, never stops the others."""
        try:
            async with self.data.sessionmaker.begin() as session:
                await job.run(session, config=self.data.config, now=now)
        except Exception:
            log.exception("scheduled job %r failed; the other jobs and the broadcasts go on", job.name)

    def _ensure_worker(self) -> None:
        if self.app is not None and self.app.running and (self._task is None or self._task.done()):
            self._task = self.app.create_task(self._work(), name="delivery-worker")

    async def _announce(self, broadcast: Broadcast, *, expired: bool) -> None:
        bot = self.app.bot
        if expired:
            await self._tell(broadcast, reports.expired(broadcast))
            return
        message = await self._tell(broadcast, reports.progress(broadcast, dl.Tally(total=broadcast.total)))
        if message is not None:
            async with self.data.sessionmaker.begin() as session:
                await dl.set_progress_message(session, broadcast.id, message)
        channel = self.data.config.broadcasting.channel_id
        if channel and broadcast.mirror_to_channel:
            async with self.data.sessionmaker.begin() as session:
                mine = await dl.claim_mirror(session, broadcast.id)
            if mine:
                try:
                    await send_content(
                        bot, int(channel) if channel.lstrip("-").isdigit() else channel, broadcast
                    )
                except TelegramError as exc:
                    log.warning("broadcast %d: posting to the channel failed: %s", broadcast.id, exc.message)
                    await self._tell(broadcast, reports.mirror_failed(broadcast, exc.message))

    # -- the worker ------------------------------------------------------------------------------
    def window(self) -> int:
        """Sends to keep in flight: bulk rate × p90 round trip (+ slack), within 1..max_in_flight."""
        pacer = self.data.pacer
        wanted = math.ceil(pacer.bulk_ceiling * pacer.share * pacer.latency_p90() * 1.2) + 2
        return max(1, min(self.data.config.broadcasting.max_in_flight, wanted))

    async def _work(self) -> None:
        """Claim, send, record — a sliding window: each finished send makes room for the next claim."""
        cache: dict[int, Broadcast] = {}
        touched: set[int] = set()
        in_flight: dict[asyncio.Task[dl.Result], dl.Claim] = {}
        while True:
            room = self.window() - len(in_flight) if self.app.running else 0
            if room > 0:
                for claim in await self._claim(room, cache):
                    in_flight[asyncio.create_task(self._send(claim, cache[claim.broadcast_id]))] = claim
            if not in_flight:
                break
            done, _ = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
            results = [task.result() for task in done]
            touched.update(in_flight.pop(task).broadcast_id for task in done)
            await self._record(results, cache)
            await self._progress(cache, touched, force=False)
        await self._progress(cache, touched, force=True)

    async def _claim(self, limit: int, cache: dict[int, Broadcast]) -> list[dl.Claim]:
        config = self.data.config
        async with self.data.sessionmaker.begin() as session:
            claims = await dl.claim(
                session, worker=self.worker_id, config=config, now=self.now(), limit=limit
            )
            missing = [c.broadcast_id for c in claims if c.broadcast_id not in cache]
            if missing:
                cache.update(await dl.load_broadcasts(session, missing))
        return claims

    async def _record(self, results: list[dl.Result], cache: dict[int, Broadcast]) -> None:
        config = self.data.config
        async with self.data.sessionmaker.begin() as session:
            recorded = await dl.record(session, results, worker=self.worker_id, config=config, now=self.now())
        if recorded.dropped:
            self.dropped_outcomes += recorded.dropped
            log.warning("%d outcomes dropped: their claims had expired and were handed on", recorded.dropped)
        for broadcast_id in recorded.paused:
            error = next((r.error for r in results if r.outcome == "broken"), "") or ""
            await self._tell(cache[broadcast_id], reports.paused_broken(cache[broadcast_id], error))

    async def _send(self, claim: dl.Claim, broadcast: Broadcast) -> dl.Result:
        timeout = self.data.config.broadcasting.send_timeout_seconds
        try:
            message = await asyncio.wait_for(self._send_content(claim.chat_id, broadcast), timeout)
        except TelegramError as exc:
            return classify(claim.delivery_id, exc)
        except FileUnavailable:
            return dl.Result(claim.delivery_id, "failed", error="file_unavailable")
        except TimeoutError:
            return dl.Result(claim.delivery_id, "retry", error="timeout", maybe_delivered=True)
        except Exception:  # a bug must not strand the claim: record it as an unknown outcome
            log.exception("sending delivery %d failed unexpectedly", claim.delivery_id)
            return dl.Result(claim.delivery_id, "retry", error="answer_lost", maybe_delivered=True)
        self.sent_in_this_process += 1
        return dl.Result(claim.delivery_id, "sent", message_id=message.message_id)

    async def _send_content(self, chat_id: int, broadcast: Broadcast) -> Any:
        """The broadcast as members see it; a file from the other messenger is carried over once."""
        source, target = broadcast.file_platform, self.data.config.platform
        file_id = broadcast.file_id or ""
        if broadcast.kind not in MEDIA or not source or source == target or not file_id:
            return await send_content(self.app.bot, chat_id, broadcast, bulk=True)
        bridge = self.data.files
        if (known := bridge.known(source, file_id, target)) is not None:
            return await send_content(self.app.bot, chat_id, broadcast, bulk=True, media=known)
        async with bridge.lock(source, file_id, target):
            if (known := bridge.known(source, file_id, target)) is not None:
                return await send_content(self.app.bot, chat_id, broadcast, bulk=True, media=known)
            peer = self.data.peers.get(source)
            if peer is None:
                raise FileUnavailable(source)
            try:
                upload = await download(peer.bot, file_id)
            except (TelegramError, ValueError) as exc:
                raise FileUnavailable(str(exc)) from exc
            message = await send_content(self.app.bot, chat_id, broadcast, bulk=True, media=upload)
            bridge.remember(source, file_id, target, message)
            return message

    async def _progress(self, cache: dict[int, Broadcast], touched: set[int], *, force: bool) -> None:
        """Edit each touched broadcast's progress message (throttled); report the ones that finished."""
        every = self.data.config.broadcasting.progress_every_seconds
        for broadcast_id in sorted(touched):
            if not force and time.monotonic() - self._progress_at.get(broadcast_id, 0.0) < every:
                continue
            self._progress_at[broadcast_id] = time.monotonic()
            async with self.data.sessionmaker.begin() as session:
                finished = await dl.finish_if_complete(session, broadcast_id, now=self.now())
                tally = await dl.tally(session, broadcast_id)
                fresh = (await dl.load_broadcasts(session, [broadcast_id]))[broadcast_id]
            await self._edit_progress(fresh, reports.progress(fresh, tally))
            if finished:
                touched.discard(broadcast_id)
                await self._tell(fresh, reports.final(fresh, tally))

    def _admin_bot(self, broadcast: Broadcast) -> Any:
        """The bot of the messenger the CDA started the broadcast on (old rows: the primary messenger)."""
        platform = broadcast.admin_platform or self.data.config.platforms[0]
        peer = self.data.peers.get(platform, self.app if platform == self.data.config.platform else None)
        return None if peer is None else peer.bot

    async def _edit_progress(self, broadcast: Broadcast, text: str) -> None:
        bot = self._admin_bot(broadcast)
        if broadcast.progress_message_id is None or bot is None:
            return
        try:
            await edit_text(bot, broadcast.admin_chat_id, broadcast.progress_message_id, text)
        except TelegramError as exc:  # "message is not modified" when nothing moved since the last edit
            log.debug("progress edit skipped: %s", exc.message)

    async def _tell(self, broadcast: Broadcast, text: str) -> int | None:
        chat_id, bot = broadcast.admin_chat_id, self._admin_bot(broadcast)
        if not chat_id or bot is None:  # made by the bot itself, or its admin's messenger is not run here
            return None
        try:
            message = await send_text(bot, chat_id, text)
        except TelegramError as exc:
            log.warning("could not tell admin chat %s: %s", chat_id, exc.message)
            return None
        return int(message.message_id)
