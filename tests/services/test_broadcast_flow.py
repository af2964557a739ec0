"""The CDA's broadcast conversation service on SQLite and PostgreSQL: steps, stale presses, rights."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.persian import PersianInputError
from bot.services.broadcasts import flow, manage
from bot.services.common.conversations import get_state
from bot.services.common.errors import InvalidInput, NotAllowed, StaleAction
from bot.services.members.accounts import Identity, find_account
from models import Broadcast
from models.enums import BroadcastStatus
from tests.factories import NOW, add_member

CDA = Identity("telegram", 9000, 9000)
GROWER = Identity("telegram", 11, 11)
TEHRAN = ZoneInfo("Asia/Tehran")
SM = async_sessionmaker[AsyncSession]


def text(value: str) -> flow.Incoming:
    return flow.Incoming("text", value, value)


async def step_of(sm: SM, who: Identity = CDA) -> str | None:
    async with sm() as s:
        account = await find_account(s, who)
        state = await get_state(s, account.id) if account else None
        return state.step if state else None


async def to_preview(sm: SM, config: Config) -> int:
    async with sm.begin() as s:
        await flow.begin(s, CDA, config, now=NOW)
        b_id = (await flow.receive(s, CDA, config, text("<b>سلام</b>"), now=NOW)).broadcast.id
        await flow.press(s, CDA, config, "nobtn", b_id, "", now=NOW)
        result = await flow.press(s, CDA, config, "tg", b_id, "roles:grower", now=NOW)
        assert result.audience == 2
        assert (await flow.press(s, CDA, config, "next", b_id, "", now=NOW)).step == flow.PREVIEW
    return b_id


@pytest.fixture
async def members(sessionmaker: SM) -> None:
    async with sessionmaker.begin() as s:
        await add_member(s, 11, role="grower")
        await add_member(s, 12, role="grower")
        await add_member(s, 13, role="trader")


@pytest.mark.usefixtures("members")
async def test_compose_then_schedule_with_a_jalali_time(sessionmaker: SM, config: Config) -> None:
    b_id = await to_preview(sessionmaker, config)
    async with sessionmaker.begin() as s:
        assert (await flow.press(s, CDA, config, "when", b_id, "", now=NOW)).step == flow.SCHEDULE_AT
    async with sessionmaker.begin() as s:
        with pytest.raises(PersianInputError):
            await flow.receive(s, CDA, config, text("۱۴۰۵/۰۷/۳۱ ۱۰:۰۰"), now=NOW)
    assert await step_of(sessionmaker) == flow.SCHEDULE_AT  # the bad time changed nothing
    async with sessionmaker.begin() as s:
        result = await flow.receive(s, CDA, config, text("۱۴۰۵/۰۹/۰۵ ۲۳:۰۰"), now=NOW)
    assert result.wanted == datetime(2026, 11, 26, 23, 0, tzinfo=TEHRAN)
    assert result.starts_at == datetime(2026, 11, 27, 7, 0, tzinfo=TEHRAN)  # after quiet hours
    assert result.broadcast.status == BroadcastStatus.SCHEDULED and result.audience == 2
    assert await step_of(sessionmaker) is None
    async with sessionmaker.begin() as s:  # the old controls are dead: no second schedule
        with pytest.raises(StaleAction):
            await flow.press(s, CDA, config, "now", b_id, "", now=NOW)


@pytest.mark.usefixtures("members")
async def test_bad_inputs_keep_the_step(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker.begin() as s:
        await flow.begin(s, CDA, config, now=NOW)
    for incoming, code in (
        (flow.Incoming("unsupported"), "bcast_unsupported"),
        (text("  "), "empty"),
    ):
        async with sessionmaker.begin() as s:
            with pytest.raises(InvalidInput, match=code):
                await flow.receive(s, CDA, config, incoming, now=NOW)
    async with sessionmaker.begin() as s:
        photo = flow.Incoming("photo", None, None, "FILE-1")
        b_id = (await flow.receive(s, CDA, config, photo, now=NOW)).broadcast.id
    for line, code in (("بدون لینک", "bcast_bad_button"), ("x | ftp://a", "bcast_bad_button")):
        async with sessionmaker.begin() as s:
            with pytest.raises(InvalidInput, match=code):
                await flow.receive(s, CDA, config, text(line), now=NOW)
    assert await step_of(sessionmaker) == flow.BUTTONS
    async with sessionmaker.begin() as s:
        result = await flow.receive(s, CDA, config, text("سایت | https://example.com"), now=NOW)
        assert result.step == flow.AUDIENCE and result.broadcast.buttons[0]["url"] == "https://example.com"
        await flow.press(s, CDA, config, "tg", b_id, "roles:supplier", now=NOW)
        with pytest.raises(InvalidInput, match="bcast_no_audience"):
            await flow.press(s, CDA, config, "next", b_id, "", now=NOW)
        with pytest.raises(InvalidInput, match="unknown_choice"):
            await flow.press(s, CDA, config, "tg", b_id, "planets:mars", now=NOW)
        with pytest.raises(InvalidInput, match="use_buttons"):
            await flow.receive(s, CDA, config, text("سلام"), now=NOW)
        with pytest.raises(StaleAction):  # a preview control before the preview
            await flow.press(s, CDA, config, "now", b_id, "", now=NOW)


@pytest.mark.usefixtures("members")
async def test_non_admin_and_left_behind_drafts_change_nothing(sessionmaker: SM, config: Config) -> None:
    b_id = await to_preview(sessionmaker, config)
    async with sessionmaker.begin() as s:
        with pytest.raises(NotAllowed):
            await flow.begin(s, GROWER, config, now=NOW)
        for action, arg in (("now", ""), ("drop", ""), ("tg", "roles:trader"), ("urg", "")):
            with pytest.raises(NotAllowed):
                await flow.press(s, GROWER, config, action, b_id, arg, now=NOW)
        for action in manage.ACTIONS:
            with pytest.raises(NotAllowed):
                await manage.manage(s, GROWER, config, action, b_id, now=NOW)
        with pytest.raises(NotAllowed):
            await manage.ask_reschedule(s, GROWER, config, b_id, now=NOW)
    async with sessionmaker.begin() as s:  # /cancel, then a press on the old preview controls
        await flow.leave(s, CDA)
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):
            await flow.press(s, CDA, config, "now", b_id, "", now=NOW)
        with pytest.raises(StaleAction):  # the management screen never cancels a draft either
            await manage.manage(s, CDA, config, "cancel", b_id, now=NOW)
        assert await manage.active(s, CDA, config, now=NOW) == []
    async with sessionmaker() as s:
        b = await s.get(Broadcast, b_id)
        assert b is not None and b.status == BroadcastStatus.DRAFT and b.segment == {"roles": ["grower"]}


@pytest.mark.usefixtures("members")
async def test_manage_reschedule_pause_resume_cancel(sessionmaker: SM, config: Config) -> None:
    b_id = await to_preview(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await flow.press(s, CDA, config, "when", b_id, "", now=NOW)
        await flow.receive(s, CDA, config, text("1405/9/6 10:00"), now=NOW)
    async with sessionmaker.begin() as s:
        [card] = await manage.active(s, CDA, config, now=NOW)
        assert card.broadcast.id == b_id and card.audience == 2
        await manage.ask_reschedule(s, CDA, config, b_id, now=NOW)
    assert await step_of(sessionmaker) == flow.RESCHEDULE_AT
    async with sessionmaker.begin() as s:
        result = await flow.receive(s, CDA, config, text("١٤٠٥/٩/٧ ٠٩:١٥"), now=NOW)
    assert result.rescheduled and result.broadcast.due_at == datetime(2026, 11, 28, 9, 15, tzinfo=TEHRAN)
    async with sessionmaker.begin() as s:  # «تغییر زمان», but the engine starts it before the time is typed
        await manage.ask_reschedule(s, CDA, config, b_id, now=NOW)
        b = await s.get(Broadcast, b_id)
        assert b is not None
        b.status = BroadcastStatus.RUNNING
    async with sessionmaker.begin() as s:
        gone = await flow.receive(s, CDA, config, text("1405/9/8 10:00"), now=NOW)
        assert gone.gone and gone.broadcast.due_at == datetime(2026, 11, 28, 9, 15, tzinfo=TEHRAN)
    assert await step_of(sessionmaker) is None
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):
            await manage.ask_reschedule(s, CDA, config, b_id, now=NOW)
        assert (
            await manage.manage(s, CDA, config, "pause", b_id, now=NOW)
        ).broadcast.status == BroadcastStatus.PAUSED
        with pytest.raises(StaleAction):
            await manage.manage(s, CDA, config, "pause", b_id, now=NOW)
        assert (
            await manage.manage(s, CDA, config, "resume", b_id, now=NOW)
        ).broadcast.status == BroadcastStatus.RUNNING
        assert (
            await manage.manage(s, CDA, config, "cancel", b_id, now=NOW)
        ).broadcast.status == BroadcastStatus.CANCELLED
        with pytest.raises(StaleAction):
            await manage.manage(s, CDA, config, "cancel", b_id, now=NOW)


@pytest.mark.usefixtures("members")
async def test_the_date_picker_schedules_only_under_the_latest_time_question(
    sessionmaker: SM, config: Config
) -> None:
    b_id = await to_preview(sessionmaker, config)
    async with sessionmaker.begin() as s:
        first = (await flow.press(s, CDA, config, "when", b_id, "", now=NOW)).token
    async with sessionmaker.begin() as s:  # «زمان‌بندی» pressed again: a new question, a new token
        second = (await flow.press(s, CDA, config, "when", b_id, "", now=NOW)).token
    assert first and second and first != second
    for broadcast_id, token in ((b_id, first), (b_id + 1, second), (b_id, "")):
        with pytest.raises(StaleAction):
            async with sessionmaker.begin() as s:
                await flow.pick(s, CDA, config, broadcast_id, token, "۱۴۰۵/۰۹/۰۶ ۱۰:۰۰", now=NOW)
    async with sessionmaker.begin() as s:
        assert await flow.pick_check(s, CDA, config, b_id, second) == flow.SCHEDULE_AT
        result = await flow.pick(s, CDA, config, b_id, second, "۱۴۰۵/۰۹/۰۶ ۱۰:۰۰", now=NOW)
    assert result.broadcast.due_at == datetime(2026, 11, 27, 10, 0, tzinfo=TEHRAN)
    async with sessionmaker.begin() as s:
        card = await manage.ask_reschedule(s, CDA, config, b_id, now=NOW)
    async with sessionmaker.begin() as s:
        moved = await flow.pick(s, CDA, config, b_id, card.token, "۱۴۰۵/۰۹/۰۷ ۰۹:۳۰", now=NOW)
    assert moved.rescheduled and moved.broadcast.due_at == datetime(2026, 11, 28, 9, 30, tzinfo=TEHRAN)
    with pytest.raises(StaleAction):  # answered: the picker is stale
        async with sessionmaker.begin() as s:
            await flow.pick_check(s, CDA, config, b_id, card.token)
