"""Members' survey screens: a question with its buttons, the list, and the callback data `sv:…`.

Callback data: `sv:<action>:<survey_id>[:<question>[:<arg>]]`, ASCII, ≤ 64 bytes (keys are ≤ 20
characters, checked when a definition is read). Actions: start, edit, c (choose), t (toggle), ok
(submit multi), s (scale), skip, keep, back.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import decode, encode
from bot.outgoing import shorten
from bot.persian import escape_fa, format_jalali_datetime, format_number, localize_digits
from bot.services.surveys import logic
from bot.services.surveys.answering import Step
from bot.services.surveys.definition import Question
from bot.services.surveys.inbox import InboxItem
from bot.texts import surveys as t
from handlers.readiness.render import my_result_button
from models.enums import SurveyResponseStatus

PREFIX = "sv"
TITLE_MAX = 30
CHOICE_LABEL_MAX = 64  # survey choices are at most 60 characters (surveys.parse.CHOICE_MAX); bounded anyway


def cb(action: str, survey_id: int, *args: str) -> str:
    return encode(PREFIX, action, survey_id, *args)


def parse(data: str | None) -> tuple[str, int, str, str]:
    """`sv:c:3:limits:energy` -> ("c", 3, "limits", "energy"); forged or malformed -> ("", 0, "", "")."""
    press = decode(data, PREFIX)
    if press is None:
        return "", 0, "", ""
    return press.action, press.object_id, press.arg(0), ":".join(press.args[1:])


def _n(value: float) -> str:
    return format_number(int(value) if float(value).is_integer() else value)


def answer_text(question: Question, answer: logic.Answer | None) -> str:
    """An answer as the member reads it (choice labels, Persian digits)."""
    if answer is None or answer == []:
        return t.NO_ANSWER
    if isinstance(answer, list):
        labels = {c.key: c.text for c in question.choices}
        return "، ".join(escape_fa(labels.get(k, k)) for k in answer)
    if isinstance(answer, float):
        return _n(answer)
    return escape_fa(answer)


def _hint(question: Question) -> str:
    if question.type == "number":
        low, high = question.min, question.max
        if low is not None and high is not None:
            span = t.RANGE_BOTH.format(min=_n(low), max=_n(high))
        elif low is not None:
            span = t.RANGE_MIN.format(min=_n(low))
        elif high is not None:
            span = t.RANGE_MAX.format(max=_n(high))
        else:
            span = ""
        return t.HINTS["number"].format(range=span)
    return t.HINTS[question.type].format(max=format_number(logic.TEXT_MAX))


def progress_text(progress: logic.Progress) -> str:
    """«▰▰▱▱▱▱▱▱▱▱ سؤال ۳ از حداکثر ۱۵»: the bar shows what is answered of the most there can be."""
    cells = t.PROGRESS_BAR_CELLS
    full = min(cells, int(progress.done * cells))
    template = t.PROGRESS if progress.exact else t.PROGRESS_AT_MOST
    return template.format(
        bar=t.PROGRESS_FULL * full + t.PROGRESS_EMPTY * (cells - full),
        position=format_number(progress.position),
        total=format_number(progress.total),
    )


def question_text(step: Step) -> str:
    question = step.question
    assert question is not None
    text = t.QUESTION_HEAD.format(
        title=escape_fa(step.survey.title),
        progress=progress_text(step.progress),
        optional="" if question.required else t.OPTIONAL,
        text=escape_fa(question.text),
    )
    hint = _hint(question)
    if hint:
        text += f"\n{hint}"
    if step.answer is not None and question.type in ("number", "text"):
        text += "\n\n" + t.CURRENT_ANSWER.format(answer=answer_text(question, step.answer))
    return text


def question_markup(step: Step) -> InlineKeyboardMarkup:
    question = step.question
    assert question is not None
    sid, key = step.survey.id, question.key
    chosen = set(step.answer) if isinstance(step.answer, list) else set()
    rows: list[list[InlineKeyboardButton]] = []
    if question.type in ("single", "yesno", "multi"):
        action = "t" if question.type == "multi" else "c"
        buttons = [
            InlineKeyboardButton(
                ("✅ " if c.key in chosen else "") + shorten(localize_digits(c.text), CHOICE_LABEL_MAX),
                callback_data=cb(action, sid, key, c.key),
            )
            for c in question.choices
        ]
        per_row = 2 if question.type == "yesno" else 1
        rows += [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]
        if question.type == "multi":
            rows.append([InlineKeyboardButton(t.BTN_SUBMIT, callback_data=cb("ok", sid, key))])
    elif question.type == "scale":
        current = int(step.answer) if isinstance(step.answer, float) else None
        rows.append(
            [
                InlineKeyboardButton(
                    ("✅ " if v == current else "") + format_number(v),
                    callback_data=cb("s", sid, key, str(v)),
                )
                for v in logic.SCALE
            ]
        )
    nav: list[InlineKeyboardButton] = []
    if step.can_back:
        nav.append(InlineKeyboardButton(t.BTN_BACK, callback_data=cb("back", sid, key)))
    if not question.required:
        nav.append(InlineKeyboardButton(t.BTN_SKIP, callback_data=cb("skip", sid, key)))
    if step.answer not in (None, []) and question.type != "multi":
        nav.append(InlineKeyboardButton(t.BTN_KEEP, callback_data=cb("keep", sid, key)))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def edit_markup(survey_id: int, *, self_check: bool = False) -> InlineKeyboardMarkup:
    """«ویرایش پاسخ‌ها»; the readiness self-check also offers the member's result again (`rdy:me:<id>`)."""
    rows = [[InlineKeyboardButton(t.BTN_EDIT_ANSWERS, callback_data=cb("edit", survey_id))]]
    if self_check:
        rows.append([my_result_button(survey_id)])
    return InlineKeyboardMarkup(rows)


def _short(title: str) -> str:
    return shorten(localize_digits(title), TITLE_MAX)


def inbox(items: list[InboxItem]) -> tuple[str, InlineKeyboardMarkup | None]:
    if not items:
        return t.MY_LIST_EMPTY, None
    lines, buttons = [t.MY_LIST_TITLE], []
    for item in items:
        survey = item.survey
        closes = (
            t.MY_LIST_CLOSES.format(when=format_jalali_datetime(survey.closes_at)) if survey.closes_at else ""
        )
        if item.state == "new":
            state, label, action = t.MY_STATE_NEW, t.BTN_MY_START, "start"
        elif item.state == SurveyResponseStatus.IN_PROGRESS:
            assert item.progress is not None
            state = t.MY_STATE_PROGRESS.format(progress=progress_text(item.progress))
            label, action = t.BTN_MY_CONTINUE, "start"
        else:
            state, label, action = t.MY_STATE_DONE, t.BTN_MY_EDIT, "edit"
        lines.append(t.MY_LIST_LINE.format(title=escape_fa(survey.title), state=state, closes=closes))
        buttons.append(
            [
                InlineKeyboardButton(
                    label.format(title=_short(survey.title)), callback_data=cb(action, survey.id)
                )
            ]
        )
    return "".join(lines), InlineKeyboardMarkup(buttons)
