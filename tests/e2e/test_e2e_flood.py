"""One member flooding the bot neither delays another member nor gets every message answered."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.update_processor import PerChatUpdateProcessor
from tests.e2e_support import Clock, bot_on, having, wait_for


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
