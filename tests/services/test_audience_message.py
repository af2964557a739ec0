"""One audience-message path (bot/services/common/audience_message.py): one length rule, counted as
Telegram counts, refused with the same Persian sentence for a course, an exhibition and a consortium."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html import escape

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import outgoing
from bot import texts as common_texts
from bot.config import Config
from bot.services.common import audience_message as am
from bot.services.common.errors import InvalidInput
from bot.services.consortium import consortia as cs
from bot.services.courses import roster
from bot.services.exhibitions import admin as xa
from bot.texts import consortia as tc
from bot.texts import course_admin as tca
from bot.texts import exhibition_admin as txa
from handlers.consortium.kit import error_text as consortium_error
from handlers.courses.admin_render import error_text as course_error
from handlers.exhibitions.admin_render import error_text as exhibition_error
from models import Broadcast
from tests.factories import NOW
from tests.services.test_consortia_services import ADMIN, member_with_profile, who
from tests.services.test_course_roster import setup_course
from tests.services.test_exhibitions import join
from tests.services.test_exhibitions import setup as setup_exhibition

SM = async_sessionmaker[AsyncSession]
REFUSAL = "پیام طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۳۵۰۰ حرف)."


def test_one_limit_counted_on_the_visible_text_in_utf16_units() -> None:
    am.check("ب" * am.MESSAGE_MAX)
    am.check("<b>" + "ب" * am.MESSAGE_MAX + "</b>")  # formatting is free, as Telegram counts
    am.check("&amp;" * am.MESSAGE_MAX)
    am.check("🌷" * (am.MESSAGE_MAX // 2))
    for over in ("ب" * (am.MESSAGE_MAX + 1), "🌷" * (am.MESSAGE_MAX // 2) + "ب", "<i>" + "x" * 3501 + "</i>"):
        with pytest.raises(am.MessageTooLong) as refused:
            am.check(over)
        assert refused.value.code == "message_too_long" and refused.value.limit == am.MESSAGE_MAX
    for empty in ("", "  \n", "<b> </b>"):
        with pytest.raises(InvalidInput, match=r"^empty$"):
            am.check(empty)


@pytest.mark.parametrize(
    "head",
    [
        tca.MESSAGE_HEAD.format(title=escape("ع" * am.TITLE_MAX)),
        txa.MESSAGE_HEAD.format(title=escape("ع" * am.TITLE_MAX)),
        tc.CNS_MESSAGE_HEAD.format(name=escape("<" * am.TITLE_MAX)),
    ],
)
def test_the_heading_always_fits_in_the_room_the_limit_leaves(head: str) -> None:
    assert outgoing.visible_length(head) + 2 <= am.HEAD_ROOM
    body = am.compose(head, "🌷" * (am.MESSAGE_MAX // 2))
    assert outgoing.visible_length(body) <= outgoing.TEXT_MAX
    assert outgoing.split(body) == [body]  # one message, never split


def test_one_persian_refusal_in_every_feature() -> None:
    assert common_texts.ERRORS["message_too_long"].format(max="۳۵۰۰") == REFUSAL
    error = am.MessageTooLong()
    assert course_error(error, NOW) == exhibition_error(error, NOW) == consortium_error(error) == REFUSAL


async def _course(sm: SM, config: Config) -> Callable[[AsyncSession, str], Awaitable[int]]:
    event_id, _ = await setup_course(sm, people=3, capacity=3)
    return lambda s, text: roster.message(s, ADMIN, config, event_id, "reg", text, now=NOW)


async def _exhibition(sm: SM, config: Config) -> Callable[[AsyncSession, str], Awaitable[int]]:
    event_id = await setup_exhibition(sm, config)
    await join(sm, config, 1, event_id)
    return lambda s, text: xa.message(s, ADMIN, config, event_id, "all", text, now=NOW)


async def _consortium(sm: SM, config: Config) -> Callable[[AsyncSession, str], Awaitable[int]]:
    member_id = await member_with_profile(sm, config, 80, ("cut", 1000, "stem"))
    async with sm.begin() as s:
        cid = (await cs.create(s, ADMIN, config, name="رز محلات", market="iraq", focus="cut", now=NOW)).id
        await cs.invite(s, ADMIN, config, cid, member_id, now=NOW)
        await cs.answer_invitation(s, who(80), cid, True, now=NOW)
    return lambda s, text: cs.message_members(s, ADMIN, config, cid, text, now=NOW)


@pytest.mark.parametrize(
    "place", [_course, _exhibition, _consortium], ids=["course", "exhibition", "consortium"]
)
async def test_every_roster_message_obeys_the_one_rule_and_the_one_path(
    sessionmaker: SM,
    config: Config,
    place: Callable[[SM, Config], Awaitable[Callable[[AsyncSession, str], Awaitable[int]]]],
) -> None:
    send = await place(sessionmaker, config)
    async with sessionmaker() as s:
        before = (await s.execute(select(func.count()).select_from(Broadcast))).scalar_one()
    async with sessionmaker.begin() as s:
        with pytest.raises(am.MessageTooLong) as refused:
            await send(s, "ب" * (am.MESSAGE_MAX + 1))
    assert course_error(refused.value, NOW) == REFUSAL
    async with sessionmaker.begin() as s:
        assert await send(s, "<b>" + "ب" * am.MESSAGE_MAX + "</b>") >= 1  # exactly at the limit: accepted
    async with sessionmaker() as s:
        queued = (await s.execute(select(Broadcast).order_by(Broadcast.id.desc()))).scalars().first()
        after = (await s.execute(select(func.count()).select_from(Broadcast))).scalar_one()
    assert after == before + 1  # the refused one queued nothing
    assert queued is not None and queued.status == "scheduled" and queued.kind == "text"
    assert (queued.text_html or "").endswith("\n\n<b>" + "ب" * am.MESSAGE_MAX + "</b>")
    assert outgoing.visible_length(queued.text_html or "") <= outgoing.TEXT_MAX
