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


async def test_a_chats_backlog_holds_no_concurrency_slot() -> None:
    """One chat's 50 queued updates wait on the chat's lock, so another chat gets a slot at once."""
    processor = PerChatUpdateProcessor(max_concurrent_updates=2, burst_limit=100)
    release = asyncio.Event()
    other_done = asyncio.Event()

    async def blocked() -> None:
        await release.wait()

    async def other() -> None:
        other_done.set()

    async with processor:
        flood = [asyncio.create_task(processor.process_update(update(i, 7), blocked())) for i in range(50)]
        await asyncio.sleep(0)
        quick = asyncio.create_task(processor.process_update(update(999, 8), other()))
        await asyncio.wait_for(other_done.wait(), 1.0)  # before: waited for all 50 of chat 7
        release.set()
        await asyncio.gather(*flood, quick)


async def test_a_flood_beyond_the_burst_limit_is_dropped_and_the_member_told_once() -> None:
    processor = PerChatUpdateProcessor(max_concurrent_updates=4, burst_limit=5)
    told: list[int] = []
    handled: list[int] = []
    release = asyncio.Event()

    async def on_flood(u: Update) -> None:
        told.append(u.update_id)

    async def handle(update_id: int) -> None:
        await release.wait()
        handled.append(update_id)

    processor.on_flood = on_flood
    async with processor:
        tasks = [asyncio.create_task(processor.process_update(update(i, 7), handle(i))) for i in range(40)]
        await asyncio.sleep(0.05)
        assert processor.dropped == 35 and told == [5]  # told once, at the first dropped update
        release.set()
        await asyncio.gather(*tasks)
        assert handled == [0, 1, 2, 3, 4]  # the first five, in order
        # the queue drained: a later burst is served again and told again
        release.clear()
        again = [
            asyncio.create_task(processor.process_update(update(i, 7), handle(i))) for i in range(100, 107)
        ]
        await asyncio.sleep(0.05)
        release.set()
        await asyncio.gather(*again)
    assert handled[5:] == [100, 101, 102, 103, 104] and told == [5, 105]
    assert processor._locks == {}
