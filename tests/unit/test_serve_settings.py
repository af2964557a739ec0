"""How `khooshe run` serves, from the environment: webhook or polling, listen addresses, log format."""

from __future__ import annotations

import json
import logging
import sys

import pytest

from bot.config import ConfigError
from bot.logs import JsonLines, configure_logging
from bot.serve.settings import Listen, load_serve_settings

SECRET = "a-long-enough-secret_123"


def test_without_webhook_url_the_bot_polls_and_serves_no_web_page_unless_asked() -> None:
    settings = load_serve_settings({})
    assert not settings.webhook and settings.listen is None and settings.log_format == "text"
    asked = load_serve_settings({"HEALTH_LISTEN": "127.0.0.1:9090"})
    assert asked.listen == Listen("127.0.0.1", 9090)
    assert load_serve_settings({"HEALTH_LISTEN": "off"}).listen is None


def test_webhook_mode_has_a_path_per_messenger_and_listens_on_all_interfaces_by_default() -> None:
    settings = load_serve_settings(
        {"WEBHOOK_URL": "https://bot.example.ir/khooshe/", "WEBHOOK_SECRET": SECRET}
    )
    assert settings.webhook and settings.webhook_secret == SECRET
    assert settings.listen == Listen("0.0.0.0", 8080)
    assert settings.webhook_for("telegram") == "https://bot.example.ir/khooshe/telegram"
    assert settings.webhook_for("bale") == "https://bot.example.ir/khooshe/bale"
    own = load_serve_settings(
        {"WEBHOOK_URL": "https://x.ir", "WEBHOOK_SECRET": SECRET, "WEBHOOK_LISTEN": "[::1]:8443"}
    )
    assert own.listen == Listen("::1", 8443)


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"WEBHOOK_URL": "https://x.ir"}, "WEBHOOK_SECRET must be set"),
        ({"WEBHOOK_URL": "https://x.ir", "WEBHOOK_SECRET": "short"}, "WEBHOOK_SECRET must be set"),
        ({"WEBHOOK_URL": "https://x.ir", "WEBHOOK_SECRET": "has spaces in it, no good"}, "WEBHOOK_SECRET"),
        ({"WEBHOOK_URL": "bot.example.ir", "WEBHOOK_SECRET": SECRET}, "WEBHOOK_URL must be"),
        ({"WEBHOOK_URL": "https://x.ir", "WEBHOOK_SECRET": SECRET, "WEBHOOK_LISTEN": "8080"}, "host:port"),
        ({"HEALTH_LISTEN": "localhost:99999"}, "HEALTH_LISTEN must be host:port"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be text or json"),
    ],
)
def test_bad_settings_stop_start_up_with_one_line(env: dict[str, str], says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        load_serve_settings(env)


def test_json_lines_carry_time_level_logger_message_and_the_error() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "khooshe.updates", logging.ERROR, __file__, 1, "update %s: «%s»", (7, "گل"), None
        )
        record.exc_info = sys.exc_info()
    line = json.loads(JsonLines().format(record))
    assert (line["level"], line["logger"], line["message"]) == ("ERROR", "khooshe.updates", "update 7: «گل»")
    assert "ValueError: boom" in line["error"] and line["time"].endswith("+00:00")


def test_the_scheduler_logs_nothing_per_tick_but_keeps_its_warnings() -> None:
    configure_logging()
    executor = logging.getLogger("apscheduler.executors.default")  # "Running job" / "executed successfully"
    assert not executor.isEnabledFor(logging.INFO) and executor.isEnabledFor(logging.WARNING)
