"""Benchmark: «📈 گزارش برنامه» for a year of a 5,000-member cluster. Seeds (in bulk, reproducibly) members
registered over the Jalali year 1405, 60 courses with seats, attendance and feedback, 10 exhibitions and
tours with documents, 12 surveys with responses, introductions, consortia, needs with their history, and
40 broadcasts of 5,000 deliveries each; then times the indicators for the whole year (the service the
chat and the dashboard call), the Persian text, the .xlsx and the charts. Target: indicators under 2 s.

    .venv/bin/python bench/programme.py                   # SQLite
    .venv/bin/python bench/programme.py --db postgresql
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jdatetime
from _shared import database
from sqlalchemy import insert, text

from bot.config import load_config
from bot.db import create_engine, create_sessionmaker
from bot.reports import programme as rp
from bot.reports import programme_charts as charts
from bot.services.programme import plan as pl
from bot.services.programme.indicators import programme_report
from bot.services.programme.period import between, day_start
from bot.texts import programme as t
from models import (
    Account,
    Broadcast,
    Consortium,
    Delivery,
    Event,
    ExhibitionDetails,
    Introduction,
    Member,
    MemberCategory,
    Need,
    NeedEvent,
    ParticipantDocument,
    PlanLine,
    Seat,
    Survey,
    SurveyResponse,
)

YEAR_START = day_start(jdatetime.date(1405, 1, 1))
NOW = day_start(jdatetime.date(1405, 12, 29))
CHUNK = 5_000


def moment(rng: random.Random) -> datetime:
    return YEAR_START + timedelta(seconds=rng.randrange(int((NOW - YEAR_START).total_seconds())))


async def bulk(conn: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), CHUNK):
        await conn.execute(insert(model), rows[i : i + CHUNK])


async def seed(url: str, count: int) -> None:
    rng = random.Random(17)
    config = load_config(env={})
    roles, places = [c.key for c in config.roles], [c.key for c in config.places]
    cats = [c.key for c in config.categories]
    engine = create_engine(url)
    ids = range(1, count + 1)
    made = {i: moment(rng) for i in ids}
    async with engine.begin() as conn:
        await bulk(
            conn,
            Member,
            [
                dict(
                    id=i,
                    full_name=f"عضو {i}",
                    phone=f"+98912{i:07d}",
                    role=rng.choice(roles),
                    place=rng.choice(places),
                    created_at=made[i],
                    updated_at=made[i],
                )
                for i in ids
            ],
        )
        await bulk(conn, MemberCategory, [dict(member_id=i, category=rng.choice(cats)) for i in ids])
        await bulk(
            conn,
            Account,
            [
                dict(
                    id=i,
                    member_id=i,
                    platform="telegram",
                    user_id=10_000 + i,
                    chat_id=10_000 + i,
                    is_reachable=rng.random() > 0.05,
                    created_at=made[i],
                    last_seen_at=made[i],
                )
                for i in ids
            ],
        )
        events, seats, details, docs = [], [], [], []
        for e in range(1, 71):
            kind = "course" if e <= 60 else ("tour" if e % 2 else "exhibition")
            starts = moment(rng)
            events.append(
                dict(
                    id=e,
                    kind=kind,
                    status="published",
                    title=f"برنامهٔ {e}",
                    starts_at=starts,
                    capacity=40,
                    segment={},
                    created_by=9000,
                    created_at=starts,
                    updated_at=starts,
                )
            )
            if kind != "course":
                details.append(
                    dict(
                        event_id=e,
                        trip_kind=kind,
                        city="شهر",
                        country="کشور",
                        documents=[{"key": "d1", "label": "گذرنامه"}, {"key": "d2", "label": "عکس"}],
                    )
                )
            for m in rng.sample(range(1, count + 1), 35):
                seats.append(
                    dict(
                        event_id=e,
                        member_id=m,
                        status=rng.choice(["registered"] * 5 + ["cancelled"]),
                        queued_at=starts,
                        attended=rng.choice([True, True, False, None]),
                        feedback_score=rng.choice([None, 3, 4, 5]),
                        created_at=starts,
                        updated_at=starts,
                    )
                )
                if kind != "course":
                    docs += [
                        dict(
                            event_id=e,
                            member_id=m,
                            doc_key=k,
                            file_kind="photo",
                            file_id="f",
                            received_at=starts,
                        )
                        for k in ("d1", "d2")[: rng.randint(0, 2)]
                    ]
        await bulk(conn, Event, events)
        await bulk(conn, ExhibitionDetails, details)
        await bulk(conn, Seat, seats)
        await bulk(conn, ParticipantDocument, docs)
        surveys, responses = [], []
        for sid in range(1, 13):
            opens = moment(rng)
            surveys.append(
                dict(
                    id=sid,
                    status="closed",
                    title=f"نظرسنجی {sid}",
                    definition={"questions": []},
                    segment={},
                    opens_at=opens,
                    closes_at=opens + timedelta(days=14),
                    invited=count,
                    created_by=9000,
                    created_at=opens,
                    updated_at=opens,
                )
            )
            for m in rng.sample(range(1, count + 1), 600):
                responses.append(
                    dict(
                        survey_id=sid,
                        member_id=m,
                        status=rng.choice(["completed", "in_progress"]),
                        history=[],
                        started_at=opens,
                        updated_at=opens,
                    )
                )
        await bulk(conn, Survey, surveys)
        await bulk(conn, SurveyResponse, responses)
        pairs = {(rng.randint(1, count), rng.randint(1, count)) for _ in range(2_000)}
        intros = []
        for a, b in pairs:
            at = moment(rng)
            status = rng.choice(["pending", "accepted", "declined"])
            intros.append(
                dict(
                    requester_id=a,
                    target_id=b,
                    status=status,
                    created_at=at,
                    answered_at=None if status == "pending" else at + timedelta(days=1),
                )
            )
        await bulk(conn, Introduction, intros)
        await bulk(
            conn,
            Consortium,
            [
                dict(
                    name=f"ک {i}",
                    market="iraq",
                    focus="cut",
                    stage=rng.choice(["forming", "agreed", "registered", "exporting"]),
                    created_by=9000,
                    created_at=moment(rng),
                    updated_at=NOW,
                )
                for i in range(12)
            ],
        )
        needs, need_events = [], []
        for n in range(1, 61):
            at = moment(rng)
            status = rng.choice(["identified", "searching", "solved", "dropped"])
            needs.append(
                dict(
                    id=n,
                    title=f"نیاز {n}",
                    category="cut",
                    status=status,
                    published=True,
                    created_by=9000,
                    created_at=at,
                    updated_at=at,
                )
            )
            need_events += [
                dict(need_id=n, status="identified", by_user_id=9000, at=at),
                dict(need_id=n, status=status, by_user_id=9000, at=at + timedelta(days=20)),
            ]
        await bulk(conn, Need, needs)
        await bulk(conn, NeedEvent, need_events)
        for b in range(1, 41):
            at = moment(rng)
            await conn.execute(
                insert(Broadcast),
                [
                    dict(
                        id=b,
                        status="done",
                        created_by=9000,
                        admin_chat_id=9000,
                        kind="text",
                        text_html="x",
                        segment={},
                        started_at=at,
                        created_at=at,
                        updated_at=at,
                    )
                ],
            )
            await bulk(
                conn,
                Delivery,
                [
                    dict(
                        broadcast_id=b,
                        member_id=i,
                        account_id=i,
                        messenger="telegram",
                        chat_id=10_000 + i,
                        status="sent" if rng.random() > 0.05 else "blocked",
                    )
                    for i in ids
                ],
            )
        await conn.execute(
            insert(PlanLine),
            [
                dict(
                    year=1405,
                    indicator=s.indicator,
                    target=s.target,
                    label=s.label,
                    created_by=9000,
                    created_at=NOW,
                )
                for s in pl.parse_plan(t.SAMPLE_PLAN.encode()).lines
            ],
        )
        if engine.dialect.name == "postgresql":
            for table in ("members", "accounts", "events", "surveys", "needs", "broadcasts"):
                await conn.execute(text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))
            await conn.execute(text("ANALYZE"))
    await engine.dispose()


async def run(count: int, db: str, url: str) -> None:
    config = load_config(env={})
    started = time.perf_counter()
    await seed(url, count)
    print(f"seeded {count:,} members and a year of activity on {db} in {time.perf_counter() - started:.1f}s")
    engine = create_engine(url)
    sessionmaker = create_sessionmaker(engine)
    year = between(jdatetime.date(1405, 1, 1), jdatetime.date(1405, 12, 29), "year")
    for attempt in ("cold", "warm"):
        started = time.perf_counter()
        async with sessionmaker() as session:
            report = await programme_report(session, year, now=NOW)
        took = time.perf_counter() - started
        print(f"  indicators for the year ({attempt}): {took * 1000:.0f} ms  [target < 2,000 ms]")
    started = time.perf_counter()
    summary = rp.summary_text(report, config)
    print(f"  Persian text: {(time.perf_counter() - started) * 1000:.0f} ms ({len(summary):,} characters)")
    started = time.perf_counter()
    book = rp.workbook(report, config)
    print(f"  .xlsx: {(time.perf_counter() - started) * 1000:.0f} ms ({len(book):,} bytes)")
    for attempt in ("first, loads matplotlib", "again"):
        started = time.perf_counter()
        pngs = charts.charts(report)
        print(f"  charts ({attempt}): {(time.perf_counter() - started) * 1000:.0f} ms ({len(pngs)} PNGs)")
    print(
        f"  members {report.members.total:,}, courses held {report.courses.held}, "
        f"seats {report.courses.seats:,}, broadcast reach {report.broadcast_reach:,}, "
        f"survey response rate {report.values['survey_response_rate']}%"
    )
    await engine.dispose()


async def main(count: int, db: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="khooshe-bench-"))
    try:
        async with database(db, tmp) as url:
            await run(count, db, url)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    asyncio.run(main(args.members, args.db))
