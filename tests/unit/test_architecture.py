"""Layering rules from shared/design.md, kept true by scanning imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", ["bot/services", "models", "bot/features.py"])
def test_domain_never_imports_telegram(folder: str) -> None:
    files = [ROOT / folder] if folder.endswith(".py") else _files(folder)
    offenders = [p.relative_to(ROOT) for p in files if "telegram" in _imports(p)]
    assert offenders == []


# -- the import graph ------------------------------------------------------------------------------
GRAPH_FOLDERS = ("bot", "handlers", "models")
# Only these may import handlers/: the composition root and the entry points (bench/ and tests/ too).
MAY_IMPORT_HANDLERS = ("bot/app.py", "bot/cli.py", "bot/local_run.py", "bot/sandbox/")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """Imports under `if TYPE_CHECKING:` never run, so they make no cycle."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def _imported_modules(path: Path, known: set[str]) -> set[str]:
    """Project modules `path` imports anywhere in it (module level and inside functions).

    `from pkg import sub` counts as importing pkg.sub when that is a module, else pkg."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names)
    return found & known


def import_graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for folder in GRAPH_FOLDERS for p in _files(folder)}
    known = set(paths)
    return {name: _imported_modules(path, known) - {name} for name, path in paths.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path a -> b -> … -> a, or None (depth-first search, colouring nodes)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)) is not None:
            return cycle
    return None


def test_find_cycle_reports_the_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles() -> None:
    graph = import_graph()
    assert "handlers.registry" in graph and "handlers.courses.feature" in graph["handlers.registry"]
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_only_the_composition_root_and_entry_points_import_handlers() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("bot", "models")
        for p in _files(folder)
        if "handlers" in _imports(p) and not str(p.relative_to(ROOT)).startswith(MAY_IMPORT_HANDLERS)
    ]
    assert offenders == []


def test_only_the_registry_lists_the_features() -> None:
    """Every feature package declares a FEATURE; only handlers/registry.py imports them all."""
    packages = sorted(p.parent.name for p in (ROOT / "handlers").glob("*/feature.py"))
    assert packages == [
        "audit",
        "broadcasts",
        "consortium",
        "courses",
        "dashboard",
        "exhibitions",
        "members",
        "needs",
        "programme",
        "readiness",
        "surveys",
    ]
    graph = import_graph()
    listing = [m for m, deps in graph.items() if {f"handlers.{p}.feature" for p in packages} <= deps]
    assert listing == ["handlers.registry"]


def test_handlers_never_build_sql() -> None:
    offenders = [
        p.relative_to(ROOT)
        for p in _files("handlers")
        if "sqlalchemy" in _imports(p) and p.name != "context.py"
    ]
    assert offenders == []


def test_models_never_import_services() -> None:
    offenders = [
        p.relative_to(ROOT)
        for p in _files("models")
        if any(
            isinstance(n, ast.ImportFrom) and (n.module or "").startswith(("bot", "handlers"))
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        )
    ]
    assert offenders == []


def test_importing_every_module_does_no_io() -> None:
    """Import all modules in a fresh interpreter with sockets disabled: nothing may connect or start."""
    modules = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for folder in ("bot", "handlers", "models")
        for p in _files(folder)
        if p.name != "__main__.py"
    ]
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise RuntimeError('network at import time')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "import importlib, threading\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "assert threading.active_count() == 1, threading.enumerate()\n"
        "print('ok', len(" + repr(modules) + "))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")


def test_modules_stay_small() -> None:
    big = [
        (str(p.relative_to(ROOT)), n)
        for folder in ("bot", "handlers", "models")
        for p in _files(folder)
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert big == []


def _enum_values() -> set[str]:
    """Every value of every StrEnum in models/enums.py (the stored status and kind strings)."""
    from enum import StrEnum

    import models.enums as enums

    return {
        member.value
        for enum in vars(enums).values()
        if isinstance(enum, type) and issubclass(enum, StrEnum) and enum is not StrEnum
        for member in enum
    }


def _string_constants(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [s for element in node.elts for s in _string_constants(element)]
    return []


# What a status or kind is called where it is compared: `event.status`, `Event.kind`, `trip_kind`, `stage` …
# (a callback action "open" or a survey question type "text" is another vocabulary and is not flagged).
STATUS_NAMES = ("status", "kind", "stage", "choice", "experience", "platform")


def _names_a_status(node: ast.expr) -> bool:
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return name.endswith(STATUS_NAMES)


def _raw_status_comparisons(path: Path, values: set[str]) -> list[str]:
    """`x.status == "draft"`, `kind in ("tour", "x")`: a string that is a value of a models.enums member."""
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            operands = (node.left, *node.comparators)
            if any(_names_a_status(o) for o in operands):
                found += [
                    f"{where}:{node.lineno} {s!r}"
                    for o in operands
                    for s in _string_constants(o)
                    if s in values
                ]
    return found


# The Bot API emulator speaks Telegram's own message kinds ("text", "photo" …), not our columns.
STATUS_SCAN = ("bot", "handlers", "models")
STATUS_SCAN_SKIP = ("bot/emulator/",)


def test_no_raw_status_comparisons() -> None:
    """Statuses and kinds are compared with models.enums members, never with a raw string literal."""
    values = _enum_values()
    offenders = [
        hit
        for folder in STATUS_SCAN
        for p in _files(folder)
        if not str(p.relative_to(ROOT)).startswith(STATUS_SCAN_SKIP)
        for hit in _raw_status_comparisons(p, values)
    ]
    assert offenders == []


def test_raw_status_scan_finds_a_comparison(tmp_path: Path) -> None:
    """The scan is not vacuous: `==`, `!=` and `in (...)` of a status against a stored value are flagged."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        'e.status == "draft"\nkind in ("tour", "x")\n"waitlisted" != seat_status\n'
        'r.kind == "ask"\naction == "open"\n',
        encoding="utf-8",
    )
    hits = _raw_status_comparisons(sample, _enum_values())
    assert [h.split(" ", 1)[1] for h in hits] == ["'draft'", "'tour'", "'waitlisted'"]


