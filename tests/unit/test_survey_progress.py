"""Survey progress never goes backwards while the member moves forward (bot/services/surveys/logic.py).

Before, «سؤال ۳ از ۱۲» was followed by «سؤال ۴ از ۱۵» when an answer switched conditional questions on.
Now the count is the most there can be — questions asked so far plus every later one that will or
still may come — so it never grows, the bar never empties, and it is exact once nothing is open.
"""

from __future__ import annotations

import itertools
import random

import pytest

from bot.services.surveys import logic
from bot.services.surveys.definition import Choice, Question, ShowIf
from handlers.surveys.render import progress_text

YES_NO = (Choice("yes", "بله"), Choice("no", "خیر"))
ABC = (Choice("a", "الف"), Choice("b", "ب"), Choice("c", "ج"))


def q(key: str, kind: str = "single", show_if: tuple[str, tuple[str, ...]] | None = None) -> Question:
    choices = YES_NO if kind == "yesno" else ABC if kind in ("single", "multi") else ()
    condition = ShowIf(show_if[0], show_if[1]) if show_if else None
    return Question(key, kind, f"سؤال {key}", choices=choices, show_if=condition)


# The issue's shape: an early multi switches on a group of later questions.
ISSUE = (
    q("q1"),
    q("q2", "number"),
    q("limits", "multi"),
    q("energy", "yesno", ("limits", ("a",))),
    q("heating", "single", ("limits", ("a",))),
    q("pests", "text", ("limits", ("b",))),
    q("price", "yesno", ("energy", ("yes",))),  # nested: only if energy comes and is answered yes
    *(q(f"q{i}", "number") for i in range(3, 10)),
)


def walk(
    questions: tuple[Question, ...], choose: random.Random, answers: logic.Answers | None = None
) -> tuple[list[logic.Progress], int]:
    """Answer forward to the end (choices at random); the progress shown at each question, and how
    many questions were asked."""
    answers = dict(answers or {})
    current = logic.first(questions, answers)
    shown = []
    while current is not None:
        shown.append(logic.progress(questions, answers, current.key))
        if current.choices:
            picked = choose.sample(
                [c.key for c in current.choices], k=choose.randint(1, len(current.choices))
            )
            answers[current.key] = picked[:1] if current.type != "multi" else picked
        else:
            answers[current.key] = "x" if current.type == "text" else 1.0
        for key in logic.dropped(questions, answers):
            answers.pop(key)
        current = logic.next_after(questions, answers, current.key)
    return shown, len(shown)


def check(shown: list[logic.Progress], asked: int) -> None:
    for before, after in itertools.pairwise(shown):
        assert after.position == before.position + 1
        assert after.total <= before.total  # the most there can be never grows
        assert after.done >= before.done  # the bar only fills
    for p in shown:
        assert p.position <= asked <= p.total  # a true upper bound
        assert not p.exact or p.total == asked  # and exact when it says so


def test_the_issue_case_counts_down_instead_of_jumping_up() -> None:
    answers: logic.Answers = {"q1": ["a"], "q2": 1.0}
    at_limits = logic.progress(ISSUE, answers, "limits")
    assert (at_limits.position, at_limits.total, at_limits.exact) == (3, 14, False)  # was «۳ از ۱۰»
    answers["limits"] = ["a", "b"]  # switches energy, heating and pests on
    at_energy = logic.progress(ISSUE, answers, "energy")
    assert (at_energy.position, at_energy.total, at_energy.exact) == (4, 14, False)  # price still open
    answers["energy"] = ["no"]
    at_heating = logic.progress(ISSUE, answers, "heating")
    assert (at_heating.position, at_heating.total, at_heating.exact) == (5, 13, True)
    assert progress_text(at_limits) == "▰▱▱▱▱▱▱▱▱▱ سؤال ۳ از حداکثر ۱۴"
    assert progress_text(at_heating) == "▰▰▰▱▱▱▱▱▱▱ سؤال ۵ از ۱۳"


def test_a_survey_without_conditions_is_exact_from_the_start() -> None:
    plain = tuple(q(f"k{i}", "number") for i in range(4))
    shown, _ = walk(plain, random.Random(0))
    assert [(p.position, p.total, p.exact) for p in shown] == [(i, 4, True) for i in range(1, 5)]
    assert progress_text(shown[0]) == "▱▱▱▱▱▱▱▱▱▱ سؤال ۱ از ۴"


@pytest.mark.parametrize("seed", range(20))
def test_the_issue_survey_on_every_path(seed: int) -> None:
    check(*walk(ISSUE, random.Random(seed)))


def random_survey(rnd: random.Random) -> tuple[Question, ...]:
    """Up to 12 questions; each may hang on an earlier choice question (which may hang on another)."""
    questions: list[Question] = []
    for i in range(rnd.randint(2, 12)):
        kind = rnd.choice(("single", "multi", "yesno", "number", "text"))
        targets = [t for t in questions if t.choices]
        condition = None
        if targets and rnd.random() < 0.6:
            target = rnd.choice(targets)
            keys = [c.key for c in target.choices]
            condition = (target.key, tuple(rnd.sample(keys, k=rnd.randint(1, len(keys)))))
        questions.append(q(f"k{i}", kind, condition))
    if questions[0].show_if is not None:  # a definition starts with a question everyone gets
        questions[0] = q("k0", questions[0].type)
    return tuple(questions)


@pytest.mark.parametrize("seed", range(200))
def test_random_conditional_surveys_never_go_backwards(seed: int) -> None:
    rnd = random.Random(seed)
    survey = random_survey(rnd)
    check(*walk(survey, rnd))


@pytest.mark.parametrize("seed", range(100))
def test_walking_a_completed_response_again_and_changing_answers_never_goes_backwards(seed: int) -> None:
    """«ویرایش پاسخ‌ها»: the old answers are there, yet the current one may still switch questions on."""
    rnd = random.Random(seed)
    survey = random_survey(rnd)
    answers: logic.Answers = {}
    current = logic.first(survey, answers)
    while current is not None:  # a first walk, choices at random
        options = [c.key for c in current.choices] or ["x"]
        answers[current.key] = [rnd.choice(options)] if current.choices else 1.0
        for key in logic.dropped(survey, answers):
            answers.pop(key)
        current = logic.next_after(survey, answers, current.key)
    check(*walk(survey, rnd, answers))
