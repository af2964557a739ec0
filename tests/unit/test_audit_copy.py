"""The audit log's Persian: every action and object kind has a label, entries read as one short line."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from bot.texts import audit as t
from handlers.audit import views
from models.enums import AuditAction, AuditKind


def test_every_action_and_kind_has_a_persian_label() -> None:
    assert set(t.ACTIONS) == {a.value for a in AuditAction}
    assert set(t.KINDS) == {k.value for k in AuditKind}


def _entry(**changes: object) -> SimpleNamespace:
    base = {
        "at": datetime(2026, 11, 26, 8, 0, tzinfo=UTC),
        "actor_user_id": 9000,
        "actor_name": "مریم <ادمین>",
        "action": "export",
        "object_kind": "course",
        "object_id": 12,
        "summary": "کشت & آبیاری | xlsx",
    }
    return SimpleNamespace(**{**base, **changes})


def test_an_entry_names_who_what_and_which_object_escaped() -> None:
    text = views.entry_text(_entry())
    assert "۵ آذر ۱۴۰۵" in text and "۱۱:۳۰" in text  # Tehran time, Jalali
    assert "مریم &lt;ادمین&gt;: دریافت فایل دوره ۱۲ | کشت &amp; آبیاری | فایل اکسل" in text


def test_the_command_line_and_a_nameless_admin() -> None:
    added = views.entry_text(
        _entry(actor_user_id=0, actor_name="", action="admin_added", object_kind="admin",
               object_id=7_000_000_001, summary="telegram")
    )  # fmt: skip
    assert f"{t.COMMAND_LINE}: افزودن مدیر ۷۰۰۰۰۰۰۰۰۱ | تلگرام" in added  # the new admin's user id
    assert "مدیر ۹۰۰۰:" in views.entry_text(_entry(actor_name=""))


def test_the_details_services_record_in_english_read_in_persian() -> None:
    def shown(kind: str, summary: str) -> str:
        return views.summary_text(kind, summary)

    assert shown("course", "کشت 2 | closed") == "کشت ۲ | ثبت‌نام بسته"
    assert shown("survey", "نیازسنجی | closed") == "نیازسنجی | بسته"
    assert shown("survey", "نیازسنجی | anonymous=True") == "نیازسنجی | بی‌نام: بله"
    assert shown("survey", "نیازسنجی | csv | named") == "نیازسنجی | فایل CSV | با نام"
    assert (
        shown("need", "زنجیرهٔ سرد | identified → searching") == "زنجیرهٔ سرد | شناسایی‌شده → در جست‌وجوی راه‌حل"
    )
    assert shown("need", "زنجیرهٔ سرد | unpublished") == "زنجیرهٔ سرد | منتشرنشده"
    assert shown("consortium", "صادرات | invite #12") == "صادرات | دعوت عضو ۱۲"
    assert shown("course", "کشت | abs | 3") == "کشت | غایبان | ۳"
    assert shown("course", "کشت | capacity") == "کشت | ظرفیت"
    assert (
        shown("broadcast", "paused | <b>سلام</b> https://x.ir/a2")
        == "متوقف | &lt;b&gt;سلام&lt;/b&gt; https://x.ir/a2"
    )
