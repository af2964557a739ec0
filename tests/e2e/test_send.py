"""bot/send.py against the emulator (which refuses what Telegram refuses): long texts, edits and captions."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from bot import send
from bot.emulator import BotApiEmulator
from bot.emulator.html_text import utf16_len

MARKUP = InlineKeyboardMarkup([[InlineKeyboardButton("بعدی", callback_data="x:next")]])
LINE = "عضو {i} — گل رز 🌷 و داوودی & لیلیوم"  # as shown
LONG = "\n".join(f"<b>عضو {i}</b> — گل رز 🌷 و داوودی &amp; لیلیوم" for i in range(300))  # ~11,700 units


@pytest.fixture
async def bot() -> AsyncIterator[tuple[BotApiEmulator, Bot]]:
    async with BotApiEmulator() as emu:
        emu.user(4001)
        async with Bot(emu.token, base_url=emu.base_url, base_file_url=emu.base_file_url) as client:
            yield emu, client


async def test_a_long_text_arrives_as_parts_with_the_keyboard_on_the_last(
    bot: tuple[BotApiEmulator, Bot],
) -> None:
    emu, client = bot
    last = await send.send_text(client, 4001, LONG, parse_mode="HTML", reply_markup=MARKUP)
    got = emu.sent_to(4001)
    assert len(got) == 3 and last.message_id == got[-1].message_id
    assert all(utf16_len(m.plain_text) <= 4096 for m in got)
    assert [bool(m.button_texts) for m in got] == [False, False, True]
    assert "\n".join(m.plain_text for m in got).split("\n") == [
        f"عضو {i} — گل رز 🌷 و داوودی & لیلیوم" for i in range(300)
    ]


async def test_an_edit_too_long_replaces_with_the_first_part_and_sends_the_rest(
    bot: tuple[BotApiEmulator, Bot],
) -> None:
    emu, client = bot
    first = await send.send_text(client, 4001, "کوتاه", parse_mode="HTML", reply_markup=MARKUP)
    await send.edit_text(client, 4001, first.message_id, LONG, parse_mode="HTML", reply_markup=MARKUP)
    got = emu.sent_to(4001)
    assert len(got) == 3 and got[0].message_id == first.message_id
    assert got[0].plain_text.startswith("عضو 0") and not got[0].button_texts
    assert got[-1].button_texts == ["بعدی"] and got[-1].plain_text.endswith(
        "عضو 299 — گل رز 🌷 و داوودی & لیلیوم"
    )


async def test_a_caption_over_1024_keeps_the_media_and_sends_the_rest_as_text(
    bot: tuple[BotApiEmulator, Bot],
) -> None:
    emu, client = bot
    caption = "\n".join(f"<i>سند {i}</i>: کپی گذرنامه" for i in range(100))  # ~2,000 units
    media = await send.send_media(
        client, "document", 4001, b"%PDF fake", caption, parse_mode="HTML", reply_markup=MARKUP
    )
    got = emu.sent_to(4001)
    assert len(got) == 2 and got[0].message_id == media.message_id
    assert got[0].document_bytes is not None and 0 < utf16_len(got[0].plain_text) <= 1024
    assert got[1].button_texts == ["بعدی"] and got[1].plain_text.endswith("سند 99: کپی گذرنامه")
    assert f"{got[0].plain_text}\n{got[1].plain_text}".count("کپی گذرنامه") == 100
