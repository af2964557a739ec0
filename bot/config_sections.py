"""Sections of config.toml as typed values, and how each is read (bot/config.py assembles them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from typing import Any

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,15}$")


class ConfigError(Exception):
    """A configuration problem that must stop start-up; the message is one line saying what to fix."""


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


@dataclass(frozen=True)
class Limits:
    name_max_chars: int = 80
    place_max_chars: int = 60
    area_max_m2: int = 10_000_000


LEASE_MARGIN_SECONDS = 10.0  # a claim outlives its send by this much (recording, a slow database)


@dataclass(frozen=True)
class Broadcasting:
    quiet_start: time = time(22, 0)
    quiet_end: time = time(7, 0)
    overall_per_second: int = 30
    bulk_per_second: float = 25.0
    max_in_flight: int = 10
    max_attempts: int = 3
    late_grace_minutes: int = 180
    tick_seconds: float = 2.0
    progress_every_seconds: float = 3.0
    claim_lease_seconds: float = 60.0
    send_timeout_seconds: float = 30.0
    channel_id: str = ""
    digest_weekday: int = 0
    digest_hour: int = 9


@dataclass(frozen=True)
class Courses:
    offer_hours: int = (
        24  # a freed seat is held this long for the next on the waitlist (quiet hours excluded)
    )
    reminder_hours: tuple[int, ...] = (24, 2)  # reminders this many hours before the start


@dataclass(frozen=True)
class Exhibitions:
    nonresponder_hours: int = 48  # «no answer yet» reminder this long before the response deadline
    participant_hours: int = 72  # participants reminded this long before the start
    documents_hours: int = 72  # missing documents reminded this long before their deadline
    reminder_gap_hours: int = 24  # no reminder within this long after the item was announced


@dataclass(frozen=True)
class Surveys:
    reminder_hours_after_launch: tuple[int, ...] = (48, 120)  # at most two reminders to non-finishers


@dataclass(frozen=True)
class Consortia:
    weekly_requests: int = 3  # introduction requests a member may make in any 7 days
    page_size: int = 5  # partner suggestions per page
    group_min: int = 3
    group_max: int = 7


# The knowledge-based readiness self-check's criteria: the question keys of bot/surveys/readiness.toml.
READINESS_CRITERIA = ("rd", "staff", "tech_level", "ip", "tech_revenue", "quality", "digital", "university")
READINESS_WEIGHTS = (20, 15, 15, 15, 15, 8, 6, 6)  # the shipped weights (they add up to 100)


@dataclass(frozen=True)
class Readiness:
    """[readiness]: criterion weights (normalised: a score is Σ weight × criterion share / Σ weights × 100,
    so they need not add up to 100; 0 leaves a criterion out), the bands and the CDA's near-ready group."""

    weights: tuple[tuple[str, int], ...] = tuple(zip(READINESS_CRITERIA, READINESS_WEIGHTS, strict=True))
    ready_from: int = 70  # «آمادهٔ اقدام» from this score
    near_from: int = 45  # «نزدیک به آمادگی» from this score; below it «نیازمند تقویت»
    segment_from: int = 45  # the CDA's «نزدیک به آمادگی» group: scores segment_from..segment_to
    segment_to: int = 69

    def weight_of(self) -> dict[str, int]:
        return dict(self.weights)


def read_choices(raw: Any, name: str) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"config: [[{name}]] must list at least one entry with key and label.")
    seen: set[str] = set()
    out: list[Choice] = []
    for item in raw:
        key, label = str(item.get("key", "")), str(item.get("label", "")).strip()
        if not KEY_PATTERN.match(key) or not label:
            raise ConfigError(
                f"config: each [[{name}]] needs an ASCII key (a-z, 0-9, _; ≤16) and a label: {key!r}"
            )
        if key in seen:
            raise ConfigError(f"config: duplicate key {key!r} in [[{name}]].")
        seen.add(key)
        out.append(Choice(key, label))
    return tuple(out)


def read_int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"config: {name} must be a whole number, got {value!r}.") from None


def read_clock_time(value: Any, name: str) -> time:
    try:
        hour, minute = (int(part) for part in str(value).split(":"))
        return time(hour, minute)
    except ValueError:
        raise ConfigError(f"config: {name} must be HH:MM, got {value!r}.") from None


