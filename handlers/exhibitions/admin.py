"""The CDA's exhibitions and tours: «🌍 نمایشگاه‌ها و تورها» in the admin menu, the creation
conversation (kind, fields, poster, targets), preview, publish and announce, the card with counts,
.xlsx/CSV, messages to responders or to those missing documents, received documents, close, cancel.

registry.py sends every `exha:*` press to `on_press`; router.py sends messages of the `exha_new` /
`exha_msg` flows to `on_message`. Services re-check rights and state every time.
"""

from __future__ import annotations

from typing import Any

from telegram import InputFile, Update

from bot import texts
from bot.config import Config
from bot.context import KhoosheContext
from bot.persian import PersianInputError, escape_fa, format_number
from bot.services.common.errors import DomainError, NotAllowed, StaleAction
from bot.services.exhibitions import admin as xa
from bot.services.exhibitions import admin_flow as flow
from bot.services.exhibitions import documents as docs
from bot.services.exhibitions import export
from bot.services.members.accounts import Identity
from bot.texts import dates
from bot.texts import exhibition_admin as t
from bot.texts.exhibitions import TRIP_KIND_LABELS
from handlers import date_picker as dp
from handlers.courses import admin_keyboards as ckb
from handlers.courses.admin_kit import edit, run
from handlers.courses.admin_render import targets_line
from handlers.exhibitions import admin_render as render
from handlers.kit import ask, close_buttons, identity_of, message_of, quiet_note, send, send_media
from models.enums import DocumentFileKind

FLOWS = flow.FLOWS


async def on_list_open(update: Update, context: KhoosheContext) -> None:
    """The admin-menu button and «بازگشت»: the items with a button for each."""
    who, config, now = identity_of(update, context), context.config, context.now()
    items = await run(update, context, lambda s: xa.list_items(s, who, config, now=now))
    if items is not None:
        await send(update, render.list_text(items), reply_markup=render.list_markup(items))


async def show_flow(update: Update, context: KhoosheContext, r: flow.FlowResult) -> None:
    config, now = context.config, context.now()
    if r.kind == "ask" and r.step == "msg" and r.summary is not None:
        title = escape_fa(r.summary.event.title)
        await ask(
            update, context, t.ASK_MESSAGE[r.values["to"]].format(count=format_number(r.count), title=title)
        )
    elif r.kind == "ask" and r.step is not None:
        question = render.ask_text(r.step, r.values, now)
        if r.step in flow.DATE_FIELDS:
            question += dates.PICK_HINT
        await ask(update, context, question, reply_markup=render.ask_markup(r.step, r.token, now))
    elif r.kind == "targets":
        await ask(
            update,
            context,
            render.targets_text(r.segment, r.audience, config),
            reply_markup=render.targets(r.segment, config, r.token),
        )
    elif r.kind == "preview" and r.summary is not None:
        await send(update, render.card_text(r.summary, config), reply_markup=render.card(r.summary))
    elif r.kind == "messaged":
        await send(update, t.MESSAGE_QUEUED.format(count=format_number(r.count)) + quiet_note(context))
        context.bot_data.delivery.poke()


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A typed answer, the poster photo, or the message to members; a bad one keeps the step."""
    who, config, now = identity_of(update, context), context.config, context.now()
    message = message_of(update)
    photo = message.photo[-1].file_id if message.photo else None
    html = message.text_html if message.text is not None else None
    try:
        async with context.sessionmaker.begin() as session:
            r = await flow.receive(
                session, who, config, text=message.text, text_html=html, photo_file_id=photo, now=now
            )
    except (NotAllowed, StaleAction) as exc:  # rights withdrawn, or the item moved on: leave the flow
        async with context.sessionmaker.begin() as session:
            await flow.leave(session, who)
        await send(update, texts.UNKNOWN_TEXT if isinstance(exc, NotAllowed) else texts.ERRORS["stale"])
        return
    except (DomainError, PersianInputError) as exc:
        await send(update, render.error_text(exc, now))
        return
    if photo is not None:
        await send(update, t.POSTER_SAVED)
    await show_flow(update, context, r)


FLOW_ACTIONS = ("new", "kind", "skip", "tg", "tgok", "msga", "msgd", dp.ACTION)
FILE_ACTIONS = ("xlsx", "csv", "docs")
LIFECYCLE_ACTIONS = ("card", "pub", "puba", "drop", "close", "reopen", "cncl", "cnclok", "cnclno")


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `exha:*` button."""
    query = update.callback_query
    assert query is not None
    action, event_id, arg = render.parse(query.data)
    if action == "list":
        await on_list_open(update, context)
    elif action in FLOW_ACTIONS:
        await _flow_press(update, context, action, event_id, arg)
    elif action in FILE_ACTIONS:
        await _files_press(update, context, action, event_id)
    elif action in LIFECYCLE_ACTIONS:
        await _lifecycle_press(update, context, action, event_id)
    else:
        await query.answer(texts.ERRORS["stale"])


async def _pick_press(update: Update, context: KhoosheContext, arg: str) -> None:
    """The date picker under a date question: move between its screens, or answer with the chosen time."""
    who, config, now = identity_of(update, context), context.config, context.now()
    r = await dp.press(
        update,
        context,
        arg,
        run,
        check=lambda s, token: flow.pick_check(s, who, config, token),
        choose=lambda s, token, text: flow.pick(s, who, config, token, text, now=now),
        keyboard=lambda step, token, pick: render.picker(step, token, pick, now),
    )
    if r is not None:
        await show_flow(update, context, r)


