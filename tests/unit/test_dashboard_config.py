"""DASHBOARD_URL: optional, an http(s) base without a trailing slash; anything else fails fast."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, read_dashboard_url
from bot.serve.dashboard import link_url


def test_dashboard_url_is_optional_and_must_be_http() -> None:
    assert read_dashboard_url(None) is None and read_dashboard_url("  ") is None
    assert read_dashboard_url("https://bot.example.ir/") == "https://bot.example.ir"
    with pytest.raises(ConfigError, match="DASHBOARD_URL"):
        read_dashboard_url("bot.example.ir")
    assert link_url("https://bot.example.ir", "abc") == "https://bot.example.ir/dashboard/open/abc"
