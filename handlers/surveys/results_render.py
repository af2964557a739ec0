"""Persian text of a survey's results for the CDA, split into messages under Telegram's 4096 (bot/outgoing).

Persian digits everywhere, percentages as «۴۲٪», every member-typed value escaped; free-text answers
capped (the full list is in the .xlsx).
"""

from __future__ import annotations

from bot import outgoing
from bot.persian import escape_fa, format_number, localize_digits, to_persian_digits
from bot.services.surveys import action
from bot.services.surveys.results import NumberSummary, QuestionResult, Results
from bot.texts import SEPARATOR
from bot.texts import survey_results as t

MESSAGE_MAX = outgoing.TEXT_MAX  # counted as Telegram counts: the visible text, not the HTML
TEXTS_SHOWN, TEXT_CHARS, NAME_CHARS = 10, 300, 40
QUESTION_BUTTON_CHARS = 40


def n(value: int) -> str:
    return format_number(value)


def percent(value: float | None) -> str:
    return to_persian_digits(f"{round(value)}٪") if value is not None else "—"


def decimal(value: float) -> str:
    """Up to two decimals, trailing zeros dropped, Persian digits: ۳٫۶۷، ۲٬۵۰۰."""
    rounded = round(value, 2)
    return format_number(int(rounded) if float(rounded).is_integer() else rounded)


def _cut(text: str, limit: int) -> str:
    return outgoing.shorten(text, limit)


def head(results: Results) -> str:
    survey = results.survey
    return t.RESULTS_HEAD.format(
        title=escape_fa(survey.title),
        anonymous=t.RESULTS_ANONYMOUS if survey.anonymous else "",
        status=t.STATUS_LABELS.get(survey.status, survey.status),
        invited=n(results.invited),
        started=n(results.started),
        completed=n(results.completed),
        rate=percent(results.rate) if results.rate is not None else t.RATE_NONE,
    )


def _numbers(summary: NumberSummary) -> str:
    return t.NUMBERS_LINE.format(
        mean=decimal(summary.mean), median=decimal(summary.median), min=decimal(summary.min),
        max=decimal(summary.max),
    )  # fmt: skip


def question_block(number: int, q: QuestionResult) -> str:
    kind = t.TYPE_LABELS.get(q.question.type, q.question.type)
    lines = [
        t.QUESTION_HEAD.format(
            number=n(number), text=escape_fa(q.question.text), kind=kind, answered=n(q.answered)
        )
    ]
    if q.answered == 0:
        return "\n".join([*lines, t.NO_ANSWERS])
    for c in q.choices:
        lines.append(
            t.CHOICE_LINE.format(label=escape_fa(c.text), count=n(c.count), percent=percent(c.percent))
        )
    if q.question.type == "multi":
        lines.append(t.MULTI_NOTE)
    if q.numbers is not None:
        lines.append(_numbers(q.numbers))
    if q.distribution:
        points = SEPARATOR.join(
            t.SCALE_POINT.format(point=n(p), count=n(c)) for p, c in q.distribution.items()
        )
        lines.append(t.SCALE_LINE.format(points=points))
    for answer in q.texts[:TEXTS_SHOWN]:
        text = escape_fa(_cut(answer.text, TEXT_CHARS))
        if answer.name:
            lines.append(t.TEXT_LINE_NAMED.format(name=escape_fa(_cut(answer.name, NAME_CHARS)), text=text))
        else:
            lines.append(t.TEXT_LINE.format(text=text))
    if len(q.texts) > TEXTS_SHOWN:
        lines.append(t.TEXT_MORE.format(count=n(len(q.texts) - TEXTS_SHOWN)))
    return "\n".join(lines)


def results_messages(results: Results) -> list[str]:
    """The head and one block per question, packed into as few messages as fit under MESSAGE_MAX;
    a block too long for one message is split at its lines (outgoing.split), never cut off."""
    continued = t.RESULTS_CONTINUED.format(title=escape_fa(_cut(results.survey.title, 80)))
    room = MESSAGE_MAX - outgoing.visible_length(continued) - 2
    messages = [head(results)]
    for number, question in enumerate(results.questions, start=1):
        for piece in outgoing.split(question_block(number, question), room):
            if outgoing.visible_length(messages[-1]) + 2 + outgoing.visible_length(piece) > MESSAGE_MAX:
                messages.append(continued)
            messages[-1] += "\n\n" + piece
    return messages


def chart_caption(number: int, question: str) -> str:
    return t.CHART_CAPTION.format(number=n(number), text=escape_fa(_cut(question, 900)))


def question_button(number: int, q: QuestionResult) -> str:
    return f"{n(number)}. {_cut(localize_digits(q.question.text), QUESTION_BUTTON_CHARS)}"


def pick_question(title: str) -> str:
    return t.ACTION_PICK_QUESTION.format(title=escape_fa(title))


def pick_choice(q: QuestionResult) -> str:
    return t.ACTION_PICK_CHOICE.format(question=escape_fa(q.question.text))


def group_text(group: action.Group) -> str:
    title, choice = escape_fa(group.survey.title), escape_fa(group.choice.text)
    if group.count == 0:
        return t.ACTION_GROUP_EMPTY.format(title=title, choice=choice)
    return t.ACTION_GROUP.format(
        count=n(group.count), title=title, question=escape_fa(group.question.text), choice=choice
    )


def broadcast_intro(group: action.Group) -> str:
    return t.BCAST_PRESET.format(
        count=n(group.count), title=escape_fa(group.survey.title), choice=escape_fa(group.choice.text)
    )
