"""A survey's .xlsx (responses and summary, cell by cell) and CSV, named and anonymous, and its PNG charts."""

from __future__ import annotations

import csv
import io
import struct
import time

import openpyxl
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.members.accounts import Identity
from bot.services.surveys import charts
from bot.services.surveys import export as sx
from bot.services.surveys import results as sr
from tests.survey_factory import seed_survey

SM = async_sessionmaker[AsyncSession]
ADMIN = Identity("telegram", 9000, 9000)
QUESTIONS = [
    "منبع اصلی آب آبیاری شما چیست؟",
    "کدام فناوری‌ها برای کسب‌وکار شما اولویت دارند؟",
    "میزان آشنایی شما با کشت بدون خاک (۱ تا ۵)",
    "مساحت گلخانهٔ شما چند متر مربع است؟",
    "چه آموزشی نیاز دارید؟",
    "آیا حاضرید در فناوری جدید سرمایه‌گذاری کنید؟",
]


async def exported(sm: SM, config: Config, *, anonymous: bool = False) -> sr.Export:
    survey_id, _ = await seed_survey(sm, anonymous=anonymous)
    async with sm.begin() as s:  # exports are audited (a write)
        return await sr.export(s, ADMIN, config, survey_id)


async def test_xlsx_responses_sheet(sessionmaker: SM, config: Config) -> None:
    book = openpyxl.load_workbook(io.BytesIO(sx.to_xlsx(await exported(sessionmaker, config))))
    assert book.sheetnames == ["پاسخ‌ها", "خلاصه"]
    sheet = book["پاسخ‌ها"]
    assert sheet.sheet_view.rightToLeft is True
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["نام و نام خانوادگی", "شماره موبایل", "وضعیت", "زمان شروع", "زمان تکمیل", *QUESTIONS]
    # 501 started at 11:30 Tehran on ۵ آذر ۱۴۰۵ and finished seven minutes later
    assert rows[1] == [
        "عضو 501", "09120000501", "تکمیل‌شده", "۱۴۰۵/۰۹/۰۵ ۱۱:۳۰", "۱۴۰۵/۰۹/۰۵ ۱۱:۳۷",
        "چاه", "کنترل هوشمند اقلیم گلخانه، کشت بدون خاک", 4, 2500, "آموزش کنترل آفات", "بله",
    ]  # fmt: skip
    assert rows[2][5:] == ["قنات و نهر", "کشت بدون خاک", 2, 1000, None, "خیر"]  # «needs» skipped
    assert rows[3][8] == 4000.5 and rows[3][9] == "سردخانه <b>کوچک</b>"  # text kept as typed
    assert rows[4][:7] == [
        "عضو 504",
        "09120000504",
        "نیمه‌کاره",
        "۱۴۰۵/۰۹/۰۵ ۱۴:۳۰",
        None,
        "آب شهری",
        "کشت بافت",
    ]
    assert sheet.cell(row=2, column=2).number_format == "@" and len(rows) == 5


