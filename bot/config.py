"""Typed configuration: config.toml (non-secret) plus environment overrides; fails fast."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config_sections import (
    LEASE_MARGIN_SECONDS,
    Broadcasting,
    Choice,
    ConfigError,
    Consortia,
    Courses,
    Exhibitions,
    Limits,
    Readiness,
    Surveys,
    read_broadcasting,
    read_choices,
    read_consortia,
    read_courses,
    read_exhibitions,
    read_int,
    read_readiness,
    read_surveys,
)
from models.enums import Platform

__all__ = [
    "LEASE_MARGIN_SECONDS",
    "Broadcasting",
    "Choice",
    "ConfigError",
    "Consortia",
    "Courses",
    "Exhibitions",
    "Limits",
    "Readiness",
    "Surveys",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_PATH = PROJECT_ROOT / "config.toml"
PLACEHOLDER_TOKENS = frozenset({"", "changeme", "change-me", "your-token", "<token>", "put-your-token-here"})
TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{5,}$")
PLATFORMS = tuple(Platform)


@dataclass(frozen=True)
class Messenger:
    """One messenger this deployment serves: its Bot API endpoint, token and admins."""

    platform: str
    token: str
    base_url: str | None
    base_file_url: str | None
    admin_ids: frozenset[int]


BALE_API_BASE_URL = "https://tapi.bale.ai/bot"
BALE_API_BASE_FILE_URL = "https://tapi.bale.ai/file/bot"


@dataclass(frozen=True)
class Config:
    platform: str
    timezone: ZoneInfo
    admin_ids: frozenset[int]
    polling_timeout: int
    max_concurrent_updates: int
    database_url: str
    bot_token: str | None
    base_url: str | None
    base_file_url: str | None
    limits: Limits
    broadcasting: Broadcasting
    courses: Courses
    roles: tuple[Choice, ...]
    categories: tuple[Choice, ...]
    places: tuple[Choice, ...]
    source_path: Path = field(default=DEFAULT_CONFIG_PATH)
    consortia: Consortia = field(default_factory=Consortia)
    markets: tuple[Choice, ...] = ()
    certifications: tuple[Choice, ...] = ()
    resources: tuple[Choice, ...] = ()  # what members offer / need (cold storage, packaging …)
    units: tuple[Choice, ...] = ()
    burst_limit: int = 30  # updates one chat may have waiting before the rest are dropped
    second_poller_grace: int = (
        30  # seconds: meeting another poller this soon after start means we are the newcomer
    )
    surveys: Surveys = field(default_factory=Surveys)
    exhibitions: Exhibitions = field(default_factory=Exhibitions)
    readiness: Readiness = field(default_factory=Readiness)
    # Bale next to (or instead of) the BOT_TOKEN messenger: BALE_BOT_TOKEN and its endpoints
    bale_token: str | None = None
    bale_base_url: str = BALE_API_BASE_URL
    bale_base_file_url: str = BALE_API_BASE_FILE_URL
    bale_admin_ids: frozenset[int] = frozenset()
    # the messengers this process serves (set by for_messenger); empty: just `platform`
    running: tuple[str, ...] = ()
    # DASHBOARD_URL: the public base URL of the web server (the dashboard's links start with it)
    dashboard_url: str | None = None

    @property
    def platforms(self) -> tuple[str, ...]:
        """Messengers served by this deployment: deliveries pick one of these per member."""
        return self.running or (self.platform,)

    def messengers(self) -> list[Messenger]:
        """The messengers to run: BOT_TOKEN (Telegram, or `platform`) and/or BALE_BOT_TOKEN (Bale).

        Raises ConfigError with the one line an operator needs when neither is set or one is wrong."""
        found: list[Messenger] = []
        bale_token = (self.bale_token or "").strip()
        if (self.bot_token or "").strip().lower() not in PLACEHOLDER_TOKENS or not bale_token:
            found.append(
                Messenger(
                    self.platform, self.require_token(), self.base_url, self.base_file_url, self.admin_ids
                )
            )
        if bale_token:
            if found and found[0].platform == Platform.BALE:
                raise ConfigError(
                    "BOT_TOKEN is set for platform bale and BALE_BOT_TOKEN too: "
                    "keep one (BOT_TOKEN is Telegram's)."
                )
            if not TOKEN_PATTERN.match(bale_token):
                raise ConfigError(
                    "BALE_BOT_TOKEN does not look like a bot token (<digits>:<letters>); check it."
                )
            found.append(
                Messenger(
                    Platform.BALE,
                    bale_token,
                    self.bale_base_url,
                    self.bale_base_file_url,
                    self.bale_admin_ids,
                )
            )
        return found

    def for_messenger(self, messenger: Messenger, running: tuple[str, ...]) -> Config:
        """This configuration as one messenger's Application sees it (its token, endpoint and admins)."""
        return replace(
            self,
            platform=messenger.platform,
            bot_token=messenger.token,
            base_url=messenger.base_url,
            base_file_url=messenger.base_file_url,
            admin_ids=messenger.admin_ids,
            running=running,
        )

    def require_token(self) -> str:
        """Return the bot token or raise with the one line a newcomer needs."""
        token = (self.bot_token or "").strip()
        if token.lower() in PLACEHOLDER_TOKENS:
            raise ConfigError(
                "BOT_TOKEN is not set: export BOT_TOKEN=<token from @BotFather> (Telegram) "
                "or BALE_BOT_TOKEN=<token from @BotFather in Bale> and run again."
            )
        if not TOKEN_PATTERN.match(token):
            raise ConfigError("BOT_TOKEN does not look like a bot token (<digits>:<letters>); check it.")
        return token

    def label_of(self, kind: str, key: str | None) -> str:
        """Human label for a stored key; unknown keys (removed from config) are shown as they are."""
        if key is None:
            return ""
        choices: tuple[Choice, ...] = getattr(self, kind)
        return next((c.label for c in choices if c.key == key), key)


