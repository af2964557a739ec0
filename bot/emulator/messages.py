"""EmuMessage: an immutable-by-convention snapshot of one chat message, as tests see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.emulator.html_text import strip_html


@dataclass
class EmuMessage:
    message_id: int
    chat_id: int
    text: str | None
    kind: str = "text"
    reply_markup: dict[str, Any] | None = None
    parse_mode: str | None = None
    edited: bool = False
    file_name: str | None = None
    document_bytes: bytes | None = None
    date: int = 0
    from_bot: bool = True
    sender_id: int | None = None
    file_id: str | None = None
    mime_type: str | None = None
    contact: dict[str, Any] | None = None
    forwarded_from_chat_id: int | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)

    @property
    def plain_text(self) -> str:
        """Text without HTML tags and with entities (&lt; &amp; …) unescaped ("" when there is none)."""
        if self.text is None:
            return ""
        if (self.parse_mode or "").lower() == "html":
            return strip_html(self.text)
        return self.text

    @property
    def inline_buttons(self) -> list[list[dict[str, Any]]]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [list(row) for row in rows]

    @property
    def button_texts(self) -> list[str]:
        return [str(button.get("text", "")) for row in self.inline_buttons for button in row]

    @property
    def button_data(self) -> list[str | None]:
        return [button.get("callback_data") for row in self.inline_buttons for button in row]

    @property
    def reply_keyboard(self) -> list[list[str]] | None:
        rows = (self.reply_markup or {}).get("keyboard")
        if rows is None:
            return None
        return [[b if isinstance(b, str) else str(b.get("text", "")) for b in row] for row in rows]

    @property
    def removes_keyboard(self) -> bool:
        return bool((self.reply_markup or {}).get("remove_keyboard"))

    def find_button(self, text_or_data: str) -> dict[str, Any] | None:
        """Exact text, then exact callback_data, then substring of the text; None if absent."""
        buttons = [button for row in self.inline_buttons for button in row]
        for matches in (
            lambda b: b.get("text") == text_or_data,
            lambda b: b.get("callback_data") == text_or_data,
            lambda b: text_or_data in str(b.get("text", "")),
        ):
            for button in buttons:
                if matches(button):
                    return button
        return None

    def to_json(self) -> dict[str, Any]:
        """JSON-safe form for the HTTP driver (uploaded bytes reduced to their size)."""
        return {
            "message_id": self.message_id,
            "chat_id": self.chat_id,
            "text": self.text,
            "plain_text": self.plain_text,
            "kind": self.kind,
            "reply_markup": self.reply_markup,
            "parse_mode": self.parse_mode,
            "edited": self.edited,
            "file_name": self.file_name,
            "file_id": self.file_id,
            "mime_type": self.mime_type,
            "document_size": None if self.document_bytes is None else len(self.document_bytes),
            "date": self.date,
            "from_bot": self.from_bot,
            "sender_id": self.sender_id,
            "contact": self.contact,
            "forwarded_from_chat_id": self.forwarded_from_chat_id,
        }

    def __str__(self) -> str:
        label = f"#{self.message_id} {self.kind}{' (edited)' if self.edited else ''}"
        buttons = f" buttons={self.button_texts}" if self.button_texts else ""
        return f"{label}: {self.plain_text!r}{buttons}"
