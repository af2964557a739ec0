"""Links the CDA can forward: `/start <payload>` links, one per messenger this process runs.

Each Application tells this registry its bot's username at start-up (bot/app.py post_init, from
getMe) under its own key — the bot's API base URL, which includes its token, as bot/messengers.py
keys its state — and takes it back at shutdown. With Telegram and Bale running side by side in one
process, a card rendered in either messenger lists both links (Telegram first), so a course
announced in a Telegram group and in a Bale group opens the same course. Telegram-free.

Payloads come from bot/callbacks.py (`deep_link(kind, id)`), and the bot reads them back with
`parse_deep_link`; Telegram allows 1–64 characters of `A-Z a-z 0-9 _ -` in a start parameter.
Bale's links are `https://ble.ir/<username>` (docs.bale.ai/links), with the same `?start=`.
"""

from __future__ import annotations

import re

from bot import texts
from bot.callbacks import MAX_DEEP_LINK_CHARS
from models.enums import Platform

LINK_FORMATS: dict[str, str] = {
    Platform.TELEGRAM: "https://t.me/{username}?start={payload}",
    Platform.BALE: "https://ble.ir/{username}?start={payload}",
}
ORDER = (Platform.TELEGRAM, Platform.BALE)  # how the links are listed on a card
PAYLOAD = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_DEEP_LINK_CHARS}}}")
USERNAME = re.compile(r"[A-Za-z0-9_]{1,64}")

_BOTS: dict[str, tuple[str, str]] = {}  # bot key -> (platform, username), in registration order


def register(bot_key: str, platform: str, username: str | None) -> None:
    """An Application's bot is up (getMe answered): its links appear on cards from now on."""
    _BOTS.pop(bot_key, None)  # re-registering moves it last: the newest bot of a messenger wins
    if username and USERNAME.fullmatch(username.lstrip("@")) and platform in LINK_FORMATS:
        _BOTS[bot_key] = (platform, username.lstrip("@"))


def forget(bot_key: str) -> None:
    _BOTS.pop(bot_key, None)


def usernames() -> dict[str, str]:
    """The running messengers and their bots' usernames (the latest registered per messenger)."""
    return dict(_BOTS.values())


def link(platform: str, username: str, payload: str) -> str:
    """One messenger's link; raises ValueError for a payload the messenger would not pass on."""
    if not PAYLOAD.fullmatch(payload):
        raise ValueError(f"not a start payload: {payload!r}")
    return LINK_FORMATS[platform].format(username=username, payload=payload)


def share_links(payload: str) -> list[tuple[str, str]]:
    """(messenger name, link) for each messenger running, Telegram first; [] before any is up."""
    running = usernames()
    return [
        (texts.MESSENGER_NAMES[platform], link(platform, running[platform], payload))
        for platform in ORDER
        if platform in running
    ]


def share_text(payload: str) -> str:
    """The links as a card's closing lines (HTML, each link in <code> to copy with one tap); "" if none."""
    found = share_links(payload)
    if not found:
        return ""
    lines = [texts.SHARE_LINK_LINE.format(messenger=name, url=url) for name, url in found]
    return texts.SHARE_LINKS_TITLE + "\n" + "\n".join(lines)
