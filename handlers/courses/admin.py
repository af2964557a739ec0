"""The CDA's courses: «📚 دوره‌های آموزشی» in the admin menu, creation and edit conversations, preview,
publish (and announce), reschedule, close, cancel. Roster screens live in handlers/course_roster.py.

registry.py sends every `cadm:*` press to `on_press`; router.py sends typed messages of the
`course_new` / `course_edit` flows to `on_message`. Services re-check rights and state every time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import Update

from bot import texts
from bot.config import Config
from bot.context import KhoosheContext
from bot.persian import PersianInputError, escape_fa, format_number
from bot.services.common.errors import DomainError, NotAllowed, StaleAction
from bot.services.courses import admin as ca
from bot.services.courses import admin_flow as flow
from bot.services.courses import fields as cf
from bot.services.members.accounts import Identity
from bot.texts import course_admin as t
from bot.texts import dates
from handlers import date_picker as dp
from handlers.courses import admin_keyboards as kb
from handlers.courses import admin_render as render
from handlers.courses import roster as course_roster
from handlers.courses.admin_kit import edit, run
from handlers.kit import ask, close_buttons, identity_of, message_of, quiet_note, send
from models import Event

FLOWS = flow.FLOWS


async def on_list_open(update: Update, context: KhoosheContext) -> None:
    """The admin-menu button and «بازگشت»: the courses with a button for each."""
    who, config, now = identity_of(update, context), context.config, context.now()
    listed = await run(update, context, lambda s: ca.list_courses(s, who, config, now=now))
    if listed is not None:
        items, more = listed
        await send(update, render.list_text(items, more), reply_markup=kb.course_list(items))


async def show_flow(update: Update, context: KhoosheContext, r: flow.FlowResult) -> None:
    """The next screen of a conversation: a question, the target toggles, the preview or the card."""
    config, now = context.config, context.now()
    event = r.summary.event if r.summary else None
    if r.kind == "ask" and r.step in cf.FIELDS:
        question = render.ask_text(r.step, r.values or _values(event), now)
        if event is not None:
            current = render.current_value(event, r.step)
            question = t.CADM_EDIT_ASK.format(label=t.FIELD_LABELS[r.step], current=current) + "\n" + question
        if r.step in flow.DATE_FIELDS:
            question += dates.PICK_HINT
        await ask(update, context, question, reply_markup=kb.question(r.step, r.event_id, r.token, now))
    elif r.kind == "ask" and r.step == flow.RESCHED and event is not None:
        markup = kb.question("starts_at", r.event_id, r.token, now)
        await ask(
            update, context, render.ask_reschedule(event, r.count) + dates.PICK_HINT, reply_markup=markup
        )
    elif r.kind == "ask" and event is not None:
        title = escape_fa(event.title)
        await ask(
            update,
            context,
            t.CADM_ASK_MESSAGE[r.values["to"]].format(count=format_number(r.count), title=title),
        )
    elif r.kind == flow.TARGETS:
        text = render.targets_text(r.segment, r.audience, config, event)
        await ask(update, context, text, reply_markup=kb.targets(r.segment, config, r.event_id, r.token))
    elif r.kind == "preview" and r.summary is not None:
        await send(update, render.preview_text(r.summary, config), reply_markup=kb.preview(r.event_id))
    elif r.kind == "edited":
        summary = r.change.summary if r.change else r.summary
        assert summary is not None
        note = t.CADM_EDIT_SAVED.format(label=t.FIELD_LABELS[r.step or "targets"])
        if r.change and r.change.offers:
            note += t.CADM_EDIT_OFFERS.format(count=format_number(r.change.offers)) + quiet_note(context)
            context.bot_data.delivery.poke()
        await send(update, note)
        await send(update, render.card_text(summary, config), reply_markup=kb.card(summary.event))
    elif r.kind == "rescheduled" and r.change is not None:
        await send(update, render.rescheduled_text(r.change) + (quiet_note(context) if r.change.told else ""))
        context.bot_data.delivery.poke()
    elif r.kind == "messaged":
        await send(update, t.CADM_MESSAGE_QUEUED.format(count=format_number(r.count)) + quiet_note(context))
        context.bot_data.delivery.poke()


def _values(event: Event | None) -> dict[str, Any]:
    return {"starts_at": event.starts_at} if event is not None else {}


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A typed answer in the `course_new` / `course_edit` flows; a bad one keeps the step."""
    who, config, now = identity_of(update, context), context.config, context.now()
    message = message_of(update)
    html = message.text_html if message.text is not None else None
    try:
        async with context.sessionmaker.begin() as session:
            r = await flow.receive(session, who, config, message.text, html, now=now)
    except (NotAllowed, StaleAction) as exc:  # rights withdrawn, or the course moved on: leave the flow
        async with context.sessionmaker.begin() as session:
            await flow.leave(session, who)
        await send(update, texts.UNKNOWN_TEXT if isinstance(exc, NotAllowed) else t.CADM_GONE)
        return
    except (DomainError, PersianInputError) as exc:
        await send(update, render.error_text(exc, now))
        return
    await show_flow(update, context, r)


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `cadm:*` button."""
    query = update.callback_query
    assert query is not None
    action, event_id, arg = kb.parse(query.data)
    if action in course_roster.ACTIONS:
        await course_roster.on_press(update, context, action, event_id, arg)
    elif action == "list":
        await on_list_open(update, context)
    elif action in FLOW_ACTIONS:
        await _flow_press(update, context, action, event_id, arg)
    elif action in LIFECYCLE_ACTIONS:
        await _lifecycle_press(update, context, action, event_id)
    else:
        await query.answer(texts.ERRORS["stale"])


FLOW_ACTIONS = ("new", "skip", "tg", "tgok", "fld", "resch", dp.ACTION)


async def _pick_press(update: Update, context: KhoosheContext, event_id: int, arg: str) -> None:
    """The date picker under a date question: move between its screens, or answer with the chosen time."""
    who, config, now = identity_of(update, context), context.config, context.now()
    r = await dp.press(
        update,
        context,
        arg,
        run,
        check=lambda s, token: flow.pick_check(s, who, config, event_id, token),
        choose=lambda s, token, text: flow.pick(s, who, config, event_id, token, text, now=now),
        keyboard=lambda field, token, pick: kb.picker(field, event_id, token, pick, now),
    )
    if r is not None:
        await show_flow(update, context, r)


async def _flow_press(update: Update, context: KhoosheContext, action: str, event_id: int, arg: str) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    if action == dp.ACTION:
        await _pick_press(update, context, event_id, arg)
        return
    if action == "new":
        r = await run(update, context, lambda s: flow.begin(s, who, config, now=now))
    elif action == "skip":
        r = await run(update, context, lambda s: flow.skip(s, who, config, event_id, arg, now=now))
    elif action == "tg":
        code, key, token = kb.parse_toggle(arg)
        r = await run(
            update, context, lambda s: flow.toggle(s, who, config, event_id, code, key, token=token, now=now)
        )
    elif action == "tgok":
        r = await run(
            update, context, lambda s: flow.targets_done(s, who, config, event_id, token=arg, now=now)
        )
    elif action == "fld":
        r = await run(update, context, lambda s: flow.start_edit(s, who, config, event_id, arg, now=now))
    else:
        r = await run(update, context, lambda s: flow.start_reschedule(s, who, config, event_id, now=now))
    if r is None:
        return
    if action == "new":
        await ask(update, context, t.CADM_FLOW_START + "\n\n" + render.ask_text(cf.FIELDS[0], {}, now))
    elif action == "tg":
        event = r.summary.event if r.summary else None
        text = render.targets_text(r.segment, r.audience, config, event)
        await edit(query, text, kb.targets(r.segment, config, event_id, r.token))
    else:
        if action == "skip":
            await close_buttons(query, t.SKIPPED)
        elif action == "tgok":
            await close_buttons(query, "✅ " + render.targets_line(r.segment or _segment(r), config))
        await show_flow(update, context, r)


def _segment(r: flow.FlowResult) -> dict[str, list[str]]:
    summary = r.summary or (r.change.summary if r.change else None)
    return ca.target_segment(summary.event) if summary else {}


LIFECYCLE_ACTIONS = ("card", "edit", "pub", "puba", "drop", "close", "reopen", "cncl", "cnclok", "cnclno")


async def _lifecycle_press(update: Update, context: KhoosheContext, action: str, event_id: int) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    if action in ("card", "edit", "cnclno"):
        load = ca.editable if action == "edit" else ca.summary
        summary = await run(update, context, lambda s: load(s, who, config, event_id))
        if summary is None:
            return
        if action == "card":
            await send(update, render.card_text(summary, config), reply_markup=kb.card(summary.event))
        elif action == "edit":
            title = escape_fa(summary.event.title)
            markup = kb.edit_fields(summary.event)
            await send(update, t.CADM_EDIT_CHOOSE.format(title=title), reply_markup=markup)
        else:
            await close_buttons(query, t.CADM_CANCEL_KEPT)
        return
    if action == "drop":
        if await run(update, context, lambda s: ca.discard_draft(s, who, config, event_id)) is None:
            return
        await close_buttons(query, t.CADM_DISCARDED)
        return
    if action == "cncl":
        question = await run(update, context, lambda s: _cancel_question(s, who, config, event_id))
        if question is not None:
            await send(update, question, reply_markup=kb.cancel_confirm(event_id))
        return
    change = await run(update, context, lambda s: _change(s, who, config, action, event_id, now))
    if change is None:
        return
    note = render.change_note(action, change)
    if change.broadcast_id is not None or change.told or change.offers:
        note += quiet_note(context)  # whoever is told hears it after quiet hours
        context.bot_data.delivery.poke()
    if action in ("pub", "puba", "cnclok"):
        await close_buttons(query, note)
        if action != "cnclok":
            summary = change.summary
            await send(update, render.card_text(summary, config), reply_markup=kb.card(summary.event))
    else:
        await edit(query, render.card_text(change.summary, config, note), kb.card(change.summary.event))


async def _cancel_question(session: Any, who: Identity, config: Config, event_id: int) -> str:
    count = await ca.to_be_told_on_cancel(session, who, config, event_id)
    summary = await ca.summary(session, who, config, event_id)
    return t.CADM_CANCEL_CONFIRM.format(title=escape_fa(summary.event.title), count=format_number(count))


async def _change(
    session: Any, who: Identity, config: Config, action: str, event_id: int, now: datetime
) -> ca.Change:
    if action in ("pub", "puba"):
        return await ca.publish(session, who, config, event_id, announce=action == "puba", now=now)
    if action == "close":
        return await ca.close_sign_up(session, who, config, event_id, now=now)
    if action == "reopen":
        return await ca.reopen_sign_up(session, who, config, event_id, now=now)
    return await ca.cancel(session, who, config, event_id, now=now)
