"""Read a survey definition file (TOML or JSON) into a SurveyDefinition, or a Persian list of what is wrong.

Syntax errors name the line and column with a Persian reason (the reader's English message goes to the
log); content errors name the question number and key. The lines are HTML: the file's own words are in
<code> and escaped here. Nothing is partly accepted: any error means no definition. Keys are short ASCII
so every button's callback data (`sv:c:<survey>:<question>:<choice>`) stays within Telegram's 64 bytes.
"""

from __future__ import annotations

import html
import json
import logging
import re
import tomllib
from typing import Any

from bot.persian import to_persian_digits
from bot.services.common.errors import InvalidInput
from bot.services.surveys.definition import (
    CHOICE_TYPES,
    NO,
    QUESTION_TYPES,
    YES,
    Choice,
    Question,
    ShowIf,
    SurveyDefinition,
)
from bot.texts import surveys as t

log = logging.getLogger(__name__)
MAX_FILE_BYTES = 64_000
MAX_QUESTIONS = 30
MAX_CHOICES = 12
TITLE_MAX, DESCRIPTION_MAX, QUESTION_MAX, CHOICE_MAX = 200, 1000, 300, 60
KEY = re.compile(r"^[a-z][a-z0-9_]{0,19}$")  # ≤ 20 ASCII: callback data stays ≤ 64 bytes
NUMBER_LIMIT = 1e12
_TYPES = "، ".join(f"<code>{k}</code> ({t.TYPE_LABELS[k]})" for k in QUESTION_TYPES)
QUESTION_FIELDS = {"key", "type", "text", "required", "choices", "min", "max", "show_if"}


class DefinitionError(InvalidInput):
    """A definition that cannot be used; `lines` are Persian HTML, one per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("survey_definition")
        self.lines = lines


def _n(value: int) -> str:
    return to_persian_digits(value)


def _e(value: Any) -> str:
    """A value from the file, for an HTML line."""
    return html.escape(str(value))


_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


def _syntax_error(kind: str, message: str, line: int, column: int) -> DefinitionError:
    """«خط ۳، ستون ۱۲: …» in Persian; the reader's own (English) message goes to the log."""
    table = t.TOML_ERRORS if kind == "toml" else t.JSON_ERRORS
    reason = next((fa for prefix, fa in table if message.startswith(prefix)), t.SYNTAX_OTHER[kind])
    log.info("survey definition refused: %s syntax, line %d, column %d: %s", kind, line, column, message)
    return DefinitionError([t.PARSE["syntax"].format(line=_n(line), column=_n(column), reason=reason)])


def _toml_error(exc: tomllib.TOMLDecodeError, text: str) -> DefinitionError:
    message = str(exc)
    at = _TOML_AT.search(message)
    if at is not None and at.group(1):
        line, column = int(at.group(1)), int(at.group(2))
    else:  # at the end of the document
        line, column = text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1
    return _syntax_error("toml", _TOML_AT.sub("", message), line, column)


def load_document(data: bytes, file_name: str | None) -> dict[str, Any]:
    """Bytes of a .toml or .json file as a dict; syntax errors name the line."""
    if len(data) > MAX_FILE_BYTES:
        raise DefinitionError([t.PARSE["too_big"].format(max=_n(MAX_FILE_BYTES // 1000))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DefinitionError([t.PARSE["not_utf8"]]) from None
    if "\x00" in text:  # PostgreSQL cannot store it, and no editor writes it on purpose
        raise DefinitionError([t.PARSE["nul_char"]])
    name = (file_name or "").lower()
    as_json = name.endswith(".json") or (not name.endswith(".toml") and text.lstrip().startswith("{"))
    if as_json:
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _syntax_error("json", exc.msg, exc.lineno, exc.colno) from None
        except RecursionError:
            raise DefinitionError([t.PARSE["too_deep"]]) from None
        except ValueError:  # an integer of thousands of digits (Python's int-conversion limit)
            raise DefinitionError([t.PARSE["number_too_long"]]) from None
        if not isinstance(raw, dict):
            raise DefinitionError([t.PARSE["json_not_object"]])
        return raw
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise DefinitionError([t.PARSE["too_deep"]]) from None
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, text) from None
    except ValueError:  # an integer of thousands of digits (Python's int-conversion limit)
        raise DefinitionError([t.PARSE["number_too_long"]]) from None


def _has_nul(document: Any) -> bool:
    """A NUL anywhere, also one written as an escape (\\u0000): PostgreSQL cannot store it."""
    pending = [document]
    while pending:
        item = pending.pop()
        if isinstance(item, str) and "\x00" in item:
            return True
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def parse_definition(data: bytes, file_name: str | None = None) -> SurveyDefinition:
    """A file's bytes as a validated definition; DefinitionError lists every problem found."""
    document = load_document(data, file_name)
    if _has_nul(document):
        raise DefinitionError([t.PARSE["nul_char"]])
    return validate(document)


def _text(value: Any, limit: int) -> str | None:
    """A stripped non-empty string within `limit`, else None."""
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit:
        return None
    return value.strip()


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > NUMBER_LIMIT:
        return None
    return float(value)


def _choices(raw: Any, where: str, errors: list[str]) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw:
        errors.append(t.PARSE["no_choices"].format(where=where))
        return ()
    if len(raw) > MAX_CHOICES:
        errors.append(t.PARSE["too_many_choices"].format(where=where, max=_n(MAX_CHOICES)))
    out: list[Choice] = []
    for i, item in enumerate(raw, 1):
        item = item if isinstance(item, dict) else {}
        key, text = item.get("key"), _text(item.get("text"), CHOICE_MAX)
        if not isinstance(key, str) or not KEY.match(key):
            errors.append(t.PARSE["bad_choice_key"].format(where=where, n=_n(i)))
        elif key in {c.key for c in out}:
            errors.append(t.PARSE["duplicate_choice"].format(where=where, key=_e(key)))
        elif text is None:
            errors.append(t.PARSE["bad_choice_text"].format(where=where, n=_n(i), max=_n(CHOICE_MAX)))
        else:
            out.append(Choice(key, text))
    return tuple(out)


def _show_if(
    raw: Any, where: str, earlier: dict[str, Question], broken: set[str], errors: list[str]
) -> ShowIf | None:
    if raw is None or (isinstance(raw, dict) and raw.get("question") in broken):
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("question"), str):
        errors.append(t.PARSE["bad_show_if"].format(where=where))
        return None
    target = earlier.get(raw["question"])
    any_of = raw.get("any_of")
    if isinstance(any_of, str):
        any_of = [any_of]
    if target is None:
        errors.append(t.PARSE["show_if_unknown"].format(where=where, key=_e(raw["question"])))
        return None
    if target.type not in CHOICE_TYPES:
        errors.append(t.PARSE["show_if_not_choice"].format(where=where, key=_e(target.key)))
        return None
    if not isinstance(any_of, list) or not any_of:
        errors.append(t.PARSE["bad_show_if"].format(where=where))
        return None
    known = {c.key for c in target.choices}
    unknown = [str(k) for k in any_of if k not in known]
    if unknown:
        errors.append(
            t.PARSE["show_if_choice"].format(where=where, key=_e(target.key), choice=_e(unknown[0]))
        )
        return None
    return ShowIf(target.key, tuple(str(k) for k in any_of))


def _question(
    raw: Any, number: int, earlier: dict[str, Question], broken: set[str], errors: list[str]
) -> Question | None:
    if not isinstance(raw, dict):
        errors.append(t.PARSE["bad_question"].format(n=_n(number)))
        return None
    key = raw.get("key")
    where = t.PARSE_WHERE.format(n=_n(number), key=_e(key) if isinstance(key, str) else "؟")
    before = len(errors)
    unknown_fields = sorted(set(raw) - QUESTION_FIELDS)
    if unknown_fields:
        errors.append(t.PARSE["unknown_field"].format(where=where, field=_e(unknown_fields[0])))
    if not isinstance(key, str) or not KEY.match(key):
        errors.append(t.PARSE["bad_key"].format(where=where))
    elif key in earlier:
        errors.append(t.PARSE["duplicate_key"].format(where=where, key=_e(key)))
    kind = raw.get("type")
    if kind not in QUESTION_TYPES:
        errors.append(t.PARSE["bad_type"].format(where=where, type=_e(kind), types=_TYPES))
    text = _text(raw.get("text"), QUESTION_MAX)
    if text is None:
        errors.append(t.PARSE["bad_text"].format(where=where, max=_n(QUESTION_MAX)))
    required = raw.get("required", True)
    if not isinstance(required, bool):
        errors.append(t.PARSE["bad_required"].format(where=where))
    choices: tuple[Choice, ...] = ()
    if kind in ("single", "multi"):
        choices = _choices(raw.get("choices"), where, errors)
    elif kind == "yesno":
        if raw.get("choices") is not None:
            errors.append(t.PARSE["yesno_choices"].format(where=where))
        choices = (Choice(YES, t.YES), Choice(NO, t.NO))
    elif raw.get("choices") is not None:
        errors.append(t.PARSE["choices_not_allowed"].format(where=where))
    low, high = raw.get("min"), raw.get("max")
    if kind != "number" and (low is not None or high is not None):
        errors.append(t.PARSE["range_not_allowed"].format(where=where))
    lo = _number(low) if low is not None else None
    hi = _number(high) if high is not None else None
    if (low is not None and lo is None) or (high is not None and hi is None):
        errors.append(t.PARSE["bad_range"].format(where=where))
    elif lo is not None and hi is not None and lo > hi:
        errors.append(t.PARSE["min_above_max"].format(where=where))
    show_if = _show_if(raw.get("show_if"), where, earlier, broken, errors)
    if len(errors) > before or not isinstance(key, str) or text is None:
        return None
    return Question(str(key), str(kind), text, bool(required), choices, lo, hi, show_if)


def validate(raw: dict[str, Any]) -> SurveyDefinition:
    """A parsed document (dict) as a definition; DefinitionError lists every problem found."""
    errors: list[str] = []
    title = _text(raw.get("title"), TITLE_MAX)
    if title is None:
        errors.append(t.PARSE["bad_title"].format(max=_n(TITLE_MAX)))
    description = raw.get("description")
    if description is not None and _text(description, DESCRIPTION_MAX) is None:
        errors.append(t.PARSE["bad_description"].format(max=_n(DESCRIPTION_MAX)))
    anonymous = raw.get("anonymous", False)
    if not isinstance(anonymous, bool):
        errors.append(t.PARSE["bad_anonymous"])
    questions = raw.get("questions")
    if not isinstance(questions, list) or not questions:
        errors.append(t.PARSE["no_questions"])
        questions = []
    elif len(questions) > MAX_QUESTIONS:
        errors.append(t.PARSE["too_many_questions"].format(max=_n(MAX_QUESTIONS)))
    earlier: dict[str, Question] = {}
    broken: set[str] = set()
    for number, item in enumerate(questions, 1):
        question = _question(item, number, earlier, broken, errors)
        if question is not None:
            earlier[question.key] = question
        elif isinstance(item, dict) and isinstance(item.get("key"), str) and item["key"] not in earlier:
            broken.add(item["key"])  # a show_if pointing at it is not reported again
    if errors:
        raise DefinitionError(errors)
    assert title is not None
    return SurveyDefinition(
        title=title,
        description=_text(description, DESCRIPTION_MAX),
        anonymous=bool(anonymous),
        questions=tuple(earlier.values()),
    )