def normalize_database_url(url: str) -> str:
    """Accept plain postgresql:// and sqlite:// URLs and pick the async drivers the app uses."""
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+asyncpg://" + url.split("://", 1)[1]
    if url.startswith("sqlite://"):
        return "sqlite+aiosqlite://" + url.split("://", 1)[1]
    return url


def _resolve_sqlite_path(url: str) -> str:
    """Make a relative SQLite path relative to the project root, not the current directory."""
    prefix = "sqlite+aiosqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        return prefix + str(PROJECT_ROOT / url[len(prefix) :])
    return url


def read_dashboard_url(value: str | None) -> str | None:
    url = (value or "").strip().rstrip("/")
    if not url:
        return None
    if not url.startswith(("https://", "http://")):
        raise ConfigError(
            f"DASHBOARD_URL must be the public https:// base URL of the web server, got {url!r}."
        )
    return url


def load_config(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Read config.toml (or KHOOSHE_CONFIG) and apply environment overrides."""
    env = os.environ if env is None else env
    config_path = Path(path or env.get("KHOOSHE_CONFIG") or DEFAULT_CONFIG_PATH)
    try:
        data = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"config file not found: {config_path} (set KHOOSHE_CONFIG or restore config.toml)."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {config_path} is not valid TOML: {exc}") from None

    bot = data.get("bot", {})
    platform = str(env.get("KHOOSHE_PLATFORM") or bot.get("platform", "telegram"))
    if platform not in PLATFORMS:
        raise ConfigError(f"config: bot.platform must be one of {', '.join(PLATFORMS)}, got {platform!r}.")
    try:
        timezone = ZoneInfo(str(bot.get("timezone", "Asia/Tehran")))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"config: unknown bot.timezone {bot.get('timezone')!r}.") from None
    admin_ids = frozenset(read_int(a, "bot.admin_ids[]") for a in bot.get("admin_ids", []))

    db_url = env.get("DATABASE_URL") or str(data.get("database", {}).get("url", ""))
    if not db_url:
        raise ConfigError("config: set database.url in config.toml or DATABASE_URL in the environment.")
    limits_raw = data.get("limits", {})
    limits = Limits(
        **{k: read_int(v, f"limits.{k}") for k, v in limits_raw.items() if k in Limits.__dataclass_fields__}
    )

    return Config(
        platform=platform,
        timezone=timezone,
        admin_ids=admin_ids,
        polling_timeout=read_int(bot.get("polling_timeout", 30), "bot.polling_timeout"),
        max_concurrent_updates=max(
            1, read_int(bot.get("max_concurrent_updates", 32), "bot.max_concurrent_updates")
        ),
        burst_limit=max(5, read_int(bot.get("burst_limit", 30), "bot.burst_limit")),
        second_poller_grace=max(1, read_int(bot.get("second_poller_grace", 30), "bot.second_poller_grace")),
        database_url=_resolve_sqlite_path(normalize_database_url(db_url)),
        bot_token=env.get("BOT_TOKEN"),
        base_url=env.get("BOT_API_BASE_URL") or None,
        base_file_url=env.get("BOT_API_BASE_FILE_URL") or None,
        limits=limits,
        broadcasting=read_broadcasting(data.get("broadcast", {})),
        courses=read_courses(data.get("courses", {})),
        roles=read_choices(data.get("roles"), "roles"),
        categories=read_choices(data.get("categories"), "categories"),
        places=read_choices(data.get("places"), "places"),
        source_path=config_path,
        consortia=read_consortia(data.get("consortia", {})),
        markets=read_choices(data.get("markets"), "markets"),
        certifications=read_choices(data.get("certifications"), "certifications"),
        resources=read_choices(data.get("resources"), "resources"),
        units=read_choices(data.get("units"), "units"),
        surveys=read_surveys(data.get("surveys", {})),
        exhibitions=read_exhibitions(data.get("exhibitions", {})),
        readiness=read_readiness(data.get("readiness", {})),
        bale_token=env.get("BALE_BOT_TOKEN") or None,
        bale_base_url=env.get("BALE_API_BASE_URL") or BALE_API_BASE_URL,
        bale_base_file_url=env.get("BALE_API_BASE_FILE_URL") or BALE_API_BASE_FILE_URL,
        bale_admin_ids=frozenset(read_int(a, "bot.bale_admin_ids[]") for a in bot.get("bale_admin_ids", [])),
        dashboard_url=read_dashboard_url(env.get("DASHBOARD_URL")),
    )
