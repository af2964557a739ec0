"""What a Persian reader would correct on a screen: Latin digits, English words, ASCII «?» «;» «,».

Bot-free (plain strings in, violations out), so the same checker serves unit tests and the screen walk
(tests/e2e/test_e2e_screen_walk.py). A screen is a message's visible text plus its button labels
(inline and reply keyboards) and the toast a press answers with.

Exempt, because a reader copies or types them as they are: URLs, e-mail addresses, /commands,
@handles, file names, callback-like tokens and deep-link payloads (`exh_1`, `course_12`), and numeric
ids and other technical literals the message shows in monospace (`<code>9000</code>` in the admin list,
`<code>anonymous</code>` naming a field of the survey file), and digits inside a Latin identifier (`Q1`,
`class2`). English words are allowed only when listed in ALLOWED_WORDS (formats, messengers, proper
names and the abbreviations Persian growers write in Latin) or ALLOWED_PHRASES.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

DIGIT, ENGLISH, PUNCTUATION = "digit", "english", "punctuation"
CATEGORIES = (DIGIT, ENGLISH, PUNCTUATION)

# What a Persian text writes in Latin letters: file formats, messengers, proper names (the demo's
# exhibition «IPM Essen»), and abbreviations growers write in Latin (the shipped survey's «EC و pH»,
# «نور مصنوعی LED»).
ALLOWED_WORDS = frozenset(
    {
        # formats
        "Excel",
        "CSV",
        "TOML",
        "JSON",
        "PDF",
        # messengers
        "Telegram",
        "Bale",
        "BotFather",
        # proper names
        "IPM",
        "Essen",
        # horticulture abbreviations
        "EC",
        "pH",
        "LED",
    }
)
# Names whose Latin spelling has dots, spaces or digits: a certificate, a standard, a text encoding.
ALLOWED_PHRASES = ("GlobalG.A.P.", "ISO 9001", "UTF-8")

_EXEMPT = [
    re.compile("[0-9#*]\ufe0f?\u20e3"),  # keycap emoji (1️⃣): a picture, not a digit
    re.compile(r"(?:https?|tg)://[^\s«»()<>\"']*"),  # URLs (an ellipsis «https://…» included)
    re.compile(r"\b(?:www\.|t\.me/|telegram\.me/|ble\.ir/)[^\s«»()<>\"']*"),
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),  # e-mail addresses
    re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{2,}"),  # @handles
    re.compile(r"(?<![\w/:.])/[A-Za-z][A-Za-z0-9_]*(?:@[A-Za-z0-9_]+)?"),  # /commands
    # file names: the part right before a known extension (a Persian name's date included)
    re.compile(
        r"[^\s/«»()\"'،؛:]*\.(?:xlsx|xls|csv|toml|json|pdf|png|jpe?g|txt|zip|docx?)(?![A-Za-z0-9])",
        re.IGNORECASE,
    ),
    re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:[_:][A-Za-z0-9]+)+\b"),  # callback-like tokens, exh_1
    re.compile(r"(?<=[A-Za-z])[0-9]+|[0-9]+(?=[A-Za-z])"),  # digits of a Latin identifier (Q1, class2)
]
_LATIN_DIGITS = re.compile(r"[0-9]+(?:[.,/:٫٬-][0-9]+)*")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_ASCII_MARKS = re.compile(r"[?;,]")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z-]+)")
_PROSE = re.compile(r"[A-Za-z]{2,}[,:;.']? +[A-Za-z]{2,}")  # two words in a row: a sentence, not a literal
# Skipped when looking for the word next to a mark: spaces, quotes, brackets, ZWNJ, the ellipsis.
_OPENING, _CLOSING = "«\"'`", "»\"'`"
_TRANSPARENT = set(" \t\n\u200c\u200f\u200e«»\"'()[]…")


@dataclass(frozen=True)
class Violation:
    category: str  # DIGIT | ENGLISH | PUNCTUATION
    token: str  # what is wrong: «12», «anonymous», «سلام, خوبی»
    text: str  # the text (or label) it was found in, shortened

    def __str__(self) -> str:
        return f"{self.category}: «{self.token}» in «{self.text}»"


def is_persian(char: str) -> bool:
    """A letter or digit of the Arabic script (Persian and Arabic-Indic digits included)."""
    if not char:
        return False
    code = ord(char)
    if 0x060C <= code <= 0x061F or 0x066A <= code <= 0x066D or code == 0x06D4:  # ، ؛ ؟ ٪ ٫ ٬ …
        return False
    return 0x0600 <= code <= 0x06FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def masked(text: str, spans: Iterable[tuple[int, int]] = ()) -> str:
    """`text` with every exempt span blanked out (same length, so positions stay)."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " " * len(phrase))
    for pattern in _EXEMPT:
        text = _mask(text, pattern)
    return text


