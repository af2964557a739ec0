"""Digits inside free text: Persian in Persian runs, as typed inside links, addresses and Latin words.

Names, places, crops, answers and the CDA's titles and descriptions are stored as typed (normalize_text
makes their digits ASCII) and pass through :func:`localize_digits` when shown. Re-exported by bot.persian,
which is where callers import it from.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Final

__all__ = ["escape_fa", "localize_digits"]

_ASCII_DIGITS: Final = "0123456789"
_ARABIC_INDIC_DIGITS: Final = "٠١٢٣٤٥٦٧٨٩"
_TO_PERSIAN: Final = str.maketrans(_ASCII_DIGITS + _ARABIC_INDIC_DIGITS, "۰۱۲۳۴۵۶۷۸۹" * 2)

# Spans whose digits are never touched and which give no direction to the digits around them: HTML tags
# and entities (so the function is safe on rendered HTML), URLs, e-mail addresses, @handles, /commands and
# bare domains with their path (t.me/khooshe_bot?start=course_12).
_OPAQUE: Final = re.compile(
    r"<[^<>]*>"
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"
    r"|(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>\"]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"|(?<![\w@])@[A-Za-z0-9_]+"
    r"|(?<![\w/])/[A-Za-z][A-Za-z0-9_]*(?:@[A-Za-z0-9_]+)?"
    r"|(?<![\w.-])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::[0-9]+)?(?:[/?#][^\s<>\"]*)?"
)
# A Latin word with its digits (class2, B52, COVID-19, v2.5): kept as typed, and Latin context for numbers.
_LETTERS: Final = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"  # Latin-1 and Extended-A/B, not × ÷
_LATIN_WORD: Final = re.compile(f"[0-9_{_LETTERS}]+(?:[-.'\u2019][0-9_{_LETTERS}]+)*")
_LATIN_LETTER: Final = re.compile(f"[{_LETTERS}]")
_FOREIGN_DIGITS: Final = re.compile(f"[{_ASCII_DIGITS}{_ARABIC_INDIC_DIGITS}]+")
_LINE_BREAKS: Final = frozenset("\n\r\u2029\x1c\x1d\x1e\x85")


def _strong(text: str, opaque: bytearray) -> list[str]:
    """Per character: "L" (left-to-right letter), "R" (Persian/Arabic/Hebrew letter), "B" (line break), ""."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _LINE_BREAKS:
            out.append("B")
        elif opaque[i]:
            out.append("")
        else:
            kind = unicodedata.bidirectional(ch)
            out.append("L" if kind == "L" else "R" if kind in ("R", "AL") else "")
    return out


def localize_digits(text: str) -> str:
    """Free text as shown to people: digits in Persian runs become Persian, all others stay as typed.

    Untouched: digits inside URLs, e-mail addresses, @handles, /commands, domains, HTML tags and entities,
    Latin words (``class2``, ``B52``, ``COVID-19``), and numbers in a Latin run. As in the Unicode bidi
    algorithm, a number belongs to the run of the nearest letter before it on its line (or, at the start
    of a line, the first letter after it): ``Room 12`` and ``2 roses`` stay Latin. Every other ASCII or
    Arabic-Indic digit becomes Persian (``زهرا احمدی 2`` -> ``زهرا احمدی ۲``; ``12:30`` alone -> ``۱۲:۳۰``).
    The text keeps its length, so it may be applied to plain text or to HTML, before or after escaping.
    """
    if _FOREIGN_DIGITS.search(text) is None:
        return text
    opaque = bytearray(len(text))  # 1: inside a URL, address, handle, command, tag or entity
    frozen = bytearray(len(text))  # 1: digits kept as typed (opaque spans and Latin words)
    for match in _OPAQUE.finditer(text):
        opaque[match.start() : match.end()] = frozen[match.start() : match.end()] = b"\x01" * len(match[0])
    for match in _LATIN_WORD.finditer(text):
        if _LATIN_LETTER.search(match[0]):
            frozen[match.start() : match.end()] = b"\x01" * len(match[0])
    strong = _strong(text, opaque)
    before: list[str] = []  # the nearest strong letter before each position on its line ("" at none)
    last = ""
    for kind in strong:
        before.append(last)
        last = "" if kind == "B" else kind or last
    after = [""] * len(text)
    last = ""
    for i in range(len(text) - 1, -1, -1):
        after[i] = last
        last = "" if strong[i] == "B" else strong[i] or last
    chars = list(text)
    for match in _FOREIGN_DIGITS.finditer(text):
        start, end = match.span()
        if all(frozen[start:end]):
            continue
        if (before[start] or after[end - 1]) == "L":  # a Latin run: «Room 12», «2 roses»
            continue
        for i in range(start, end):
            if not frozen[i]:
                chars[i] = text[i].translate(_TO_PERSIAN)
    return "".join(chars)


def escape_fa(text: str) -> str:
    """Member- or CDA-written text for an HTML message: digits localised (see localize_digits), escaped."""
    return html.escape(localize_digits(text))
