"""JSON-over-HTTP driver under `/_driver/` (for a browser sandbox): a thin layer over EmuUser."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from bot.emulator.driver import EmuUser
    from bot.emulator.emulator import BotApiEmulator

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
        chat_id = int(request.match_info["user_id"])
        after = int(request.query.get("after", "0"))
        events = emu.state.events_after(chat_id, after)
        last_seq = events[-1].seq if events else after
        return _reply({"events": [e.to_json() for e in events], "last_seq": last_seq})

    async def realism(request: web.Request) -> web.Response:
        body = await _body(request)
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
    app.router.add_get(f"{prefix}/messages", messages)
    app.router.add_post("/_driver/realism", realism)