def _shorten(text: str, at: int, width: int = 40) -> str:
    start, end = max(0, at - width), min(len(text), at + width)
    return ("…" if start else "") + text[start:end].replace("\n", " ⏎ ") + ("…" if end < len(text) else "")


def _neighbour(text: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(text) and text[index] in _TRANSPARENT:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _words_around(text: str, index: int) -> str:
    start = text.rfind(" ", 0, max(0, index - 1)) + 1
    end = text.find(" ", index + 2)
    return text[start : len(text) if end < 0 else end]


def check_text(text: str, spans: Iterable[tuple[int, int]] = ()) -> list[Violation]:
    """Everything a Persian reader would correct in one text or button label (`spans`: technical literals)."""
    clean = masked(text, spans)
    found: list[Violation] = []
    for match in _LATIN_DIGITS.finditer(clean):
        found.append(Violation(DIGIT, match.group(0), _shorten(text, match.start())))
    for match in _LATIN_WORD.finditer(clean):
        word = match.group(0)
        if len(word) >= 2 and word not in ALLOWED_WORDS:
            found.append(Violation(ENGLISH, word, _shorten(text, match.start())))
    for match in _ASCII_MARKS.finditer(clean):
        at = match.start()
        if 0 < at < len(clean) - 1 and clean[at - 1] in _OPENING and clean[at + 1] in _CLOSING:
            continue  # the mark itself, quoted: «,» as a file's syntax
        before, after = _neighbour(clean, at, -1), _neighbour(clean, at, 1)
        if is_persian(before) or (not _is_latin(before) and is_persian(after)):
            found.append(
                Violation(PUNCTUATION, _words_around(text, match.start()), _shorten(text, match.start()))
            )
    return found


def html_text(raw_html: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Telegram HTML as the reader sees it: the text without tags, and where it shows monospace (<code>,
    <pre>) without a Persian letter: ids, a file's field names and syntax, copied or typed as they are
    rather than read. Monospace English prose (two Latin words in a row: a messenger's refusal) is read,
    so it is checked."""
    built, spans, depth, opened = "", [], 0, 0
    for tag, chunk in _TAG_OR_TEXT.findall(raw_html):
        if chunk:
            built += html.unescape(chunk)
            continue
        name = _TAG_NAME.match(tag)
        if name is None or name.group(2).lower() not in ("code", "pre"):
            continue
        if not name.group(1):
            depth, opened = depth + 1, opened if depth else len(built)
        elif depth:
            depth -= 1
            literal = built[opened:]
            if not depth and not any(is_persian(c) for c in literal) and not _PROSE.search(literal):
                spans.append((opened, len(built)))
    return built, tuple(spans)


def code_spans(raw_html: str | None, plain: str) -> tuple[tuple[int, int], ...]:
    """html_text's monospace spans, when its text is the message's `plain` text (else none)."""
    if not raw_html:
        return ()
    built, spans = html_text(raw_html)
    return spans if built == plain else ()


@dataclass(frozen=True)
class Part:
    """One visible piece of a screen: the text, an inline button, a keyboard key, a toast."""

    kind: str  # "text" | "button" | "key" | "toast"
    text: str
    spans: tuple[tuple[int, int], ...] = ()  # technical literals in `text` (code_spans)


def message_parts(message: Any) -> Iterator[Part]:
    """The visible pieces of an EmuMessage-like object (plain_text, button_texts, reply_keyboard)."""
    html_source = message.text if (getattr(message, "parse_mode", None) or "").lower() == "html" else None
    if message.plain_text:
        yield Part("text", message.plain_text, code_spans(html_source, message.plain_text))
    for label in message.button_texts:
        yield Part("button", label)
    for row in message.reply_keyboard or ():
        for label in row:
            yield Part("key", label)


def check_message(message: Any) -> list[Violation]:
    return [v for part in message_parts(message) for v in check_text(part.text, part.spans)]


def counts(violations: Iterable[Violation]) -> dict[str, int]:
    """Violations per category, every category present (0 when clean)."""
    found = Counter(v.category for v in violations)
    return {category: found[category] for category in CATEGORIES}
