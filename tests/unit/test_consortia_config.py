"""The consortium seed lists and limits come from config.toml, typed, and bad values stop start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_CONFIG_PATH, ConfigError, load_config


def test_seed_lists_and_limits_load() -> None:
    config = load_config(env={})
    assert config.label_of("markets", "iraq") == "عراق"
    assert config.label_of("certifications", "phyto") == "گواهی بهداشت گیاهی"
    assert [c.key for c in config.units] == ["stem", "pot", "kg"]
    assert {c.key for c in config.resources} >= {"cold_storage", "packaging", "transport", "capital"}
    assert (config.consortia.weekly_requests, config.consortia.group_min, config.consortia.group_max) == (
        3,
        3,
        7,
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("weekly_requests = 3", "weekly_requests = 0", "weekly_requests"),
        ("group_min = 3", "group_min = 9", "group_min"),
        ("weekly_requests = 3", 'weekly_requests = "many"', "whole number"),
        ('key = "iraq"', 'key = "Iraq!"', "ASCII key"),
        ('key = "kg"', 'key = "pot"', "duplicate key"),
    ],
)
def test_bad_consortium_config_fails_fast(tmp_path: Path, old: str, new: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(DEFAULT_CONFIG_PATH.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(bad, env={})
