"""Tables for Excel, as every export writes them: a right-to-left .xlsx sheet and a CSV with a BOM,
named in Persian after what they hold, the item's title and the Jalali date."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import jdatetime

from bot.outgoing import shorten
from bot.persian import to_persian_digits, to_tehran

if TYPE_CHECKING:  # openpyxl is imported where a sheet is written, so start-up never loads it
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

CellValue = str | int | float | None


def fill_sheet(
    sheet: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[CellValue]],
    widths: Sequence[float],
    *,
    text_column: int | None = 2,
    default_width: float | None = None,
) -> None:
    """Bold frozen header, right-to-left, column widths; `text_column` (the mobile) stays text."""
    from openpyxl.styles import Font

    sheet.sheet_view.rightToLeft = True
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append(list(values))
        if text_column is not None:
            sheet.cell(row=sheet.max_row, column=text_column).number_format = "@"
    for index in range(1, len(headers) + 1):
        width = widths[index - 1] if index <= len(widths) else default_width
        if width is not None:
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = "A2"


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_table(
    title: str, headers: Sequence[str], rows: Iterable[Sequence[CellValue]], widths: Sequence[float]
) -> bytes:
    """A one-sheet workbook (the mobile in column 2 kept as text)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    fill_sheet(sheet, headers, rows, widths)
    return workbook_bytes(workbook)


def csv_table(headers: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> bytes:
    """UTF-8 with a BOM so Excel shows Persian; CRLF line ends; None as an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for values in rows:
        writer.writerow(["" if v is None else v for v in values])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


# Not allowed in a file name on Windows, macOS or Linux, plus control and bidi-override characters
# (a title could reverse how the name reads); ZWNJ stays, Persian words need it.
_UNSAFE = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]')
_SPACES = re.compile(r"\s+")
_EDGE = " .\u200c-_،,؛;"  # stripped from both ends of a title (a long one is cut by outgoing.shorten)
TITLE_MAX = 60  # characters of the title in a file name; the whole name stays far under 255 bytes


def _clean(text: str) -> str:
    return _SPACES.sub(" ", _UNSAFE.sub(" ", text)).strip(_EDGE)


def file_name(kind: str, title: str | None, now: datetime, extension: str) -> str:
    """«فهرست ثبت‌نام - کشت بدون خاک - ۱۴۰۵-۰۹-۰۸.xlsx»: what the file holds, the title, the Tehran date."""
    local = to_tehran(now)
    day = jdatetime.date.fromgregorian(date=local.date())
    stamp = to_persian_digits(f"{day.year}-{day.month:02d}-{day.day:02d}")
    parts = [_clean(kind), shorten(_clean(title or ""), TITLE_MAX), stamp]
    return " - ".join(p for p in parts if p) + "." + extension
