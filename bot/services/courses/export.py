"""A course roster as files the CDA opens in Excel: .xlsx (right-to-left sheet) and CSV (UTF-8 with BOM).

Headers are Persian, registration times Jalali (Tehran) with Persian digits; mobile numbers are
text in the 09… form with Latin digits, so Excel keeps the leading zero and they paste into
SMS panels and dialers as they are.
"""

from __future__ import annotations

from datetime import datetime

import jdatetime

from bot.persian import to_persian_digits, to_tehran
from bot.services.common import spreadsheet
from bot.services.common.spreadsheet import CellValue, csv_table, xlsx_table
from bot.services.courses.roster import Entry, Roster
from bot.texts import course_admin as t
from models.enums import SeatStatus

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
        entry.place or t.PLACE_OTHER,
        t.REG_STATUS_LABELS.get(entry.status, entry.status),
        entry.position,
        jalali_stamp(entry.queued_at),
        t.ATTENDED_LABELS[entry.attended] if entry.status == SeatStatus.REGISTERED else "",
    ]


def rows(roster: Roster) -> list[list[CellValue]]:
    return [row_of(e) for e in roster.entries]


def to_xlsx(roster: Roster) -> bytes:
    return xlsx_table(t.XLSX_SHEET, t.EXPORT_HEADERS, rows(roster), WIDTHS)


def to_csv(roster: Roster) -> bytes:
    return csv_table(t.EXPORT_HEADERS, rows(roster))


def file_name(title: str, extension: str, now: datetime) -> str:
    return spreadsheet.file_name(t.EXPORT_FILE, title, now, extension)
