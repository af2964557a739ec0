"""Definition files: the shipped assessment, the README's example in TOML and JSON, and each kind of error."""

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path

import pytest

from bot.services.surveys.admin import shipped_definition
from bot.services.surveys.definition import QUESTION_TYPES, questions_of
from bot.services.surveys.parse import MAX_QUESTIONS, DefinitionError, parse_definition, validate
from bot.texts import surveys as t

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_block(language: str) -> str:
    """The definition-file example of the README in `language` (toml or json)."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Survey definition files") :]
    found = re.search(rf"```{language}\n(.*?)```", section, re.S)
    assert found is not None, language
    return found.group(1)


def errors_of(data: str | dict[str, object], name: str | None = None) -> list[str]:
    with pytest.raises(DefinitionError) as info:
        if isinstance(data, dict):
            validate(data)
        else:
            parse_definition(data.encode(), name)
    return info.value.lines


def plain(line: str) -> str:
    """A line as the CDA reads it (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", line))


def plains(data: str | dict[str, object], name: str | None = None) -> list[str]:
    return [plain(line) for line in errors_of(data, name)]


def q(key: str, kind: str = "single", **extra: object) -> dict[str, object]:
    question: dict[str, object] = {"key": key, "type": kind, "text": f"سؤال {key}؟"}
    if kind in ("single", "multi"):
        question["choices"] = [{"key": "a", "text": "الف"}, {"key": "b", "text": "ب"}]
    return {**question, **extra}


def test_the_shipped_assessment_uses_every_type_and_skip_rules() -> None:
    definition = shipped_definition()
    assert 12 <= len(definition.questions) <= 20
    assert {x.type for x in definition.questions} == set(QUESTION_TYPES)
    assert sum(x.show_if is not None for x in definition.questions) >= 3
    assert any(not x.required for x in definition.questions)
    soilless = definition.question("tech")
    assert soilless is not None and "کشت بدون خاک (هیدروپونیک)" in [c.text for c in soilless.choices]
    assert questions_of(definition.to_json()) == definition.questions  # stored and read back unchanged


def test_the_readme_example_parses_the_same_from_toml_and_json() -> None:
    from_toml = parse_definition(readme_block("toml").encode(), "example.toml")
    from_json = parse_definition(readme_block("json").encode(), "example.json")
    assert from_toml == from_json
    assert [x.type for x in from_toml.questions] == ["yesno", "multi", "number", "scale", "text"]
    show_if = from_toml.questions[1].show_if
    assert show_if is not None and (show_if.question, show_if.any_of) == ("greenhouse", ("yes",))


def persian_only(line: str) -> bool:
    """No Latin letter outside <code> (the file's own words) and tags; format names may be named."""
    prose = re.sub(r"<code>.*?</code>|<[^>]+>|\{[a-z]+\}|TOML|JSON|UTF-8", "", line)
    return re.search(r"[A-Za-z]", prose) is None


def test_a_toml_syntax_error_names_the_line_and_column_in_persian(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.services.surveys.parse")
    lines = errors_of('title = "نظرسنجی"\n[[questions]\nkey = "a"\n', "bad.toml")
    assert lines == ["خط ۲، ستون ۱۲: پس از نام جدول باید «]]» بیاید؛ مثلاً <code>[[questions]]</code>."]
    assert "Expected ']]' at the end of an array declaration" in caplog.text  # the detail is in the log
    unclosed = errors_of('title = "نظرسنجی"\n\n[[questions]]\nkey = "a\n', "bad.toml")
    assert unclosed[0].startswith("خط ۴، ستون ۹: متن در همان خط بسته نشده است")
    at_end = errors_of(
        'title = "x"\nchoices = [1, 2', "bad.toml"
    )  # «at end of document»: its line and column
    assert at_end[0].startswith("خط ۲، ستون ۱۶: فهرستی که با «[» باز شده بسته نشده است")
    persian_key = errors_of('عنوان = "x"\n', "bad.toml")
    assert persian_key[0].startswith("خط ۱، ستون ۱: این خط نه «نام = مقدار» است")
    for line in lines + unclosed + at_end + persian_key:
        assert persian_only(line), line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{\n  "title": "x",\n  "questions": [,]\n}', "خط ۳، ستون ۱۷: اینجا یک مقدار لازم است"),
        ('{"title": "x" "questions": []}', "خط ۱، ستون ۱۵: میان دو مورد «,» جا افتاده است."),
        ('{"title": "x",}', "خط ۱، ستون ۱۵: نام‌ها باید میان"),
        ('{"title": "x}', "خط ۱، ستون ۱۱: متنی که با"),
        ('{"title": "x"} []', "خط ۱، ستون ۱۶: پس از بسته شدن جدول اصلی"),
        ('{"title": "a\\qb"}', "خط ۱، ستون ۱۳: «\\» درون متن درست به کار نرفته است"),
    ],
)
def test_a_json_syntax_error_names_the_line_and_column_in_persian(text: str, expected: str) -> None:
    lines = errors_of(text, "bad.json")
    assert len(lines) == 1 and lines[0].startswith(expected), lines
    assert persian_only(lines[0]), lines


