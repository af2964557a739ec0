"""A file id is valid only on the messenger that issued it: carry a broadcast's file to the other one.

The CDA uploads a poster on Telegram; its Bale recipients need Bale's own file id. The first send on
the other messenger downloads the file once from the messenger it came from (getFile) and uploads it;
the id that upload returns is reused for every later recipient (one upload per broadcast and messenger,
even with many sends in flight: a lock per file).
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import InputFile, Message

MAX_BRIDGED_BYTES = 20 * 1024 * 1024  # getFile's own limit on Telegram


class FileBridge:
    """Per process: (source messenger, file id, target messenger) → the target's file id."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str, str], str] = {}
        self._locks: dict[tuple[str, str, str], asyncio.Lock] = {}

    def known(self, source: str, file_id: str, target: str) -> str | None:
        return file_id if source == target else self._ids.get((source, file_id, target))

    def lock(self, source: str, file_id: str, target: str) -> asyncio.Lock:
        return self._locks.setdefault((source, file_id, target), asyncio.Lock())

    def remember(self, source: str, file_id: str, target: str, message: Message) -> None:
        new_id = issued_file_id(message)
        if new_id:
            self._ids[(source, file_id, target)] = new_id


async def download(source_bot: Any, file_id: str, filename: str | None = None) -> InputFile:
    """The file's bytes from the messenger that issued `file_id`, ready to upload elsewhere."""
    remote = await source_bot.get_file(file_id)
    data = bytes(await remote.download_as_bytearray())
    if len(data) > MAX_BRIDGED_BYTES:
        raise ValueError("file too large to carry to the other messenger")
    name = filename or (remote.file_path or "file").rsplit("/", 1)[-1]
    return InputFile(data, filename=name)


def issued_file_id(message: Message) -> str | None:
    """The file id the messenger gave the media just sent (largest photo size, document or video)."""
    if message.photo:
        return message.photo[-1].file_id
    if message.document is not None:
        return message.document.file_id
    if message.video is not None:
        return message.video.file_id
    return None


# Other messengers' bots by a bot's API base URL (which includes its token): for files a handler sends
# that came from the other messenger (a member's document on Bale, opened by the CDA on Telegram).
_OTHERS: dict[str, list[Any]] = {}
FOREIGN_FILE_MARKERS = ("file identifier", "file_id", "file id")


def register_peers(bots: list[Any]) -> None:
    for bot in bots:
        _OTHERS[bot.base_url] = [other for other in bots if other is not bot]


def forget(bot: Any) -> None:
    _OTHERS.pop(bot.base_url, None)


def is_foreign_file_error(message: str | None) -> bool:
    text = (message or "").lower()
    return any(marker in text for marker in FOREIGN_FILE_MARKERS)


async def fetch_elsewhere(bot: Any, file_id: str) -> InputFile | None:
    """The file behind an id this bot's messenger does not know, from the messenger that issued it."""
    for other in _OTHERS.get(bot.base_url, []):
        try:
            return await download(other, file_id)
        except Exception:  # not that messenger's id (or too big): try the next one
            continue
    return None
