"""A course roster as files the CDA opens in Excel: .xlsx (right-to-left sheet) and CSV (UTF-8 with BOM).

Headers are Persian, registration times Jalali (Tehran) with Persian digits; mobile numbers are
text in the 09… form with Latin digits, so Excel keeps the leading zero and they paste into
SMS panels and dialers as they are.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

import jdatetime
from openpyxl import Workbook
from openpyxl.styles import Font

from bot.persian import to_persian_digits, to_tehran
from bot.services.course_roster import Entry, Roster
from bot.texts import course_admin as t

CellValue = str | int | None
WIDTHS = (28, 16, 30, 24, 18, 12, 22, 10)


def jalali_stamp(moment: datetime) -> str:
    """۱۴۰۵/۰۹/۰۵ ۱۱:۳۰ (Tehran time), sortable as text."""
    local = to_tehran(moment)
    day = jdatetime.date.fromgregorian(date=local.date())
    return to_persian_digits(f"{day.year}/{day.month:02d}/{day.day:02d} {local.hour:02d}:{local.minute:02d}")


def local_mobile(e164: str) -> str:
    return "0" + e164[3:] if e164.startswith("+98") else e164


def row_of(entry: Entry) -> list[CellValue]:
    return [
        entry.name,
        local_mobile(entry.phone),
        entry.role,
        entry.place,
        t.REG_STATUS_LABELS.get(entry.status, entry.status),
        entry.position,
        jalali_stamp(entry.queued_at),
        t.ATTENDED_LABELS[entry.attended] if entry.status == "registered" else "",
    ]


def rows(roster: Roster) -> list[list[CellValue]]:
    return [row_of(e) for e in roster.entries]


def to_xlsx(roster: Roster) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = t.XLSX_SHEET
    sheet.sheet_view.rightToLeft = True
    sheet.append(list(t.EXPORT_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows(roster):
        sheet.append(values)
        sheet.cell(row=sheet.max_row, column=2).number_format = "@"  # the mobile stays text
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_csv(roster: Roster) -> bytes:
    """UTF-8 with a BOM so Excel shows Persian; CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(t.EXPORT_HEADERS)
    for values in rows(roster):
        writer.writerow(["" if v is None else v for v in values])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def file_name(event_id: int, extension: str) -> str:
    return f"course-{event_id}-roster.{extension}"