async def test_xlsx_summary_sheet(sessionmaker: SM, config: Config) -> None:
    book = openpyxl.load_workbook(io.BytesIO(sx.to_xlsx(await exported(sessionmaker, config))))
    sheet = book["خلاصه"]
    assert sheet.sheet_view.rightToLeft is True
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == ["دعوت‌شده", "شروع‌کرده", "تکمیل‌شده", "نرخ پاسخ", None]
    assert rows[1][:5] == [5, 4, 3, 0.6, None] and sheet["D2"].number_format == "0%"
    assert rows[3][:6] == ["سؤال", "نوع", "تعداد پاسخ", "گزینه", "تعداد", "درصد"]
    assert rows[4] == [QUESTIONS[0], "تک‌گزینه‌ای", 3, "چاه", 2, 0.6667, None, None, None, None]
    assert rows[6][3:6] == ["آب شهری", 0, 0]
    tech = [r for r in rows if r[0] == QUESTIONS[1]]
    assert [(r[3], r[4], r[5]) for r in tech] == [
        ("کنترل هوشمند اقلیم گلخانه", 1, 0.3333), ("کشت بدون خاک", 3, 1), ("کشت بافت", 0, 0),
        ("روشنایی LED", 1, 0.3333),
    ]  # fmt: skip
    scale = next(r for r in rows if r[0] == QUESTIONS[2])
    assert scale == [QUESTIONS[2], "طیف ۱ تا ۵", 3, None, None, None, 3.67, 4, 2, 5]
    area = next(r for r in rows if r[0] == QUESTIONS[3])
    assert area[6:] == [2500.17, 2500, 1000, 4000.5]
    assert next(r for r in rows if r[0] == QUESTIONS[4])[:3] == [QUESTIONS[4], "متن کوتاه", 2]
    assert sheet["F5"].number_format == "0%"


async def test_anonymous_export_has_no_name_or_phone(sessionmaker: SM, config: Config) -> None:
    export = await exported(sessionmaker, config, anonymous=True)
    sheet = openpyxl.load_workbook(io.BytesIO(sx.to_xlsx(export)))["پاسخ‌ها"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["وضعیت", "زمان شروع", "زمان تکمیل"] and "شماره موبایل" not in header
    assert all("0912" not in str(c.value) for row in sheet.iter_rows() for c in row)
    text = sx.to_csv(export).decode("utf-8-sig")
    assert "عضو 50" not in text and "0912" not in text


async def test_csv(sessionmaker: SM, config: Config) -> None:
    data = sx.to_csv(await exported(sessionmaker, config))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][5:] == QUESTIONS and len(rows) == 5
    assert rows[1][:3] == ["عضو 501", "09120000501", "تکمیل‌شده"]
    assert rows[2][9] == "" and rows[1][6] == "کنترل هوشمند اقلیم گلخانه، کشت بدون خاک"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_charts_are_pngs_of_sensible_size(sessionmaker: SM, config: Config) -> None:
    survey_id, _ = await seed_survey(sessionmaker)
    async with sessionmaker.begin() as s:  # exports are audited (a write)
        results = await sr.results(s, ADMIN, config, survey_id)
    started = time.perf_counter()
    found = charts.charts(results)
    elapsed = time.perf_counter() - started
    # single, multi, scale and yes/no get a chart; number and text questions do not
    assert [(c.number, c.question) for c in found] == [
        (1, QUESTIONS[0]), (2, QUESTIONS[1]), (3, QUESTIONS[2]), (6, QUESTIONS[5])
    ]  # fmt: skip
    for chart in found:
        width, height = png_size(chart.png)
        assert 600 <= width <= 1200 and 250 <= height <= 1200
        assert 5_000 < len(chart.png) < 300_000
    assert elapsed < 10  # about 50 ms a chart once matplotlib is loaded


def test_persian_is_prepared_for_matplotlib() -> None:
    text = charts.visual("کشت بدون خاک ۱۲")
    if charts._shapes_itself():  # libraqm joins and orders: logical text after a right-to-left mark
        assert text == "\u200fکشت بدون خاک ۱۲"
    else:  # joined presentation forms in display order
        assert "ﮐﺸﺖ" in text[::-1] or "ﺖﺸﮐ" in text
    assert charts.percent_text(41.6) == "۴۲٪" and charts.percent_text(None) == "—"
    lines = charts.wrapped("کدام فناوری‌ها برای کسب‌وکار شما در سال آینده اولویت بیشتری دارند؟", 20)
    assert lines.count("\n") >= 2


@pytest.mark.parametrize("answered", [0])
def test_no_chart_without_answers(answered: int) -> None:
    from bot.services.surveys.definition import Question

    question = sr.QuestionResult(Question("q", "single", "؟"), answered)
    assert charts.chart_of(1, question) is None
