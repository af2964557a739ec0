"""The CDA's course services on SQLite and PostgreSQL: the creation conversation, publish (and announce),
edits, reschedule, close/reopen, cancel, and refusals for non-admins and stale presses."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.persian import PersianInputError
from bot.services.common import guided_form as gf
from bot.services.common.conversations import state_of
from bot.services.common.errors import DomainError, InvalidInput, NotAllowed, StaleAction
from bot.services.courses import admin as ca
from bot.services.courses import admin_flow as flow
from bot.services.courses import fields as cf
from bot.services.courses import seats as en
from bot.services.members.accounts import Identity
from models import Broadcast, Event, Member, Seat
from tests.factories import NOW, add_member

SM = async_sessionmaker[AsyncSession]
TEHRAN = ZoneInfo("Asia/Tehran")
ADMIN = Identity("telegram", 9000, 9000)
START = datetime(2026, 12, 2, 10, 30, tzinfo=TEHRAN)  # ۱۴۰۵/۰۹/۱۱ ۱۰:۳۰


async def members(sm: SM, specs: list[tuple[int, tuple[str, ...]]]) -> list[int]:
    async with sm.begin() as s:
        return [(await add_member(s, uid, categories=cats)).id for uid, cats in specs]


async def token(s: AsyncSession) -> str:
    """The token the buttons of the caller's current step carry."""
    state = await state_of(s, ADMIN)
    return gf.step_token(state) if state is not None else ""


async def say(sm: SM, text: str | None, config: Config, *, skip: bool = False) -> flow.FlowResult:
    async with sm.begin() as s:
        if skip:
            return await flow.skip(s, ADMIN, config, 0, await token(s), now=NOW)
        return await flow.receive(s, ADMIN, config, text, text, now=NOW)


async def draft(
    sm: SM, config: Config, *, capacity: str | None = "۲", categories: tuple[str, ...] = ("cut",)
) -> int:
    """The whole creation conversation, Persian digits and all; returns the draft's id."""
    async with sm.begin() as s:
        assert (await flow.begin(s, ADMIN, config, now=NOW)).step == "title"
    await say(sm, "کشت  بدون خاک", config)
    await say(sm, "آشنایی با کوکوپیت\nو پرلیت", config)
    assert (await say(sm, None, config, skip=True)).step == "starts_at"  # no instructor
    await say(sm, "۱۴۰۵/۰۹/۱۱ ۱۰:۳۰", config)
    await say(sm, "۳ جلسه، هر جلسه ۲ ساعت", config)
    await say(sm, "سالن شهرک گلخانه‌ای", config)
    await (say(sm, capacity, config) if capacity else say(sm, None, config, skip=True))
    result = await say(sm, "۱۴۰۵/۰۹/۱۰", config)  # a date only: the end of that day
    assert result.kind == "targets"
    async with sm.begin() as s:
        for key in categories:
            await flow.toggle(s, ADMIN, config, 0, "c", key, token=await token(s), now=NOW)
        preview = await flow.targets_done(s, ADMIN, config, 0, token=await token(s), now=NOW)
    assert preview.kind == "preview" and preview.summary is not None
    return preview.event_id


async def broadcasts(sm: SM) -> list[Broadcast]:
    async with sm() as s:
        return list((await s.execute(select(Broadcast).order_by(Broadcast.id))).scalars())


async def event_of(sm: SM, event_id: int) -> Event:
    async with sm() as s:
        event = await s.get(Event, event_id)
        assert event is not None
        return event


async def test_conversation_makes_a_draft_with_every_field(sessionmaker: SM, config: Config) -> None:
    await members(sessionmaker, [(11, ("cut",)), (12, ("potted",))])
    event_id = await draft(sessionmaker, config)
    e = await event_of(sessionmaker, event_id)
    assert (e.kind, e.status, e.title, e.description) == (
        "course",
        "draft",
        "کشت بدون خاک",
        "آشنایی با کوکوپیت\nو پرلیت",
    )
    assert (e.instructor, e.sessions, e.place, e.online_link) == (
        None,
        "3 جلسه، هر جلسه 2 ساعت",  # stored normalised (ASCII digits); shown with Persian ones
        "سالن شهرک گلخانه‌ای",
        None,
    )
    assert (e.starts_at, e.capacity, e.created_by) == (START, 2, 9000)
    assert e.registration_deadline == datetime(2026, 12, 1, 23, 59, tzinfo=TEHRAN)
    assert e.segment == {"categories": ["cut"]}
    async with sessionmaker() as s:
        assert (await ca.summary(s, ADMIN, config, event_id)).audience == 1
        assert await flow.current_step(s, ADMIN) is None  # the conversation ended with the draft


