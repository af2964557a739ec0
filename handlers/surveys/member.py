"""Surveys for members: «📝 نظرسنجی‌ها», the deep link `survey_<id>`, `sv:*` presses, typed answers.

Each answer closes the buttons of its question (keeping the answer under it; a typed answer closes
them too, handlers/router.py) and the next question comes as a new message; ✅ toggles edit the
question in place. The services re-check the survey's
state and that the press is for the member's current question, every time.
"""

from __future__ import annotations

import contextlib

from telegram import Message, Update
from telegram.error import BadRequest

from bot import callbacks, texts
from bot.context import KhoosheContext
from bot.persian import escape_fa, format_number
from bot.services.common.errors import DomainError, InvalidInput, NotRegistered
from bot.services.readiness.report import is_self_check
from bot.services.surveys import answering as sa
from bot.services.surveys import inbox as survey_inbox
from bot.services.surveys import logic
from bot.texts import surveys as t
from handlers import keyboards as kb
from handlers.kit import alert_text, ask, close_buttons, edit_buttons, identity_of, message_of, send
from handlers.menu import route_menu
from handlers.readiness import views as readiness
from handlers.surveys import render

DEEP_LINK = sa.DEEP_LINK
FLOW = sa.FLOW


def parse_deep_link(payload: str | None) -> int | None:
    """`survey_12` -> 12 (from https://t.me/<bot>?start=survey_12); a forged id -> None."""
    link = callbacks.parse_deep_link(payload, {DEEP_LINK})
    return link.object_id if link is not None else None


def error_text(exc: DomainError, step: sa.Step | None = None) -> str:
    code = exc.code
    question = step.question if step else None
    if code in ("number_below", "number_above") and question is not None:
        return t.MEMBER_ERRORS[code].format(
            min=render.answer_text(question, question.min), max=render.answer_text(question, question.max)
        )
    if code == "text_too_long":
        return t.MEMBER_ERRORS[code].format(max=format_number(logic.TEXT_MAX))
    if code in t.MEMBER_ERRORS:
        return t.MEMBER_ERRORS[code]
    return texts.ERRORS.get(code, texts.ERRORS["stale"])


async def show_list(update: Update, context: KhoosheContext) -> None:
    async with context.sessionmaker.begin() as session:
        await sa.leave(session, identity_of(update, context))
        items = await survey_inbox.open_surveys(session, identity_of(update, context), now=context.now())
    text, markup = render.inbox(items)
    await send(update, text, reply_markup=markup)


async def pause(update: Update, context: KhoosheContext) -> None:
    """/start while answering: stop routing typed messages here; the answers and the place stay."""
    async with context.sessionmaker.begin() as session:
        await sa.leave(session, identity_of(update, context))
    await send(update, t.PAUSED, reply_markup=kb.main_menu(context))


async def show_step(update: Update, context: KhoosheContext, step: sa.Step) -> None:
    if step.question is not None:
        await ask(update, context, render.question_text(step), reply_markup=render.question_markup(step))
    elif step.finished:
        await send(
            update, t.FINISHED.format(title=escape_fa(step.survey.title)), reply_markup=kb.main_menu(context)
        )
        if is_self_check(step.survey):  # the readiness self-check: the member's score and next steps
            await readiness.send_member_result(update, context, step.survey.id)
    else:  # «شروع» on a completed response
        text = t.ALREADY_DONE.format(title=escape_fa(step.survey.title))
        markup = render.edit_markup(step.survey.id, self_check=is_self_check(step.survey))
        await send(update, text, reply_markup=markup)


async def open_from_link(update: Update, context: KhoosheContext, survey_id: int) -> None:
    """/start survey_<id>: start or continue the survey."""
    try:
        async with context.sessionmaker.begin() as session:
            step = await sa.start(session, identity_of(update, context), survey_id, now=context.now())
    except NotRegistered:
        await send(update, texts.NOT_REGISTERED)
        return
    except DomainError as exc:
        await send(update, t.SURVEY_NOT_FOUND if exc.code == "stale" else error_text(exc))
        return
    await show_step(update, context, step)


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `sv:*` button."""
    query = update.callback_query
    assert query is not None
    action, survey_id, key, arg = render.parse(query.data)
    who, now = identity_of(update, context), context.now()
    try:
        async with context.sessionmaker.begin() as session:
            if action == "start":
                step = await sa.start(session, who, survey_id, now=now)
            elif action == "edit":
                step = await sa.reopen(session, who, survey_id, now=now)
            elif action == "t":
                step = await sa.toggle(session, who, survey_id, key, arg, now=now)
            elif action == "c":
                step = await sa.choose(session, who, survey_id, key, arg, now=now)
            elif action == "ok":
                step = await sa.submit(session, who, survey_id, key, now=now)
            elif action == "s":
                step = await sa.rate(session, who, survey_id, key, arg, now=now)
            elif action == "skip":
                step = await sa.skip(session, who, survey_id, key, now=now)
            elif action == "keep":
                step = await sa.keep(session, who, survey_id, key, now=now)
            elif action == "back":
                step = await sa.back(session, who, survey_id, key, now=now)
            else:
                raise InvalidInput("stale")
    except DomainError as exc:
        await query.answer(alert_text(error_text(exc)), show_alert=exc.code not in ("stale", "not_allowed"))
        return
    await query.answer()
    if action == "t":  # a ✅ toggle: the same question, edited in place
        message = query.message
        if isinstance(message, Message):
            with contextlib.suppress(BadRequest):
                await edit_buttons(query, render.question_markup(step))
        return
    if action == "edit":
        await close_buttons(query)
    elif action != "start":
        await close_buttons(query, _note(action, step))
    await show_step(update, context, step)


def _note(action: str, step: sa.Step) -> str:
    """What stays under a question once its buttons are gone."""
    if action == "skip":
        return t.SKIPPED
    if action == "back":
        return t.WENT_BACK
    if step.answered is None:
        return ""
    return t.ANSWERED.format(answer=render.answer_text(step.answered, step.answered_with))


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A typed message while answering (router: flow `survey`): a number or text answer."""
    message = message_of(update)
    if kb.is_menu_button(
        context, message.text
    ):  # the member went elsewhere: keep the answers, stop routing here
        async with context.sessionmaker.begin() as session:
            await sa.leave(session, identity_of(update, context))
        await route_menu(update, context, message.text or "")
        return
    who, now = identity_of(update, context), context.now()
    try:
        async with context.sessionmaker.begin() as session:
            step = await sa.typed(session, who, message.text, now=now)
    except DomainError as exc:
        if exc.code in ("stale", "survey_closed"):  # nothing to answer any more: stop routing here
            async with context.sessionmaker.begin() as session:
                await sa.leave(session, who)
            text = error_text(exc) if exc.code == "survey_closed" else texts.UNKNOWN_TEXT
            await send(update, text, reply_markup=kb.main_menu(context))
            return
        current = None
        with contextlib.suppress(DomainError):
            async with context.sessionmaker() as session:
                current = await sa.resume_point(session, who, now=now)
        await send(update, error_text(exc, current))
        return
    await show_step(update, context, step)
