"""Telegram's limits on outgoing text, in one place (telegram-free; handlers/kit.py sends with it).

Telegram counts a message's length as UTF-16 code units of the text *after* entity parsing: with the
HTML parse mode the tags are free and `&amp;` is one character; an emoji outside the BMP is two.
`split` never rejects a long text: it packs whole lines into parts of at most `limit`, preferring a
blank line (between blocks), then a line break, then a space; only a single over-long word is cut
inside. It never cuts inside a tag or an entity, and each part closes the tags open at its end and
reopens them at the start of the next, so every part parses on its own.

`shorten` is the one way text is cut short (inline buttons, titles inside headings, names in lists,
previews, alerts): at a word boundary, ended with «…», never with a dangling zero-width non-joiner.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

TEXT_MAX = 4096  # sendMessage / editMessageText
CAPTION_MAX = 1024  # sendPhoto / sendDocument / sendVideo caption
BUTTON_LABEL_MAX = 40  # what fits on a phone's inline button before the client cuts it anyway
ELLIPSIS = "…"
ZWNJ = "\u200c"
_TRAILING = " \t\n" + ZWNJ + "\u200e\u200f،,.;:؛-–—|/·([{«"

_TOKEN = re.compile(r"<[^<>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[^<&]|[<&]", re.S)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class _Token:
    raw: str
    width: int  # UTF-16 units shown; 0 for a tag
    tag: str = ""  # the tag's name for a tag token
    closing: bool = False
    visible: str = ""


def _tokens(text: str, is_html: bool) -> list[_Token]:
    if not is_html:
        return [_Token(ch, utf16_len(ch), visible=ch) for ch in text]
    out: list[_Token] = []
    for match in _TOKEN.finditer(text):
        raw = match.group(0)
        if len(raw) > 1 and raw[0] == "<":
            name = _TAG_NAME.match(raw)
            out.append(_Token(raw, 0, (name.group(1) if name else "").lower(), raw.startswith("</")))
        else:
            shown = html.unescape(raw) if raw[0] == "&" else raw
            out.append(_Token(raw, utf16_len(shown), visible=shown))
    return out


def visible_length(text: str, *, is_html: bool = True) -> int:
    """What Telegram counts against its limits: UTF-16 units of the parsed text."""
    return sum(t.width for t in _tokens(text, is_html))


def plain(text: str, *, is_html: bool = True) -> str:
    """The text Telegram shows (tags dropped, entities decoded)."""
    return "".join(t.visible for t in _tokens(text, is_html))


def _open_after(tokens: list[_Token], stack: list[_Token]) -> list[_Token]:
    """The tags still open after `tokens`, given those open before them."""
    stack = list(stack)
    for token in tokens:
        if not token.tag:
            continue
        if not token.closing:
            stack.append(token)
            continue
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].tag == token.tag:
                del stack[i:]
                break
    return stack


def _closers(stack: list[_Token]) -> str:
    return "".join(f"</{t.tag}>" for t in reversed(stack))


def _cut_point(tokens: list[_Token], start: int, end: int, limit: int) -> tuple[int, int]:
    """Where to end a part that cannot hold tokens[end]: (end of this part, start of the next)."""
    paragraph = line = space = -1
    width = 0
    half = limit // 2
    for i in range(start, end):
        token = tokens[i]
        if token.visible == "\n":
            line = i
            if i > start and tokens[i - 1].visible == "\n" and width >= half:
                paragraph = i - 1
        elif token.visible in (" ", "\t"):
            space = i
        width += token.width
    for cut in (paragraph, line, space):
        if cut > start:
            skip = cut
            while skip < len(tokens) and tokens[skip].visible in ("\n", " ", "\t"):
                skip += 1
            return cut, skip
    return end, end  # one word longer than the limit: cut inside it, between two characters


def split(text: str, limit: int = TEXT_MAX, *, is_html: bool = True) -> list[str]:
    """`text` as parts of at most `limit` visible UTF-16 units each (one part when it fits)."""
    if limit < 2:
        raise ValueError("limit too small")
    if utf16_len(text) <= limit:  # tags and entities only shrink what is shown: it fits (no parsing)
        return [text]
    tokens = _tokens(text, is_html)
    if sum(t.width for t in tokens) <= limit:
        return [text]
    parts: list[str] = []
    stack: list[_Token] = []
    start, width, i = 0, 0, 0
    while i < len(tokens):
        if width + tokens[i].width <= limit:
            width += tokens[i].width
            i += 1
            continue
        end, resume = _cut_point(tokens, start, i, limit)
        stack = _open_after(tokens[end:resume], _emit(parts, stack, tokens[start:end]))
        start, i, width = resume, resume, 0
    _emit(parts, stack, tokens[start:])
    return parts


def _emit(parts: list[str], stack: list[_Token], body: list[_Token]) -> list[_Token]:
    """Append one part (tags open before it reopened, those open after it closed); the tags left open."""
    after = _open_after(body, stack)
    if any(t.visible.strip() for t in body):  # Telegram refuses a blank message
        parts.append("".join(t.raw for t in stack) + "".join(t.raw for t in body) + _closers(after))
    return after


def split_caption(caption: str, *, is_html: bool = True) -> tuple[str, list[str]]:
    """A caption that fits, and the rest (if any) as text messages sent right after the media."""
    parts = split(caption, CAPTION_MAX, is_html=is_html)
    if len(parts) == 1:
        return parts[0], []
    rest = "\n".join(parts[1:])
    return parts[0], split(rest, TEXT_MAX, is_html=is_html)


def shorten(label: str, limit: int = BUTTON_LABEL_MAX, *, keep_lines: bool = False) -> str:
    """`label` in at most `limit` UTF-16 units: whole when it fits, else cut at a word and ended with «…».

    The one place where text is cut short (button labels, titles in headings, names in lists, previews,
    alerts). The cut falls at the last space (or line break) that keeps at least half of the room;
    failing that at the last ZWNJ (between the parts of a word such as «گلخانه‌های»); only one long word
    is cut between letters. Spaces, ZWNJs, punctuation and opening brackets left at the end are dropped.
    Whitespace runs become one space; with `keep_lines` line breaks are kept (a description).
    """
    if keep_lines:
        lines = (" ".join(line.split()) for line in label.strip().splitlines())
        label = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    else:
        label = " ".join(label.split())
    if utf16_len(label) <= limit:
        return label
    room = limit - utf16_len(ELLIPSIS)
    cut = ""
    for ch in label:
        if utf16_len(cut + ch) > room:
            break
        cut += ch
    word_end = max(cut.rfind(" "), cut.rfind("\n"))
    if word_end >= room // 2 or (word_end > 0 and cut.rfind(ZWNJ) < word_end):
        cut = cut[:word_end]
    elif cut.rfind(ZWNJ) > 0:
        cut = cut[: cut.rfind(ZWNJ)]
    return cut.rstrip(_TRAILING) + ELLIPSIS