@pytest.mark.parametrize(
    ("step_answers", "bad", "code"),
    [
        (0, "   ", "title_empty"),
        (3, "۱۴۰۵/۰۷/۳۱ ۱۰:۰۰", "no_such_day"),
        (3, "شنبه ۱۱ آذر ۱۴۰۵ ساعت ۱۰", "wrong_weekday"),
        (3, "2026/12/02 10:30", "gregorian"),
        (3, "۱۴۰۵/۰۹/۰۱ ۱۰:۰۰", "starts_in_past"),
        (3, "۱۴۰۵/۰۹/۱۱", "time_missing"),
        (5, "ftp://example.com/x", "bad_link"),
        (6, "۰", "capacity_not_positive"),
        (6, "سی نفر", "capacity_not_positive"),
        (7, "۱۴۰۵/۰۹/۱۲ ۱۰:۰۰", "deadline_after_start"),
    ],
)
async def test_bad_answers_keep_the_step(
    sessionmaker: SM, config: Config, step_answers: int, bad: str, code: str
) -> None:
    good = ["دورهٔ آزمایشی", "توضیح", "مدرس", "۱۴۰۵/۰۹/۱۱ ۱۰:۳۰", "۲ ساعت", "محلات", "۱۰"]
    async with sessionmaker.begin() as s:
        await flow.begin(s, ADMIN, config, now=NOW)
    for answer in good[:step_answers]:
        await say(sessionmaker, answer, config)
    with pytest.raises((DomainError, PersianInputError)) as caught:
        await say(sessionmaker, bad, config)
    assert getattr(caught.value, "code", None) == code
    async with sessionmaker() as s:
        assert await flow.current_step(s, ADMIN) == cf.FIELDS[step_answers]


async def test_online_link_and_skips(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker.begin() as s:
        await flow.begin(s, ADMIN, config, now=NOW)
        with pytest.raises(StaleAction):
            await flow.skip(s, ADMIN, config, 0, await token(s), now=NOW)  # the title is not optional
    for answer in (
        "وبینار آبیاری",
        None,
        None,
        "1405-9-11 18:00",
        None,
        "https://meet.example.com/x",
        None,
        None,
    ):
        await say(sessionmaker, answer, config, skip=answer is None)
    async with sessionmaker.begin() as s:
        done = await token(s)
        event_id = (await flow.targets_done(s, ADMIN, config, 0, token=done, now=NOW)).event_id
        with pytest.raises(StaleAction):  # a second «ادامه ←» makes no second draft
            await flow.targets_done(s, ADMIN, config, 0, token=done, now=NOW)
    e = await event_of(sessionmaker, event_id)
    assert (e.place, e.online_link, e.capacity, e.registration_deadline, e.segment) == (
        None, "https://meet.example.com/x", None, None, {},
    )  # fmt: skip


async def test_publish_announces_to_matching_members(sessionmaker: SM, config: Config) -> None:
    cut_a, cut_b, potted = await members(
        sessionmaker, [(11, ("cut",)), (12, ("cut", "bulb")), (13, ("potted",))]
    )
    event_id = await draft(sessionmaker, config)
    async with sessionmaker.begin() as s:
        change = await ca.publish(s, ADMIN, config, event_id, announce=True, now=NOW)
    assert (change.told, change.summary.event.status) == (2, "published")
    [b] = await broadcasts(sessionmaker)
    assert (b.id, b.status, b.segment, b.created_by, b.due_at) == (
        change.broadcast_id,
        "scheduled",
        {"categories": ["cut"]},
        9000,
        NOW,
    )
    assert b.buttons == [{"text": "مشاهده و ثبت‌نام", "callback_data": f"crs:open:{event_id}"}]
    assert "کشت بدون خاک" in (b.text_html or "") and "چهارشنبه ۱۱ آذر ۱۴۰۵، ساعت ۱۰:۳۰" in (b.text_html or "")
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):  # a double press publishes (and announces) once
            await ca.publish(s, ADMIN, config, event_id, announce=True, now=NOW)
    async with sessionmaker.begin() as s:
        assert (await en.sign_up(s, event_id=event_id, member_id=potted, now=NOW)).status == "registered"

    quiet = await draft(sessionmaker, config, categories=("pots",))  # nobody grows pots
    async with sessionmaker.begin() as s:
        change = await ca.publish(s, ADMIN, config, quiet, announce=True, now=NOW)
    assert change.broadcast_id is None and change.told == 0 and len(await broadcasts(sessionmaker)) == 1
    assert {cut_a, cut_b}  # both were in the first announcement's audience


