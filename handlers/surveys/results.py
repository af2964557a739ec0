"""A survey's results for the CDA (`svr:*` presses): the Persian summary, chart photos, .xlsx / CSV files,
and «از نتیجه تا اقدام» (question → answer → the members who chose it → the broadcast composer).

The entry point is the «نتایج» button (`svr:res:<id>`) on the CDA's survey card. Every press runs one
service call that re-checks admin rights and the survey; a member forging a press gets nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest

from bot import texts
from bot.context import KhoosheContext
from bot.persian import escape_fa, format_number
from bot.services.common.errors import DomainError
from bot.services.readiness.report import is_self_check
from bot.services.surveys import action, charts, export
from bot.services.surveys import results as sr
from bot.texts import broadcast as tb
from bot.texts import survey_results as t
from handlers.kit import edit as kit_edit
from handlers.kit import identity_of, send, send_media
from handlers.readiness import views as readiness
from handlers.surveys import results_keyboards as kb
from handlers.surveys import results_render as render

T = TypeVar("T")
SILENT = ("stale", "not_allowed")
log = logging.getLogger(__name__)


async def _run(update: Update, context: KhoosheContext, call: Callable[[Any], Awaitable[T]]) -> T | None:
    """One service call in one transaction; refusals are answered on the button and give None."""
    query = update.callback_query
    assert query is not None
    try:
        async with context.sessionmaker.begin() as session:
            result = await call(session)
    except DomainError as exc:
        if exc.code in SILENT:
            await query.answer(texts.ERRORS["stale"])
        else:
            await query.answer(t.ERRORS.get(exc.code, texts.ERRORS["stale"]), show_alert=True)
        return None
    await query.answer()
    return result


async def _edit(update: Update, text: str, markup: InlineKeyboardMarkup) -> None:
    query = update.callback_query
    assert query is not None
    try:
        await kit_edit(query, text, reply_markup=markup)
    except BadRequest as exc:  # "message is not modified" after a double tap
        log.info("could not edit the survey results message: %s", exc.message)


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `svr:*` button."""
    query = update.callback_query
    assert query is not None
    parsed = kb.parse(query.data)
    if parsed is None:
        await query.answer(texts.ERRORS["stale"])
        return
    act, survey_id, args = parsed
    who, config = identity_of(update, context), context.config
    if act == "res":
        await _results(update, context, survey_id)
    elif act in ("xlsx", "csv"):
        await _file(update, context, survey_id, act)
    elif act == "act":
        found = await _run(update, context, lambda s: action.choice_questions(s, who, config, survey_id))
        if found is not None:
            survey, questions = found
            await send(
                update, render.pick_question(survey.title), reply_markup=kb.questions(survey_id, questions)
            )
    elif act == "q":
        picked = await _run(
            update, context, lambda s: action.question_choices(s, who, config, survey_id, args[0])
        )
        if picked is not None:
            _, number, question = picked
            await _edit(update, render.pick_choice(question), kb.choices(survey_id, number, question))
    elif act == "c":
        group = await _run(update, context, lambda s: action.group(s, who, config, survey_id, *args))
        if group is not None:
            await _edit(update, render.group_text(group), kb.group(group))
    else:
        await _broadcast(update, context, survey_id, args)


async def _results(update: Update, context: KhoosheContext, survey_id: int) -> None:
    who, config = identity_of(update, context), context.config
    results = await _run(update, context, lambda s: sr.results(s, who, config, survey_id))
    if results is None:
        return
    messages = render.results_messages(results)
    for index, text in enumerate(messages):
        last = index == len(messages) - 1
        markup = kb.results(survey_id, anonymous=results.survey.anonymous) if last else None
        await send(update, text, reply_markup=markup)
    chat = update.effective_chat
    assert chat is not None
    for chart in await asyncio.to_thread(charts.charts, results):  # ~50 ms each: off the event loop
        photo = InputFile(chart.png, filename=f"survey-{survey_id}-q{chart.number}.png")
        await send_media(update, "photo", photo, render.chart_caption(chart.number, chart.question))
    if is_self_check(results.survey):  # the readiness self-check: its score distribution last
        await readiness.send_distribution(update, context, survey_id)


async def _file(update: Update, context: KhoosheContext, survey_id: int, kind: str) -> None:
    who, config = identity_of(update, context), context.config
    found = await _run(update, context, lambda s: sr.export(s, who, config, survey_id))
    if found is None:
        return
    data = export.to_xlsx(found) if kind == "xlsx" else export.to_csv(found)
    chat = update.effective_chat
    assert chat is not None
    survey = found.results.survey
    caption = t.EXPORT_CAPTION.format(title=escape_fa(survey.title), count=format_number(len(found.rows)))
    if not survey.anonymous:
        caption += t.EXPORT_CAPTION_MOBILES
    document = InputFile(data, filename=export.file_name(survey.title, kind, context.now()))
    await send_media(update, "document", document, caption)


async def _broadcast(update: Update, context: KhoosheContext, survey_id: int, args: list[int]) -> None:
    """«📣 پیام به این گروه»: the broadcast composer, its audience preset to the group."""
    who, config, now = identity_of(update, context), context.config, context.now()
    group = await _run(
        update, context, lambda s: action.start_broadcast(s, who, config, survey_id, *args, now=now)
    )
    if group is not None:
        await send(update, f"{render.broadcast_intro(group)}\n\n{tb.BCAST_ASK_CONTENT}")
