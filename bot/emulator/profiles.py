"""Which messenger the emulator pretends to be: Telegram (everything) or Bale (fewer methods, no parse_mode).

Bale's Bot API is "based on Telegram's with small changes"; no Bale client library has the command-menu
methods, so the Bale profile answers them with Telegram's 404 envelope, and it can refuse `parse_mode`
with a 400 — the two behaviours the bot must survive (bot/messengers.py, bot/send.py).
"""

from __future__ import annotations

from dataclasses import dataclass

PARSE_MODE_REFUSED = "Bad Request: parse_mode is not supported"


@dataclass(frozen=True)
class Profile:
    name: str
    missing: frozenset[str] = frozenset()  # lower-cased method names answered with 404 "Not Found"
    refuse_parse_mode: bool = False  # any call carrying parse_mode gets 400 PARSE_MODE_REFUSED


BALE_MISSING = frozenset(
    m.lower()
    for m in (
        "setMyCommands",
        "getMyCommands",
        "deleteMyCommands",
        "setChatMenuButton",
        "getChatMenuButton",
        "setMyDescription",
        "setMyShortDescription",
        "setMyName",
    )
)
PROFILES = {
    "telegram": Profile("telegram"),
    "bale": Profile("bale", BALE_MISSING, refuse_parse_mode=True),
    "bale-html": Profile("bale-html", BALE_MISSING),  # Bale if it turns out to honour parse_mode
}
