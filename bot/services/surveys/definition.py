"""The shape of a survey's questions: what Survey.definition holds (as JSON) once validated.

Question types: single (one choice), multi (✅ toggles and «ثبت»), scale (1–5), number (min/max),
text (short free text), yesno (choices "yes"/"no"). A question with `show_if` is asked only when the
answer to an earlier question includes one of the listed choice keys (skip logic).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

QUESTION_TYPES = ("single", "multi", "scale", "number", "text", "yesno")
CHOICE_TYPES = ("single", "multi", "yesno")
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Choice:
    key: str  # ASCII, stable: stored in SurveyAnswer.choice and used in segments
    text: str


@dataclass(frozen=True)
class ShowIf:
    question: str  # key of an earlier question
    any_of: tuple[str, ...]  # its choice keys (or "yes"/"no") that make this question appear


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    text: str
    required: bool = True
    choices: tuple[Choice, ...] = ()
    min: float | None = None  # number questions
    max: float | None = None
    show_if: ShowIf | None = None


@dataclass(frozen=True)
class SurveyDefinition:
    title: str
    description: str | None = None
    anonymous: bool = False
    questions: tuple[Question, ...] = field(default_factory=tuple)

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    def to_json(self) -> dict[str, Any]:
        """What Survey.definition stores (title/description/anonymous live in their own columns too)."""
        return {"questions": [asdict(q) for q in self.questions]}


def question_from_json(raw: dict[str, Any]) -> Question:
    show_if = raw.get("show_if")
    return Question(
        key=raw["key"],
        type=raw["type"],
        text=raw["text"],
        required=bool(raw.get("required", True)),
        choices=tuple(Choice(c["key"], c["text"]) for c in raw.get("choices") or ()),
        min=raw.get("min"),
        max=raw.get("max"),
        show_if=ShowIf(show_if["question"], tuple(show_if["any_of"])) if show_if else None,
    )


def questions_of(definition: dict[str, Any]) -> tuple[Question, ...]:
    """The questions of a stored Survey.definition."""
    return tuple(question_from_json(q) for q in definition.get("questions", []))
