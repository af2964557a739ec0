"""Pure in-memory model of the emulated Telegram world: users, chats, messages, files, updates.

Nothing here does I/O or touches asyncio; listeners are plain callables notified on changes.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from bot.emulator.messages import EmuMessage

JSON = dict[str, Any]


@dataclass
class UserInfo:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_json(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class Chat:
    id: int
    type: str  # "private" | "group" | "supergroup" | "channel"
    title: str | None = None
    username: str | None = None
    user: UserInfo | None = None
    next_message_id: int = 1

    def to_json(self) -> JSON:
        data: JSON = {"id": self.id, "type": self.type}
        if self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.last_name is not None:
                data["last_name"] = self.user.last_name
            if self.user.username is not None:
                data["username"] = self.user.username
        else:
            data["title"] = self.title or str(self.id)
            if self.username is not None:
                data["username"] = self.username
        return data


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    kind: str
    data: bytes | None = None
    file_name: str | None = None
    mime_type: str | None = None

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else 0


@dataclass
class StoredMessage:
    message_id: int
    chat_id: int
    date: int
    from_bot: bool
    sender_id: int | None
    kind: str
    text: str | None = None  # as sent (HTML tags kept)
    parse_mode: str | None = None
    rendered: str | None = None  # what a Telegram client shows (tags parsed away)
    entities: list[JSON] = field(default_factory=list)
    reply_markup: JSON | None = None
    edited: bool = False
    edit_date: int | None = None
    file: StoredFile | None = None
    contact: JSON | None = None
    forward_origin: JSON | None = None
    forwarded_from_chat_id: int | None = None

    def snapshot(self) -> EmuMessage:
        return EmuMessage(
            message_id=self.message_id,
            chat_id=self.chat_id,
            text=self.text,
            kind=self.kind,
            reply_markup=self.reply_markup,
            parse_mode=self.parse_mode,
            edited=self.edited,
            file_name=self.file.file_name if self.file else None,
            document_bytes=self.file.data if self.file else None,
            date=self.date,
            from_bot=self.from_bot,
            sender_id=self.sender_id,
            file_id=self.file.file_id if self.file else None,
            mime_type=self.file.mime_type if self.file else None,
            contact=self.contact,
            forwarded_from_chat_id=self.forwarded_from_chat_id,
            entities=list(self.entities),
        )


@dataclass(frozen=True)
class ChatEvent:
    seq: int
    chat_id: int
    action: str  # "new" | "edit" | "delete"
    from_bot: bool
    message: EmuMessage

    def to_json(self) -> JSON:
        return {
            "seq": self.seq,
            "action": self.action,
            "from_bot": self.from_bot,
            "message": self.message.to_json(),
        }


@dataclass
class CallbackQueryRecord:
    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    answer: JSON | None = None


class ScopeKey(NamedTuple):
    scope_type: str
    chat_id: int | None = None
    user_id: int | None = None
    language_code: str = ""


class EmuState:
    def __init__(self, bot: UserInfo) -> None:
        self.bot = bot
        # names this event log: seqs and message ids start again at 1 in a new one (a restarted
        # sandbox), so a driver that saw another instance must read the chat again from the start
        self.instance = secrets.token_hex(6)
        self.users: dict[int, UserInfo] = {}
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], StoredMessage] = {}
        self.chat_messages: dict[int, dict[int, StoredMessage]] = {}
        self.events: list[ChatEvent] = []
        self.chat_events: dict[int, list[ChatEvent]] = {}
        self.updates: list[JSON] = []
        self.next_update_id = 100_000
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.callback_answers: dict[int, list[JSON]] = {}
        self.commands: dict[ScopeKey, list[tuple[str, str]]] = {}
        self.menu_buttons: dict[int | None, JSON] = {}
        self.webhook: JSON | None = None
        self.update_listeners: list[Callable[[], None]] = []
        self.event_listeners: list[Callable[[], None]] = []
        self._counter = 0

    def _next(self) -> int:
        self._counter += 1
        return self._counter

    # -- users and chats -------------------------------------------------------------------
    def add_user(self, user: UserInfo) -> UserInfo:
        existing = self.users.get(user.id)
        if existing is not None:
            return existing
        self.users[user.id] = user
        self.chats.setdefault(user.id, Chat(id=user.id, type="private", user=user))
        return user

    def add_chat(self, chat_id: int, chat_type: str, title: str | None, username: str | None) -> Chat:
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = Chat(id=chat_id, type=chat_type, title=title, username=username)
            self.chats[chat_id] = chat
        return chat

    def find_chat(self, ref: int | str | None) -> Chat | None:
        if isinstance(ref, int):
            return self.chats.get(ref)
        if isinstance(ref, str) and ref.startswith("@"):
            for chat in self.chats.values():
                name = chat.user.username if chat.user else chat.username
                if name and name.lower() == ref[1:].lower():
                    return chat
        return None

    # -- messages and the event log --------------------------------------------------------
    def add_message(
        self, chat: Chat, *, from_bot: bool, sender_id: int | None, **content: Any
    ) -> StoredMessage:
        message = StoredMessage(
            message_id=chat.next_message_id,
            chat_id=chat.id,
            date=int(time.time()),
            from_bot=from_bot,
            sender_id=sender_id,
            **content,
        )
        chat.next_message_id += 1
        self.messages[(chat.id, message.message_id)] = message
        self.chat_messages.setdefault(chat.id, {})[message.message_id] = message
        self._log(message, "new")
        return message

    def edit_message(self, message: StoredMessage, **changes: Any) -> StoredMessage:
        for key, value in changes.items():
            setattr(message, key, value)
        message.edited = True
        message.edit_date = int(time.time())
        self._log(message, "edit")
        return message

    def delete_message(self, message: StoredMessage) -> None:
        self.messages.pop((message.chat_id, message.message_id), None)
        self.chat_messages.get(message.chat_id, {}).pop(message.message_id, None)
        self._log(message, "delete")

    def get_message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        return self.messages.get((chat_id, message_id))

    def _log(self, message: StoredMessage, action: str) -> None:
        event = ChatEvent(len(self.events) + 1, message.chat_id, action, message.from_bot, message.snapshot())
        self.events.append(event)
        self.chat_events.setdefault(message.chat_id, []).append(event)
        for listener in list(self.event_listeners):
            listener()

    def events_after(self, chat_id: int, seq: int, *, bot_only: bool = False) -> list[ChatEvent]:
        return [
            e
            for e in self.chat_events.get(chat_id, [])
            if e.seq > seq and (e.from_bot or not bot_only) and (e.action != "delete" or not bot_only)
        ]

    def bot_messages(self, chat_id: int) -> list[EmuMessage]:
        found = self.chat_messages.get(chat_id, {}).values()
        return [m.snapshot() for m in found if m.from_bot]  # dicts keep insertion (= id) order

    # -- files -----------------------------------------------------------------------------
    def add_file(
        self, kind: str, data: bytes | None, file_name: str | None = None, mime_type: str | None = None
    ) -> StoredFile:
        n = self._next()
        ext = ""
        if file_name and "." in file_name:
            ext = "." + file_name.rsplit(".", 1)[1]
        elif kind == "photo":
            ext = ".jpg"
        stored = StoredFile(
            file_id=f"EMU-{kind}-{n:06d}",
            file_unique_id=f"U{kind[:3]}{n:06d}",
            file_path=f"{kind}s/file_{n}{ext}",
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        if kind == "photo":
            self.files[stored.file_id + "-s"] = stored  # the small thumbnail size
        return stored

    # -- updates ---------------------------------------------------------------------------
    def push_update(self, payload: JSON) -> int:
        update_id = self.next_update_id
        self.next_update_id += 1
        self.updates.append({"update_id": update_id, **payload})
        for listener in list(self.update_listeners):
            listener()
        return update_id

    def confirm_updates(self, offset: int) -> None:
        if offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        elif offset < 0:
            self.updates = self.updates[offset:]

    def new_callback_query(
        self, user_id: int, chat_id: int, message_id: int, data: str
    ) -> CallbackQueryRecord:
        record = CallbackQueryRecord(
            str(4_000_000_000_000 + self._next()), user_id, chat_id, message_id, data
        )
        self.callback_queries[record.id] = record
        return record
