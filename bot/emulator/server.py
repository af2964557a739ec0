"""aiohttp routes: `/bot{token}/{method}` (Bot API), `/file/bot{token}/{path}` (downloads)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.emulator import api_messages, api_misc
from bot.emulator.api_common import Handler
from bot.emulator.errors import ApiError
from bot.emulator.http_driver import add_driver_routes
from bot.emulator.params import loggable, read_params
from bot.emulator.profiles import PARSE_MODE_REFUSED
from bot.emulator.realism import SEND_METHODS

if TYPE_CHECKING:
    from bot.emulator.emulator import BotApiEmulator

METHODS: dict[str, tuple[str, Handler]] = {
    name.lower(): (name, handler) for name, handler in {**api_messages.METHODS, **api_misc.METHODS}.items()
}
INJECTED_BAD_ENTITIES = (
    'Bad Request: can\'t parse entities: Unsupported start tag "injected" at byte offset 0'
)


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when the request arrived
    chat_id: int | None
    status: int


def _call_chat_id(emu: BotApiEmulator, params: dict[str, Any]) -> int | None:
    chat = emu.state.find_chat(params.get("chat_id"))
    if chat is not None:
        return chat.id
    if isinstance(params.get("chat_id"), int):
        return int(params["chat_id"])
    query = emu.state.callback_queries.get(str(params.get("callback_query_id")))
    return query.chat_id if query is not None else None


async def _injected_failure(emu: BotApiEmulator, method: str, chat_id: int | None) -> str | None:
    """Raise the injected failure due now; `lost_answer` is returned: it strikes after delivering."""
    kind = emu.realism.take_failure(method, chat_id)
    if kind is None or kind == "lost_answer":
        return kind
    emu.stats.failures_injected += 1
    if kind == "timeout":
        await emu.sleep_unless_closing(emu.realism.timeout_hold)
        raise ApiError(502, "Bad Gateway")
    if kind == "bad_entities":
        raise ApiError(400, INJECTED_BAD_ENTITIES)
    raise ApiError(502, "Bad Gateway")


async def _dispatch(emu: BotApiEmulator, token: str, method: str, params: dict[str, Any]) -> Any:
    if token != emu.token:
        raise ApiError(401, "Unauthorized")
    found = METHODS.get(method.lower())
    if found is None or method.lower() in emu.profile.missing:
        raise ApiError(404, "Not Found")
    if emu.profile.refuse_parse_mode and (params.get("parse_mode") or None) is not None:
        raise ApiError(400, PARSE_MODE_REFUSED)
    name, handler = found
    realism = emu.realism
    if name == "getUpdates":
        return await handler(emu, params)
    if realism.latency:
        await emu.sleep_unless_closing(realism.latency / 2)  # the request on its way
    injected = await _injected_failure(emu, name, _call_chat_id(emu, params))
    result = await handler(emu, params)
    if delay := realism.answer_delay():
        await emu.sleep_unless_closing(delay)  # the answer on its way back
    if name in SEND_METHODS and (injected == "lost_answer" or realism.answer_lost()):
        emu.stats.answers_lost += 1
        raise ApiError(502, "Bad Gateway")  # delivered, but the bot never hears so
    return result


def _json(body: dict[str, Any], status: int) -> web.Response:
    return web.json_response(body, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def build_app(emu: BotApiEmulator) -> web.Application:
    async def handle_api(request: web.Request) -> web.Response:
        at = time.monotonic()
        token, method = request.match_info["token"], request.match_info["method"]
        found = METHODS.get(method.lower())
        name = found[0] if found else method
        params: dict[str, Any] = {}
        try:
            params = await read_params(request)
            result = await _dispatch(emu, token, method, params)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as err:
            status, body = err.status, err.to_json()
            if status == 429:
                emu.stats.rate_limited += 1
            elif status == 403:
                emu.stats.forbidden += 1
        emu.calls.append(ApiCall(name, loggable(params), at, _call_chat_id(emu, params), status))
        return _json(body, status)

    async def handle_file(request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != emu.token:
            return _json(ApiError(401, "Unauthorized").to_json(), 401)
        stored = emu.state.files_by_path.get(request.match_info["path"])
        if stored is None or stored.data is None:
            return _json(ApiError(404, "Not Found").to_json(), 404)
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")

    app = web.Application(client_max_size=64 * 1024 * 1024)
    app.router.add_route("*", "/bot{token}/{method}", handle_api)
    app.router.add_get("/file/bot{token}/{path:.+}", handle_file)
    add_driver_routes(app, emu)
    return app
