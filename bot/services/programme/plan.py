"""The action plan: the fixed table of what the bot counts, the plan file (TOML) and the stored lines.

A plan file names one Jalali year and its lines; each line ties a target to an indicator key below.
Reading is all or nothing: any problem (with the file's line number where one exists) means nothing
is saved, and the problems come back as codes the handler words in Persian (bot/texts/programme.py).
Uploading a plan for a year replaces that year's lines.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.admins import check_admin
from bot.services.common.errors import InvalidInput
from bot.services.members.accounts import Identity
from models import PlanLine

MAX_FILE_BYTES = 32_000
MAX_LINES = 40
LABEL_MAX = 120
TARGET_MAX = 10_000_000
YEARS = range(1400, 1421)

# What the bot counts (bot/services/programme/indicators.py computes each for a period).
INDICATORS: tuple[str, ...] = (
    "members_new",
    "courses_held",
    "course_participants",  # seat-people: registered seats of the courses held
    "tours_held",
    "exhibitions_held",
    "exhibition_participants",  # registered seats of the exhibitions and tours held
    "surveys_launched",
    "survey_response_rate",  # percent
    "introductions_requested",
    "introductions_accepted",
    "consortia_registered",  # consortia at stage «registered» or beyond
    "consortia_exporting",
    "needs_solved",
    "broadcasts_sent",
)
PERCENT_INDICATORS = frozenset({"survey_response_rate"})
LINE_FIELDS = {"indicator", "target", "label"}
_LINE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*line[ \t]*\]\]", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """One problem in a plan file: a code (worded in texts.programme.PLAN_ERRORS), the line, values."""

    code: str
    line: int | None = None  # the file's line number
    args: dict[str, str] = field(default_factory=dict)


class PlanFileError(InvalidInput):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("plan_file")
        self.problems = problems


@dataclass(frozen=True)
class PlanSpec:
    indicator: str
    target: int
    label: str


@dataclass(frozen=True)
class Plan:
    year: int
    lines: tuple[PlanSpec, ...]


def _load(data: bytes) -> tuple[dict[str, Any], str]:
    if len(data) > MAX_FILE_BYTES:
        raise PlanFileError([Problem("too_big", args={"max": str(MAX_FILE_BYTES // 1000)})])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError([Problem("not_utf8")]) from None
    if "\x00" in text:
        raise PlanFileError([Problem("not_utf8")])
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise PlanFileError([Problem("syntax", int(found.group(1)) if found else None)]) from None
    except RecursionError:
        raise PlanFileError([Problem("syntax")]) from None


def _line_numbers(text: str) -> list[int]:
    """The file line of each `[[line]]` header, in order (content errors point there)."""
    return [text.count("\n", 0, m.start()) + 1 for m in _LINE_HEADER.finditer(text)]


def _spec(raw: Any, where: int | None, seen: set[str], problems: list[Problem]) -> PlanSpec | None:
    if not isinstance(raw, dict):
        problems.append(Problem("line_not_table", where))
        return None
    for extra in sorted(set(raw) - LINE_FIELDS):
        problems.append(Problem("unknown_field", where, {"field": str(extra)[:30]}))
    indicator, target, label = raw.get("indicator"), raw.get("target"), raw.get("label")
    ok = True
    if not isinstance(indicator, str) or indicator not in INDICATORS:
        problems.append(Problem("bad_indicator", where, {"value": str(indicator)[:40]}))
        ok = False
    elif indicator in seen:
        problems.append(Problem("duplicate_indicator", where, {"value": indicator}))
        ok = False
    if isinstance(target, bool) or not isinstance(target, int) or not 0 < target <= TARGET_MAX:
        problems.append(Problem("bad_target", where))
        ok = False
    elif indicator in PERCENT_INDICATORS and target > 100:
        problems.append(Problem("bad_percent", where))
        ok = False
    if not isinstance(label, str) or not label.strip() or len(label) > LABEL_MAX:
        problems.append(Problem("bad_label", where, {"max": str(LABEL_MAX)}))
        ok = False
    if not ok:
        return None
    assert isinstance(indicator, str) and isinstance(target, int) and isinstance(label, str)
    seen.add(indicator)
    return PlanSpec(indicator, target, " ".join(label.split()))


def parse_plan(data: bytes) -> Plan:
    """A plan file as a Plan, or PlanFileError listing every problem (nothing partly accepted)."""
    raw, text = _load(data)
    problems: list[Problem] = []
    for extra in sorted(set(raw) - {"year", "line"}):
        problems.append(Problem("unknown_field", None, {"field": str(extra)[:30]}))
    year = raw.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        problems.append(Problem("bad_year", None, {"value": str(year)[:10]}))
    lines = raw.get("line")
    if not isinstance(lines, list) or not lines:
        problems.append(Problem("no_lines"))
        raise PlanFileError(problems)
    if len(lines) > MAX_LINES:
        problems.append(Problem("too_many_lines", None, {"max": str(MAX_LINES)}))
    numbers = _line_numbers(text)
    seen: set[str] = set()
    specs = [
        _spec(item, numbers[i] if i < len(numbers) else None, seen, problems) for i, item in enumerate(lines)
    ]
    if problems:
        raise PlanFileError(problems)
    assert isinstance(year, int)
    return Plan(year, tuple(s for s in specs if s is not None))


async def save_plan(
    session: AsyncSession, who: Identity, config: Config, plan: Plan, *, now: datetime
) -> int:
    """Replace the plan of `plan.year` with these lines (an admin only); how many were saved."""
    await check_admin(session, who, config)
    await session.execute(delete(PlanLine).where(PlanLine.year == plan.year))
    for spec in plan.lines:
        session.add(
            PlanLine(
                year=plan.year,
                indicator=spec.indicator,
                target=spec.target,
                label=spec.label,
                created_by=who.user_id,
                created_at=now,
            )
        )
    await session.flush()
    return len(plan.lines)


async def targets_of(session: AsyncSession, year: int) -> dict[str, PlanSpec]:
    """The plan of one Jalali year by indicator key (empty when none was uploaded)."""
    rows = (await session.execute(select(PlanLine).where(PlanLine.year == year))).scalars()
    return {r.indicator: PlanSpec(r.indicator, r.target, r.label) for r in rows}
