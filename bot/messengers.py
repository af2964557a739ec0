"""What each messenger's Bot API can do, in one table, and what this process has learnt about it since.

Telegram has every method the bot uses. Bale's Bot API is "based on Telegram's with small changes": no
client library for it has the command-menu methods, so they are marked missing up front. The table is
a starting point, never a promise: a method that answers 404 (python-telegram-bot reports it as
InvalidToken) is marked missing at run time, logged once and skipped; a text refused because of its
formatting is sent again as plain text and the messenger switches to plain text (bot/send.py). Both
rules hold for any messenger. Telegram-free: the doctor (bot/doctor.py) and the sender read it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import StrEnum

from models.enums import Platform

log = logging.getLogger(__name__)


class TextFormat(StrEnum):
    HTML = "html"  # parse_mode=HTML, the texts as bot/texts writes them
    PLAIN = "plain"  # no parse_mode: tags dropped, entities unescaped (bot/outgoing.py plain())


class Method(StrEnum):
    """Optional Bot API methods the bot uses: without them it still runs, with a fallback."""

    SET_MY_COMMANDS = "setMyCommands"
    GET_MY_COMMANDS = "getMyCommands"
    DELETE_MY_COMMANDS = "deleteMyCommands"
    SET_CHAT_MENU_BUTTON = "setChatMenuButton"
    GET_CHAT_MENU_BUTTON = "getChatMenuButton"
    EDIT_MESSAGE_REPLY_MARKUP = "editMessageReplyMarkup"


# What the bot does when a method is missing (English; the Persian line is in FALLBACK_FA).
FALLBACK = {
    Method.SET_MY_COMMANDS: "no command menu; members type /start, /help, /cancel (admins /admin)",
    Method.GET_MY_COMMANDS: "only used by the doctor",
    Method.DELETE_MY_COMMANDS: "not used at run time",
    Method.SET_CHAT_MENU_BUTTON: "not used yet; the messenger's default menu button",
    Method.GET_CHAT_MENU_BUTTON: "only used by the doctor",
    Method.EDIT_MESSAGE_REPLY_MARKUP: "edits the whole message (text and buttons) instead",
}
FALLBACK_FA = {
    Method.SET_MY_COMMANDS: "بدون فهرست فرمان‌ها؛ اعضا /start و /help و /cancel را تایپ می‌کنند",
    Method.GET_MY_COMMANDS: "فقط در بررسی doctor به کار می‌رود",
    Method.DELETE_MY_COMMANDS: "هنگام اجرا به کار نمی‌رود",
    Method.SET_CHAT_MENU_BUTTON: "فعلاً به کار نمی‌رود؛ دکمهٔ منوی پیش‌فرض پیام‌رسان",
    Method.GET_CHAT_MENU_BUTTON: "فقط در بررسی doctor به کار می‌رود",
    Method.EDIT_MESSAGE_REPLY_MARKUP: "به جای آن کل پیام (متن و دکمه‌ها) ویرایش می‌شود",
}


@dataclass(frozen=True)
class Capabilities:
    """What is known about a messenger before the first call."""

    name: str
    missing: frozenset[Method] = frozenset()
    text_format: TextFormat = TextFormat.HTML
    format_known: bool = True  # False: whether parse_mode works is learnt from the first send


CAPABILITIES: dict[str, Capabilities] = {
    Platform.TELEGRAM: Capabilities("Telegram"),
    Platform.BALE: Capabilities(
        "Bale",
        missing=frozenset(
            {
                Method.SET_MY_COMMANDS,
                Method.GET_MY_COMMANDS,
                Method.DELETE_MY_COMMANDS,
                Method.SET_CHAT_MENU_BUTTON,
                Method.GET_CHAT_MENU_BUTTON,
            }
        ),
        format_known=False,
    ),
}


def capabilities_of(platform: str) -> Capabilities:
    return CAPABILITIES.get(platform, Capabilities(platform, format_known=False))


@dataclass
class MessengerState:
    """One bot's live view of its messenger: starts from the table, learns from the answers."""

    capabilities: Capabilities
    missing: set[str] = field(default_factory=set)
    text_format: TextFormat = TextFormat.HTML

    @classmethod
    def starting(cls, capabilities: Capabilities) -> MessengerState:
        return cls(capabilities, {str(m) for m in capabilities.missing}, capabilities.text_format)

    def has(self, method: str) -> bool:
        return method not in self.missing

    def mark_missing(self, method: str, detail: str) -> None:
        """A 404 for an optional method: said once, then the method is skipped."""
        if method in self.missing:
            return
        self.missing.add(method)
        log.warning(
            "%s has no %s (%s): skipped from now on; %s",
            self.capabilities.name,
            method,
            detail,
            FALLBACK.get(method, "skipped"),  # type: ignore[call-overload]
        )

    def switch_to_plain(self, detail: str) -> None:
        if self.text_format is TextFormat.PLAIN:
            return
        self.text_format = TextFormat.PLAIN
        log.warning(
            "%s refused formatted text (%s): texts are sent as plain text from now on",
            self.capabilities.name,
            detail,
        )


_STATES: dict[str, MessengerState] = {}  # by the bot's API base URL (which includes its token)


def attach(bot_key: str, platform: str) -> MessengerState:
    """A fresh state for the bot at `bot_key` (build_application calls this once per Application)."""
    state = _STATES[bot_key] = MessengerState.starting(capabilities_of(platform))
    return state


def detach(bot_key: str) -> None:
    _STATES.pop(bot_key, None)


def state_of(bot_key: str) -> MessengerState:
    """The bot's state; a bot nobody attached (a test's bare Bot) is treated as Telegram."""
    state = _STATES.get(bot_key)
    if state is None:
        state = _STATES[bot_key] = MessengerState.starting(capabilities_of(Platform.TELEGRAM))
    return state
