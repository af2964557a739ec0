"""The screen checker the walk uses (tests/screen_lint.py): what it flags and what it lets through."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.screen_lint import DIGIT, ENGLISH, PUNCTUATION, check_message, check_text, counts


def found(text: str) -> list[tuple[str, str]]:
    return [(v.category, v.token) for v in check_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("زهرا احمدی 2", [(DIGIT, "2")]),
        ("ظرفیت: 12,500 نفر", [(DIGIT, "12,500")]),
        ("۱ ۲ 3 ۴ ۵", [(DIGIT, "3")]),
        ("ساعت 10:30", [(DIGIT, "10:30")]),
        ("تاریخ 1405/09/11", [(DIGIT, "1405/09/11")]),
        (
            "anonymous باید true یا false باشد",
            [(ENGLISH, "anonymous"), (ENGLISH, "true"), (ENGLISH, "false")],
        ),
        ("در README پروژه", [(ENGLISH, "README")]),
        ("خطا: ValueError", [(ENGLISH, "ValueError")]),
        ("فایل excel", [(ENGLISH, "excel")]),  # the allow-list is spelled as the name is written
        ("با Windows-1256 ذخیره کنید", [(DIGIT, "1256"), (ENGLISH, "Windows")]),
        ("وزن 5kg", [(ENGLISH, "kg")]),
        ("سلام, خوبی", [(PUNCTUATION, "سلام, خوبی")]),
        ("چه خبر?", [(PUNCTUATION, "خبر?")]),
        ("آماده‌اید?", [(PUNCTUATION, "آماده‌اید?")]),
        ("اول; دوم", [(PUNCTUATION, "اول; دوم")]),
        ("«نام», «شماره»", [(PUNCTUATION, "«نام», «شماره»")]),
        ("🌷, سلام", [(PUNCTUATION, "🌷, سلام")]),
        ("۱۲, ۱۳", [(PUNCTUATION, "۱۲, ۱۳")]),
    ],
)
def test_flags_what_a_persian_reader_would_correct(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "لینک: https://example.com/class2?start=exh_1&x=3,4;5",
        "https://…",
        "دوره آنلاین — www.skyroom.online/ch/khooshe/room12",
        "t.me/khooshe_bot?start=course_12",
        "ایمیل: info2@khooshe-mahallat.ir",
        "برای ثبت‌نام /start را بزنید؛ /delete_me حذف اطلاعات من",
        "ربات @khooshe_test_bot در بله",
        "فایل tech_needs.toml یا course-12-roster.xlsx یا «فهرست - ۱۴۰۵-۰۹-۰۸.xlsx»",
        "پیوند /start course_12 یا exh_7",
        "📗 فایل اکسل · 📄 فایل CSV · Excel, CSV, TOML, JSON, PDF",
        "در Telegram و Bale",
        "گواهی GlobalG.A.P. دارد",
        "ایزو (مثلاً ISO 9001)",
        "فایل را با «UTF-8» ذخیره کنید",
        "امتیاز: 1️⃣ 2️⃣",
        "سلام، خوبی؟ اول؛ دوم",
        "میان دو مورد «,» جا افتاده است؛ یا ',' یا \";\"",  # the mark itself, quoted
        "ساعت ۱۰:۳۰، ۱۴۰۵/۰۹/۱۱ · ۱۲٬۵۰۰ متر مربع",
        "x",  # a single Latin letter is a symbol (× in a formula), not a word
        "سؤال ۱ (Q1) و لینک …/class2",  # digits inside a Latin identifier
        "نمایشگاه IPM Essen · تنظیم EC و pH · نور LED · GlobalG.A.P.",
        "لینک باید با https:// یا http:// شروع شود",
    ],
)
def test_lets_through_what_is_copied_or_named(text: str) -> None:
    assert found(text) == []


@dataclass
class FakeMessage:
    plain_text: str
    text: str | None = None
    parse_mode: str | None = None
    buttons: list[str] = field(default_factory=list)
    keys: list[list[str]] | None = None

    @property
    def button_texts(self) -> list[str]:
        return self.buttons

    @property
    def reply_keyboard(self) -> Any:
        return self.keys


def test_a_message_is_its_text_buttons_and_keyboard_and_monospace_ids_are_copied() -> None:
    message = FakeMessage(
        plain_text="👥 مدیران\n• 9000 (فایل تنظیمات)\n• 12 بار",
        text="👥 <b>مدیران</b>\n• <code>9000</code> (فایل تنظیمات)\n• 12 بار",
        parse_mode="HTML",
        buttons=["⭐ 1", "بعدی ←"],
        keys=[["📚 دوره‌ها", "Help"]],
    )
    violations = check_message(message)
    assert [(v.category, v.token) for v in violations] == [(DIGIT, "12"), (DIGIT, "1"), (ENGLISH, "Help")]
    assert counts(violations) == {DIGIT: 2, ENGLISH: 1, PUNCTUATION: 0}
    assert "12 بار" in violations[0].text  # the place it came from, to find it in the copy


def test_monospace_exempts_technical_literals_but_not_persian_in_it_nor_the_same_word_outside() -> None:
    message = FakeMessage(
        plain_text="بی‌نام بودن (anonymous) باید true &  باشد، نه anonymous.\nتعداد 12 تا, نه",
        text="بی‌نام بودن (<code>anonymous</code>) باید <code>true &amp; </code> باشد، نه anonymous.\n"
        "<code>تعداد 12 تا, نه</code>",
        parse_mode="HTML",
    )
    found = [(v.category, v.token) for v in check_message(message)]
    assert found == [(DIGIT, "12"), (ENGLISH, "anonymous"), (PUNCTUATION, "تا, نه")]


def test_monospace_english_prose_is_still_english() -> None:
    message = FakeMessage(
        plain_text='خطا: Bad Request: can\'t parse entities · قالب: { question = "…", any_of = ["…"] }',
        text="خطا: <code>Bad Request: can't parse entities</code> · قالب: "
        '<code>{ question = "…", any_of = ["…"] }</code>',
        parse_mode="HTML",
    )
    assert [v.token for v in check_message(message)] == ["Bad", "Request", "can", "parse", "entities"]