async def _flow_press(update: Update, context: KhoosheContext, action: str, event_id: int, arg: str) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    if action == dp.ACTION:
        await _pick_press(update, context, arg)
        return
    if action == "new":
        r = await run(update, context, lambda s: flow.begin(s, who, config, now=now))
    elif action == "kind":
        kind, _, token = arg.partition(":")
        r = await run(update, context, lambda s: flow.choose_kind(s, who, config, kind, token=token, now=now))
    elif action == "skip":
        r = await run(update, context, lambda s: flow.skip(s, who, config, token=arg, now=now))
    elif action == "tg":
        code, key, token = ckb.parse_toggle(arg)
        r = await run(update, context, lambda s: flow.toggle(s, who, config, code, key, token=token, now=now))
    elif action == "tgok":
        r = await run(update, context, lambda s: flow.targets_done(s, who, config, token=arg, now=now))
    else:
        to = "all" if action == "msga" else "nodocs"
        r = await run(update, context, lambda s: flow.start_message(s, who, config, event_id, to, now=now))
    if r is None:
        return
    if action == "new":
        await send(update, t.FLOW_START)
    elif action == "kind":
        await close_buttons(query, "✅ " + TRIP_KIND_LABELS.get(arg.partition(":")[0], ""))
    elif action == "skip":
        await close_buttons(query, t.SKIPPED)
    elif action == "tg":
        await edit(
            query,
            render.targets_text(r.segment, r.audience, config),
            render.targets(r.segment, config, r.token),
        )
        return
    elif action == "tgok":
        await close_buttons(query, "✅ " + targets_line(r.segment, config))
    await show_flow(update, context, r)


async def _files_press(update: Update, context: KhoosheContext, action: str, event_id: int) -> None:
    """Exports as files; received documents re-sent to the admin by their Telegram file ids."""
    who, config = identity_of(update, context), context.config
    chat = update.effective_chat
    assert chat is not None
    if action == "docs":
        stored = await run(
            update, context, lambda s: docs.for_admin(s, who, config, event_id, now=context.now())
        )
        if stored is None:
            return
        if not stored:
            await send(update, t.DOCS_NONE)
            return
        await send(update, t.DOCS_SENDING.format(count=format_number(len(stored))))
        for doc in stored:
            caption = t.DOC_CAPTION.format(name=escape_fa(doc.member_name), label=escape_fa(doc.label))
            if doc.file_kind == DocumentFileKind.PHOTO:
                await send_media(update, "photo", doc.file_id, caption)
            else:
                await send_media(update, "document", doc.file_id, caption)
        return
    now = context.now()
    found = await run(
        update, context, lambda s: export.responses(s, who, config, event_id, fmt=action, now=now)
    )
    if found is None:
        return
    data = export.to_xlsx(found) if action == "xlsx" else export.to_csv(found)
    caption = t.EXPORT_CAPTION.format(
        title=escape_fa(found.event.title), count=format_number(len(found.rows))
    )
    document = InputFile(data, filename=export.file_name(found.event.title, action, context.now()))
    await send_media(update, "document", document, caption)


async def _lifecycle_press(update: Update, context: KhoosheContext, action: str, event_id: int) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    if action in ("card", "cnclno"):
        summary = await run(update, context, lambda s: xa.summary(s, who, config, event_id))
        if summary is None:
            return
        if action == "card":
            await send(update, render.card_text(summary, config), reply_markup=render.card(summary))
        else:
            await close_buttons(query, t.CANCEL_KEPT)
        return
    if action == "drop":
        if await run(update, context, lambda s: xa.discard_draft(s, who, config, event_id)) is not None:
            await close_buttons(query, t.DISCARDED)
        return
    if action == "cncl":
        found = await run(update, context, lambda s: _cancel_question(s, who, config, event_id))
        if found is not None:
            await send(update, found, reply_markup=render.cancel_confirm(event_id))
        return
    calls = {
        "pub": lambda s: xa.publish(s, who, config, event_id, announce=False, now=now),
        "puba": lambda s: xa.publish(s, who, config, event_id, announce=True, now=now),
        "close": lambda s: xa.close(s, who, config, event_id, now=now),
        "reopen": lambda s: xa.reopen(s, who, config, event_id, now=now),
        "cnclok": lambda s: xa.cancel(s, who, config, event_id, now=now),
    }
    change = await run(update, context, calls[action])
    if change is None:
        return
    note = render.change_note(action, change)
    if change.broadcast_id is not None or change.told or change.offers:
        note += quiet_note(context)  # whoever is told hears it after quiet hours
        context.bot_data.delivery.poke()
    if action == "cnclok":
        await close_buttons(query, note.strip())
        return
    await edit(query, render.card_text(change.summary, config, note), render.card(change.summary))


async def _cancel_question(session: Any, who: Identity, config: Config, event_id: int) -> str:
    summary = await xa.summary(session, who, config, event_id)
    count = len(await xa.responders(session, event_id))
    return t.CANCEL_CONFIRM.format(title=escape_fa(summary.event.title), count=format_number(count))
