"""The audit log as a right-to-left .xlsx with Jalali times; the Persian labels come from the caller."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import jdatetime

from bot.persian import to_persian_digits, to_tehran
from bot.services.common import spreadsheet
from models import AuditEntry

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

WIDTHS = (18, 24, 14, 22, 16, 10, 50)


@dataclass(frozen=True)
class Labels:
    """What the sheet calls things (bot/texts/audit.py): headers, actions, object kinds, the command line."""

    sheet: str
    headers: Sequence[str]  # when, who, messenger user id, action, object kind, object id, summary
    actions: Mapping[str, str]
    kinds: Mapping[str, str]
    command_line: str


def jalali_stamp(moment: datetime) -> str:
    """۱۴۰۵/۰۹/۰۵ ۱۱:۳۰ (Tehran time), sortable as text."""
    local = to_tehran(moment)
    day = jdatetime.date.fromgregorian(date=local.date())
    return to_persian_digits(f"{day.year}/{day.month:02d}/{day.day:02d} {local.hour:02d}:{local.minute:02d}")


def row_of(entry: AuditEntry, labels: Labels) -> list[spreadsheet.CellValue]:
    who = labels.command_line if entry.actor_user_id == 0 else entry.actor_name
    return [
        jalali_stamp(entry.at),
        who,
        to_persian_digits(entry.actor_user_id) if entry.actor_user_id else "",
        labels.actions.get(entry.action, entry.action),
        labels.kinds.get(entry.object_kind, entry.object_kind),
        to_persian_digits(entry.object_id) if entry.object_id is not None else "",
        entry.summary,
    ]


def fill(sheet: Worksheet, entries: Sequence[AuditEntry], labels: Labels) -> None:
    """Write the log into an openpyxl sheet (also a sheet of a larger report)."""
    sheet.title = labels.sheet
    rows = (row_of(e, labels) for e in entries)
    spreadsheet.fill_sheet(sheet, labels.headers, rows, WIDTHS, text_column=None)


def to_xlsx(entries: Sequence[AuditEntry], labels: Labels) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    fill(sheet, entries, labels)
    return spreadsheet.workbook_bytes(workbook)


def file_name(kind: str, now: datetime) -> str:
    return spreadsheet.file_name(kind, None, now, "xlsx")
