"""The capability table, what a bot learns about its messenger, neutral copy and code-first outcomes."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from telegram.error import BadRequest, Forbidden

from bot import messengers
from bot.delivery.outcomes import classify
from bot.messengers import MessengerState, Method, TextFormat, capabilities_of
from models.enums import Platform

TEXTS = Path(__file__).resolve().parents[2] / "bot" / "texts"


def test_bale_starts_without_command_menus_and_telegram_with_everything() -> None:
    bale = MessengerState.starting(capabilities_of(Platform.BALE))
    telegram = MessengerState.starting(capabilities_of(Platform.TELEGRAM))
    assert not bale.has(Method.SET_MY_COMMANDS) and not bale.has(Method.SET_CHAT_MENU_BUTTON)
    assert bale.has(Method.EDIT_MESSAGE_REPLY_MARKUP)
    assert all(telegram.has(m) for m in Method)
    assert not capabilities_of(Platform.BALE).format_known and capabilities_of(Platform.TELEGRAM).format_known
    assert not capabilities_of("another").format_known  # an unknown messenger: learnt from the first send


def test_a_missing_method_and_plain_text_are_said_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.messengers")
    state = MessengerState.starting(capabilities_of(Platform.TELEGRAM))
    for _ in range(3):
        state.mark_missing(Method.SET_MY_COMMANDS, "404 Not Found")
        state.switch_to_plain("Parse_mode is not supported")
    assert not state.has(Method.SET_MY_COMMANDS) and state.text_format is TextFormat.PLAIN
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and "setMyCommands" in lines[0] and "plain text" in lines[1]


def test_each_application_gets_a_fresh_state() -> None:
    key = "http://127.0.0.1:1/bot1:X"
    messengers.attach(key, Platform.TELEGRAM).switch_to_plain("test")
    assert messengers.state_of(key).text_format is TextFormat.PLAIN
    assert messengers.attach(key, Platform.TELEGRAM).text_format is TextFormat.HTML
    messengers.detach(key)


def test_copy_never_names_telegram() -> None:
    """Copy says «پیام‌رسان», or the member's own messenger through MESSENGER_NAMES (the one place)."""
    offenders = [
        (p.name, line)
        for p in TEXTS.glob("*.py")
        for line in p.read_text(encoding="utf-8").splitlines()
        if "تلگرام" in line and not line.startswith("MESSENGER_NAMES = ")
    ]
    assert offenders == []
    from bot import texts

    assert texts.MESSENGER_NAMES == {"telegram": "تلگرام", "bale": "بله"}


@pytest.mark.parametrize(
    ("error", "outcome", "reason"),
    [
        (Forbidden("Forbidden: bot was blocked by the user"), "blocked", "blocked"),
        (Forbidden("Forbidden: کاربر ربات را مسدود کرده است"), "blocked", "blocked"),  # any wording
        (Forbidden("Forbidden"), "blocked", "blocked"),
        (Forbidden("Forbidden: user is deactivated"), "blocked", "deactivated"),
        (BadRequest("Bad Request: chat not found"), "blocked", "chat_not_found"),
        (BadRequest("Bad Request: message is too long"), "failed", "Message is too long"),
    ],
)
def test_outcomes_go_by_the_code_first(error: Exception, outcome: str, reason: str) -> None:
    result = classify(7, error)  # type: ignore[arg-type]
    assert (result.outcome, result.error) == (outcome, reason)
