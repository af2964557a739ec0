"""The deployment files hold together: compose (parsed without PyYAML), Dockerfile, .env.example, systemd.

Docker may be absent where the tests run, so `docker compose config` cannot be the check; the compose
file is written in a small YAML subset (block mappings, lists of scalars, JSON-quoted strings and
JSON flow lists) that `parse_yaml` reads strictly — anything outside it fails the test.
"""

from __future__ import annotations

import configparser
import json
from pathlib import Path
from typing import Any

import pytest

from bot.config import PLACEHOLDER_TOKENS, TOKEN_PATTERN

ROOT = Path(__file__).resolve().parents[2]
Line = tuple[int, str]


def _strip_comment(raw: str) -> str:
    quoted = False
    for index, char in enumerate(raw):
        if char == '"' and (index == 0 or raw[index - 1] != "\\"):
            quoted = not quoted
        elif char == "#" and not quoted and (index == 0 or raw[index - 1] in " \t"):
            return raw[:index].rstrip()
    assert not quoted, f"unclosed quote: {raw!r}"
    return raw.rstrip()


def _scalar(text: str) -> Any:
    if text.startswith(('"', "[")):
        return json.loads(text)
    assert ": " not in text and not text.startswith(("'", "{", "&", "*", "!", "|", ">")), text
    return int(text) if text.isdigit() else text


def _block(lines: list[Line], pos: int, indent: int) -> tuple[Any, int]:
    if lines[pos][1].startswith("- "):
        items = []
        while pos < len(lines) and lines[pos][0] == indent and lines[pos][1].startswith("- "):
            items.append(_scalar(lines[pos][1][2:].strip()))
            pos += 1
        return items, pos
    mapping: dict[str, Any] = {}
    while pos < len(lines) and lines[pos][0] == indent:
        key, sep, rest = lines[pos][1].partition(":")
        assert sep and key.strip() == key and key and (not rest or rest.startswith(" ")), lines[pos]
        assert key not in mapping, f"duplicate key {key}"
        pos += 1
        if rest.strip():
            mapping[key] = _scalar(rest.strip())
        elif pos < len(lines) and lines[pos][0] > indent:
            mapping[key], pos = _block(lines, pos, lines[pos][0])
        else:
            mapping[key] = None  # `pgdata:` — an empty value is YAML's null
    assert pos == len(lines) or lines[pos][0] < indent, f"bad indentation at {lines[pos]}"
    return mapping, pos


def parse_yaml(text: str) -> Any:
    lines: list[Line] = []
    for raw in text.splitlines():
        assert "\t" not in raw, "tabs in YAML"
        content = _strip_comment(raw)
        if content.strip():
            lines.append((len(content) - len(content.lstrip(" ")), content.strip()))
    value, pos = _block(lines, 0, lines[0][0])
    assert pos == len(lines)
    return value


def test_the_parser_refuses_what_it_does_not_understand() -> None:
    assert parse_yaml('a:\n  b: "x # y"  # note\n  c:\n    - 1\n') == {"a": {"b": "x # y", "c": [1]}}
    for bad in ("a: b: c\n", "a:\n  b: 1\n c: 2\n", "a: 1\na: 2\n", "a: {b: 1}\n", "a:\n  - 1\n  b: 2\n"):
        with pytest.raises(AssertionError):
            parse_yaml(bad)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    parsed = parse_yaml(text)
    try:
        import yaml
    except ImportError:
        return dict(parsed)
    assert yaml.safe_load(text) == parsed  # where PyYAML exists, it reads the same thing
    return dict(parsed)


def test_compose_runs_the_bot_next_to_postgresql_16_with_a_volume(compose: dict[str, Any]) -> None:
    assert set(compose) == {"services", "volumes"} and set(compose["services"]) == {"db", "bot"}
    db, bot = compose["services"]["db"], compose["services"]["bot"]
    assert db["image"] == "postgres:16" and "pgdata:/var/lib/postgresql/data" in db["volumes"]
    assert "pgdata" in compose["volumes"]
    assert db["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    assert bot["build"] == "." and bot["env_file"] == ".env"
    assert bot["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert bot["environment"]["DATABASE_URL"].endswith("@db:5432/khooshe")
    assert "pg_isready" in db["healthcheck"]["test"][1]
    assert bot["healthcheck"]["test"][0] == "CMD" and "/healthz" in bot["healthcheck"]["test"][-1]
    for service in (db, bot):
        assert service["restart"] == "unless-stopped" and service["healthcheck"]["retries"] >= 3


def test_dockerfile_installs_runtime_dependencies_only_and_runs_as_a_user() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    instructions = [line.split()[0] for line in text.splitlines() if line and not line[0].isspace()]
    assert text.splitlines()[1] == "FROM python:3.11-slim"
    assert "[dev]" not in text and "pip install ." in text
    users = [line.split()[1] for line in text.splitlines() if line.startswith("USER ")]
    assert users == ["khooshe"] and instructions.index("USER") < instructions.index("CMD")
    assert text.rstrip().splitlines()[-1] == 'CMD ["khooshe", "run"]'
    assert "HEALTHCHECK" in instructions and "/healthz" in text
    for path in ("bot", "handlers", "models", "migrations", "config.toml"):
        assert f"COPY {path} " in text


def test_env_example_has_placeholders_only() -> None:
    values = dict(
        line.lstrip("# ").split("=", 1)
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and line.lstrip("# ").split("=", 1)[0].isupper()
    )
    assert values["BOT_TOKEN"] in PLACEHOLDER_TOKENS and not TOKEN_PATTERN.match(values["BOT_TOKEN"])
    assert values["POSTGRES_PASSWORD"].startswith("change-me")
    for name in ("WEBHOOK_URL", "WEBHOOK_LISTEN", "WEBHOOK_SECRET", "HEALTH_LISTEN", "LOG_FORMAT"):
        assert name in values
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_systemd_unit_runs_khooshe_and_stops_it_with_sigterm() -> None:
    unit = configparser.ConfigParser(strict=True, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string((ROOT / "deploy" / "khooshe.service").read_text(encoding="utf-8"))
    service = unit["Service"]
    assert service["ExecStart"].endswith("/.venv/bin/khooshe run") and service["User"] == "khooshe"
    assert service["KillSignal"] == "SIGTERM" and service["EnvironmentFile"] == "/etc/khooshe.env"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_readme_documents_every_setting_of_env_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [
        line.lstrip("# ").split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and line.lstrip("# ").split("=", 1)[0].isupper()
    ]
    table = [name for name in names if f"| `{name}` |" in readme]
    assert set(names) - set(table) == {"POSTGRES_PASSWORD"}  # compose's own; the Docker steps name it
    assert "POSTGRES_PASSWORD" in readme
