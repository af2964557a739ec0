"""What the CDA types when creating an exhibition or tour: places, documents, Jalali dates, the order of
questions per kind (pure: no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.persian import PersianInputError, localize_digits
from bot.services.common.errors import InvalidInput
from bot.services.courses import fields as cf
from bot.services.exhibitions import fields as xf
from tests.factories import NOW

START = datetime(2026, 12, 28, 6, 30, tzinfo=UTC)  # ۱۴۰۵/۱۰/۰۷ ۱۰:۰۰ Tehran


def parse(field: str, text: str | None, kind: str = "foreign") -> dict[str, object]:
    return xf.parse_field(field, text, trip_kind=kind, values={"starts_at": START}, now=NOW)


def test_where_needs_a_country_abroad_and_defaults_to_iran_at_home() -> None:
    assert parse("where", "اسن، آلمان") == {"city": "اسن", "country": "آلمان"}
    assert parse("where", "Essen, Germany") == {"city": "Essen", "country": "Germany"}
    assert parse("where", "تهران", kind="domestic") == {"city": "تهران", "country": "ایران"}
    assert parse("where", "محلات", kind="tour")["country"] == "ایران"
    for bad in ("اسن", "", "الف، ب، ج"):
        with pytest.raises(InvalidInput, match="where_format"):
            parse("where", bad)
    with pytest.raises(cf.TooLong):
        parse("where", "ا" * 121 + "، آلمان")


def test_documents_one_per_line_with_stable_keys() -> None:
    parsed = parse("documents", "- کپی گذرنامه\n\n• عکس 4×6\n")
    assert parsed == {"documents": [{"key": "d1", "label": "کپی گذرنامه"}, {"key": "d2", "label": "عکس 4×6"}]}
    assert localize_digits("عکس 4×6") == "عکس ۴×۶"  # stored as typed, shown Persian
    with pytest.raises(InvalidInput, match="too_many_documents"):
        parse("documents", "\n".join(f"مدرک {i}" for i in range(9)))
    with pytest.raises(InvalidInput, match="empty"):
        parse("documents", " \n ")


def test_dates_are_jalali_in_any_digits_and_checked_against_the_start() -> None:
    assert parse("starts_at", "1405-10-7 10:00") == {"starts_at": START}
    deadline = parse("deadline", "١٤٠٥/٩/٢٠")["registration_deadline"]
    assert deadline == datetime(2026, 12, 11, 20, 29, tzinfo=UTC)  # 23:59 Tehran that day
    with pytest.raises(cf.DeadlineAfterStart):
        parse("deadline", "۱۴۰۵/۱۰/۱۵")
    with pytest.raises(InvalidInput, match="deadline_in_past"):
        parse("docs_deadline", "۱۴۰۵/۰۹/۰۱")
    with pytest.raises(InvalidInput, match="ends_before_start"):
        parse("ends_at", "۱۴۰۵/۱۰/۰۶")
    with pytest.raises(PersianInputError):
        parse("starts_at", "۱۴۰۵/۰۷/۳۱ ۱۰:۰۰")  # Mehr has 30 days
    with pytest.raises(InvalidInput, match="starts_in_past"):
        parse("starts_at", "۱۴۰۵/۰۹/۰۱ ۱۰:۰۰")


def test_skipping_only_optional_questions() -> None:
    assert parse("venue", None) == {"place": None}
    assert parse("documents", None) == {"documents": []}
    assert parse("docs_deadline", None) == {"documents_deadline": None}
    for required in ("title", "where", "starts_at", "deadline"):
        with pytest.raises(InvalidInput, match="not_optional"):
            parse(required, None)
    with pytest.raises(cf.TooLong):
        parse("costs", "۱" * 401)


def test_the_questions_depend_on_the_kind() -> None:
    assert "documents" not in xf.fields_for("tour") and "documents" not in xf.fields_for("domestic")
    assert xf.next_step("domestic", "capacity", {}) == xf.POSTER
    assert xf.next_step("foreign", "capacity", {}) == "documents"
    assert xf.next_step("foreign", "documents", {"documents": []}) == xf.POSTER  # no documents, no deadline
    assert xf.next_step("foreign", "documents", {"documents": [{"key": "d1"}]}) == "docs_deadline"
    assert xf.from_json(xf.to_json({"starts_at": START, "title": "x"})) == {"starts_at": START, "title": "x"}


def test_text_fields_keep_the_digits_of_links_and_show_persian_ones_in_persian_text() -> None:
    """`…/class2` used to be stored as `…/class۲`: every digit was turned Persian on the way in."""
    typed = "ثبت‌نام جلسهٔ 2:\nhttps://skyroom.online/ch/khooshe/class2"
    costs = parse("costs", typed)["costs"]
    description = cf.parse_field("description", typed, now=NOW)["description"]
    assert costs == description == typed
    assert localize_digits(description) == "ثبت‌نام جلسهٔ ۲:\nhttps://skyroom.online/ch/khooshe/class2"
    assert cf.parse_field("title", "دورهٔ ٣ رز", now=NOW) == {"title": "دورهٔ 3 رز"}  # normalised to ASCII
    assert cf.parse_field("place", "سالن 2", now=NOW) == {"place": "سالن 2", "online_link": None}
