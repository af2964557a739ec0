"""JSON-over-HTTP driver under `/_driver/` (for a browser sandbox): a thin layer over EmuUser."""

from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aiohttp import web

if TYPE_CHECKING:
    from bot.emulator.driver import EmuUser
    from bot.emulator.emulator import BotApiEmulator

MAX_WAIT = 25.0  # seconds a browser's long poll may be held
INLINE_IMAGES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
_Action = Callable[["EmuUser", dict[str, Any]], Awaitable[Any]]


def _reply(result: Any, status: int = 200) -> web.Response:
    body = {"ok": status == 200, "result": result} if status == 200 else {"ok": False, "description": result}
    return web.json_response(body, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError as exc:
        raise web.HTTPBadRequest(text="body must be JSON") from exc
    return body if isinstance(body, dict) else {}


async def _text(user: EmuUser, body: dict[str, Any]) -> Any:
    return await user.send_text(str(body["text"]))


async def _contact(user: EmuUser, body: dict[str, Any]) -> Any:
    return await user.share_contact(str(body["phone"]), body.get("contact_user_id"))


def _upload(body: dict[str, Any]) -> bytes | None:
    """Uploaded bytes arrive base64-encoded in JSON (the browser sandbox reads files with FileReader)."""
    raw = body.get("data_base64")
    if not raw:
        return None
    try:
        return base64.b64decode(str(raw), validate=True)
    except binascii.Error as exc:
        raise ValueError("data_base64 is not valid base64") from exc


async def _photo(user: EmuUser, body: dict[str, Any]) -> Any:
    return await user.send_photo(body.get("caption") or None, _upload(body))


async def _document(user: EmuUser, body: dict[str, Any]) -> Any:
    name = str(body.get("file_name") or "file.bin")
    return await user.send_document(name, body.get("caption") or None, _upload(body), body.get("mime_type"))


async def _press(user: EmuUser, body: dict[str, Any]) -> Any:
    if "data" in body:
        return await user.press_raw(int(body["message_id"]), str(body["data"]))
    message_id = body.get("message_id")
    return await user.press(str(body["button"]), int(message_id) if message_id is not None else None)


def add_driver_routes(app: web.Application, emu: BotApiEmulator) -> None:
    def user_action(action: _Action) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handle(request: web.Request) -> web.Response:
            body = await _body(request)
            user = emu.user(
                int(request.match_info["user_id"]),
                first_name=body.get("first_name"),
                last_name=body.get("last_name"),
                username=body.get("username"),
            )
            try:
                return _reply(await action(user, body))
            except (AssertionError, KeyError, ValueError) as exc:
                return _reply(f"{type(exc).__name__}: {exc}", 400)

        return handle

    async def messages(request: web.Request) -> web.Response:
        """Events of one chat after `after`; `wait` (≤ 25 s) long-polls; `answers_from` adds button toasts.

        Every answer names the event log's `instance`; a poll that names another one (the page saw
        the emulator before a restart) is answered at once, so the page can start over from seq 0."""
        chat_id = int(request.match_info["user_id"])
        try:
            after = int(request.query.get("after", "0"))
            answers_from = int(request.query.get("answers_from", "-1"))
            deadline = time.monotonic() + min(float(request.query.get("wait", "0")), MAX_WAIT)
        except ValueError:
            return _reply("after, answers_from and wait must be numbers", 400)
        instance = emu.state.instance
        if request.query.get("instance", instance) != instance:
            deadline = 0.0

        def answers() -> list[Any]:
            return emu.state.callback_answers.get(chat_id, [])[answers_from:] if answers_from >= 0 else []

        events = emu.state.events_after(chat_id, after)
        while not events and not answers() and not emu.closing:
            if not await emu.event_signal.wait(deadline - time.monotonic()):
                break
            events = emu.state.events_after(chat_id, after)
        last_seq = events[-1].seq if events else after
        found = answers()
        result = {
            "events": [e.to_json() for e in events],
            "last_seq": last_seq,
            "answers": found,
            "instance": instance,
        }
        if answers_from >= 0:
            result["answers_next"] = answers_from + len(found)
        return _reply(result)

    async def download(request: web.Request) -> web.StreamResponse:
        """A file by file_id, for the browser: images inline, documents as downloads with their name."""
        stored = emu.state.files.get(request.match_info["file_id"])
        if stored is None or stored.data is None:
            raise web.HTTPNotFound(text="no such file")
        mime = stored.mime_type or ("image/jpeg" if stored.kind == "photo" else "application/octet-stream")
        name = stored.file_name or stored.file_path.rsplit("/", 1)[-1]
        disposition = "inline" if mime in INLINE_IMAGES else "attachment"  # never an active type inline
        headers = {
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(name)}",
            "X-Content-Type-Options": "nosniff",
        }
        return web.Response(body=stored.data, content_type=mime, headers=headers)

    async def realism(request: web.Request) -> web.Response:
        body = await _body(request) if request.method == "POST" else {}
        if "global_per_second" in body or "per_chat_per_second" in body:
            emu.set_rate_limits(
                body.get("global_per_second"),
                body.get("per_chat_per_second"),
                int(body.get("retry_after", 1)),
            )
        if "blocked_user_ids" in body:
            emu.realism.blocked = {int(u) for u in body["blocked_user_ids"]}
        if "deactivated_user_ids" in body:
            emu.realism.deactivated = {int(u) for u in body["deactivated_user_ids"]}
        r = emu.realism
        return _reply(
            {
                "global_per_second": r.global_per_second,
                "per_chat_per_second": r.per_chat_per_second,
                "retry_after": r.retry_after,
                "blocked_user_ids": sorted(r.blocked),
                "deactivated_user_ids": sorted(r.deactivated),
            }
        )

    prefix = "/_driver/users/{user_id:-?\\d+}"
    app.router.add_post(f"{prefix}/text", user_action(_text))
    app.router.add_post(f"{prefix}/contact", user_action(_contact))
    app.router.add_post(f"{prefix}/press", user_action(_press))
    app.router.add_post(f"{prefix}/photo", user_action(_photo))
    app.router.add_post(f"{prefix}/document", user_action(_document))
    app.router.add_get(f"{prefix}/messages", messages)
    app.router.add_get("/_driver/files/{file_id}", download)
    app.router.add_post("/_driver/realism", realism)
    app.router.add_get("/_driver/realism", realism)
