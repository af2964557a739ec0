"""The `khooshe` command: run, migrate, doctor, admin add/list, makemigration."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import Config, ConfigError, load_config
from bot.context import utc_now
from bot.db import create_engine, create_sessionmaker
from bot.logs import configure_logging
from bot.migrate import make_revision, upgrade
from bot.serve.settings import ServeSettings, load_serve_settings
from bot.services.common.admins import add_admin, list_admins
from models.enums import Platform

TOKEN_REFUSED = (
    "the messenger refused BOT_TOKEN (check it with @BotFather). "
    "پیام‌رسان توکن ربات را نپذیرفت؛ BOT_TOKEN را بررسی کنید."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="khooshe", description="Khooshe, the Mahallat flowers cluster bot")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="migrate, then serve: webhook if WEBHOOK_URL is set, else polling")
    sub.add_parser("migrate", help="upgrade the database to the newest schema")
    sub.add_parser("doctor", help="check config, database and what the messenger's Bot API supports")
    box = sub.add_parser("sandbox", help="the bot on a local emulator with a demo and a browser chat")
    box.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (a free one if taken)")
    box.add_argument("--db", type=Path, default=None, help="SQLite file (default var/sandbox.sqlite3)")
    box.add_argument("--fresh", action="store_true", help="start from an empty database")
    box.add_argument("--quiet-hours", action="store_true", help="keep quiet hours (off in the sandbox)")
    admin = sub.add_parser("admin", help="manage admins (the CDA and assistants)")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    add = admin_sub.add_parser("add", help="add an admin by messenger user id")
    add.add_argument("user_id", type=int)
    add.add_argument("--bale", action="store_true", help="a Bale user id (default: BOT_TOKEN's messenger)")
    listing = admin_sub.add_parser("list", help="list admins")
    listing.add_argument("--bale", action="store_true", help="Bale's admins")
    rev = sub.add_parser("makemigration", help="autogenerate a migration from the models (developers)")
    rev.add_argument("message")
    return parser


def _admin_platform(config: Config, bale: bool) -> tuple[str, frozenset[int]]:
    """Which messenger's admins: Bale (`--bale`), else BOT_TOKEN's (Telegram); with its config ids."""
    return (Platform.BALE, config.bale_admin_ids) if bale else (config.platform, config.admin_ids)


async def _admin_add(config: Config, user_id: int, *, bale: bool = False) -> str:
    platform, _ = _admin_platform(config, bale)
    engine = create_engine(config.database_url)
    try:
        async with create_sessionmaker(engine).begin() as session:
            added = await add_admin(session, platform=platform, user_id=user_id, now=utc_now())
    finally:
        await engine.dispose()
    return f"admin {user_id} added" if added else f"{user_id} is already an admin"


async def _admin_list(config: Config, *, bale: bool = False) -> list[str]:
    platform, config_ids = _admin_platform(config, bale)
    engine = create_engine(config.database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            rows = await list_admins(session, platform=platform, config_ids=config_ids)
    finally:
        await engine.dispose()
    return [f"{uid}\t{source}" for uid, source in rows]


class _HideSecrets(logging.Filter):
    """Every log line passes here: the bot token never reaches the log, and a refused token is one line."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<token>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and type(error).__name__ == "InvalidToken":
            return False  # said once, in Persian and English, by main()
        record.msg, record.args = self._redact(record.getMessage()), ()
        if record.exc_info:
            record.exc_text = self._redact(logging.Formatter().formatException(record.exc_info))
        return True


def _hide_secrets(*secrets: str | None) -> None:
    hider = _HideSecrets([s for s in secrets if s])
    for handler in logging.getLogger().handlers:
        handler.addFilter(hider)


def _run(config: Config, settings: ServeSettings) -> None:
    from bot.app import build_applications  # imported here so `khooshe migrate` never touches telegram
    from bot.serve.runner import run

    chosen = config.messengers()
    _hide_secrets(*(m.token for m in chosen), settings.webhook_secret)
    upgrade(config.database_url)
    from telegram.error import InvalidToken

    apps = build_applications(config)
    try:
        run(apps, settings)
    except InvalidToken:  # PTB's message quotes the whole token: never print it
        raise ConfigError(TOKEN_REFUSED) from None
    for app in apps:
        if app.bot_data.stopped_because:  # another process already serves this token
            raise ConfigError(app.bot_data.stopped_because)


async def _serve_sandbox(config: Config, args: argparse.Namespace) -> None:
    from bot.sandbox.runner import DEFAULT_DB, Sandbox  # imported here: it starts the whole bot

    db_path: Path = args.db or DEFAULT_DB
    sandbox = Sandbox(config, db_path=db_path, port=args.port, quiet_hours=args.quiet_hours, fresh=args.fresh)
    async with sandbox:
        print(f"Khooshe sandbox (no Telegram needed): open {sandbox.url}  — Ctrl+C stops it", flush=True)
        await asyncio.Event().wait()


def _sandbox(config: Config, args: argparse.Namespace) -> int:
    """0 after Ctrl+C; 1 when a sandbox already runs on the same file (its URL is printed instead)."""
    from bot.sandbox.lock import SandboxAlreadyRunning

    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not even its start-up lines here
    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(_serve_sandbox(config, args))
    except SandboxAlreadyRunning as exc:
        print(f"khooshe: {exc.message()}", file=sys.stderr)
        return 1
    return 0


def _doctor(config: Config) -> int:
    from bot.doctor import CannotRun, doctor  # imported here: it talks to the messenger

    _hide_secrets(config.bot_token, config.bale_token)
    try:
        lines = asyncio.run(doctor(config))
    except CannotRun as exc:
        print(f"khooshe doctor: the bot cannot run: {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    configure_logging(os.environ.get("LOG_FORMAT", "text").strip().lower())
    try:
        config = load_config()
        if args.command == "run":
            _run(config, load_serve_settings())
        elif args.command == "doctor":
            return _doctor(config)
        elif args.command == "sandbox":
            return _sandbox(config, args)
        elif args.command == "migrate":
            upgrade(config.database_url)
            print("database is up to date")
        elif args.command == "makemigration":
            make_revision(config.database_url, args.message)
        elif args.admin_command == "add":
            upgrade(config.database_url)
            print(asyncio.run(_admin_add(config, args.user_id, bale=args.bale)))
        else:
            upgrade(config.database_url)
            print("\n".join(asyncio.run(_admin_list(config, bale=args.bale))) or "no admins yet")
    except ConfigError as exc:
        print(f"khooshe: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
