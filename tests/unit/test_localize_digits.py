"""localize_digits / escape_fa: Persian digits in Persian runs, never inside links or Latin words."""

from __future__ import annotations

import re

import pytest

from bot.persian import escape_fa, localize_digits

LATIN_OR_ARABIC_DIGIT = re.compile(r"[0-9٠-٩]")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("زهرا احمدی 2", "زهرا احمدی ۲"),
        ("گلخانهٔ 3", "گلخانهٔ ۳"),
        ("12", "۱۲"),  # digits alone (an area, a line of their own) read as Persian
        ("12:30", "۱۲:۳۰"),
        ("1403/05/02", "۱۴۰۳/۰۵/۰۲"),
        ("2 گل", "۲ گل"),  # a line starting with a number takes the first letter after it
        ("ساعت 10 تا 12", "ساعت ۱۰ تا ۱۲"),
        ("ظرفیت: 10 (Room A)", "ظرفیت: ۱۰ (Room A)"),
        ("قیمت 2.5 میلیون", "قیمت ۲.۵ میلیون"),
        ("عکس 3×4", "عکس ۳×۴"),  # × is not a Latin letter
    ],
)
def test_digits_in_persian_text_become_persian(typed: str, shown: str) -> None:
    assert localize_digits(typed) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "https://example.com/class2",
        "http://192.168.1.20:8080/a/3?b=4#c5",
        "https://meet.google.com/abc-1234-xyz",
        "www.site2.ir/page/3",
        "t.me/khooshe_bot?start=course_12",
        "example.com/page?id=12",
        "https://fa.wikipedia.org/wiki/۱۴۰۳",  # a URL's own Persian digits are not changed either
    ],
)
def test_urls_keep_their_digits_inside_persian_text(typed: str) -> None:
    sentence = f"برای کلاس 2 به {typed} بروید؛ ساعت 10"
    assert localize_digits(sentence) == f"برای کلاس ۲ به {typed} بروید؛ ساعت ۱۰"


def test_a_url_in_a_course_description_stays_a_working_link() -> None:
    description = "جلسهٔ 1 آنلاین است:\nhttps://skyroom.online/ch/khooshe/class2\nبرای جلسهٔ 2 همین پیوند"
    assert localize_digits(description) == (
        "جلسهٔ ۱ آنلاین است:\nhttps://skyroom.online/ch/khooshe/class2\nبرای جلسهٔ ۲ همین پیوند"
    )


@pytest.mark.parametrize(
    "typed", ["ali2@mail.com", "123@gmail.com", "info.2024@khooshe-mahallat.ir", "a_b+3@x.co.ir"]
)
def test_email_addresses_keep_their_digits(typed: str) -> None:
    assert localize_digits(f"ایمیل من {typed} است و کد 5") == f"ایمیل من {typed} است و کد ۵"


@pytest.mark.parametrize(
    "typed", ["@khooshe_bot2", "@user123", "/start2", "/course_12", "/start@khooshe_bot"]
)
def test_handles_and_commands_keep_their_digits(typed: str) -> None:
    assert localize_digits(f"پیام به {typed} در 3 روز") == f"پیام به {typed} در ۳ روز"


@pytest.mark.parametrize(
    "word", ["class2", "B52", "COVID-19", "v2.5", "H2O", "m2", "2x", "Café3", "course_12"]
)
def test_latin_words_keep_their_digits(word: str) -> None:
    assert localize_digits(f"رقم {word} در گلخانهٔ 4") == f"رقم {word} در گلخانهٔ ۴"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Room 12", "Room 12"),  # a Latin run
        ("2 roses", "2 roses"),
        ("گواهی ISO 9001 داریم", "گواهی ISO 9001 داریم"),  # the number belongs to the Latin before it
        ("رز Avalanche 2 و داوودی 3", "رز Avalanche 2 و داوودی ۳"),
        ("زهرا Ahmadi 2", "زهرا Ahmadi 2"),
        ("Zahra احمدی 2", "Zahra احمدی ۲"),
        ("دوره 2\nRoom 12\n3 گل", "دوره ۲\nRoom 12\n۳ گل"),  # each line on its own
        ("Room\n12", "Room\n۱۲"),  # a line break ends the Latin run
    ],
)
def test_mixed_persian_and_latin_text(typed: str, shown: str) -> None:
    assert localize_digits(typed) == shown


def test_a_url_gives_no_direction_to_the_number_after_it() -> None:
    assert localize_digits("https://a.com 12 نفر") == "https://a.com ۱۲ نفر"
    assert localize_digits("لینک https://a.com/x 12") == "لینک https://a.com/x ۱۲"


def test_arabic_indic_digits_become_persian_and_persian_ones_stay() -> None:
    assert localize_digits("عدد ٢٣ و ۴۵ و 67") == "عدد ۲۳ و ۴۵ و ۶۷"
    assert localize_digits("٠١٢٣٤٥٦٧٨٩") == "۰۱۲۳۴۵۶۷۸۹"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("شماره 09121234567", "شماره ۰۹۱۲۱۲۳۴۵۶۷"),
        ("تلفن: +98 912 123 4567 (همراه)", "تلفن: +۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷ (همراه)"),
        ("تماس با ۰۹۱۲-123-4567 بگیرید", "تماس با ۰۹۱۲-۱۲۳-۴۵۶۷ بگیرید"),
        ("Tel: 0912 123 4567", "Tel: 0912 123 4567"),
    ],
)
def test_phone_numbers_in_persian_text(typed: str, shown: str) -> None:
    assert localize_digits(typed) == shown


def test_html_tags_and_entities_are_left_alone() -> None:
    html = '<a href="https://x.ir/2">دورهٔ 2</a> &#39; &#x27; &amp; 5 <b>ساعت 9</b>'
    assert localize_digits(html) == '<a href="https://x.ir/2">دورهٔ ۲</a> &#39; &#x27; &amp; ۵ <b>ساعت ۹</b>'


def test_escape_fa_localises_then_escapes() -> None:
    assert escape_fa("دورهٔ «A&B» شمارهٔ 2 <ویژه>") == "دورهٔ «A&amp;B» شمارهٔ ۲ &lt;ویژه&gt;"
    assert (
        escape_fa("کلاس 'x' برای 3") == "کلاس &#x27;x&#x27; برای ۳"
    )  # the entity's own digits are not touched


def test_text_without_foreign_digits_is_returned_unchanged() -> None:
    for text in ("", "بدون عدد", "۱۲۳ فارسی", "plain English"):
        assert localize_digits(text) is text


def test_length_and_everything_but_digits_are_kept() -> None:
    text = "زهرا احمدی 2، https://x.ir/a1 و ali3@x.com — Room 4\n5 گل ٦ تا"
    shown = localize_digits(text)
    assert len(shown) == len(text)
    assert LATIN_OR_ARABIC_DIGIT.sub("#", shown.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))) == (
        LATIN_OR_ARABIC_DIGIT.sub("#", text)
    )


def test_long_text_is_linear() -> None:
    """A 4,000-character message of numbers and words is handled at once (no quadratic scan)."""
    text = "ردیف 12 و Room 3 و https://x.ir/4 " * 120
    shown = localize_digits(text)
    assert shown.count("ردیف ۱۲") == 120 and shown.count("Room 3") == 120 and shown.count("x.ir/4") == 120