async def test_edit_reschedule_close_cancel(sessionmaker: SM, config: Config) -> None:
    ids = await members(sessionmaker, [(20 + i, ("cut",)) for i in range(5)])
    event_id = await draft(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await ca.publish(s, ADMIN, config, event_id, announce=False, now=NOW)
    async with sessionmaker.begin() as s:
        for m in ids[:4]:
            await en.sign_up(s, event_id=event_id, member_id=m, now=NOW)  # 2 registered, 2 waitlisted
    assert await broadcasts(sessionmaker) == []

    async with sessionmaker.begin() as s:
        await ca.set_field(s, ADMIN, config, event_id, "title", "کشت بدون خاک (پیشرفته)", now=NOW)
        with pytest.raises(ca.CapacityBelowTaken) as low:
            await ca.set_field(s, ADMIN, config, event_id, "capacity", "1", now=NOW)
        assert low.value.taken == 2
        with pytest.raises(StaleAction):  # a live course moves only by reschedule (members are told)
            await ca.set_field(s, ADMIN, config, event_id, "starts_at", "۱۴۰۵/۰۹/۱۲ ۱۰:۳۰", now=NOW)
        change = await ca.set_field(s, ADMIN, config, event_id, "capacity", "۳", now=NOW)
    assert change.offers == 1 and change.summary.counts == {"registered": 2, "offered": 1, "waitlisted": 1}
    [offer] = await broadcasts(sessionmaker)
    assert offer.segment == {"members": [str(ids[2])]}

    new_start = "۱۴۰۵/۰۹/۰۸ ۰۹:۰۰"  # earlier than the deadline (۱۰ آذر): the deadline goes
    for _ in range(2):
        async with sessionmaker.begin() as s:
            change = await ca.reschedule(s, ADMIN, config, event_id, new_start, now=NOW)
    e = await event_of(sessionmaker, event_id)
    assert e.starts_at == datetime(2026, 11, 29, 9, 0, tzinfo=TEHRAN) and e.registration_deadline is None
    resched = [
        b for b in await broadcasts(sessionmaker) if (b.origin or "").startswith(f"course:{event_id}:resched")
    ]
    assert len(resched) == 1 and resched[0].segment == {"members": sorted(str(m) for m in ids[:2])}
    assert "شنبه ۸ آذر ۱۴۰۵، ساعت ۰۹:۰۰" in (resched[0].text_html or "")
    assert "(پیشرفته)" in (resched[0].text_html or "")

    async with sessionmaker.begin() as s:
        await ca.close_sign_up(s, ADMIN, config, event_id, now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(en.SignUpRefused, match="registration_closed"):
            await en.sign_up(s, event_id=event_id, member_id=ids[4], now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):
            await ca.close_sign_up(s, ADMIN, config, event_id, now=NOW)  # already closed
        await ca.reopen_sign_up(s, ADMIN, config, event_id, now=NOW)

    async with sessionmaker.begin() as s:
        assert await ca.to_be_told_on_cancel(s, ADMIN, config, event_id) == 4
        change = await ca.cancel(s, ADMIN, config, event_id, now=NOW)
    assert change.told == 4 and change.summary.event.status == "cancelled"
    [told] = [b for b in await broadcasts(sessionmaker) if b.origin == f"course:{event_id}:cancel"]
    assert told.segment == {"members": sorted(str(m) for m in ids[:4])}  # registered, offered, waitlisted
    async with sessionmaker.begin() as s:
        with pytest.raises(en.SignUpRefused, match="event_cancelled"):
            await en.sign_up(s, event_id=event_id, member_id=ids[4], now=NOW)
        with pytest.raises(StaleAction):
            await ca.cancel(s, ADMIN, config, event_id, now=NOW)
        with pytest.raises(StaleAction):
            await ca.reschedule(s, ADMIN, config, event_id, "۱۴۰۵/۰۹/۲۰ ۰۹:۰۰", now=NOW)


async def test_edit_conversation_and_unlimited_capacity_offers_everyone(
    sessionmaker: SM, config: Config
) -> None:
    ids = await members(sessionmaker, [(30 + i, ("cut",)) for i in range(4)])
    event_id = await draft(sessionmaker, config, capacity="۱")
    async with sessionmaker.begin() as s:
        await ca.publish(s, ADMIN, config, event_id, announce=False, now=NOW)
        for m in ids:
            await en.sign_up(s, event_id=event_id, member_id=m, now=NOW)
    async with sessionmaker.begin() as s:
        asked = await flow.start_edit(s, ADMIN, config, event_id, "capacity", now=NOW)
    assert (asked.kind, asked.step) == ("ask", "capacity")
    async with sessionmaker.begin() as s:
        edited = await flow.skip(s, ADMIN, config, event_id, asked.token, now=NOW)  # «رد شدن»: no limit
    assert edited.change is not None and edited.change.offers == 3
    assert (await event_of(sessionmaker, event_id)).capacity is None
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="use_reschedule"):
            await flow.start_edit(s, ADMIN, config, event_id, "starts_at", now=NOW)
        with pytest.raises(StaleAction):
            await flow.start_edit(s, ADMIN, config, event_id, "created_by", now=NOW)
        targets = await flow.toggle(s, ADMIN, config, event_id, "p", "nimvar", now=NOW)
    assert targets.segment == {"categories": ["cut"], "places": ["nimvar"]} and targets.audience == 0


async def test_discard_and_publish_refusals(sessionmaker: SM, config: Config) -> None:
    event_id = await draft(sessionmaker, config)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="starts_in_past"):
            await ca.publish(s, ADMIN, config, event_id, announce=False, now=START + timedelta(hours=1))
    async with sessionmaker.begin() as s:
        assert await ca.discard_draft(s, ADMIN, config, event_id) == "کشت بدون خاک"
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):
            await ca.publish(s, ADMIN, config, event_id, announce=False, now=NOW)
        with pytest.raises(StaleAction):
            await ca.summary(s, ADMIN, config, 424242)


