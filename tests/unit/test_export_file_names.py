"""Export files are named in Persian: what they hold, the item's title and the Jalali (Tehran) date,
with nothing a file system refuses and a long title cut at a word."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.services.common.spreadsheet import TITLE_MAX, file_name
from bot.services.consortium import export as consortium_export
from bot.services.courses import export as course_export
from bot.services.exhibitions import export as exhibition_export
from bot.services.surveys import export as survey_export

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)  # ۸ آذر ۱۴۰۵ in Tehran
LATE = datetime(2026, 11, 29, 21, 0, tzinfo=UTC)  # 00:30 on ۹ آذر in Tehran, still the 29th in UTC
ZWNJ = "\u200c"


def test_the_name_holds_the_kind_the_title_and_the_jalali_date() -> None:
    assert (
        file_name("فهرست ثبت‌نام", "کشت بدون خاک", NOW, "xlsx")
        == "فهرست ثبت‌نام - کشت بدون خاک - ۱۴۰۵-۰۹-۰۸.xlsx"
    )
    assert file_name("فهرست ثبت‌نام", "کشت بدون خاک", LATE, "csv").endswith(" - ۱۴۰۵-۰۹-۰۹.csv")


@pytest.mark.parametrize(
    ("export", "kind"),
    [
        (course_export, "فهرست ثبت‌نام"),
        (exhibition_export, "پاسخ‌ها"),
        (survey_export, "پاسخ‌های نظرسنجی"),
        (consortium_export, "اعضای کنسرسیوم"),
    ],
)
def test_every_export_names_its_file_in_persian(export: object, kind: str) -> None:
    name = export.file_name("رز هلندی", "xlsx", NOW)  # type: ignore[attr-defined]
    assert name == f"{kind} - رز هلندی - ۱۴۰۵-۰۹-۰۸.xlsx"
    assert export.file_name("رز هلندی", "csv", NOW).endswith(".csv")  # type: ignore[attr-defined]


def test_characters_file_systems_refuse_are_dropped() -> None:
    title = 'دوره/۱\\: «رز»* "ویژه" <جدید> | آیا؟ ?\nسطر\tدوم\x00\u202eمعکوس'
    name = file_name("فهرست ثبت‌نام", title, NOW, "xlsx")
    assert not set(name) & set('/\\:*?"<>|\n\t\x00\u202e')
    assert name == "فهرست ثبت‌نام - دوره ۱ «رز» ویژه جدید آیا؟ سطر دوم معکوس - ۱۴۰۵-۰۹-۰۸.xlsx"


def test_a_half_space_inside_a_word_stays() -> None:
    name = file_name("پاسخ‌ها", "گلخانه‌های هیدروپونیک", NOW, "csv")
    assert f"گلخانه{ZWNJ}های" in name


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis() -> None:
    title = "دورهٔ آموزشی کشت هیدروپونیک رز در گلخانه‌های پاکدشت و محلات برای تولیدکنندگان و نهالستان‌ها"
    name = file_name("فهرست ثبت‌نام", title, NOW, "xlsx")
    shown = name.split(" - ")[1]
    assert shown.endswith("…") and len(shown) <= TITLE_MAX
    assert title.startswith(shown[:-1]) and title[len(shown) - 1] == " "  # cut where a word ends
    assert not shown[:-1].endswith((ZWNJ, " "))
    assert len(file_name("فهرست ثبت‌نام", "کلمه " * 200, NOW, "xlsx").encode()) < 255


def test_one_endless_word_is_cut_without_a_dangling_half_space() -> None:
    word = ("گل" + ZWNJ) * 40
    shown = file_name("پاسخ‌ها", word, NOW, "csv").split(" - ")[1]
    assert shown.endswith("…") and len(shown) <= TITLE_MAX and not shown[:-1].endswith(ZWNJ)


def test_an_empty_title_leaves_the_kind_and_the_date() -> None:
    assert file_name("پاسخ‌ها", "  /// ", NOW, "csv") == "پاسخ‌ها - ۱۴۰۵-۰۹-۰۸.csv"
    assert file_name("پاسخ‌ها", None, NOW, "csv") == "پاسخ‌ها - ۱۴۰۵-۰۹-۰۸.csv"
