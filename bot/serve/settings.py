"""How `khooshe run` serves: webhook or long polling, where the web server listens, the log format.

Read from the environment only (these are deployment facts, not bot behaviour, so not config.toml).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.config import ConfigError

DEFAULT_WEBHOOK_LISTEN = "0.0.0.0:8080"
OFF = frozenset({"off", "no", "none", "0", "false"})
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,256}$")  # Telegram allows 1-256 of these; we ask 16+
LOG_FORMATS = ("text", "json")


@dataclass(frozen=True)
class Listen:
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class ServeSettings:
    webhook_url: str | None = None  # public base URL; each messenger gets <base>/<messenger>
    webhook_listen: Listen = Listen("0.0.0.0", 8080)
    webhook_secret: str | None = None
    health_listen: Listen | None = None  # polling mode: /healthz here if set (else no web server)
    log_format: str = "text"

    @property
    def webhook(self) -> bool:
        return self.webhook_url is not None

    @property
    def listen(self) -> Listen | None:
        """Where the one web server listens: the webhook address, else the health address (or nowhere)."""
        return self.webhook_listen if self.webhook else self.health_listen

    def webhook_for(self, messenger: str) -> str:
        """The URL the messenger posts `messenger`'s updates to (one path per messenger)."""
        assert self.webhook_url is not None
        return f"{self.webhook_url}/{messenger}"


def parse_listen(value: str, name: str) -> Listen:
    host, sep, port = value.strip().rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"{name} must be host:port (for example 0.0.0.0:8080), got {value!r}.")
    return Listen(host.strip("[]") or "0.0.0.0", int(port))


def load_serve_settings(env: Mapping[str, str] | None = None) -> ServeSettings:
    """WEBHOOK_URL / WEBHOOK_LISTEN / WEBHOOK_SECRET / HEALTH_LISTEN / LOG_FORMAT; fails fast."""
    env = os.environ if env is None else env
    log_format = (env.get("LOG_FORMAT") or "text").strip().lower()
    if log_format not in LOG_FORMATS:
        raise ConfigError(f"LOG_FORMAT must be text or json, got {log_format!r}.")
    health_raw = (env.get("HEALTH_LISTEN") or "").strip()
    health = None if health_raw.lower() in OFF | {""} else parse_listen(health_raw, "HEALTH_LISTEN")
    url = (env.get("WEBHOOK_URL") or "").strip().rstrip("/") or None
    if url is None:
        return ServeSettings(health_listen=health, log_format=log_format)
    if not url.startswith(("https://", "http://")):
        raise ConfigError(f"WEBHOOK_URL must be the public https:// base URL of this bot, got {url!r}.")
    secret = (env.get("WEBHOOK_SECRET") or "").strip()
    if not SECRET_PATTERN.match(secret):
        raise ConfigError(
            "WEBHOOK_SECRET must be set with WEBHOOK_URL: 16-256 characters of A-Z a-z 0-9 _ - "
            "(for example: python3 -c 'import secrets; print(secrets.token_urlsafe(32))')."
        )
    listen = parse_listen(env.get("WEBHOOK_LISTEN") or DEFAULT_WEBHOOK_LISTEN, "WEBHOOK_LISTEN")
    return ServeSettings(
        webhook_url=url,
        webhook_listen=listen,
        webhook_secret=secret,
        health_listen=health,
        log_format=log_format,
    )
