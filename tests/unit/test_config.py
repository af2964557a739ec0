"""Config loading: env overrides, URL normalisation, and fail-fast messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_CONFIG_PATH, PROJECT_ROOT, ConfigError, load_config


def test_defaults_from_config_toml() -> None:
    config = load_config(env={})
    assert config.platform == "telegram"
    assert str(config.timezone) == "Asia/Tehran"
    assert config.database_url == f"sqlite+aiosqlite:///{PROJECT_ROOT / 'data/khooshe.db'}"
    assert config.places[0].key == "mahallat"
    assert config.label_of("roles", "grower") == "تولیدکننده (گلخانه‌دار)"
    assert config.base_url is None


def test_environment_overrides() -> None:
    config = load_config(
        env={
            "BOT_TOKEN": "123456:ABCdef_ghi",
            "DATABASE_URL": "postgresql://u:p@db/khooshe",
            "BOT_API_BASE_URL": "https://tapi.bale.ai/bot",
            "BOT_API_BASE_FILE_URL": "https://tapi.bale.ai/file/bot",
        }
    )
    assert config.require_token() == "123456:ABCdef_ghi"
    assert config.database_url == "postgresql+asyncpg://u:p@db/khooshe"
    assert config.base_url == "https://tapi.bale.ai/bot"
    assert config.base_file_url == "https://tapi.bale.ai/file/bot"


@pytest.mark.parametrize("token", [None, "", "changeme", "  "])
def test_missing_or_placeholder_token_says_what_to_set(token: str | None) -> None:
    env = {} if token is None else {"BOT_TOKEN": token}
    with pytest.raises(ConfigError, match="BOT_TOKEN is not set"):
        load_config(env=env).require_token()


def test_malformed_token() -> None:
    with pytest.raises(ConfigError, match="does not look like a bot token"):
        load_config(env={"BOT_TOKEN": "hello world"}).require_token()


def test_khooshe_config_points_to_another_file(tmp_path: Path) -> None:
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8").replace(
        'platform = "telegram"', 'platform = "bale"'
    )
    other = tmp_path / "bale.toml"
    other.write_text(text.replace("admin_ids = []", "admin_ids = [42, 43]"), encoding="utf-8")
    config = load_config(env={"KHOOSHE_CONFIG": str(other)})
    assert config.platform == "bale"
    assert config.admin_ids == {42, 43}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('key = "grower"', 'key = "Grower Role"', "ASCII key"),
        ('key = "nimvar"', 'key = "mahallat"', "duplicate key"),
        ('timezone = "Asia/Tehran"', 'timezone = "Mars/Olympus"', "unknown bot.timezone"),
        ("[bot]", "[bot", "not valid TOML"),
        # a lease shorter than a send: another worker sends the same message again (duplicates)
        (
            "claim_lease_seconds = 60",
            "claim_lease_seconds = 2",
            r"claim_lease_seconds \(2\) must be at least",
        ),
        ("send_timeout_seconds = 30", "send_timeout_seconds = 55", r"send_timeout_seconds \(55\) \+ 10"),
        ("max_in_flight = 10", "max_in_flight = 31", "max_in_flight <= 30"),
    ],
)
def test_bad_config_fails_fast(tmp_path: Path, old: str, new: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(DEFAULT_CONFIG_PATH.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(bad, env={})


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml", env={})


def test_bale_beside_telegram_and_bale_alone() -> None:
    both = load_config(env={"BOT_TOKEN": "123456:ABCdef_ghi", "BALE_BOT_TOKEN": "987654:XYZabc_def"})
    chosen = both.messengers()
    assert [(m.platform, m.token, m.base_url) for m in chosen] == [
        ("telegram", "123456:ABCdef_ghi", None),
        ("bale", "987654:XYZabc_def", "https://tapi.bale.ai/bot"),
    ]
    assert chosen[1].base_file_url == "https://tapi.bale.ai/file/bot"
    bale_only = load_config(env={"BALE_BOT_TOKEN": "987654:XYZabc_def", "BALE_API_BASE_URL": "http://x/bot"})
    [bale] = bale_only.messengers()
    assert (bale.platform, bale.base_url) == ("bale", "http://x/bot")
    seen_by_bale = both.for_messenger(chosen[1], ("telegram", "bale"))
    assert (seen_by_bale.platform, seen_by_bale.bot_token, seen_by_bale.platforms) == (
        "bale",
        "987654:XYZabc_def",
        ("telegram", "bale"),
    )
    assert load_config(env={}).platforms == ("telegram",)


def test_messenger_tokens_are_checked_with_one_clear_line() -> None:
    with pytest.raises(ConfigError, match=r"BOT_TOKEN is not set.*BALE_BOT_TOKEN"):
        load_config(env={}).messengers()
    with pytest.raises(ConfigError, match="BALE_BOT_TOKEN does not look like a bot token"):
        load_config(env={"BALE_BOT_TOKEN": "nonsense"}).messengers()
    with pytest.raises(ConfigError, match="keep one"):
        load_config(
            env={"BOT_TOKEN": "1:abcdef", "KHOOSHE_PLATFORM": "bale", "BALE_BOT_TOKEN": "2:abcdef"}
        ).messengers()
