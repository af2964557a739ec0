"""One member flooding the bot neither delays another member nor gets every message answered."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.update_processor import PerChatUpdateProcessor
from models import Account
from tests.e2e_support import Clock, bot_on, having, wait_for
from tests.factories import NOW, add_member


async def test_a_flood_from_one_member_is_cut_and_another_member_is_answered(
    engine: AsyncEngine, config: Config
) -> None:
    async with bot_on(engine, config, Clock()) as bot:
        assert bot.app is not None
        processor = bot.app.update_processor
        assert isinstance(processor, PerChatUpdateProcessor)
        flooder = bot.emu.user(5001, first_name="پرحرف")
        other = bot.emu.user(5002, first_name="آرام")
        for i in range(400):
            await flooder.send_text(f"سلام {i}")
        await other.send_command("/help")
        await wait_for(lambda: bool(other.messages), timeout=20)  # timing is measured in bench/flood.py
        await wait_for(lambda: bool(having(flooder, texts.SLOW_DOWN)), timeout=20)
        # a marker after the flood drained is answered: the flooder is served again
        await wait_for(lambda: not processor._users, timeout=30)
        before = len(flooder.messages)
        await flooder.send_command("/help")
        await wait_for(lambda: len(flooder.messages) > before, timeout=10)
        await asyncio.sleep(0)
    assert len(having(flooder, texts.SLOW_DOWN)) == 1
    answered = len(flooder.messages) - 1  # every answer except the one «لطفاً کمی صبر کنید»
    assert answered < 400, f"all {answered} flood messages were answered"


async def test_a_menu_press_is_answered_while_another_transaction_holds_the_write_lock(
    engine: AsyncEngine, config: Config
) -> None:
    """A press that changes nothing reads only: it waits neither for SQLite's one writer nor, on
    PostgreSQL, for a lock on the member's own account row (a long write elsewhere, e.g. an import)."""
    sm = create_sessionmaker(engine)
    async with sm.begin() as s:
        await add_member(s, 5003)  # last seen a minute before the press: nothing to write
    async with bot_on(engine, config, Clock(NOW + timedelta(minutes=1))) as bot:
        member = bot.emu.user(5003)
        release, holding = asyncio.Event(), asyncio.Event()

        async def long_write() -> None:
            async with sm.begin() as s:  # SQLite: the database's write lock; PostgreSQL: the row's
                await s.execute(update(Account).where(Account.user_id == 5003).values(is_reachable=True))
                holding.set()
                await release.wait()

        writer = asyncio.create_task(long_write())
        await holding.wait()
        try:
            await member.send_text(texts.BTN_HELP)
            await wait_for(lambda: bool(having(member, "راهنمای ربات")), timeout=10)
            assert not writer.done()  # answered while the other transaction still held its lock
        finally:
            release.set()
            await writer
