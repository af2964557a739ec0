"""The audit log on SQLite and PostgreSQL: each family of admin actions records one entry with the right
actor and object, in the action's transaction; no phone number is ever stored; reading is for admins only."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.audit import export, log
from bot.services.broadcasts import lifecycle as bc
from bot.services.common import audit
from bot.services.common.admins import add_admin
from bot.services.common.errors import NotAllowed, StaleAction
from bot.services.consortium import consortia as cs
from bot.services.consortium import export as cns_export
from bot.services.courses import admin as ca
from bot.services.courses import roster
from bot.services.courses import seats as en
from bot.services.exhibitions import admin as xa
from bot.services.exhibitions import export as xe
from bot.services.members.accounts import Identity
from bot.services.needs import needs as nd
from bot.services.surveys import admin as sv
from bot.services.surveys import results as sr
from bot.texts import audit as t
from models import AuditEntry, Member
from models.enums import BroadcastKind
from tests.factories import NOW, add_member

SM = async_sessionmaker[AsyncSession]
ADMIN = Identity("telegram", 9000, 9000, name="Maryam")
PHONE = "09121234567"
DIGIT_RUN = re.compile(r"[0-9۰-۹٠-٩]{7,}")


async def entries(sm: SM) -> list[tuple[str, str, int | None, int]]:
    async with sm() as s:
        rows = (await s.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
    return [(e.action, e.object_kind, e.object_id, e.actor_user_id) for e in rows]


async def new_course(sm: SM, config: Config, title: str = "کشت بدون خاک") -> int:
    values = {"title": title, "starts_at": NOW + timedelta(days=7), "capacity": 2}
    async with sm.begin() as s:
        return (await ca.create_draft(s, ADMIN, config, values, now=NOW)).id


async def test_a_course_life_records_each_admin_action_once(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker.begin() as s:
        await add_member(s, 100)
    course = await new_course(sessionmaker, config)
    steps = [
        lambda s: ca.publish(s, ADMIN, config, course, announce=False, now=NOW),
        lambda s: ca.set_field(s, ADMIN, config, course, "capacity", "5", now=NOW),
        lambda s: ca.reschedule(s, ADMIN, config, course, "۱۴۰۵/۰۹/۲۰ ۱۰:۰۰", now=NOW),
        lambda s: ca.close_sign_up(s, ADMIN, config, course, now=NOW),
        lambda s: ca.reopen_sign_up(s, ADMIN, config, course, now=NOW),
        lambda s: roster.roster(s, ADMIN, config, course, now=NOW),
        lambda s: roster.export(s, ADMIN, config, course, fmt="csv", now=NOW),
        lambda s: ca.cancel(s, ADMIN, config, course, now=NOW),
    ]
    for step in steps:
        async with sessionmaker.begin() as s:
            await step(s)
    actions = [(a, k, i) for a, k, i, _ in await entries(sessionmaker)]
    assert actions == [
        ("create", "course", course),
        ("publish", "course", course),
        ("edit", "course", course),
        ("reschedule", "course", course),
        ("status_changed", "course", course),
        ("status_changed", "course", course),
        ("member_data_viewed", "course", course),
        ("export", "course", course),
        ("cancel", "course", course),
    ]
    async with sessionmaker() as s:
        first = (await s.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().first()
    assert first is not None
    assert (first.actor_platform, first.actor_user_id, first.actor_name) == ("telegram", 9000, "Maryam")
    assert first.at == NOW and first.summary == "کشت بدون خاک"


async def test_a_refused_action_records_nothing(sessionmaker: SM, config: Config) -> None:
    course = await new_course(sessionmaker, config)
    grower = Identity("telegram", 100, 100)
    with pytest.raises(NotAllowed):
        async with sessionmaker.begin() as s:
            await roster.export(s, grower, config, course, now=NOW)
    with pytest.raises(StaleAction):  # a forged id: a course that does not exist
        async with sessionmaker.begin() as s:
            await ca.publish(s, ADMIN, config, course + 99, announce=False, now=NOW)
    assert [a for a, *_ in await entries(sessionmaker)] == ["create"]


async def test_the_other_families_record_their_object(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker.begin() as s:
        for uid in (1, 2):
            await add_member(s, uid)
        values = {"trip_kind": "domestic", "title": "جشنواره", "city": "محلات", "country": "ایران",
                  "starts_at": NOW + timedelta(days=9), "segment": {}}  # fmt: skip
        trip = (await xa.create_draft(s, ADMIN, config, values, now=NOW)).id
        await xa.publish(s, ADMIN, config, trip, announce=False, now=NOW)
        await xe.responses(s, ADMIN, config, trip, fmt="xlsx", now=NOW)
        survey = (await sv.create_shipped(s, ADMIN, config, now=NOW)).id
        await sv.toggle_segment(s, ADMIN, config, survey, "c", "cut", now=NOW)
        await sv.launch(s, ADMIN, config, survey, due_at=None, now=NOW)
        await sr.export(s, ADMIN, config, survey, fmt="xlsx", now=NOW)
        await sr.results(s, ADMIN, config, survey, now=NOW)  # named answers: member data viewed
        group = (await cs.create(s, ADMIN, config, name="رز محلات", market="iraq", focus="cut", now=NOW)).id
        await cns_export.roster_rows(s, ADMIN, config, group, fmt="csv", now=NOW)
        need = (
            await nd.create(s, ADMIN, config, title="آفت رز", category="cut", description=None, now=NOW)
        ).id
        await nd.set_published(s, ADMIN, config, need, False, now=NOW)
        await nd.roster(s, ADMIN, config, need, now=NOW)
        draft = await bc.create_draft(s, ADMIN, config, bc.Content(BroadcastKind.TEXT, "سلام"), now=NOW)
        await bc.schedule(s, ADMIN, config, draft.id, due_at=NOW + timedelta(days=1), now=NOW)
        await add_admin(s, platform="telegram", user_id=7_000_000_001, now=NOW)
    got = await entries(sessionmaker)
    launch_broadcast = [i for a, k, i, _ in got if k == "broadcast" and a == "broadcast_sent"]
    assert len(launch_broadcast) == 1  # the survey's invitation, sent now through the engine
    mine = [(a, k, i) for a, k, i, _ in got if k != "broadcast"]
    assert mine == [
        ("create", "exhibition", trip),
        ("publish", "exhibition", trip),
        ("export", "exhibition", trip),
        ("create", "survey", survey),
        ("publish", "survey", survey),
        ("export", "survey", survey),
        ("member_data_viewed", "survey", survey),
        ("create", "consortium", group),
        ("export", "consortium", group),
        ("create", "need", need),
        ("publish", "need", need),
        ("member_data_viewed", "need", need),
        ("admin_added", "admin", 7_000_000_001),
    ]
    assert ("broadcast_scheduled", "broadcast", draft.id, 9000) in got
    assert got[-1][3] == 0  # `khooshe admin add`: the command line, no user


async def test_no_phone_number_is_ever_stored(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker.begin() as s:
        member = await add_member(s, 9000)  # the admin is also a member; their name holds a number
        member.full_name = f"مریم {PHONE}"
        phones = [(await add_member(s, uid)).phone for uid in (1, 2)]
    course = await new_course(sessionmaker, config, f"دوره؛ هماهنگی با {PHONE} یا +98 935 111 2233")
    async with sessionmaker.begin() as s:
        await ca.publish(s, ADMIN, config, course, announce=False, now=NOW)
        await en.sign_up(s, event_id=course, member_id=1, now=NOW)
        await roster.export(s, ADMIN, config, course, now=NOW)
        text = f"تماس: {phones[0]} و ۰۹۱۲۱۲۳۴۵۶۷"
        draft = await bc.create_draft(s, ADMIN, config, bc.Content(BroadcastKind.TEXT, text), now=NOW)
        await bc.schedule(s, ADMIN, config, draft.id, due_at=None, now=NOW)
    async with sessionmaker() as s:
        rows = (await s.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars().all()
        members = (await s.execute(select(Member.phone))).scalars().all()
    assert [e.action for e in rows] == ["create", "publish", "export", "broadcast_sent"]
    stored = " ".join(f"{e.actor_name} {e.summary}" for e in rows)
    assert DIGIT_RUN.search(stored) is None, stored
    for phone in [*phones, *members]:
        assert phone[-7:] not in stored
    assert audit.PHONE_MARK in rows[0].summary and rows[0].actor_name == f"مریم {audit.PHONE_MARK}"


async def test_reading_pages_histories_and_the_file(sessionmaker: SM, config: Config) -> None:
    courses = [await new_course(sessionmaker, config, f"دوره {i}") for i in range(12)]
    async with sessionmaker.begin() as s:
        await ca.publish(s, ADMIN, config, courses[0], announce=False, now=NOW + timedelta(minutes=5))
    async with sessionmaker() as s:
        first = await log.latest(s, ADMIN, config)
        second = await log.latest(s, ADMIN, config, page=1)
        history = await log.of_object(s, ADMIN, config, "course", courses[0])
        with pytest.raises(StaleAction):
            await log.latest(s, ADMIN, config, page=2)
        with pytest.raises(StaleAction):
            await log.of_object(s, ADMIN, config, "nonsense", courses[0])
        with pytest.raises(NotAllowed):
            await log.latest(s, Identity("telegram", 100, 100), config)
    assert (first.total, first.pages, len(first.entries), len(second.entries)) == (13, 2, 10, 3)
    assert first.entries[0].action == "publish"  # newest first
    assert [e.action for e in history.entries] == ["publish", "create"]
    async with sessionmaker.begin() as s:
        rows = await log.for_export(s, ADMIN, config, now=NOW)
    labels = export.Labels(t.EXPORT_SHEET, t.EXPORT_HEADERS, t.ACTIONS, t.KINDS, t.COMMAND_LINE)
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(rows, labels))).active
    assert sheet is not None and sheet.sheet_view.rightToLeft
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == list(t.EXPORT_HEADERS) and len(values) == 1 + 13 + 1  # its own export last
    assert values[1] == ["۱۴۰۵/۰۹/۰۵ ۱۱:۳۰", "Maryam", "۹۰۰۰", "ساخت", "دوره", f"{courses[0]}".translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")), "دوره 0"]  # fmt: skip
    assert values[-1][3:5] == ["دریافت فایل", "گزارش کارها"]  # the export is recorded too


async def test_an_anonymous_surveys_results_are_not_member_data(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker.begin() as s:
        survey = (await sv.create_shipped(s, ADMIN, config, now=NOW)).id
        await sv.toggle_anonymous(s, ADMIN, config, survey, now=NOW)
        await sr.results(s, ADMIN, config, survey, now=NOW)
    assert [(a, k, i) for a, k, i, _ in await entries(sessionmaker)] == [
        ("create", "survey", survey),
        ("edit", "survey", survey),
    ]
