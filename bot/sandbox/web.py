"""The browser chat's routes, served by the emulator's own aiohttp app next to `/_driver/`.

`/` is the page; `/static/` its CSS, JS and font; `/_sandbox/` lists personas, hands out fresh
visitor ids, opens a chat (its first screen, see returning.py) and gives a chat's command menu.
Messages, presses, uploads, downloads and the realism switches go through the emulator's `/_driver/`
API, as any other driver would.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.config import Config
from bot.emulator import BotApiEmulator
from bot.persian import format_mobile
from bot.sandbox.demo_data import (
    CDA_FIRST_NAME,
    CDA_LAST_NAME,
    CDA_PHONE,
    CDA_USER_ID,
    FIRST_VISITOR_ID,
    demo_members,
)

STATIC_DIR = Path(__file__).parent / "static"
VISITOR_FIRST_NAME = "مهمان"


def _json(body: Any, status: int = 200) -> web.Response:
    return web.json_response(body, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def visitor_phone(user_id: int) -> str:
    """A made-up Iranian mobile for a visitor's «ارسال شماره من» (digits from the id, so it is unique)."""
    return f"+98916{user_id % 10_000_000:07d}"


class SandboxWeb:
    """Personas and visitors for the page; registers every persona's chat in the emulator up front."""

    def __init__(self, emu: BotApiEmulator, config: Config) -> None:
        self.emu = emu
        self.config = config
        # time-based, so a visitor from an earlier run (still in the SQLite file) is never reused
        self._visitor_ids = itertools.count(FIRST_VISITOR_ID + int(time.time() * 10) % 10**8 * 10)
        self.personas = self._personas()
        self.opener: Callable[[int], Awaitable[object]] | None = None  # set once the bot runs
        self.opened: set[int] = set()  # chats whose first screen this run has shown
        for persona in self.personas:
            emu.user(persona["id"], first_name=persona["first_name"], last_name=persona["last_name"])

    def _personas(self) -> list[dict[str, Any]]:
        cda = {
            "id": CDA_USER_ID,
            "kind": "cda",
            "first_name": CDA_FIRST_NAME,
            "last_name": CDA_LAST_NAME,
            "name": f"{CDA_FIRST_NAME} {CDA_LAST_NAME}",
            "subtitle": "عامل توسعه خوشه (مدیر)",
            "phone": CDA_PHONE,
            "tags": [],
        }
        out = [cda]
        for m in demo_members(self.config):
            place = m.place_other or self.config.label_of("places", m.place)
            out.append(
                {
                    "id": m.user_id,
                    "kind": "member",
                    "first_name": m.first_name,
                    "last_name": m.last_name,
                    "name": m.full_name,
                    "subtitle": f"{self.config.label_of('roles', m.role)} · {place}",
                    "phone": m.phone,
                    "tags": [],
                }
            )
        return out

    def set_tags(self, tags: dict[int, list[str]]) -> None:
        """What each demo member takes part in (see persona_hints.py), shown under their name."""
        for persona in self.personas:
            persona["tags"] = tags.get(persona["id"], [])

    def persona(self, user_id: int) -> dict[str, Any]:
        """A listed persona, or a visitor (e.g. a tab reopened after the sandbox restarted)."""
        found = next((p for p in self.personas if p["id"] == user_id), None)
        return found or self.visitor(user_id)

    def new_visitor(self) -> dict[str, Any]:
        return self.visitor(next(self._visitor_ids))

    def visitor(self, user_id: int) -> dict[str, Any]:
        self.emu.user(user_id, first_name=VISITOR_FIRST_NAME)
        phone = visitor_phone(user_id)
        return {
            "id": user_id,
            "kind": "visitor",
            "first_name": VISITOR_FIRST_NAME,
            "last_name": None,
            "name": "بازدیدکنندهٔ تازه",
            "subtitle": format_mobile(phone),
            "phone": phone,
        }

    async def open_chat(self, user_id: int) -> dict[str, Any]:
        """The persona, after its chat's first screen (once per run: reloads and second tabs add nothing)."""
        persona = self.persona(user_id)
        if self.opener is not None and user_id not in self.opened:
            self.opened.add(user_id)
            await self.opener(user_id)
        return persona

    def commands(self, user_id: int) -> list[dict[str, str]]:
        found = self.emu.commands_for("chat", chat_id=user_id) or self.emu.commands_for("default")
        return [{"command": c, "description": d} for c, d in found]

    def add_routes(self, app: web.Application) -> None:
        async def index(_: web.Request) -> web.StreamResponse:
            return web.FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

        async def personas(_: web.Request) -> web.Response:
            bot = {"name": self.emu.state.bot.first_name, "username": self.emu.state.bot.username}
            return _json({"bot": bot, "personas": self.personas})

        async def visitor(_: web.Request) -> web.Response:
            return _json(self.new_visitor())

        async def persona(request: web.Request) -> web.Response:
            return _json(self.persona(int(request.match_info["user_id"])))

        async def open_chat(request: web.Request) -> web.Response:
            return _json(await self.open_chat(int(request.match_info["user_id"])))

        async def commands(request: web.Request) -> web.Response:
            return _json(self.commands(int(request.match_info["user_id"])))

        app.router.add_get("/", index)
        app.router.add_static("/static/", STATIC_DIR)
        app.router.add_get("/_sandbox/personas", personas)
        app.router.add_post("/_sandbox/visitors", visitor)
        app.router.add_get("/_sandbox/users/{user_id:\\d+}", persona)
        app.router.add_post("/_sandbox/users/{user_id:\\d+}/open", open_chat)
        app.router.add_get("/_sandbox/users/{user_id:\\d+}/commands", commands)
