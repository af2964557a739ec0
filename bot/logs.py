"""Log set-up: INFO for the app, quiet libraries, one line per update and per error, text or JSON lines."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET = {
    "httpx": logging.WARNING,  # its lines carry the token in the URL
    "alembic": logging.WARNING,
    "apscheduler.executors": logging.WARNING,  # "Running job …" / "… executed successfully" every tick
    "apscheduler.scheduler": logging.WARNING,  # "Added job …" at start-up; warnings (missed runs) stay
    "aiohttp.access": logging.WARNING,  # the web server: an access line per webhook would double each update
}


class JsonLines(logging.Formatter):
    """One JSON object per line: time (UTC, ISO), level, logger, message, and the traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["error"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def configure_logging(log_format: str = "text") -> None:
    """INFO for the app; never DEBUG in production: PTB's debug lines include message bodies."""
    root = logging.getLogger()
    if not root.handlers:  # like logging.basicConfig: a host that set up logging (pytest) keeps its own
        handler = logging.StreamHandler()
        handler.setFormatter(JsonLines() if log_format == "json" else logging.Formatter(TEXT_FORMAT))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    for name, level in QUIET.items():
        logging.getLogger(name).setLevel(level)
