"""The CDA's surveys: «📝 نظرسنجی‌ها» in the admin menu, creation (shipped, file, in-chat builder),
question preview, audience, anonymity, launch now or at a time, closing time, close by hand.

registry.py sends every `sva:*` press to `on_press`; router.py sends messages of the `survey_admin`
flow (typed answers and the uploaded definition file) to `on_message`. Services re-check rights and
state every time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from telegram import InputFile, Update

from bot import texts
from bot.config import Config
from bot.context import KhoosheContext
from bot.persian import PersianInputError, escape_fa, format_jalali_datetime, format_number, to_persian_digits
from bot.services.common import lifecycle as lc
from bot.services.common.errors import DomainError, NotAllowed, StaleAction
from bot.services.members.accounts import Identity
from bot.services.surveys import admin as sv
from bot.services.surveys import admin_flow as flow
from bot.services.surveys.parse import MAX_FILE_BYTES, DefinitionError
from bot.texts import dates
from bot.texts import surveys as t
from handlers import date_picker as dp
from handlers.courses.admin_kit import edit
from handlers.keyboards import is_menu_button
from handlers.kit import alert_text, ask, close_buttons, identity_of, message_of, quiet_note, send, send_media
from handlers.menu import route_menu
from handlers.surveys import admin_render as render

FLOW = flow.FLOW
MAX_ERROR_LINES = 20
SILENT = ("stale", "not_allowed")
T = TypeVar("T")


def error_text(exc: Exception) -> str:
    if isinstance(exc, DefinitionError):
        lines = [f"• {line}" for line in exc.lines[:MAX_ERROR_LINES]]  # HTML, escaped by parse.py
        if len(exc.lines) > MAX_ERROR_LINES:
            lines.append(t.FILE_REJECTED_MORE.format(count=format_number(len(exc.lines) - MAX_ERROR_LINES)))
        return t.FILE_REJECTED.format(lines="\n".join(lines))
    if isinstance(exc, PersianInputError):
        return exc.message_fa
    code = getattr(exc, "code", "stale")
    message = t.ADMIN_ERRORS.get(code) or texts.ERRORS.get(code) or texts.ERRORS["stale"]
    return message.format(max=format_number(exc.limit)) if isinstance(exc, flow.BuilderTooLong) else message


async def run(update: Update, context: KhoosheContext, call: Callable[[Any], Awaitable[T]]) -> T | None:
    """One service call in one transaction for a press; refusals are answered and give None."""
    query = update.callback_query
    assert query is not None
    try:
        async with context.sessionmaker.begin() as session:
            result = await call(session)
    except (DomainError, PersianInputError) as exc:
        if getattr(exc, "code", "stale") in SILENT:
            await query.answer(texts.ERRORS["stale"])
        else:
            await query.answer(alert_text(error_text(exc)), show_alert=True)
        return None
    await query.answer()
    return result


def _example(context: KhoosheContext) -> str:
    return format_jalali_datetime(context.now() + timedelta(days=3), weekday=False)


async def on_list_open(update: Update, context: KhoosheContext) -> None:
    who, config = identity_of(update, context), context.config
    if update.callback_query is not None:
        items = await run(update, context, lambda s: sv.list_surveys(s, who, config))
    else:
        async with context.sessionmaker() as session:
            items = await sv.list_surveys(session, who, config)
    if items is not None:
        await send(update, render.list_text(items), reply_markup=render.list_markup(items))


async def show_card(
    update: Update, context: KhoosheContext, summary: sv.SurveySummary, note: str = ""
) -> None:
    await send(
        update,
        render.card_text(summary, context.config, note),
        reply_markup=render.card_markup(summary.survey),
    )


async def show_created(update: Update, context: KhoosheContext, summary: sv.SurveySummary) -> None:
    """A new draft: the questions as members will get them, then the card with its controls."""
    for chunk in render.questions_text(summary.survey):
        await send(update, chunk)
    await show_card(update, context, summary, t.SVA_CREATED)


async def show_flow(update: Update, context: KhoosheContext, r: flow.FlowResult) -> None:
    if r.kind == "created" and r.summary is not None:
        await show_created(update, context, r.summary)
    elif r.kind == "launched" and r.summary is not None:
        survey = r.summary.survey
        assert survey.opens_at is not None
        note = t.SVA_SCHEDULED.format(when=format_jalali_datetime(survey.opens_at))
        await show_card(update, context, r.summary, note)
        context.bot_data.delivery.poke()
    elif r.kind == "closing_set" and r.summary is not None and r.summary.survey.closes_at is not None:
        note = t.SVA_CLOSING_SET.format(when=format_jalali_datetime(r.summary.survey.closes_at))
        await show_card(update, context, r.summary, note)
    elif r.step == flow.FILE:
        await ask(update, context, t.ASK_FILE, reply_markup=render.sample_markup())
    elif r.step == flow.B_TITLE:
        await ask(update, context, t.ASK_B_TITLE)
    elif r.step == flow.B_TYPE:
        text = t.ASK_B_TYPE.format(n=format_number(r.count + 1), done=t.ASK_B_TYPE_DONE if r.count else ":")
        await ask(update, context, text, reply_markup=render.builder_types(r.count, r.token))
    elif r.step == flow.B_TEXT:
        kind = t.TYPE_LABELS.get(r.question_type, "")
        await ask(update, context, t.ASK_B_TEXT.format(n=format_number(r.count + 1), kind=kind))
    elif r.step == flow.B_CHOICES:
        await ask(update, context, t.ASK_B_CHOICES)
    elif r.step in (flow.LAUNCH_AT, flow.CLOSE_AT):
        prompt = t.ASK_LAUNCH_AT if r.step == flow.LAUNCH_AT else t.ASK_CLOSE_AT
        markup = render.picker_months(r.survey_id, r.token, context.now())
        await ask(
            update, context, prompt.format(example=_example(context)) + dates.PICK_HINT, reply_markup=markup
        )


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A typed answer or a document in the `survey_admin` flow; a bad one keeps the step."""
    who, config, now = identity_of(update, context), context.config, context.now()
    message = message_of(update)
    if is_menu_button(context, message.text):  # a main-menu button leaves the conversation
        async with context.sessionmaker.begin() as session:
            await flow.leave(session, who)
        await route_menu(update, context, message.text or "")
        return
    try:
        if message.document is not None:
            if (message.document.file_size or 0) > MAX_FILE_BYTES:
                raise DefinitionError(
                    [t.PARSE["too_big"].format(max=to_persian_digits(MAX_FILE_BYTES // 1000))]
                )
            file = await message.document.get_file()
            data = bytes(await file.download_as_bytearray())
            async with context.sessionmaker.begin() as session:
                r = await flow.receive_file(session, who, config, data, message.document.file_name, now=now)
        else:
            async with context.sessionmaker.begin() as session:
                r = await flow.receive_text(session, who, config, message.text, now=now)
    except (NotAllowed, StaleAction) as exc:  # rights withdrawn, or the survey moved on: leave the flow
        async with context.sessionmaker.begin() as session:
            await flow.leave(session, who)
        await send(update, texts.UNKNOWN_TEXT if isinstance(exc, NotAllowed) else t.SVA_GONE)
        return
    except (DomainError, PersianInputError) as exc:
        refused = isinstance(exc, DefinitionError)  # the sample is one press away
        await send(update, error_text(exc), reply_markup=render.sample_markup() if refused else None)
        return
    await show_flow(update, context, r)


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `sva:*` button."""
    query = update.callback_query
    assert query is not None
    action, survey_id, arg = render.parse(query.data)
    who, config, now = identity_of(update, context), context.config, context.now()
    if action == "list":
        await on_list_open(update, context)
    elif action == "new":
        if await run(update, context, lambda s: _admin_ok(s, who, config)):
            await send(update, t.SVA_NEW, reply_markup=render.new_markup())
    elif action == "sample":
        data = await run(update, context, lambda s: sv.sample_file(s, who, config))
        if data is not None:
            document = InputFile(data, filename=t.SVA_SAMPLE_FILE_NAME)
            await send_media(update, "document", document, t.SVA_SAMPLE_CAPTION)
    elif action in ("file", "build", "bt", "bdone", "when", "closeat"):
        await _flow_press(update, context, action, survey_id, arg)
    elif action == dp.ACTION:
        await _pick_press(update, context, survey_id, arg)
    elif action == "ship":
        survey = await run(update, context, lambda s: _shipped(s, who, config, now, arg or sv.SHIPPED))
        if survey is not None:
            await close_buttons(query)
            await show_created(update, context, survey)
    elif action in ("card", "qs", "aud"):
        summary = await run(update, context, lambda s: sv.summary(s, who, config, survey_id))
        if summary is None:
            return
        if action == "card":
            await show_card(update, context, summary)
        elif action == "qs":
            for chunk in render.questions_text(summary.survey):
                await send(update, chunk)
        elif lc.allows(lc.SURVEY, summary.survey.status, lc.EDIT):
            markup = render.audience_markup(summary.survey, config)
            await send(update, render.audience_text(summary, config), reply_markup=markup)
    elif action in ("tg", "anon", "go", "close", "drop"):
        await _change_press(update, context, action, survey_id, arg)
    else:
        await query.answer(texts.ERRORS["stale"])


async def _admin_ok(session: Any, who: Identity, config: Config) -> bool:
    await sv.check_admin(session, who, config)
    return True


async def _shipped(session: Any, who: Identity, config: Config, now: datetime, key: str) -> sv.SurveySummary:
    survey = await sv.create_shipped(session, who, config, now=now, key=key)
    return await sv.summarise(session, survey, config)


async def _pick_press(update: Update, context: KhoosheContext, survey_id: int, arg: str) -> None:
    """The date picker under «زمان‌بندی ارسال» / «زمان بستن»: its next screen, or the chosen time."""
    who, config, now = identity_of(update, context), context.config, context.now()
    r = await dp.press(
        update,
        context,
        arg,
        run,
        check=lambda s, token: flow.pick_check(s, who, config, survey_id, token),
        choose=lambda s, token, text: flow.pick(s, who, config, survey_id, token, text, now=now),
        keyboard=lambda _step, token, pick: render.picker(survey_id, token, pick, now),
    )
    if r is not None:
        await show_flow(update, context, r)


async def _flow_press(update: Update, context: KhoosheContext, action: str, survey_id: int, arg: str) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    if action == "file":
        r = await run(update, context, lambda s: flow.begin_file(s, who, config, now=now))
    elif action == "build":
        r = await run(update, context, lambda s: flow.begin_builder(s, who, config, now=now))
    elif action == "bt":
        kind, _, token = arg.partition(":")
        r = await run(update, context, lambda s: flow.choose_type(s, who, config, kind, token=token, now=now))
    elif action == "bdone":
        r = await run(update, context, lambda s: flow.finish_builder(s, who, config, token=arg, now=now))
    else:
        step = flow.LAUNCH_AT if action == "when" else flow.CLOSE_AT
        r = await run(update, context, lambda s: flow.begin_time(s, who, config, survey_id, step, now=now))
    if r is None:
        return
    if action == "bt":
        await close_buttons(query, "✅ " + t.TYPE_LABELS.get(arg.partition(":")[0], ""))
    elif action in ("file", "build", "bdone"):
        await close_buttons(query)
    await show_flow(update, context, r)


async def _change_press(
    update: Update, context: KhoosheContext, action: str, survey_id: int, arg: str
) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    if action == "tg":
        code, _, key = arg.partition(":")
        summary = await run(
            update, context, lambda s: sv.toggle_segment(s, who, config, survey_id, code, key, now=now)
        )
        if summary is not None:
            await edit(
                query, render.audience_text(summary, config), render.audience_markup(summary.survey, config)
            )
        return
    if action == "drop":
        title = await run(update, context, lambda s: sv.discard_draft(s, who, config, survey_id))
        if title is not None:
            await close_buttons(query, t.SVA_DROPPED.format(title=escape_fa(title)))
        return
    if action == "anon":
        summary = await run(
            update, context, lambda s: sv.toggle_anonymous(s, who, config, survey_id, now=now)
        )
        note = ""
    elif action == "go":
        summary = await run(
            update, context, lambda s: sv.launch(s, who, config, survey_id, due_at=None, now=now)
        )
        note = t.SVA_LAUNCHED.format(count=format_number(summary.survey.invited)) if summary else ""
        if summary is not None:
            note += quiet_note(context)
            context.bot_data.delivery.poke()
    else:
        summary = await run(update, context, lambda s: sv.close(s, who, config, survey_id, now=now))
        note = t.SVA_CLOSED
    if summary is not None:
        await edit(query, render.card_text(summary, config, note), render.card_markup(summary.survey))
