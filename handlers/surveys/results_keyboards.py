"""Keyboards of a survey's results screens; callback data `svr:<action>:<survey_id>[:<q>[:<c>]]`, ≤ 64 bytes.

Actions: res (results text and charts), xlsx, csv, act (pick a question), q:<n> (pick an answer of
question n), c:<n>:<c> (the group who chose answer c), bc:<n>:<c> (broadcast to that group).
Questions and answers are 1-based positions; the services re-check rights and positions on every press.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import decode, encode, parse_small
from bot.outgoing import shorten
from bot.persian import localize_digits
from bot.services.surveys import action
from bot.services.surveys.results import QuestionResult
from bot.texts import survey_results as t
from handlers.needs import keyboards as needs_kb
from handlers.surveys import results_render as render

PREFIX = "svr"
ACTIONS = ("res", "xlsx", "csv", "act", "q", "c", "bc")
CHOICE_CHARS = 40
INDEX_MAX = 10_000  # a question or choice index; more is a forged press


def cb(act: str, survey_id: int, *args: int) -> str:
    return encode(PREFIX, act, survey_id, *args)


def parse(data: str | None) -> tuple[str, int, list[int]] | None:
    """`svr:c:7:2:3` -> ("c", 7, [2, 3]); anything malformed, forged or unknown -> None."""
    press = decode(data, PREFIX, allow_zero=False)
    if press is None or press.action not in ACTIONS:
        return None
    if len(press.args) != {"q": 1, "c": 2, "bc": 2}.get(press.action, 0):
        return None
    numbers = [parse_small(arg, limit=INDEX_MAX) for arg in press.args]
    if any(number is None for number in numbers):
        return None
    return press.action, press.object_id, [n for n in numbers if n is not None]


def _b(text: str, act: str, survey_id: int, *args: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=cb(act, survey_id, *args))


def results(survey_id: int, *, anonymous: bool) -> InlineKeyboardMarkup:
    rows = [[_b(t.BTN_XLSX, "xlsx", survey_id), _b(t.BTN_CSV, "csv", survey_id)]]
    if not anonymous:  # answers of an anonymous survey never become a group (the service refuses too)
        rows.append([_b(t.BTN_ACTION, "act", survey_id)])
    return InlineKeyboardMarkup(rows)


def questions(survey_id: int, found: list[tuple[int, QuestionResult]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_b(render.question_button(i, q), "q", survey_id, i)] for i, q in found])


def choices(survey_id: int, number: int, q: QuestionResult) -> InlineKeyboardMarkup:
    rows = [
        [
            _b(
                t.BTN_CHOICE.format(
                    label=shorten(localize_digits(c.text), CHOICE_CHARS), count=render.n(c.count)
                ),
                "c",
                survey_id,
                number,
                i,
            )
        ]
        for i, c in enumerate(q.choices[: len(action.sr.choices_of(q.question))], start=1)
    ]
    rows.append([_b(t.BTN_BACK, "act", survey_id)])
    return InlineKeyboardMarkup(rows)


def group(g: action.Group) -> InlineKeyboardMarkup:
    rows = []
    if g.count:
        rows.append(
            [
                _b(
                    t.BTN_MESSAGE_GROUP.format(count=render.n(g.count)),
                    "bc",
                    g.survey.id,
                    g.number,
                    g.choice_number,
                )
            ]
        )
    # «🧩 ایجاد نیاز از این پاسخ»: a technology need with these members attached (handlers/needs/)
    rows.append([needs_kb.from_survey_button(g.survey.id, g.number, g.choice_number)])
    rows.append([_b(t.BTN_BACK, "q", g.survey.id, g.number)])
    return InlineKeyboardMarkup(rows)