async def test_non_admin_is_refused_everywhere(sessionmaker: SM, config: Config) -> None:
    [member_id] = await members(sessionmaker, [(41, ("cut",))])
    event_id = await draft(sessionmaker, config)
    grower = Identity("telegram", 41, 41)
    calls = [
        lambda s: flow.begin(s, grower, config, now=NOW),
        lambda s: flow.toggle(s, grower, config, event_id, "c", "cut", now=NOW),
        lambda s: flow.targets_done(s, grower, config, event_id, now=NOW),
        lambda s: flow.start_edit(s, grower, config, event_id, "title", now=NOW),
        lambda s: flow.start_reschedule(s, grower, config, event_id, now=NOW),
        lambda s: flow.start_message(s, grower, config, event_id, "reg", now=NOW),
        lambda s: flow.receive(s, grower, config, "x", "x", now=NOW),
        lambda s: ca.list_courses(s, grower, config, now=NOW),
        lambda s: ca.summary(s, grower, config, event_id),
        lambda s: ca.publish(s, grower, config, event_id, announce=True, now=NOW),
        lambda s: ca.set_field(s, grower, config, event_id, "title", "x", now=NOW),
        lambda s: ca.toggle_target(s, grower, config, event_id, "c", "cut", now=NOW),
        lambda s: ca.discard_draft(s, grower, config, event_id),
        lambda s: ca.reschedule(s, grower, config, event_id, "۱۴۰۵/۰۹/۱۲ ۱۰:۰۰", now=NOW),
        lambda s: ca.close_sign_up(s, grower, config, event_id, now=NOW),
        lambda s: ca.cancel(s, grower, config, event_id, now=NOW),
    ]
    for call in calls:
        async with sessionmaker.begin() as s:
            with pytest.raises(NotAllowed):
                await call(s)
    e = await event_of(sessionmaker, event_id)
    assert (e.status, e.title, e.segment) == ("draft", "کشت بدون خاک", {"categories": ["cut"]})
    assert await broadcasts(sessionmaker) == []
    async with sessionmaker() as s:
        assert (await s.execute(select(Seat))).first() is None
        assert await s.get(Member, member_id) is not None


async def test_the_date_picker_answers_only_the_date_question_it_was_shown_under(
    sessionmaker: SM, config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await flow.begin(s, ADMIN, config, now=NOW)
    await say(sessionmaker, "دورهٔ آزمایشی", config)
    async with sessionmaker() as s:
        description = await token(s)
    with pytest.raises(StaleAction):  # the picker belongs to date questions only
        async with sessionmaker.begin() as s:
            await flow.pick_check(s, ADMIN, config, 0, description)
    await say(sessionmaker, None, config, skip=True)
    await say(sessionmaker, None, config, skip=True)
    async with sessionmaker() as s:
        start = await token(s)
        assert await flow.pick_check(s, ADMIN, config, 0, start) == "starts_at"
    for wrong in ("", description, "000000"):
        with pytest.raises(StaleAction):
            async with sessionmaker.begin() as s:
                await flow.pick(s, ADMIN, config, 0, wrong, "۱۴۰۵/۰۹/۱۱ ۱۰:۳۰", now=NOW)
    with pytest.raises(InvalidInput, match="starts_in_past"):  # a picker shown days ago
        async with sessionmaker.begin() as s:
            await flow.pick(s, ADMIN, config, 0, start, "۱۴۰۵/۰۹/۰۱ ۱۰:۰۰", now=NOW)
    async with sessionmaker.begin() as s:
        r = await flow.pick(s, ADMIN, config, 0, start, "۱۴۰۵/۰۹/۱۱ ۱۰:۳۰", now=NOW)
    assert (r.step, r.values["starts_at"]) == ("sessions", START)
    with pytest.raises(StaleAction):  # answered: the same picker is stale now
        async with sessionmaker.begin() as s:
            await flow.pick(s, ADMIN, config, 0, start, "۱۴۰۵/۰۹/۱۲ ۱۰:۳۰", now=NOW)
