"""Reading Bot API call parameters from query string, JSON, urlencoded or multipart bodies.

PTB sends every value as a form field: strings raw, everything else JSON-encoded (so nested
objects such as reply_markup arrive as JSON strings). Values are normalised by parameter name so
that a text of "123" stays a string while chat_id "123" becomes an int.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp.web_request import FileField

from bot.emulator.errors import bad_request

JSON_KEYS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "scope",
        "commands",
        "link_preview_options",
        "reply_parameters",
        "allowed_updates",
        "menu_button",
        "media",
    }
)
INT_KEYS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
        "user_id",
        "max_connections",
        "duration",
        "width",
        "height",
    }
)
BOOL_KEYS = frozenset(
    {
        "show_alert",
        "disable_notification",
        "protect_content",
        "drop_pending_updates",
        "disable_web_page_preview",
        "disable_content_type_detection",
        "has_spoiler",
        "supports_streaming",
        "show_caption_above_media",
        "allow_sending_without_reply",
        "allow_paid_broadcast",
        "is_personal",
    }
)
_INT_RE = re.compile(r"^-?\d+$")


@dataclass
class Upload:
    """A file that arrived as a multipart part."""

    filename: str | None
    content_type: str | None
    data: bytes

    def describe(self) -> dict[str, Any]:
        return {"upload": self.filename, "size": len(self.data), "content_type": self.content_type}


def normalize(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if key in JSON_KEYS:
        try:
            return json.loads(value)
        except ValueError as exc:
            raise bad_request(f"can't parse {key} JSON object") from exc
    if key in INT_KEYS and _INT_RE.match(value):
        return int(value)
    if key in BOOL_KEYS and value in ("true", "false", "True", "False", "1", "0"):
        return value in ("true", "True", "1")
    return value


async def read_params(request: web.Request) -> dict[str, Any]:
    raw: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError as exc:
                raise bad_request("can't parse JSON body") from exc
            if isinstance(body, dict):
                raw.update(body)
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, FileField):
                    raw[key] = Upload(value.filename, value.content_type, value.file.read())
                else:
                    raw[key] = value if isinstance(value, str) else bytes(value).decode()
    return {key: normalize(key, value) for key, value in raw.items()}


def loggable(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as recorded in ApiCall: uploads reduced to a description."""
    return {k: (v.describe() if isinstance(v, Upload) else v) for k, v in params.items()}
