"""«📊 گزارش نیازها» (`nda:rep`): the CDA's needs report as a Persian summary, a bar chart of needs by
status, and an .xlsx (summary, needs and providers sheets, right-to-left, Jalali dates). One service
call re-checks admin rights; a member forging the press gets «این دکمه دیگر فعال نیست» and no report.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from html import escape

from telegram import InputFile, Update

from bot.config import Config
from bot.context import KhoosheContext
from bot.persian import format_jalali_date, format_number
from bot.services.common import spreadsheet
from bot.services.common.spreadsheet import CellValue
from bot.services.courses.export import jalali_stamp
from bot.services.needs import report
from bot.services.needs.report import NeedsReport
from bot.services.surveys import charts
from bot.texts import needs as t
from handlers.kit import identity_of, send, send_media
from handlers.needs.kit import run

n = format_number
CATEGORIES_SHOWN = 8  # the rest are summed on one line, so the text stays short
NEEDS_WIDTHS = (40, 24, 22, 12, 8, 40, 14, 18, 18, 12)
PROVIDER_WIDTHS = (36, 22, 36, 14, 12, 8)


def days(value: float) -> float | int:
    """Days to one decimal; a whole number without «٫۰»."""
    rounded = round(value, 1)
    return int(rounded) if float(rounded).is_integer() else rounded


def report_text(r: NeedsReport, config: Config) -> str:
    title = t.REPORT_TITLE.format(date=format_jalali_date(r.made_at))
    if not r.total:
        return f"{title}\n\n{t.REPORT_EMPTY}"
    parts = [title, t.REPORT_TOTAL.format(count=n(r.total))]
    lines = [t.REPORT_BY_STATUS]
    lines += [
        t.REPORT_STATUS_LINE.format(icon=t.STATUS_ICONS[s], status=t.STATUS_LABELS[s], count=n(c))
        for s, c in r.by_status
    ]
    parts.append("\n".join(lines))
    lines = [t.REPORT_BY_CATEGORY]
    lines += [
        t.REPORT_CATEGORY_LINE.format(category=escape(config.label_of("categories", k)), count=n(c))
        for k, c in r.by_category[:CATEGORIES_SHOWN]
    ]
    rest = r.by_category[CATEGORIES_SHOWN:]
    if rest:
        lines.append(t.REPORT_CATEGORIES_MORE.format(count=n(len(rest)), needs=n(sum(c for _, c in rest))))
    parts.append("\n".join(lines))
    lines = [t.REPORT_MEMBERS.format(count=n(r.members))]
    lines += [
        t.REPORT_MEMBERS_LINE.format(icon=t.STATUS_ICONS[s], status=t.STATUS_LABELS[s], count=n(c))
        for s, c in r.members_by_status
    ]
    parts.append("\n".join(lines))
    if r.median_days is not None and r.mean_days is not None:
        parts.append(
            t.REPORT_DAYS.format(
                count=n(len(r.solved_days)), median=n(days(r.median_days)), mean=n(days(r.mean_days))
            )
        )
    else:
        parts.append(t.REPORT_DAYS_NONE)
    if r.providers:
        parts.append(t.REPORT_PROVIDERS.format(count=n(len(r.providers)), kb=n(r.knowledge_based)))
    else:
        parts.append(t.REPORT_PROVIDERS_NONE)
    return "\n\n".join(parts)


def chart_bars(r: NeedsReport) -> list[tuple[str, int, float | None]]:
    return [(t.STATUS_LABELS[s], c, 100.0 * c / r.total if r.total else None) for s, c in r.by_status]


def summary_rows(r: NeedsReport, config: Config) -> list[list[CellValue]]:
    rows: list[list[CellValue]] = [[t.SUMMARY_TOTAL, r.total]]
    rows += [[t.SUMMARY_STATUS.format(label=t.STATUS_LABELS[s]), c] for s, c in r.by_status]
    rows += [[t.SUMMARY_CATEGORY.format(label=config.label_of("categories", k)), c] for k, c in r.by_category]
    rows.append([t.SUMMARY_MEMBERS, r.members])
    rows += [[t.SUMMARY_MEMBERS_STATUS.format(label=t.STATUS_LABELS[s]), c] for s, c in r.members_by_status]
    rows.append([t.SUMMARY_SOLVED, len(r.solved_days)])
    rows.append([t.SUMMARY_MEDIAN, None if r.median_days is None else days(r.median_days)])
    rows.append([t.SUMMARY_MEAN, None if r.mean_days is None else days(r.mean_days)])
    rows.append([t.SUMMARY_PROVIDERS, len(r.providers)])
    rows.append([t.SUMMARY_KB, r.knowledge_based])
    return rows


def need_rows(r: NeedsReport, config: Config) -> list[list[CellValue]]:
    return [
        [
            row.need.title,
            config.label_of("categories", row.need.category),
            t.STATUS_LABELS[row.need.status],
            t.YES_NO[row.need.published],
            row.members,
            "، ".join(p.name for p in row.providers),
            sum(1 for p in row.providers if p.knowledge_based),
            jalali_stamp(row.identified_at),
            jalali_stamp(row.solved_at) if row.solved_at is not None else None,
            days(row.days) if row.days is not None else None,
        ]
        for row in r.rows
    ]


def provider_rows(r: NeedsReport) -> list[list[CellValue]]:
    serves: dict[int, int] = {}
    for row in r.rows:
        for p in row.providers:
            serves[p.id] = serves.get(p.id, 0) + 1
    return [
        [p.name, t.KIND_LABELS[p.kind], p.field, p.city, t.YES_NO[p.knowledge_based], serves.get(p.id, 0)]
        for p in r.providers
    ]


def to_xlsx(r: NeedsReport, config: Config) -> bytes:
    """Three right-to-left sheets: the summary, every need, the providers engaged."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = t.SHEET_SUMMARY
    spreadsheet.fill_sheet(summary, t.SUMMARY_HEADERS, summary_rows(r, config), (40, 14), text_column=None)
    sheets = (
        (t.SHEET_NEEDS, t.NEEDS_HEADERS, need_rows(r, config), NEEDS_WIDTHS),
        (t.SHEET_PROVIDERS, t.PROVIDER_HEADERS, provider_rows(r), PROVIDER_WIDTHS),
    )
    for title, headers, rows, widths in sheets:
        sheet = workbook.create_sheet(title)
        spreadsheet.fill_sheet(sheet, headers, rows, widths, text_column=None)
    return spreadsheet.workbook_bytes(workbook)


def file_name(now: datetime) -> str:
    return spreadsheet.file_name(t.REPORT_FILE, None, now, "xlsx")


async def on_report(update: Update, context: KhoosheContext) -> None:
    """The summary, then (when there are needs) the chart and the .xlsx."""
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    found = await run(update, context, lambda s: report.build(s, who, config, now=now))
    if found is None:
        return
    await query.answer()
    await send(update, report_text(found, config))
    if not found.total:
        return
    note = t.REPORT_CHART_NOTE.format(count=n(found.total))
    png = await asyncio.to_thread(charts.bar_chart, t.REPORT_CHART_TITLE, chart_bars(found), note)
    await send_media(update, "photo", InputFile(png, filename="needs-report.png"), t.REPORT_CHART_CAPTION)
    data = await asyncio.to_thread(to_xlsx, found, config)
    document = InputFile(data, filename=file_name(now))
    await send_media(update, "document", document, t.REPORT_CAPTION.format(count=n(found.total)))
