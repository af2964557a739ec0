"""No «·» between items in what people read: next to Persian digits it reads as a zero («۰ · ↩»)."""

from __future__ import annotations

import ast
from pathlib import Path

from bot import texts
from bot.texts import course_admin, terms

ROOT = Path(__file__).resolve().parents[2]
MIDDLE_DOT = "·"
# The shortening function strips a dangling «·» from labels it did not write; that is not copy.
ALLOWED = {("bot/outgoing.py", "\u200e\u200f،,.;:؛-–—|/·([{«")}


def _strings(folder: str) -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        where = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and MIDDLE_DOT in node.value:
                found.append((where, node.value))
    return found


def test_no_middle_dot_in_copy_keyboards_or_exports() -> None:
    found = [s for folder in ("bot/texts", "handlers", "bot/services") for s in _strings(folder)]
    found += [s for s in _strings("bot") if s[0] == "bot/outgoing.py"]
    assert [s for s in found if s not in ALLOWED] == []


def test_the_separator_is_not_a_dot_a_dash_or_a_comma() -> None:
    assert texts.SEPARATOR == terms.SEPARATOR == " | "
    counts = course_admin.CADM_COUNTS.format(registered="۳", waitlisted="۰", offered="۰", cancelled="۱")
    assert "۰ | ↩️" in counts and MIDDLE_DOT not in counts
