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


@pytest.mark.parametrize("folder", ["bot/services", "models"])
def test_domain_never_imports_telegram(folder: str) -> None:
    offenders = [p.relative_to(ROOT) for p in _files(folder) if "telegram" in _imports(p)]
    assert offenders == []


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
