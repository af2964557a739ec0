"""Typed configuration: config.toml (non-secret) plus environment overrides; fails fast."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from models.enums import Platform

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_PATH = PROJECT_ROOT / "config.toml"
PLACEHOLDER_TOKENS = frozenset({"", "changeme", "change-me", "your-token", "<token>", "put-your-token-here"})
TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{5,}$")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,15}$")
PLATFORMS = tuple(Platform)


class ConfigError(Exception):
    """A configuration problem that must stop start-up; the message is one line saying what to fix."""


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


@dataclass(frozen=True)
class Limits:
    name_max_chars: int = 80
    place_max_chars: int = 60
    area_max_m2: int = 10_000_000


LEASE_MARGIN_SECONDS = 10.0  # a claim outlives its send by this much (recording, a slow database)


@dataclass(frozen=True)
class Broadcasting:
    quiet_start: time = time(22, 0)
    quiet_end: time = time(7, 0)
    overall_per_second: int = 30
    bulk_per_second: float = 25.0
    max_in_flight: int = 10
    max_attempts: int = 3
    late_grace_minutes: int = 180
    tick_seconds: float = 2.0
    progress_every_seconds: float = 3.0
    claim_lease_seconds: float = 60.0
    send_timeout_seconds: float = 30.0
    channel_id: str = ""
    digest_weekday: int = 0
    digest_hour: int = 9


@dataclass(frozen=True)
class Courses:
    offer_hours: int = (
        24  # a freed seat is held this long for the next on the waitlist (quiet hours excluded)
    )
    reminder_hours: tuple[int, ...] = (24, 2)  # reminders this many hours before the start


@dataclass(frozen=True)
class Exhibitions:
    nonresponder_hours: int = 48  # «no answer yet» reminder this long before the response deadline
    participant_hours: int = 72  # participants reminded this long before the start
    documents_hours: int = 72  # missing documents reminded this long before their deadline
    reminder_gap_hours: int = 24  # no reminder within this long after the item was announced


@dataclass(frozen=True)
class Surveys:
    reminder_hours_after_launch: tuple[int, ...] = (48, 120)  # at most two reminders to non-finishers


@dataclass(frozen=True)
class Consortia:
    weekly_requests: int = 3  # introduction requests a member may make in any 7 days
    page_size: int = 5  # partner suggestions per page
    group_min: int = 3
    group_max: int = 7


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

    def require_token(self) -> str:
        """Return the bot token or raise with the one line a newcomer needs."""
        token = (self.bot_token or "").strip()
        if token.lower() in PLACEHOLDER_TOKENS:
            raise ConfigError("BOT_TOKEN is not set: export BOT_TOKEN=<token from @BotFather> and run again.")
        if not TOKEN_PATTERN.match(token):
            raise ConfigError("BOT_TOKEN does not look like a bot token (<digits>:<letters>); check it.")
        return token

    def label_of(self, kind: str, key: str | None) -> str:
        """Human label for a stored key; unknown keys (removed from config) are shown as they are."""
        if key is None:
            return ""
        choices: tuple[Choice, ...] = getattr(self, kind)
        return next((c.label for c in choices if c.key == key), key)


def _choices(raw: Any, name: str) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"config: [[{name}]] must list at least one entry with key and label.")
    seen: set[str] = set()
    out: list[Choice] = []
    for item in raw:
        key, label = str(item.get("key", "")), str(item.get("label", "")).strip()
        if not KEY_PATTERN.match(key) or not label:
            raise ConfigError(
                f"config: each [[{name}]] needs an ASCII key (a-z, 0-9, _; ≤16) and a label: {key!r}"
            )
        if key in seen:
            raise ConfigError(f"config: duplicate key {key!r} in [[{name}]].")
        seen.add(key)
        out.append(Choice(key, label))
    return tuple(out)


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


def _int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"config: {name} must be a whole number, got {value!r}.") from None


def _clock_time(value: Any, name: str) -> time:
    try:
        hour, minute = (int(part) for part in str(value).split(":"))
        return time(hour, minute)
    except ValueError:
        raise ConfigError(f"config: {name} must be HH:MM, got {value!r}.") from None


def _broadcasting(raw: dict[str, Any]) -> Broadcasting:
    defaults = Broadcasting()
    known = set(Broadcasting.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"config: unknown [broadcast] settings: {', '.join(sorted(unknown))}.")
    values: dict[str, Any] = {}
    for name in known & set(raw):
        default = getattr(defaults, name)
        if isinstance(default, time):
            values[name] = _clock_time(raw[name], f"broadcast.{name}")
        elif isinstance(default, str):
            values[name] = str(raw[name]).strip()
        elif isinstance(default, float):
            try:
                values[name] = float(raw[name])
            except (TypeError, ValueError):
                raise ConfigError(f"config: broadcast.{name} must be a number, got {raw[name]!r}.") from None
        else:
            values[name] = _int(raw[name], f"broadcast.{name}")
    result = Broadcasting(**values)
    if not 0 < result.bulk_per_second <= result.overall_per_second or not 1 <= result.max_in_flight <= 30:
        raise ConfigError(
            "config: need 0 < bulk_per_second <= overall_per_second and 1 <= max_in_flight <= 30."
        )
    if result.send_timeout_seconds <= 0 or (
        result.claim_lease_seconds < result.send_timeout_seconds + LEASE_MARGIN_SECONDS
    ):
        raise ConfigError(
            f"config: broadcast.claim_lease_seconds ({result.claim_lease_seconds:g}) must be at least "
            f"send_timeout_seconds ({result.send_timeout_seconds:g}) + {LEASE_MARGIN_SECONDS:g}: a claim "
            "that expires while its send is still running is sent again by another worker (duplicates)."
        )
    if not 0 <= result.digest_weekday <= 6 or not 0 <= result.digest_hour <= 23:
        raise ConfigError("config: broadcast.digest_weekday is 0..6 (شنبه..جمعه) and digest_hour 0..23.")
    return result


def _courses(raw: dict[str, Any]) -> Courses:
    offer_hours = _int(raw.get("offer_hours", 24), "courses.offer_hours")
    reminders = tuple(
        sorted(
            {_int(h, "courses.reminder_hours[]") for h in raw.get("reminder_hours", [24, 2])}, reverse=True
        )
    )
    if offer_hours < 1 or any(h < 1 for h in reminders) or len(reminders) > 3:
        raise ConfigError("config: courses.offer_hours ≥ 1 and up to three reminder_hours, each ≥ 1.")
    return Courses(offer_hours=offer_hours, reminder_hours=reminders)


def _exhibitions(raw: dict[str, Any]) -> Exhibitions:
    fields = Exhibitions.__dataclass_fields__
    result = Exhibitions(**{k: _int(v, f"exhibitions.{k}") for k, v in raw.items() if k in fields})
    if min(result.nonresponder_hours, result.participant_hours, result.documents_hours) < 1:
        raise ConfigError("config: exhibitions.*_hours are whole hours, each ≥ 1.")
    if result.reminder_gap_hours < 0:
        raise ConfigError("config: exhibitions.reminder_gap_hours is 0 or more.")
    return result


def _surveys(raw: dict[str, Any]) -> Surveys:
    raw_hours = raw.get("reminder_hours_after_launch", [48, 120])
    hours = tuple(sorted({_int(h, "surveys.reminder_hours_after_launch[]") for h in raw_hours}))
    if any(h < 1 for h in hours) or len(hours) > 2:
        raise ConfigError("config: surveys.reminder_hours_after_launch takes at most two hours, each ≥ 1.")
    return Surveys(reminder_hours_after_launch=hours)


def _consortia(raw: dict[str, Any]) -> Consortia:
    values = {k: _int(v, f"consortia.{k}") for k, v in raw.items() if k in Consortia.__dataclass_fields__}
    result = Consortia(**values)
    if result.weekly_requests < 1 or result.page_size < 1 or not 2 <= result.group_min <= result.group_max:
        raise ConfigError(
            "config: consortia needs weekly_requests ≥ 1, page_size ≥ 1 and 2 ≤ group_min ≤ group_max."
        )
    return result


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
    admin_ids = frozenset(_int(a, "bot.admin_ids[]") for a in bot.get("admin_ids", []))

    db_url = env.get("DATABASE_URL") or str(data.get("database", {}).get("url", ""))
    if not db_url:
        raise ConfigError("config: set database.url in config.toml or DATABASE_URL in the environment.")
    limits_raw = data.get("limits", {})
    limits = Limits(
        **{k: _int(v, f"limits.{k}") for k, v in limits_raw.items() if k in Limits.__dataclass_fields__}
    )

    return Config(
        platform=platform,
        timezone=timezone,
        admin_ids=admin_ids,
        polling_timeout=_int(bot.get("polling_timeout", 30), "bot.polling_timeout"),
        max_concurrent_updates=max(
            1, _int(bot.get("max_concurrent_updates", 32), "bot.max_concurrent_updates")
        ),
        burst_limit=max(5, _int(bot.get("burst_limit", 30), "bot.burst_limit")),
        second_poller_grace=max(1, _int(bot.get("second_poller_grace", 30), "bot.second_poller_grace")),
        database_url=_resolve_sqlite_path(normalize_database_url(db_url)),
        bot_token=env.get("BOT_TOKEN"),
        base_url=env.get("BOT_API_BASE_URL") or None,
        base_file_url=env.get("BOT_API_BASE_FILE_URL") or None,
        limits=limits,
        broadcasting=_broadcasting(data.get("broadcast", {})),
        courses=_courses(data.get("courses", {})),
        roles=_choices(data.get("roles"), "roles"),
        categories=_choices(data.get("categories"), "categories"),
        places=_choices(data.get("places"), "places"),
        source_path=config_path,
        consortia=_consortia(data.get("consortia", {})),
        markets=_choices(data.get("markets"), "markets"),
        certifications=_choices(data.get("certifications"), "certifications"),
        resources=_choices(data.get("resources"), "resources"),
        units=_choices(data.get("units"), "units"),
        surveys=_surveys(data.get("surveys", {})),
        exhibitions=_exhibitions(data.get("exhibitions", {})),
    )
