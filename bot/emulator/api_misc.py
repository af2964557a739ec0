"""Bot API methods about the bot itself, updates, webhooks, commands, chats and files."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

from bot.emulator.api_common import Handler, target_chat
from bot.emulator.errors import ApiError, bad_request
from bot.emulator.serialize import chat_full_info
from bot.emulator.state import JSON, ScopeKey

if TYPE_CHECKING:
    from bot.emulator.emulator import BotApiEmulator

_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_CHAT_SCOPES = ("chat", "chat_administrators", "chat_member")


async def get_me(emu: BotApiEmulator, p: dict[str, Any]) -> JSON:
    return {
        **emu.state.bot.to_json(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


async def accept(emu: BotApiEmulator, p: dict[str, Any]) -> bool:
    return True


async def get_updates(emu: BotApiEmulator, p: dict[str, Any]) -> list[JSON]:
    state = emu.state
    if state.webhook is not None:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    emu.polls += 1  # like Telegram, a newer getUpdates ends a pending one with 409
    mine = emu.polls
    emu.update_signal.notify()
    offset = p.get("offset")
    if isinstance(offset, int):
        state.confirm_updates(offset)
    limit = p.get("limit", 100)
    limit = min(max(limit, 1), 100) if isinstance(limit, int) else 100
    deadline = time.monotonic() + float(p.get("timeout") or 0)
    while not state.updates and not emu.closing:
        if emu.polls != mine:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        await emu.update_signal.wait(remaining)
    return state.updates[:limit]


async def set_webhook(emu: BotApiEmulator, p: dict[str, Any]) -> bool:
    url = p.get("url") or ""
    emu.state.webhook = {"url": url, **{k: v for k, v in p.items() if k != "certificate"}} if url else None
    if p.get("drop_pending_updates"):
        emu.state.updates.clear()
    if url:
        emu.webhook.wake()  # from now on updates are POSTed to the URL instead of waiting for getUpdates
    return True


async def delete_webhook(emu: BotApiEmulator, p: dict[str, Any]) -> bool:
    emu.state.webhook = None
    if p.get("drop_pending_updates"):
        emu.state.updates.clear()
    return True


async def get_webhook_info(emu: BotApiEmulator, p: dict[str, Any]) -> JSON:
    webhook = emu.state.webhook or {}
    return {
        "url": webhook.get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": len(emu.state.updates),
    }


def scope_key(emu: BotApiEmulator, p: dict[str, Any]) -> ScopeKey:
    scope = p.get("scope") or {"type": "default"}
    if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
        raise bad_request("can't parse BotCommandScope")
    scope_type = scope["type"]
    chat_id: int | None = None
    if scope_type in _CHAT_SCOPES:
        chat = emu.state.find_chat(scope.get("chat_id"))
        if chat is None:
            raise bad_request("chat not found")
        chat_id = chat.id
    user_id = scope.get("user_id") if scope_type == "chat_member" else None
    return ScopeKey(scope_type, chat_id, user_id, str(p.get("language_code") or ""))


async def set_my_commands(emu: BotApiEmulator, p: dict[str, Any]) -> bool:
    commands = p.get("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    parsed: list[tuple[str, str]] = []
    for item in commands:
        command = str(item.get("command", "")) if isinstance(item, dict) else ""
        description = str(item.get("description", "")) if isinstance(item, dict) else ""
        if not _COMMAND_RE.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        parsed.append((command, description))
    emu.state.commands[scope_key(emu, p)] = parsed
    return True


async def get_my_commands(emu: BotApiEmulator, p: dict[str, Any]) -> list[JSON]:
    stored = emu.state.commands.get(scope_key(emu, p), [])
    return [{"command": c, "description": d} for c, d in stored]


async def delete_my_commands(emu: BotApiEmulator, p: dict[str, Any]) -> bool:
    emu.state.commands.pop(scope_key(emu, p), None)
    return True


async def set_chat_menu_button(emu: BotApiEmulator, p: dict[str, Any]) -> bool:
    chat_id = target_chat(emu, p).id if p.get("chat_id") is not None else None
    button = p.get("menu_button") or {"type": "default"}
    emu.state.menu_buttons[chat_id] = button
    return True


async def get_chat_menu_button(emu: BotApiEmulator, p: dict[str, Any]) -> JSON:
    chat_id = target_chat(emu, p).id if p.get("chat_id") is not None else None
    default = {"type": "commands"} if chat_id is None else {"type": "default"}
    return emu.state.menu_buttons.get(chat_id, default)


async def get_chat(emu: BotApiEmulator, p: dict[str, Any]) -> JSON:
    return chat_full_info(emu.state, target_chat(emu, p).id)


async def get_file(emu: BotApiEmulator, p: dict[str, Any]) -> JSON:
    stored = emu.state.files.get(str(p.get("file_id")))
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "file_path": stored.file_path,
    }


METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "logOut": accept,
    "close": accept,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
    "getChat": get_chat,
    "getFile": get_file,
    "setMyDescription": accept,
    "setMyShortDescription": accept,
    "setMyName": accept,
}
