"""«📈 گزارش برنامه» as Persian: the text summary, the .xlsx (a sheet per area) and the plan file's errors.

Takes the plain ProgrammeReport of bot/services/programme/indicators.py, so the chat and the web
dashboard show the same numbers in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from html import escape

import jdatetime

from bot.config import Config
from bot.persian import JALALI_MONTHS, format_jalali_date, format_number, to_persian_digits
from bot.services.common.spreadsheet import CellValue, fill_sheet, workbook_bytes
from bot.services.programme import plan as pl
from bot.services.programme.indicators import ProgrammeReport, Target
from bot.texts import consortia as tc
from bot.texts import needs as tn
from bot.texts import programme as t
from bot.texts import terms as g


def jalali_text(day: jdatetime.date) -> str:
    return f"{to_persian_digits(day.day)} {JALALI_MONTHS[day.month - 1]} {to_persian_digits(day.year)}"


def percent(value: float | None) -> str:
    return to_persian_digits(f"{round(value)}٪") if value is not None else t.NONE


def number(value: float) -> str:
    return format_number(round(value, 1) if value % 1 else int(value))


def plan_errors(problems: Iterable[pl.Problem]) -> list[str]:
    """Each problem of a plan file as one HTML line (what the CDA wrote escaped), with its line number."""
    out = []
    for p in problems:
        args = {k: to_persian_digits(v) if v.isdigit() else escape(v) for k, v in p.args.items()}
        text = t.PLAN_ERRORS.get(p.code, p.code).format(**args)
        out.append(t.AT_LINE.format(line=to_persian_digits(p.line), text=text) if p.line else text)
    return out


def target_line(target: Target) -> str:
    value = number(target.value)
    if target.indicator in pl.PERCENT_INDICATORS:
        value, goal = percent(target.value), percent(target.target)
    else:
        goal = format_number(target.target)
    return t.PLAN_ROW.format(label=target.label, value=value, target=goal, share=percent(target.reached))


OTHER_PLACE = (("other", g.OTHER),)  # a place typed by the member is stored as «other», not in config.toml


def _items(
    counts: dict[str, int],
    label: Iterable[tuple[str, str]] | None = None,
    config: Config | None = None,
    kind: str = "",
) -> str:
    if not counts:
        return t.NONE
    names = dict(label or ())
    shown = []
    for key, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        name = names.get(key) or (config.label_of(kind, key) if config and kind else key)
        shown.append(f"{name} {format_number(n)}")
    return "، ".join(shown)


def summary_text(report: ProgrammeReport, config: Config) -> str:
    """The whole programme in one Persian message (send.py splits it past 4,096 characters)."""
    r, m, c, s = report, report.members, report.courses, report.surveys
    parts = [t.TITLE.format(first=jalali_text(r.period.first_day), last=jalali_text(r.period.last_day))]
    if r.targets:
        parts.append(
            "\n".join(
                [
                    t.SECTION_PLAN.format(year=to_persian_digits(r.period.plan_year)),
                    *(target_line(x) for x in r.targets),
                ]
            )
        )
    else:
        parts.append(t.NO_PLAN.format(year=to_persian_digits(r.period.plan_year)))
    n = format_number
    parts.append(
        "\n".join(
            [
                t.SECTION_MEMBERS,
                t.MEMBERS_ROW.format(
                    new=n(m.new), total=n(m.total), reachable=n(m.reachable), blocked=n(m.blocked)
                ),
                t.BY_ROLE.format(items=_items(m.by_role, config=config, kind="roles")),
                t.BY_PLACE.format(items=_items(m.by_place, OTHER_PLACE, config=config, kind="places")),
                t.BY_CATEGORY.format(items=_items(m.by_category, config=config, kind="categories")),
            ]
        )
    )
    feedback = format_number(round(c.feedback_avg, 1)) if c.feedback_avg is not None else t.NONE
    parts.append(
        t.SECTION_COURSES
        + "\n"
        + t.COURSES_ROW.format(
            held=n(c.held),
            seats=n(c.seats),
            fill=percent(c.fill_rate),
            attendance=percent(c.attendance_rate),
            feedback=feedback,
        )
    )
    parts.append(
        t.SECTION_TRIPS
        + "\n"
        + t.TRIPS_ROW.format(
            exhibitions=n(r.trips.exhibitions_held),
            tours=n(r.trips.tours_held),
            participants=n(r.trips.participants),
            documents=n(r.trips.documents_complete),
        )
    )
    parts.append(
        t.SECTION_SURVEYS
        + "\n"
        + t.SURVEYS_ROW.format(
            launched=n(s.launched),
            invited=n(s.invited),
            completed=n(s.completed),
            rate=percent(s.response_rate),
        )
    )
    parts.append(
        "\n".join(
            [
                t.SECTION_LINKS,
                t.LINKS_ROW.format(
                    requested=n(r.introductions_requested), accepted=n(r.introductions_accepted)
                ),
                t.STAGES_ROW.format(items=_items(r.consortia_by_stage, tc.STAGE_LABELS.items())),
            ]
        )
    )
    parts.append(
        t.SECTION_BROADCASTS
        + "\n"
        + t.BROADCASTS_ROW.format(sent=n(r.broadcasts_sent), reach=n(r.broadcast_reach))
    )
    parts.append(
        t.SECTION_NEEDS
        + "\n"
        + t.NEEDS_ROW.format(
            solved=n(r.needs_solved), items=_items(r.needs_by_status, tn.STATUS_LABELS.items())
        )
    )
    parts.append(t.RULE_NOTE)
    return "\n\n".join(parts)


def _row(*cells: CellValue) -> list[CellValue]:
    return list(cells)


def _date(moment: datetime) -> str:
    return format_jalali_date(moment)


def workbook(report: ProgrammeReport, config: Config) -> bytes:
    """One .xlsx: a right-to-left sheet per area, Jalali dates, numbers as numbers."""
    from openpyxl import Workbook

    r, m = report, report.members
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    period = f"{jalali_text(r.period.first_day)} تا {jalali_text(r.period.last_day)}"
    plan = {x.indicator: x for x in r.targets}
    summary: list[list[CellValue]] = [[t.G_PERIOD, "", period, None, None]]
    for key in pl.INDICATORS:
        line = plan.get(key)
        reached = round(line.reached, 1) if line and line.reached is not None else None
        summary.append([t.INDICATOR_LABELS[key], key, r.values[key], line.target if line else None, reached])
    fill_sheet(
        book.create_sheet(t.SHEET_SUMMARY), t.H_SUMMARY, summary, (34, 24, 16, 12, 12), text_column=None
    )
    members: list[list[CellValue]] = [
        [t.G_TOTALS, t.M_NEW, m.new],
        [t.G_TOTALS, t.M_TOTAL, m.total],
        [t.G_TOTALS, t.M_REACHABLE, m.reachable],
        [t.G_TOTALS, t.M_BLOCKED, m.blocked],
    ]
    for group, kind, counts in (
        (t.G_ROLE, "roles", m.by_role),
        (t.G_PLACE, "places", m.by_place),
        (t.G_CATEGORY, "categories", m.by_category),
    ):
        labels = dict(OTHER_PLACE) if kind == "places" else {}
        members += [[group, labels.get(k) or config.label_of(kind, k), v] for k, v in sorted(counts.items())]
    members += [[t.G_DATE, to_persian_digits(day), v] for day, v in m.over_time]
    fill_sheet(book.create_sheet(t.SHEET_MEMBERS), t.H_MEMBERS, members, (16, 30, 12), text_column=None)
    events = [
        [
            t.KIND_LABELS.get(e.kind, e.kind),
            e.title,
            _date(e.starts_at),
            e.capacity,
            e.registered,
            e.attended,
            round(e.feedback_avg, 2) if e.feedback_avg is not None else None,
            e.documents_complete,
        ]
        for e in r.events
    ]
    fill_sheet(
        book.create_sheet(t.SHEET_EVENTS),
        t.H_EVENTS,
        events,
        (12, 40, 16, 10, 10, 10, 12, 12),
        text_column=None,
    )
    surveys = [
        [
            s.title,
            _date(s.opens_at),
            s.invited,
            s.completed,
            round(100.0 * s.completed / s.invited, 1) if s.invited else None,
        ]
        for s in r.surveys.rows
    ]
    fill_sheet(
        book.create_sheet(t.SHEET_SURVEYS), t.H_SURVEYS, surveys, (40, 16, 12, 12, 12), text_column=None
    )
    other: list[list[CellValue]] = [
        [t.O_INTRO, t.O_REQUESTED, r.introductions_requested],
        [t.O_INTRO, t.O_ACCEPTED, r.introductions_accepted],
        *[_row(t.O_CONSORTIA, tc.STAGE_LABELS.get(k, k), v) for k, v in sorted(r.consortia_by_stage.items())],
        [t.O_BROADCASTS, t.O_SENT, r.broadcasts_sent],
        [t.O_BROADCASTS, t.O_REACH, r.broadcast_reach],
        [t.O_NEEDS, t.O_SOLVED, r.needs_solved],
        *[_row(t.O_NEEDS, tn.STATUS_LABELS.get(k, k), v) for k, v in sorted(r.needs_by_status.items())],
    ]
    fill_sheet(book.create_sheet(t.SHEET_OTHER), t.H_OTHER, other, (18, 30, 12), text_column=None)
    return workbook_bytes(book)


MONTHLY_MAX = 3_800  # one message: a broadcast is sent as it is stored


def monthly_text(report: ProgrammeReport, config: Config) -> str:
    """The monthly report to the admins: the summary, cut to one message before the closing note."""
    body = summary_text(report, config).rsplit("\n\n", 1)[0]  # without the counting rules
    if len(body) > MONTHLY_MAX:
        body = body[:MONTHLY_MAX].rsplit("\n", 1)[0] + "\n…"
    return f"{t.MONTHLY_TITLE}\n{body}\n\n{t.MONTHLY_FOOTER}"