def _dotted_imports(path: Path) -> set[str]:
    """Full dotted names a module imports (`from bot import texts` counts as `bot.texts`)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _speaks_copy_or_telegram(path: Path) -> set[str]:
    forbidden = ("telegram", "bot.texts", "handlers")
    return {m for m in _dotted_imports(path) if any(m == f or m.startswith(f + ".") for f in forbidden)}


# Services that still render Persian copy: spreadsheet headers and labels of the exports, chart labels,
# survey-file parse errors and result labels; copy.py and cards.py are render modules now used only by
# handlers (moving them is a module move, left for after the parallel branches land). This list may only
# shrink: an entry that no longer imports texts fails below, so whoever fixes one removes it here.
SERVICES_STILL_RENDERING = {
    "bot/services/consortium/cards.py",
    "bot/services/consortium/export.py",
    "bot/services/courses/export.py",
    "bot/services/exhibitions/copy.py",
    "bot/services/exhibitions/export.py",
    "bot/services/surveys/charts.py",
    "bot/services/surveys/export.py",
    "bot/services/surveys/parse.py",
    "bot/services/surveys/results.py",
}


def test_services_and_models_speak_data() -> None:
    """Services and models import neither telegram nor the Persian texts nor handlers (design.md)."""
    found = {
        str(p.relative_to(ROOT)): sorted(bad)
        for folder in ("bot/services", "models")
        for p in _files(folder)
        if (bad := _speaks_copy_or_telegram(p))
    }
    assert {p: found[p] for p in found if p not in SERVICES_STILL_RENDERING} == {}
    still = {p: found.get(p, []) for p in SERVICES_STILL_RENDERING}
    assert all(bad and all(m.startswith("bot.texts") for m in bad) for bad in still.values()), still


def test_speaks_data_scan_sees_every_import_form(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from bot import texts\nimport telegram.ext\nfrom handlers.kit import x\nfrom bot.persian import y\n",
        encoding="utf-8",
    )
    assert _speaks_copy_or_telegram(sample) == {"bot.texts", "telegram.ext", "handlers.kit", "handlers.kit.x"}


SEND_CALLS = {
    "send_message", "edit_message_text", "edit_text", "send_photo", "send_document", "send_video",
    "reply_text", "reply_html", "reply_photo", "reply_document", "edit_message_caption", "edit_caption",
}  # fmt: skip


def test_text_reaches_telegram_only_through_bot_send() -> None:
    """Telegram's 4,096 / 1,024 limits are enforced in one place: bot/send.py (with bot/outgoing.py)."""
    allowed = {ROOT / "bot" / "send.py", ROOT / "handlers" / "kit.py"}  # kit: inline messages, first part
    skipped = (ROOT / "bot" / "emulator", ROOT / "bot" / "sandbox")
    offenders = []
    for path in _files("handlers") + _files("bot"):
        if path in allowed or path.is_relative_to(skipped[0]) or path.is_relative_to(skipped[1]):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in SEND_CALLS
                and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "render")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.func.attr}")
    assert offenders == []
