"""Telegram-flavoured HTML: validation, plain text and message entities (UTF-16 offsets)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

ENTITY_OF_TAG: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}

_TAG_RE = re.compile(r"<[^>]*>")


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; the message mimics Telegram's wording."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class ParsedText:
    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Open:
    tag: str
    offset: int
    attrs: dict[str, str | None]


class _TelegramHtmlParser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self._source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.parts: list[str] = []
        self.length = 0
        self.stack: list[_Open] = []
        self.entities: list[dict[str, Any]] = []

    def _byte_offset(self) -> int:
        line, col = self.getpos()
        index = self._line_starts[line - 1] + col
        return len(self._source[:index].encode())

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.length += utf16_len(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr_map = dict(attrs)
        if tag not in ENTITY_OF_TAG or (tag == "span" and attr_map.get("class") != "tg-spoiler"):
            raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}')
        self.stack.append(_Open(tag, self.length, attr_map))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise HtmlParseError(f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {self._byte_offset()}")
        top = self.stack[-1]
        if top.tag != tag:
            raise HtmlParseError(
                f'Unmatched end tag at byte offset {self._byte_offset()}, expected "</{top.tag}>", '
                f'found "</{tag}>"'
            )
        self.stack.pop()
        length = self.length - top.offset
        if length > 0:
            self.entities.append(_entity(top, length))


def _entity(opened: _Open, length: int) -> dict[str, Any]:
    kind = ENTITY_OF_TAG[opened.tag]
    if opened.tag == "blockquote" and "expandable" in opened.attrs:
        kind = "expandable_blockquote"
    entity: dict[str, Any] = {"type": kind, "offset": opened.offset, "length": length}
    if kind == "text_link":
        entity["url"] = opened.attrs.get("href") or ""
    if kind == "custom_emoji":
        entity["custom_emoji_id"] = opened.attrs.get("emoji-id") or ""
    return entity


def parse_html(source: str) -> ParsedText:
    """Parse like Telegram does for parse_mode=HTML; raise HtmlParseError on bad markup."""
    parser = _TelegramHtmlParser(source)
    parser.feed(source)
    parser.close()
    if parser.stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{parser.stack[-1].tag}"')
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(parser.parts), entities)


def strip_html(source: str) -> str:
    """Lenient plain-text rendering (never raises): drop tags, unescape entities."""
    return html.unescape(_TAG_RE.sub("", source))
