"""EmuUser: act as a Telegram user towards the bot and read what the bot sent to the chat."""

from __future__ import annotations

import asyncio
import mimetypes
import re
import time
from typing import TYPE_CHECKING, Any

from bot.emulator.html_text import utf16_len
from bot.emulator.messages import EmuMessage
from bot.emulator.serialize import inaccessible_message_json, message_json
from bot.emulator.state import JSON, Chat, ChatEvent, UserInfo

if TYPE_CHECKING:
    from bot.emulator.emulator import BotApiEmulator

_COMMAND_WORD = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?(?=\s|$)")
# Smallest valid JPEG-ish payload; content does not matter to the emulator.
FAKE_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


class EmuUser:
    def __init__(self, emu: BotApiEmulator, info: UserInfo) -> None:
        self._emu = emu
        self.info = info
        self.cursor = 0  # event seq up to which next_message/expect have consumed
        self.last_query_id: str | None = None

    @property
    def id(self) -> int:
        return self.info.id

    @property
    def chat(self) -> Chat:
        return self._emu.state.chats[self.id]

    def __repr__(self) -> str:
        return f"EmuUser({self.id}, {self.info.first_name!r})"

    # -- acting --------------------------------------------------------------------------------
    async def _send(self, **content: Any) -> JSON:
        state = self._emu.state
        message = state.add_message(self.chat, from_bot=False, sender_id=self.id, **content)
        payload = message_json(state, message)
        state.push_update({"message": payload})
        await asyncio.sleep(0)
        return payload

    async def send_text(self, text: str, entities: list[JSON] | None = None) -> JSON:
        """Send text; like Telegram, a leading /command gets a bot_command entity."""
        found = _COMMAND_WORD.match(text)
        if entities is None and found:
            entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(found.group(0))}]
        return await self._send(kind="text", text=text, entities=entities or [])

    async def edit_text(self, sent: JSON, text: str) -> JSON:
        """Edit a text message this user sent earlier; the bot gets an `edited_message` update."""
        state = self._emu.state
        message = state.get_message(self.id, int(sent["message_id"]))
        if message is None or message.from_bot:
            raise AssertionError(f"no message of this user with id {sent.get('message_id')}")
        state.edit_message(message, text=text)
        payload = message_json(state, message)
        payload["edit_date"] = message.edit_date
        state.push_update({"edited_message": payload})
        await asyncio.sleep(0)
        return payload

    async def send_command(self, command: str) -> JSON:
        if not _COMMAND_WORD.match(command):
            raise AssertionError(f"not a bot command: {command!r}")
        return await self.send_text(command)

    async def share_contact(
        self, phone: str, contact_user_id: int | None = None, first_name: str | None = None
    ) -> JSON:
        contact: JSON = {
            "phone_number": phone,
            "first_name": first_name or self.info.first_name,
            "user_id": self.id if contact_user_id is None else contact_user_id,
        }
        if first_name is None and contact_user_id is None and self.info.last_name:
            contact["last_name"] = self.info.last_name
        return await self._send(kind="contact", contact=contact)

    async def send_photo(self, caption: str | None = None, data: bytes | None = None) -> JSON:
        stored = self._emu.state.add_file("photo", data or FAKE_JPEG, None, "image/jpeg")
        return await self._send(kind="photo", text=caption, file=stored)

    async def send_document(
        self,
        file_name: str = "a.pdf",
        caption: str | None = None,
        data: bytes | None = None,
        mime_type: str | None = None,
    ) -> JSON:
        mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        stored = self._emu.state.add_file("document", data or b"%PDF-1.4 emulator\n", file_name, mime)
        return await self._send(kind="document", text=caption, file=stored)

    async def press(self, button: str, message_id: int | None = None) -> JSON:
        """Press an inline button found by text (exact, then substring) or callback_data."""
        candidates = (
            self.messages if message_id is None else [m for m in self.messages if m.message_id == message_id]
        )
        if message_id is not None and not candidates:
            raise AssertionError(
                f"{self}: no bot message #{message_id}; have {[str(m) for m in self.messages]}"
            )
        for message in reversed(candidates):
            found = message.find_button(button)
            if found is None:
                continue
            if "callback_data" not in found:
                raise AssertionError(f"{self}: button {found.get('text')!r} has no callback_data: {found}")
            return await self.press_raw(message.message_id, str(found["callback_data"]))
        available = [f"#{m.message_id}: {m.button_texts}" for m in candidates if m.button_texts]
        raise AssertionError(
            f"{self}: no inline button matching {button!r}; available: {available or 'none'}"
        )

    async def press_raw(self, message_id: int, data: str) -> JSON:
        """Queue a callback_query for any message id and data (forged presses included)."""
        state = self._emu.state
        record = state.new_callback_query(self.id, self.id, message_id, data)
        message = state.get_message(self.id, message_id)
        payload: JSON = {
            "id": record.id,
            "from": self.info.to_json(),
            "message": (
                message_json(state, message)
                if message is not None
                else inaccessible_message_json(state, self.id, message_id)
            ),
            "chat_instance": f"-{abs(self.id)}0042",
            "data": data,
        }
        state.push_update({"callback_query": payload})
        self.last_query_id = record.id
        await asyncio.sleep(0)
        return payload

    # -- observing -----------------------------------------------------------------------------
    @property
    def messages(self) -> list[EmuMessage]:
        return self._emu.state.bot_messages(self.id)

    @property
    def last(self) -> EmuMessage:
        messages = self.messages
        if not messages:
            raise AssertionError(f"{self}: the bot has not sent anything to this chat")
        return messages[-1]

    @property
    def callback_answers(self) -> list[JSON]:
        return list(self._emu.state.callback_answers.get(self.id, []))

    async def answer(self, timeout: float = 5.0) -> JSON:
        """Wait for the bot's answerCallbackQuery to this user's latest press and return it."""
        if self.last_query_id is None:
            raise AssertionError(f"{self}: nothing pressed yet")
        deadline = time.monotonic() + timeout
        while True:
            for answer in self.callback_answers:
                if answer["callback_query_id"] == self.last_query_id:
                    return answer
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{self}: press {self.last_query_id} was not answered within {timeout}s")
            await self._emu.event_signal.wait(remaining)

    def _new_events(self) -> list[ChatEvent]:
        return self._emu.state.events_after(self.id, self.cursor, bot_only=True)

    async def _wait_for(self, count: int, timeout: float) -> list[ChatEvent]:
        deadline = time.monotonic() + timeout
        while len(events := self._new_events()) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return events
            await self._emu.event_signal.wait(remaining)
        return events

    def _timeout_error(self, wanted: int, got: list[ChatEvent], timeout: float) -> AssertionError:
        recent = [str(m) for m in self.messages[-5:]]
        return AssertionError(
            f"{self}: expected {wanted} new bot message(s)/edit(s) within {timeout}s, got {len(got)}. "
            f"Last bot messages: {recent}"
        )

    async def next_message(self, timeout: float = 5.0) -> EmuMessage:
        events = await self._wait_for(1, timeout)
        if not events:
            raise self._timeout_error(1, events, timeout)
        self.cursor = events[0].seq
        return events[0].message

    async def expect(self, n: int = 1, timeout: float = 5.0, settle: float = 0.05) -> list[EmuMessage]:
        events = await self._wait_for(n, timeout)
        if len(events) < n:
            raise self._timeout_error(n, events, timeout)
        if settle > 0:
            await asyncio.sleep(settle)
            events = self._new_events()
        self.cursor = events[-1].seq
        return [e.message for e in events]

    async def expect_nothing(self, wait: float = 0.3) -> None:
        events = await self._wait_for(1, wait)
        if events:
            raise AssertionError(f"{self}: expected no bot message, got {[str(e.message) for e in events]}")

    def skip(self) -> None:
        """Move the cursor past everything the bot sent so far."""
        events = self._emu.state.chat_events.get(self.id, [])
        if events:
            self.cursor = events[-1].seq
