"""The rule for edited messages: an edit is never read as an answer; the sender is told so in Persian."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.texts import broadcast as tb
from models import Broadcast, ConversationState
from tests.e2e_support import Clock, bot_on


async def _state(engine: AsyncEngine) -> list[tuple[str, str, dict[str, object]]]:
    async with create_sessionmaker(engine)() as session:
        rows = (await session.execute(select(ConversationState))).scalars()
        return [(r.flow, r.step, dict(r.data)) for r in rows]


async def test_editing_the_name_at_the_phone_step(engine: AsyncEngine, config: Config) -> None:
    async with bot_on(engine, config, Clock()) as bot:
        grower = bot.emu.user(7001, first_name="زهرا")
        await grower.send_command("/start")
        await grower.expect(2)
        sent = await grower.send_text("زهرا احمدی")
        await grower.expect(1)  # the phone question
        before = await _state(engine)
        await grower.edit_text(sent, "زهرا احمدی نژاد")
        reply = await grower.next_message()
        assert reply.plain_text == texts.EDITS_NOT_READ
        assert "معتبر نیست" not in reply.plain_text
        assert await _state(engine) == before
        await grower.share_contact("+989121234567")  # the flow goes on where it was
        assert (await grower.expect(2))[-1].inline_buttons


async def test_cda_editing_the_broadcast_text(engine: AsyncEngine, config: Config) -> None:
    async with bot_on(engine, config, Clock()) as bot:
        admin = bot.emu.user(9000)
        await admin.send_command("/admin")
        await admin.next_message()
        await admin.press(texts.BTN_ADMIN_BROADCAST)
        await admin.next_message()
        sent = await admin.send_text("اطلاعیهٔ اول")
        assert tb.BTN_BCAST_NO_BUTTONS in (await admin.next_message()).button_texts
        await admin.edit_text(sent, "اطلاعیهٔ ویرایش‌شده")
        assert (await admin.next_message()).plain_text == texts.EDITS_NOT_READ
        await admin.press(tb.BTN_BCAST_NO_BUTTONS)
        await admin.expect(2)
    async with create_sessionmaker(engine)() as session:
        draft = (await session.execute(select(Broadcast))).scalar_one()
    assert "اطلاعیهٔ اول" in (draft.text_html or "")
