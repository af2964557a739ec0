"""A survey's responses as files for Excel: .xlsx (responses + summary, right-to-left) and CSV (UTF-8 BOM).

House style as the course roster export: Persian headers, Jalali (Tehran) times with Persian digits,
mobiles as 09… text. Choice answers are their labels (multi joined with «، »), numbers stay numbers
so the CDA can compute with them. Anonymous surveys have no name or phone columns at all. Sheet 1
has every response (in-progress ones marked «نیمه‌کاره»); the summary counts completed ones only.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.services.common import spreadsheet
from bot.services.common.spreadsheet import CellValue, csv_table, fill_sheet, workbook_bytes
from bot.services.courses.export import jalali_stamp, local_mobile
from bot.services.surveys.definition import CHOICE_TYPES, Question
from bot.services.surveys.results import Export, QuestionResult, ResponseRow, Results, choices_of
from bot.texts import survey_results as t

if TYPE_CHECKING:  # openpyxl is imported where a sheet is written, so start-up never loads it
    from openpyxl.worksheet.worksheet import Worksheet

QUESTION_WIDTH, FIXED_WIDTHS = 30, (28, 16, 14, 20, 20)


def headers(results: Results) -> list[str]:
    named = [] if results.survey.anonymous else list(t.EXPORT_HEADERS_NAMED)
    return [*named, *t.EXPORT_HEADERS, *(q.question.text for q in results.questions)]


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def answer_cell(question: Question, row: ResponseRow) -> CellValue:
    answers = row.answers.get(question.key, [])
    if not answers:
        return None
    if question.type in CHOICE_TYPES:
        labels = {c.key: c.text for c in choices_of(question)}
        keys = {a.choice for a in answers if a.choice is not None}
        ordered = [c.key for c in choices_of(question) if c.key in keys] + sorted(keys - set(labels))
        return t.JOIN.join(labels.get(k, k) for k in ordered)
    if question.type in ("scale", "number"):
        return _number(answers[0].number) if answers[0].number is not None else None
    return answers[0].text


def response_rows(export: Export) -> list[list[CellValue]]:
    questions = [q.question for q in export.results.questions]
    out: list[list[CellValue]] = []
    for row in export.rows:
        named: list[CellValue] = []
        if not export.results.survey.anonymous:
            named = [row.name, local_mobile(row.phone or "")]
        fixed: list[CellValue] = [
            t.RESPONSE_STATUS.get(row.status, row.status),
            jalali_stamp(row.started_at),
            jalali_stamp(row.completed_at) if row.completed_at else None,
        ]
        out.append([*named, *fixed, *(answer_cell(q, row) for q in questions)])
    return out


def _fraction(value: float | None) -> float | None:
    return None if value is None else round(value / 100, 4)


def summary_rows(question: QuestionResult) -> list[list[CellValue]]:
    """One row per choice (choice questions), else one row with the number summary or the count."""
    q = question.question
    head: list[CellValue] = [q.text, t.TYPE_LABELS.get(q.type, q.type), question.answered]
    if question.choices:
        return [
            [*head, c.text, c.count, _fraction(c.percent), None, None, None, None] for c in question.choices
        ]
    if question.numbers is not None:
        s = question.numbers
        return [[*head, None, None, None, _number(round(s.mean, 2)), _number(s.median), _number(s.min),
                 _number(s.max)]]  # fmt: skip
    return [[*head, None, None, None, None, None, None, None]]


def _style_header(sheet: Worksheet, row: int) -> None:
    from openpyxl.styles import Font

    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _responses_sheet(sheet: Worksheet, export: Export) -> None:
    sheet.title = t.XLSX_RESPONSES_SHEET
    named = not export.results.survey.anonymous
    widths = FIXED_WIDTHS if named else FIXED_WIDTHS[2:]
    fill_sheet(
        sheet,
        headers(export.results),
        response_rows(export),
        widths,
        text_column=2 if named else None,  # the mobile stays text
        default_width=QUESTION_WIDTH,
    )


def _summary_sheet(sheet: Worksheet, results: Results) -> None:
    sheet.sheet_view.rightToLeft = True
    sheet.append(list(t.SUMMARY_TOP))
    _style_header(sheet, 1)
    sheet.append([results.invited, results.started, results.completed, _fraction(results.rate)])
    sheet.cell(row=2, column=4).number_format = "0%"
    sheet.append([])
    sheet.append(list(t.SUMMARY_HEADERS))
    _style_header(sheet, 4)
    for question in results.questions:
        for values in summary_rows(question):
            sheet.append(values)
            sheet.cell(row=sheet.max_row, column=6).number_format = "0%"
    for index, width in enumerate((40, 14, 12, 30, 10, 10, 10, 10, 10, 10), start=1):
        sheet.column_dimensions[sheet.cell(row=4, column=index).column_letter].width = width


def to_xlsx(export: Export) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    responses = workbook.active
    assert responses is not None
    _responses_sheet(responses, export)
    _summary_sheet(workbook.create_sheet(t.XLSX_SUMMARY_SHEET), export.results)
    return workbook_bytes(workbook)


def to_csv(export: Export) -> bytes:
    """The responses sheet as CSV (UTF-8 with a BOM so Excel shows Persian)."""
    return csv_table(headers(export.results), response_rows(export))


def file_name(title: str, extension: str, now: datetime) -> str:
    return spreadsheet.file_name(t.EXPORT_FILE, title, now, extension)
