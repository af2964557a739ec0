"""Every piece of copy in bot/texts reads as Persian (tests/screen_lint.py), placeholders filled with
Persian digits: the static half of the screen walk (tests/e2e/test_e2e_screen_walk.py), which only sees
the screens it reaches; this sees the rare ones too (error notices, linking accounts, expiries)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator

import bot.texts
from tests.screen_lint import Violation, check_text, html_text

# Strings in bot/texts that nobody reads as a message: the command names people type after «/», the English
# phrases that map a messenger's refusal or a file reader's complaint to its Persian wording, and the
# content of a sample file the CDA downloads (its field names and numbers are the file's syntax).
NOT_READ = re.compile(
    r"^t\.(MEMBER|ADMIN)_COMMANDS\[\d+\]\[0\]$"
    r"|^t\.delivery\.REFUSAL_REASONS\[\d+\]\[0\]"
    r"|^t\.surveys\.(TOML|JSON)_ERRORS\[\d+\]\[0\]$"
    r"|^t\.programme\.SAMPLE_PLAN$"
)
# Copy another branch of issue 15 rewrites, by name pattern → branch. Each must still be wrong here, so
# the list only shrinks (empty since the «digits» branch was merged).
ELSEWHERE: dict[str, str] = {}


def copy() -> Iterator[tuple[str, str]]:
    """(name, text) for every string in every bot.texts module (dict values and tuple items included)."""
    modules = [bot.texts] + [
        importlib.import_module(f"bot.texts.{m.name}") for m in pkgutil.iter_modules(bot.texts.__path__)
    ]

    def walk(value: object, name: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{name}[{key!r}]")
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                yield from walk(item, f"{name}[{index}]")

    seen: set[int] = set()
    for module in modules:
        prefix = module.__name__.replace("bot.texts", "t")
        for attr in sorted(a for a in vars(module) if a.isupper()):
            value = getattr(module, attr)
            if id(value) in seen and not isinstance(value, str):
                continue  # a dict re-exported by another module: checked once
            seen.add(id(value))
            yield from walk(value, f"{prefix}.{attr}")


def filled(template: str) -> str:
    """A template as a reader sees it: each {placeholder} a Persian word (a Latin number inside
    monospace, where ids are shown as they are typed), {{ }} single braces."""
    braces = template.replace("{{", "\0").replace("}}", "\1")
    code = re.sub(r"<code>.*?</code>", lambda m: re.sub(r"\{[^{}]*\}", "12", m.group(0)), braces)
    return re.sub(r"\{[^{}]*\}", "نام", code).translate({0: "{", 1: "}"})


def violations() -> dict[str, list[Violation]]:
    found: dict[str, list[Violation]] = {}
    for name, template in copy():
        if NOT_READ.match(name):
            continue
        text, spans = html_text(filled(template))
        if wrong := check_text(text, spans):
            found[name] = wrong
    return found


def test_every_text_reads_as_persian() -> None:
    found = violations()
    ours = {n: v for n, v in found.items() if not any(re.search(p, n) for p in ELSEWHERE)}
    assert not ours, "\n".join(f"{name}: {', '.join(map(str, vs))}" for name, vs in ours.items())


def test_the_copy_left_to_other_branches_is_still_there() -> None:
    found = violations()
    stale = [p for p in ELSEWHERE if not any(re.search(p, name) for name in found)]
    assert not stale, f"fixed: remove {stale} from ELSEWHERE"


def test_the_check_sees_the_copy() -> None:
    names = dict(copy())
    assert len(names) > 500 and "t.HELP" in names and "t.surveys.QUESTION_HEAD" in names
    assert filled("{count} از {{max}} <code>exh_{id}</code>") == "نام از {max} <code>exh_12</code>"
    assert [v.category for v in check_text(*html_text(filled("سلام {name}, <b>3</b> پیام")))] == [
        "digit",
        "punctuation",
    ]