def test_every_file_message_is_persian_with_english_only_as_the_files_own_words() -> None:
    for message in [
        *t.PARSE.values(),
        *(fa for _, fa in t.TOML_ERRORS + t.JSON_ERRORS),
        *t.SYNTAX_OTHER.values(),
    ]:
        assert persian_only(message), message
    assert "README" not in t.ASK_FILE and t.BTN_SVA_SAMPLE


def test_values_from_the_file_are_escaped_in_the_html_lines() -> None:
    lines = errors_of({"title": "t", "questions": [q("<b>", "<i>"), q("a", "text", **{"<x>": 1})]})
    assert "سؤال ۱ (<code>&lt;b&gt;</code>): نوع «<code>&lt;i&gt;</code>» شناخته نیست" in lines[1]
    assert "بخشی به نام «<code>&lt;x&gt;</code>» شناخته نیست" in lines[2]


def test_the_sample_file_the_cda_asks_for_parses_and_shows_every_kind_of_question() -> None:
    data = (Path(__file__).resolve().parents[2] / "bot" / "surveys" / "sample.toml").read_bytes()
    definition = parse_definition(data, "sample.toml")
    assert {x.type for x in definition.questions} == set(QUESTION_TYPES)
    assert any(x.show_if for x in definition.questions) and any(not x.required for x in definition.questions)
    assert any(x.min is not None and x.max is not None for x in definition.questions)
    comments = [line for line in data.decode().splitlines() if line.startswith("#")]
    assert len(comments) >= 20 and all(
        k in data.decode() for k in ("show_if", "required", "min", "anonymous")
    )


def test_not_utf8_and_too_big_files_are_refused() -> None:
    with pytest.raises(DefinitionError) as info:
        parse_definition("title = 'x'".encode("utf-16"), "a.toml")
    assert "UTF-8" in info.value.lines[0]
    with pytest.raises(DefinitionError) as info:
        parse_definition(b"#" * 70_000, "a.toml")
    assert "کیلوبایت" in info.value.lines[0]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (q("a", "rating"), "سؤال ۱ (a): نوع «rating» شناخته نیست"),
        (q("a", "single", choices=[]), "سؤال ۱ (a): گزینه‌ها (choices) نوشته نشده"),
        (q("a", "number", min=10, max=1), "سؤال ۱ (a): کمینه (min) از بیشینه (max) بزرگ‌تر است"),
        (q("a", "number", min="ده"), "سؤال ۱ (a): کمینه و بیشینه (min و max) باید عدد باشند"),
        (q("a", "scale", min=1), "سؤال ۱ (a): کمینه و بیشینه (min و max) فقط برای سؤال عددی"),
        (q("A-1"), "سؤال ۱ (A-1): شناسهٔ سؤال (key) باید با حرف کوچک انگلیسی"),
        (q("a", "text", text=""), "سؤال ۱ (a): متن سؤال (text) نوشته نشده"),
        (q("a", "text", text="؟" * 301), "بیش از ۳۰۰ حرف"),
        (q("a", "yesno", choices=[{"key": "y", "text": "بله"}]), "بخش choices را حذف کنید"),
        (q("a", "text", required="yes"), "اجباری بودن پاسخ (required) باید true (بله) یا false (خیر) باشد"),
        (q("a", "text", colour="red"), "بخشی به نام «colour» شناخته نیست"),
        (q("a", "single", choices=[{"key": "a", "text": "x" * 61}]), "متن گزینهٔ ۱"),
        (q("a", "single", choices=[{"key": "x" * 21, "text": "x"}]), "گزینهٔ ۱ شناسهٔ (key) درستی ندارد"),
        (q("a", "multi", choices=[{"key": f"c{i}", "text": "x"} for i in range(13)]), "بیش از ۱۲ گزینه"),
    ],
)
def test_each_question_error_names_the_question_number_and_key(
    question: dict[str, object], expected: str
) -> None:
    lines = errors_of({"title": "نظرسنجی", "questions": [question]})
    assert any(expected in plain(line) for line in lines), lines
    assert all(persian_only(line) for line in lines), lines


