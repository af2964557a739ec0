"""Telegram Bot API JSON for the objects of the in-memory model (valid for PTB's de_json)."""

from __future__ import annotations

from bot.emulator.state import JSON, EmuState, StoredFile, StoredMessage

_CAPTIONED = {"photo", "document", "video", "audio", "animation", "voice"}


def file_json(stored: StoredFile) -> JSON:
    data: JSON = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
    }
    if stored.kind in ("document", "video", "audio", "animation"):
        if stored.file_name is not None:
            data["file_name"] = stored.file_name
        if stored.mime_type is not None:
            data["mime_type"] = stored.mime_type
    if stored.kind == "video":
        data.update(width=640, height=360, duration=1)
    return data


def photo_sizes(stored: StoredFile) -> list[JSON]:
    small: JSON = {
        "file_id": stored.file_id + "-s",
        "file_unique_id": stored.file_unique_id + "s",
        "file_size": min(stored.size, 1024),
        "width": 90,
        "height": 90,
    }
    large: JSON = {**file_json(stored), "width": 800, "height": 800}
    return [small, large]


def message_json(state: EmuState, message: StoredMessage) -> JSON:
    chat = state.chats[message.chat_id]
    data: JSON = {"message_id": message.message_id, "date": message.date, "chat": chat.to_json()}
    if message.from_bot:
        if chat.type == "channel":
            data["sender_chat"] = chat.to_json()
        else:
            data["from"] = state.bot.to_json()
    elif message.sender_id is not None and message.sender_id in state.users:
        data["from"] = state.users[message.sender_id].to_json()
    if message.edit_date is not None:
        data["edit_date"] = message.edit_date
    if message.forward_origin is not None:
        data["forward_origin"] = message.forward_origin
    shown = message.rendered if message.rendered is not None else message.text
    if message.kind in _CAPTIONED:
        if shown:
            data["caption"] = shown
            if message.entities:
                data["caption_entities"] = message.entities
    elif shown is not None:
        data["text"] = shown
        if message.entities:
            data["entities"] = message.entities
    if message.file is not None:
        if message.kind == "photo":
            data["photo"] = photo_sizes(message.file)
        else:
            data[message.kind] = file_json(message.file)
    if message.contact is not None:
        data["contact"] = message.contact
    markup = message.reply_markup
    if markup is not None and "inline_keyboard" in markup:
        data["reply_markup"] = markup
    return data


def inaccessible_message_json(state: EmuState, chat_id: int, message_id: int) -> JSON:
    chat = state.chats.get(chat_id)
    chat_json = chat.to_json() if chat else {"id": chat_id, "type": "private", "first_name": "?"}
    return {"chat": chat_json, "message_id": message_id, "date": 0}


def chat_full_info(state: EmuState, chat_id: int) -> JSON:
    chat = state.chats[chat_id]
    return {
        **chat.to_json(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }
