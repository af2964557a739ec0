"""Pure survey logic: which questions apply (skip rules), what comes next, progress, reading typed answers.

Answers are a dict of question key -> list of choice keys (single, multi, yesno), a float (scale,
number) or a string (text). A question with `show_if` applies only when the question it points to
applies and its answer includes one of the listed choices; a question whose condition points at a
question not answered yet does not apply (yet).

Progress never goes backwards while the member moves forward: «سؤال ۴ از حداکثر ۱۵» counts, besides the
questions asked so far, every later question that will or still may come (its condition depends on
the current or a later answer). Each answer can only settle conditions, so that count never grows,
and a bar of answered/at-most only fills up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.persian import normalize_digits, normalize_text
from bot.services.common.errors import InvalidInput
from bot.services.surveys.definition import Question

Answer = list[str] | float | str
Answers = dict[str, Answer]
TEXT_MAX = 500
SCALE = (1, 2, 3, 4, 5)


def applies(question: Question, questions: Sequence[Question], answers: Answers) -> bool:
    if question.show_if is None:
        return True
    target = next((q for q in questions if q.key == question.show_if.question), None)
    if target is None or not applies(target, questions, answers):
        return False
    chosen = answers.get(target.key)
    return isinstance(chosen, list) and any(c in question.show_if.any_of for c in chosen)


def applicable(questions: Sequence[Question], answers: Answers) -> list[Question]:
    return [q for q in questions if applies(q, questions, answers)]


def first(questions: Sequence[Question], answers: Answers) -> Question | None:
    found = applicable(questions, answers)
    return found[0] if found else None


def next_after(questions: Sequence[Question], answers: Answers, key: str) -> Question | None:
    """The next question that applies after `key` (None: the survey is finished)."""
    keys = [q.key for q in questions]
    start = keys.index(key) + 1 if key in keys else 0
    return next((q for q in questions[start:] if applies(q, questions, answers)), None)


@dataclass(frozen=True)
class Progress:
    """Where the member is: this question's number and at most how many questions there are in all."""

    position: int  # 1-based, among the questions that apply
    total: int  # position + the later questions that will or still may come
    exact: bool  # no later question depends on an answer not settled yet: `total` is the count

    @property
    def done(self) -> float:
        """The share answered before this question, 0…1; never falls while the member moves on."""
        return (self.position - 1) / self.total if self.total else 1.0


def progress(questions: Sequence[Question], answers: Answers, key: str) -> Progress:
    """The progress at question `key`; conditions on `key` or later questions count as «may come»."""
    keys = [q.key for q in questions]
    here = keys.index(key) if key in keys else len(keys)
    position = sum(1 for q in questions[:here] if applies(q, questions, answers)) + 1
    will: dict[str, bool | None] = {}  # later question -> comes (True), may come (None), will not (False)
    for question in questions[here + 1 :]:
        target = question.show_if.question if question.show_if is not None else None
        if target is None:
            will[question.key] = True
        elif target not in keys or keys.index(target) < here:  # settled by an earlier answer
            will[question.key] = applies(question, questions, answers)
        elif target == key or will.get(target) is not False:  # the current or a later answer decides
            will[question.key] = None
        else:  # it hangs on a question that will not come
            will[question.key] = False
    coming = [v for v in will.values() if v is not False]
    return Progress(position, position + len(coming), None not in coming)


def dropped(questions: Sequence[Question], answers: Answers) -> list[str]:
    """Answered questions that no longer apply (after an answer they depend on changed)."""
    live = {q.key for q in applicable(questions, answers)}
    return [key for key in answers if key not in live]


def read_number(question: Question, text: str) -> float:
    """A typed number in any digit script (٫ or . as decimal point, ٬ or , grouping), within min/max."""
    cleaned = normalize_digits(normalize_text(text or "")).replace("٫", ".").replace("/", ".")
    cleaned = cleaned.replace("٬", "").replace(",", "").replace("،", "").replace(" ", "")
    if not cleaned or len(cleaned) > 20:
        raise InvalidInput("number_invalid")
    try:
        value = float(cleaned)
    except ValueError:
        raise InvalidInput("number_invalid") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidInput("number_invalid")
    if question.min is not None and value < question.min:
        raise InvalidInput("number_below")
    if question.max is not None and value > question.max:
        raise InvalidInput("number_above")
    return value


def read_text(text: str) -> str:
    cleaned = normalize_text(text or "")
    if not cleaned:
        raise InvalidInput("empty")
    if len(cleaned) > TEXT_MAX:
        raise InvalidInput("text_too_long")
    return cleaned