def test_skip_rules_must_point_to_an_earlier_choice_question_and_a_real_choice() -> None:
    later = [q("a", "text", show_if={"question": "b", "any_of": ["a"]}), q("b")]
    assert "سؤال ۱ (a): شرط نمایش به سؤال «b» اشاره می‌کند که پیش از این سؤال نیامده است." in plains(
        {"title": "t", "questions": later}
    )
    unknown = [q("a"), q("b", "text", show_if={"question": "zz", "any_of": ["a"]})]
    assert any("«zz»" in line for line in plains({"title": "t", "questions": unknown}))
    bad_choice = [q("a"), q("b", "text", show_if={"question": "a", "any_of": ["nope"]})]
    assert plains({"title": "t", "questions": bad_choice}) == [
        "سؤال ۲ (b): سؤال «a» گزینه‌ای به شناسهٔ «nope» ندارد."
    ]
    on_text = [q("a", "text"), q("b", "text", show_if={"question": "a", "any_of": ["x"]})]
    assert any("فقط به سؤال گزینه‌ای" in line for line in plains({"title": "t", "questions": on_text}))


def test_document_level_errors_and_every_problem_listed_at_once() -> None:
    assert plains({"title": "t", "questions": []}) == [
        "هیچ سؤالی در فایل نیست؛ هر سؤال با [[questions]] شروع می‌شود."
    ]
    too_many = [q(f"q{i}", "text") for i in range(MAX_QUESTIONS + 1)]
    assert any("بیش از ۳۰" in line for line in errors_of({"title": "t", "questions": too_many}))
    lines = plains({"questions": [q("a"), q("a"), q("c", "bogus")], "anonymous": "no"})
    assert len(lines) == 4 and "عنوان نظرسنجی (title)" in lines[0]
    assert lines[1] == "بی‌نام بودن نظرسنجی (anonymous) باید true (بله) یا false (خیر) باشد."
    assert "شناسهٔ «a» تکراری" in lines[2] and "سؤال ۳ (c)" in lines[3]


def test_json_must_be_an_object_and_the_format_is_guessed_without_a_name() -> None:
    assert "با «{» شروع شود" in errors_of("[1, 2]", "a.json")[0]
    good = {"title": "t", "questions": [q("a", "yesno")]}
    assert parse_definition(json.dumps(good).encode(), None).questions[0].key == "a"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            'title="x"\n[[questions]]\nkey="a"\ntype="yesno"\ntext="?"\n'
            '[[questions]]\nkey="b"\ntype="text"\ntext="?"\nshow_if="bad"\n',
            "a.toml",
            'شرط نمایش (show_if) باید به این شکل باشد: { question = "…"',
        ),
        ('{"title": ' + "[" * 20_000 + "]" * 20_000 + "}", "a.json", "تودرتو"),
        ("title = " + "[" * 20_000 + "]" * 20_000 + "\n", "a.toml", "تودرتو"),
        ('{"title": "x", "n": ' + "9" * 5_000 + "}", "a.json", "بیش از حد طولانی"),
        ('title = "x"\nn = ' + "9" * 5_000 + "\n", "a.toml", "بیش از حد طولانی"),
        ('title = "x\\u0000y"\n', "a.toml", "حرف نامرئی نامعتبر"),
        ('{"title": "x\\u0000y", "questions": []}', "a.json", "حرف نامرئی نامعتبر"),
    ],
    ids=[
        "malformed-show_if",
        "deep-json",
        "deep-toml",
        "long-int-json",
        "long-int-toml",
        "nul-toml",
        "nul-json",
    ],
)
def test_hostile_files_get_a_persian_list_not_a_crash(text: str, name: str, expected: str) -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(text.encode(), name)
    assert any(expected in plain(line) for line in caught.value.lines), caught.value.lines
