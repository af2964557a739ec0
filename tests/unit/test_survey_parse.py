"""Definition files: the shipped assessment, the README's example in TOML and JSON, and each kind of error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.services.surveys.admin import shipped_definition
from bot.services.surveys.definition import QUESTION_TYPES, questions_of
from bot.services.surveys.parse import MAX_QUESTIONS, DefinitionError, parse_definition, validate

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


def test_a_toml_syntax_error_names_the_line() -> None:
    lines = errors_of('title = "نظرسنجی"\n\n[[questions]]\nkey = "a\n', "bad.toml")
    assert len(lines) == 1 and lines[0].startswith("خط ۴:") and "TOML" in lines[0]


def test_a_json_syntax_error_names_the_line() -> None:
    lines = errors_of('{\n  "title": "x",\n  "questions": [,]\n}', "bad.json")
    assert len(lines) == 1 and lines[0].startswith("خط ۳:") and "JSON" in lines[0]


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
        (q("a", "number", min=10, max=1), "سؤال ۱ (a): min از max بزرگ‌تر است"),
        (q("a", "number", min="ده"), "سؤال ۱ (a): min و max باید عدد باشند"),
        (q("a", "scale", min=1), "سؤال ۱ (a): min و max فقط برای سؤال عددی"),
        (q("A-1"), "سؤال ۱ (A-1): key باید با حرف کوچک انگلیسی"),
        (q("a", "text", text=""), "سؤال ۱ (a): متن سؤال (text) نوشته نشده"),
        (q("a", "text", text="؟" * 301), "بیش از ۳۰۰ حرف"),
        (q("a", "yesno", choices=[{"key": "y", "text": "بله"}]), "choices را حذف کنید"),
        (q("a", "text", required="yes"), "required باید true یا false"),
        (q("a", "text", colour="red"), "فیلد «colour» شناخته نیست"),
        (q("a", "single", choices=[{"key": "a", "text": "x" * 61}]), "متن گزینهٔ ۱"),
        (q("a", "single", choices=[{"key": "x" * 21, "text": "x"}]), "گزینهٔ ۱ key درستی ندارد"),
        (q("a", "multi", choices=[{"key": f"c{i}", "text": "x"} for i in range(13)]), "بیش از ۱۲ گزینه"),
    ],
)
def test_each_question_error_names_the_question_number_and_key(
    question: dict[str, object], expected: str
) -> None:
    lines = errors_of({"title": "نظرسنجی", "questions": [question]})
    assert any(expected in line for line in lines), lines


def test_skip_rules_must_point_to_an_earlier_choice_question_and_a_real_choice() -> None:
    later = [q("a", "text", show_if={"question": "b", "any_of": ["a"]}), q("b")]
    assert "سؤال ۱ (a): show_if به سؤال «b» اشاره می‌کند که پیش از این سؤال نیامده است." in errors_of(
        {"title": "t", "questions": later}
    )
    unknown = [q("a"), q("b", "text", show_if={"question": "zz", "any_of": ["a"]})]
    assert any("«zz»" in line for line in errors_of({"title": "t", "questions": unknown}))
    bad_choice = [q("a"), q("b", "text", show_if={"question": "a", "any_of": ["nope"]})]
    assert errors_of({"title": "t", "questions": bad_choice}) == [
        "سؤال ۲ (b): سؤال «a» گزینه‌ای به نام «nope» ندارد."
    ]
    on_text = [q("a", "text"), q("b", "text", show_if={"question": "a", "any_of": ["x"]})]
    assert any("فقط به سؤال گزینه‌ای" in line for line in errors_of({"title": "t", "questions": on_text}))


def test_document_level_errors_and_every_problem_listed_at_once() -> None:
    assert errors_of({"title": "t", "questions": []}) == ["هیچ سؤالی (questions) در فایل نیست."]
    too_many = [q(f"q{i}", "text") for i in range(MAX_QUESTIONS + 1)]
    assert any("بیش از ۳۰" in line for line in errors_of({"title": "t", "questions": too_many}))
    lines = errors_of({"questions": [q("a"), q("a"), q("c", "bogus")], "anonymous": "no"})
    assert len(lines) == 4 and "عنوان (title)" in lines[0] and "anonymous" in lines[1]
    assert "key «a» تکراری" in lines[2] and "سؤال ۳ (c)" in lines[3]


def test_json_must_be_an_object_and_the_format_is_guessed_without_a_name() -> None:
    assert "با { شروع شود" in errors_of("[1, 2]", "a.json")[0]
    good = {"title": "t", "questions": [q("a", "yesno")]}
    assert parse_definition(json.dumps(good).encode(), None).questions[0].key == "a"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            'title="x"\n[[questions]]\nkey="a"\ntype="yesno"\ntext="?"\n'
            '[[questions]]\nkey="b"\ntype="text"\ntext="?"\nshow_if="bad"\n',
            "a.toml",
            "show_if باید به شکل { question",
        ),
        ('{"title": ' + "[" * 20_000 + "]" * 20_000 + "}", "a.json", "تودرتو"),
        ("title = " + "[" * 20_000 + "]" * 20_000 + "\n", "a.toml", "تودرتو"),
        ('{"title": "x", "n": ' + "9" * 5_000 + "}", "a.json", "بیش از حد طولانی"),
        ('title = "x"\nn = ' + "9" * 5_000 + "\n", "a.toml", "بیش از حد طولانی"),
        ('title = "x\\u0000y"\n', "a.toml", "NUL"),
        ('{"title": "x\\u0000y", "questions": []}', "a.json", "NUL"),
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
    assert any(expected in line for line in caught.value.lines), caught.value.lines
