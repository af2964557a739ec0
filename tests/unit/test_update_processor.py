"""Updates: parallel across chats, strictly in order within one chat."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.update_processor import PerChatUpdateProcessor


def update(update_id: int, chat_id: int) -> Update:
    user = User(chat_id, "x", is_bot=False)
    message = Message(update_id, None, Chat(chat_id, "private"), from_user=user, text="hi")  # type: ignore[arg-type]
    return Update(update_id, message=message)


async def test_one_chat_in_order_many_chats_in_parallel() -> None:
    processor = PerChatUpdateProcessor(max_concurrent_updates=16)
    log: list[tuple[int, str]] = []
    running = 0
    most = 0

    async def handle(update_id: int, delay: float) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        log.append((update_id, "start"))
        await asyncio.sleep(delay)
        log.append((update_id, "end"))
        running -= 1

    async with processor:
        same_chat = [processor.process_update(update(i, 7), handle(i, 0.05 - i * 0.01)) for i in range(1, 4)]
        others = [processor.process_update(update(100 + i, 100 + i), handle(100 + i, 0.05)) for i in range(8)]
        await asyncio.gather(*same_chat, *others)
    chat_7 = [entry for entry in log if entry[0] < 100]
    assert chat_7 == [(1, "start"), (1, "end"), (2, "start"), (2, "end"), (3, "start"), (3, "end")]
    assert most >= 8  # the other chats did not wait for chat 7
    assert processor._locks == {}  # locks of idle chats are forgotten
