"""Bot API methods that create, change or remove chat messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.emulator.api_common import (
    Handler,
    caption_content,
    check_forbidden,
    check_rate,
    count_sent,
    target_chat,
    text_content,
    validate_markup,
)
from bot.emulator.errors import NOT_MODIFIED, bad_request
from bot.emulator.params import Upload
from bot.emulator.serialize import message_json
from bot.emulator.state import JSON, StoredFile, StoredMessage

if TYPE_CHECKING:
    from bot.emulator.emulator import BotApiEmulator

_CAPTIONED = ("photo", "document", "video", "audio", "animation", "voice")


async def send_message(emu: BotApiEmulator, p: dict[str, Any]) -> JSON:
    chat = target_chat(emu, p)
    check_forbidden(emu, chat)
    content = text_content(p)
    check_rate(emu, chat)
    message = emu.state.add_message(chat, from_bot=True, sender_id=None, kind="text", **content)
    count_sent(emu, "sendMessage", chat)
    return message_json(emu.state, message)


def _media_file(emu: BotApiEmulator, kind: str, value: Any) -> StoredFile:
    if isinstance(value, Upload):
        return emu.state.add_file(kind, value.data, value.filename, value.content_type)
    if isinstance(value, str) and value:
        known = emu.state.files.get(value)
        if known is not None:
            return known
        if value.startswith(("http://", "https://")):
            return emu.state.add_file(kind, None, value.rsplit("/", 1)[-1] or None)
        raise bad_request("wrong file identifier/HTTP URL specified")
    raise bad_request(f"there is no {kind} in the request")


def _media_sender(kind: str, method: str) -> Handler:
    async def send_media(emu: BotApiEmulator, p: dict[str, Any]) -> JSON:
        chat = target_chat(emu, p)
        check_forbidden(emu, chat)
        caption = caption_content(p)
        stored = _media_file(emu, kind, p.get(kind))
        markup = validate_markup(p.get("reply_markup"))
        check_rate(emu, chat)
        message = emu.state.add_message(
            chat, from_bot=True, sender_id=None, kind=kind, file=stored, reply_markup=markup, **caption
        )
        count_sent(emu, method, chat)
        return message_json(emu.state, message)

    return send_media


def _source(emu: BotApiEmulator, p: dict[str, Any], what: str) -> StoredMessage:
    source_chat = target_chat(emu, p, "from_chat_id")
    message_id = p.get("message_id")
    source = emu.state.get_message(source_chat.id, message_id) if isinstance(message_id, int) else None
    if source is None:
        raise bad_request(f"message to {what} not found")
    return source


def _copied_content(source: StoredMessage) -> JSON:
    return {
        "kind": source.kind,
        "text": source.text,
        "parse_mode": source.parse_mode,
        "rendered": source.rendered,
        "entities": list(source.entities),
        "file": source.file,
        "contact": source.contact,
    }


async def copy_message(emu: BotApiEmulator, p: dict[str, Any]) -> JSON:
    chat = target_chat(emu, p)
    check_forbidden(emu, chat)
    source = _source(emu, p, "copy")
    content = _copied_content(source)
    if "caption" in p and source.kind in _CAPTIONED:
        content.update(caption_content(p))
    content["reply_markup"] = validate_markup(p.get("reply_markup"))
    check_rate(emu, chat)
    message = emu.state.add_message(chat, from_bot=True, sender_id=None, **content)
    count_sent(emu, "copyMessage", chat)
    return {"message_id": message.message_id}


async def forward_message(emu: BotApiEmulator, p: dict[str, Any]) -> JSON:
    chat = target_chat(emu, p)
    check_forbidden(emu, chat)
    source = _source(emu, p, "forward")
    source_chat = emu.state.chats[source.chat_id]
    if source_chat.type == "channel":
        origin: JSON = {"type": "channel", "chat": source_chat.to_json(), "message_id": source.message_id}
    elif source.from_bot or source.sender_id not in emu.state.users:
        origin = {"type": "user", "sender_user": emu.state.bot.to_json()}
    else:
        origin = {"type": "user", "sender_user": emu.state.users[source.sender_id].to_json()}
    origin["date"] = source.date
    check_rate(emu, chat)
    message = emu.state.add_message(
        chat,
        from_bot=True,
        sender_id=None,
        forward_origin=origin,
        forwarded_from_chat_id=source.chat_id,
        **_copied_content(source),
    )
    count_sent(emu, "forwardMessage", chat)
    return message_json(emu.state, message)


def _editable(emu: BotApiEmulator, p: dict[str, Any]) -> tuple[StoredMessage, bool]:
    """The message an edit method targets, and whether it was addressed by inline_message_id."""
    inline_id = p.get("inline_message_id")
    if inline_id is not None:
        chat_part, _, id_part = str(inline_id).partition("_")
        try:
            message = emu.state.get_message(int(chat_part), int(id_part))
        except ValueError:
            message = None
        if message is None:
            raise bad_request("MESSAGE_ID_INVALID")
    else:
        chat = target_chat(emu, p)
        message_id = p.get("message_id")
        message = emu.state.get_message(chat.id, message_id) if isinstance(message_id, int) else None
        if message is None:
            raise bad_request("message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    check_forbidden(emu, emu.state.chats[message.chat_id])
    return message, inline_id is not None


def _unchanged(message: StoredMessage, content: JSON) -> bool:
    current = {
        "rendered": message.rendered if message.rendered is not None else message.text,
        "entities": message.entities,
        "reply_markup": message.reply_markup,
    }
    return all(current[k] == content[k] for k in current if k in content)


def _apply_edit(emu: BotApiEmulator, message: StoredMessage, content: JSON, inline: bool) -> JSON | bool:
    if _unchanged(message, content):
        raise bad_request(NOT_MODIFIED)
    emu.state.edit_message(message, **content)
    return True if inline else message_json(emu.state, message)


async def edit_message_text(emu: BotApiEmulator, p: dict[str, Any]) -> JSON | bool:
    message, inline = _editable(emu, p)
    if message.kind != "text":
        raise bad_request("there is no text in the message to edit")
    return _apply_edit(emu, message, text_content(p, inline_only=True), inline)


async def edit_message_caption(emu: BotApiEmulator, p: dict[str, Any]) -> JSON | bool:
    message, inline = _editable(emu, p)
    if message.kind not in _CAPTIONED:
        raise bad_request("there is no caption in the message to edit")
    content = caption_content(p)
    content["reply_markup"] = validate_markup(p.get("reply_markup"), inline_only=True)
    return _apply_edit(emu, message, content, inline)


async def edit_message_reply_markup(emu: BotApiEmulator, p: dict[str, Any]) -> JSON | bool:
    message, inline = _editable(emu, p)
    markup = validate_markup(p.get("reply_markup"), inline_only=True)
    return _apply_edit(emu, message, {"reply_markup": markup}, inline)


async def delete_message(emu: BotApiEmulator, p: dict[str, Any]) -> bool:
    chat = target_chat(emu, p)
    message_id = p.get("message_id")
    message = emu.state.get_message(chat.id, message_id) if isinstance(message_id, int) else None
    if message is None:
        raise bad_request("message to delete not found")
    emu.state.delete_message(message)
    return True


async def send_chat_action(emu: BotApiEmulator, p: dict[str, Any]) -> bool:
    check_forbidden(emu, target_chat(emu, p))
    return True


async def answer_callback_query(emu: BotApiEmulator, p: dict[str, Any]) -> bool:
    record = emu.state.callback_queries.get(str(p.get("callback_query_id")))
    if record is None or record.answer is not None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    record.answer = {
        "callback_query_id": record.id,
        "text": p.get("text"),
        "show_alert": bool(p.get("show_alert", False)),
        "url": p.get("url"),
        "cache_time": p.get("cache_time"),
    }
    emu.state.callback_answers.setdefault(record.user_id, []).append(record.answer)
    emu.event_signal.notify()
    return True


METHODS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendPhoto": _media_sender("photo", "sendPhoto"),
    "sendDocument": _media_sender("document", "sendDocument"),
    "sendVideo": _media_sender("video", "sendVideo"),
    "copyMessage": copy_message,
    "forwardMessage": forward_message,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "sendChatAction": send_chat_action,
    "answerCallbackQuery": answer_callback_query,
}