def read_broadcasting(raw: dict[str, Any]) -> Broadcasting:
    defaults = Broadcasting()
    known = set(Broadcasting.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"config: unknown [broadcast] settings: {', '.join(sorted(unknown))}.")
    values: dict[str, Any] = {}
    for name in known & set(raw):
        default = getattr(defaults, name)
        if isinstance(default, time):
            values[name] = read_clock_time(raw[name], f"broadcast.{name}")
        elif isinstance(default, str):
            values[name] = str(raw[name]).strip()
        elif isinstance(default, float):
            try:
                values[name] = float(raw[name])
            except (TypeError, ValueError):
                raise ConfigError(f"config: broadcast.{name} must be a number, got {raw[name]!r}.") from None
        else:
            values[name] = read_int(raw[name], f"broadcast.{name}")
    result = Broadcasting(**values)
    if not 0 < result.bulk_per_second <= result.overall_per_second or not 1 <= result.max_in_flight <= 30:
        raise ConfigError(
            "config: need 0 < bulk_per_second <= overall_per_second and 1 <= max_in_flight <= 30."
        )
    if result.send_timeout_seconds <= 0 or (
        result.claim_lease_seconds < result.send_timeout_seconds + LEASE_MARGIN_SECONDS
    ):
        raise ConfigError(
            f"config: broadcast.claim_lease_seconds ({result.claim_lease_seconds:g}) must be at least "
            f"send_timeout_seconds ({result.send_timeout_seconds:g}) + {LEASE_MARGIN_SECONDS:g}: a claim "
            "that expires while its send is still running is sent again by another worker (duplicates)."
        )
    if not 0 <= result.digest_weekday <= 6 or not 0 <= result.digest_hour <= 23:
        raise ConfigError("config: broadcast.digest_weekday is 0..6 (شنبه..جمعه) and digest_hour 0..23.")
    return result


def read_courses(raw: dict[str, Any]) -> Courses:
    offer_hours = read_int(raw.get("offer_hours", 24), "courses.offer_hours")
    reminders = tuple(
        sorted(
            {read_int(h, "courses.reminder_hours[]") for h in raw.get("reminder_hours", [24, 2])},
            reverse=True,
        )
    )
    if offer_hours < 1 or any(h < 1 for h in reminders) or len(reminders) > 3:
        raise ConfigError("config: courses.offer_hours ≥ 1 and up to three reminder_hours, each ≥ 1.")
    return Courses(offer_hours=offer_hours, reminder_hours=reminders)


def read_exhibitions(raw: dict[str, Any]) -> Exhibitions:
    fields = Exhibitions.__dataclass_fields__
    result = Exhibitions(**{k: read_int(v, f"exhibitions.{k}") for k, v in raw.items() if k in fields})
    if min(result.nonresponder_hours, result.participant_hours, result.documents_hours) < 1:
        raise ConfigError("config: exhibitions.*_hours are whole hours, each ≥ 1.")
    if result.reminder_gap_hours < 0:
        raise ConfigError("config: exhibitions.reminder_gap_hours is 0 or more.")
    return result


def read_surveys(raw: dict[str, Any]) -> Surveys:
    raw_hours = raw.get("reminder_hours_after_launch", [48, 120])
    hours = tuple(sorted({read_int(h, "surveys.reminder_hours_after_launch[]") for h in raw_hours}))
    if any(h < 1 for h in hours) or len(hours) > 2:
        raise ConfigError("config: surveys.reminder_hours_after_launch takes at most two hours, each ≥ 1.")
    return Surveys(reminder_hours_after_launch=hours)


def read_consortia(raw: dict[str, Any]) -> Consortia:
    values = {k: read_int(v, f"consortia.{k}") for k, v in raw.items() if k in Consortia.__dataclass_fields__}
    result = Consortia(**values)
    if result.weekly_requests < 1 or result.page_size < 1 or not 2 <= result.group_min <= result.group_max:
        raise ConfigError(
            "config: consortia needs weekly_requests ≥ 1, page_size ≥ 1 and 2 ≤ group_min ≤ group_max."
        )
    return result


def read_readiness(raw: dict[str, Any]) -> Readiness:
    """[readiness] and [readiness.weights]; weights, if given, name every criterion (a typo fails fast)."""
    known = {"weights", "ready_from", "near_from", "segment_from", "segment_to"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"config: unknown [readiness] settings: {', '.join(unknown)}.")
    values: dict[str, Any] = {k: read_int(v, f"readiness.{k}") for k, v in raw.items() if k != "weights"}
    if "weights" in raw:
        given = raw["weights"]
        if not isinstance(given, dict) or set(given) != set(READINESS_CRITERIA):
            names = ", ".join(READINESS_CRITERIA)
            raise ConfigError(f"config: [readiness.weights] must give a weight to each of: {names}.")
        weights = tuple((k, read_int(given[k], f"readiness.weights.{k}")) for k in READINESS_CRITERIA)
        if any(w < 0 for _, w in weights) or not any(w > 0 for _, w in weights):
            raise ConfigError("config: readiness weights are whole numbers ≥ 0, at least one above 0.")
        values["weights"] = weights
    result = Readiness(**values)
    if not 0 < result.near_from < result.ready_from <= 100:
        raise ConfigError("config: readiness needs 0 < near_from < ready_from ≤ 100.")
    if not 0 <= result.segment_from <= result.segment_to <= 100:
        raise ConfigError("config: readiness needs 0 ≤ segment_from ≤ segment_to ≤ 100.")
    return result
