"""A question answered by typing loses its buttons, also where the messenger cannot edit buttons alone.

Telegram: editMessageReplyMarkup takes «رد شدن» away (the other e2e modules check it per flow:
registration's area, the CDA's course and exhibition forms, surveys, broadcasts). A messenger that
answers editMessageReplyMarkup with 404 (as Bale may) gets the whole message edited instead — the
same text, no buttons — with the text the conversation remembered when the question was shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.emulator import BotApiEmulator
from bot.emulator.profiles import BALE_MISSING, PROFILES
from bot.local_run import BotUnderTest, running_bot
from bot.messengers import Method
from bot.send import messenger
from tests.e2e_support import fast_ticks, replied_after


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    url = engine.url.render_as_string(hide_password=False)
    async with BotApiEmulator(profile="bale") as emu:
        emu.profile = dataclasses.replace(PROFILES["bale"], missing=BALE_MISSING | {"editmessagereplymarkup"})
        async with running_bot(
            dataclasses.replace(fast_ticks(config), platform="bale"), url, emulator=emu
        ) as running:
            yield running


async def to_the_area_question(bot: BotUnderTest, user_id: int) -> None:
    user = bot.emu.user(user_id)
    await user.send_command("/start")
    await user.expect(2)
    await user.send_text("مریم کاظمی")
    await user.next_message()
    await user.send_text("09121234567")
    await user.expect(2)
    for button, events in (("تولیدکننده (گلخانه‌دار)", 2), ("گل شاخه‌بریده", 1)):
        await user.press(button)
        await user.expect(events)
    for button in (texts.BTN_CATEGORIES_DONE, "محلات"):
        await user.press(button)
        await user.expect(2)


async def test_a_typed_area_closes_the_question_by_editing_the_whole_message(bot: BotUnderTest) -> None:
    await to_the_area_question(bot, 71)
    user = bot.emu.user(71)
    area = user.messages[-1]
    assert area.plain_text == texts.ASK_AREA and texts.BTN_SKIP in area.button_texts
    await user.send_text("۳۰۰۰")
    closed, summary = await user.expect(2)
    assert closed.message_id == area.message_id and closed.edited and not closed.inline_buttons
    assert closed.plain_text == texts.ASK_AREA  # the same words: only the buttons went
    assert texts.BTN_CONFIRM in summary.button_texts and "۳٬۰۰۰ متر مربع" in summary.plain_text
    # the category ✅ toggles already met the 404 (once): the close went straight to editMessageText
    assert [c.status for c in bot.emu.calls_to("editMessageReplyMarkup")] == [404]
    assert bot.app is not None and not messenger(bot.app.bot).has(Method.EDIT_MESSAGE_REPLY_MARKUP)
    [edit] = [c for c in bot.emu.calls_to("editMessageText") if c.params["message_id"] == area.message_id]
    assert edit.status == 200 and "reply_markup" not in edit.params


async def test_a_rejected_answer_keeps_the_buttons(bot: BotUnderTest) -> None:
    await to_the_area_question(bot, 72)
    user = bot.emu.user(72)
    area = user.messages[-1]
    edits = len(bot.emu.calls_to("editMessageText")) + len(bot.emu.calls_to("editMessageReplyMarkup"))
    await user.send_text("خیلی زیاد")
    refused = await user.next_message()
    assert refused.plain_text == texts.ERRORS["area_not_number"]
    await replied_after(user)  # everything that update did is done
    assert texts.BTN_SKIP in next(m for m in user.messages if m.message_id == area.message_id).button_texts
    assert len(bot.emu.calls_to("editMessageText")) + len(bot.emu.calls_to("editMessageReplyMarkup")) == edits
    await user.press(texts.BTN_SKIP, message_id=area.message_id)  # it still works
    closed, summary = await user.expect(2)
    assert closed.message_id == area.message_id and texts.BTN_CONFIRM in summary.button_texts
