"""A course's roster for the CDA: counts and names, .xlsx and CSV files, attendance toggles edited in
place, feedback summary, and «✉️ پیام به …» (the message itself is typed in the course_edit flow).

The roster holds phone numbers: every press goes through a service that re-checks admin rights.
"""

from __future__ import annotations

from telegram import InputFile, Update

from bot import texts
from bot.callbacks import parse_id, parse_small
from bot.context import KhoosheContext
from bot.persian import escape_fa, format_number
from bot.services.courses import admin_flow as flow
from bot.services.courses import export, roster
from bot.texts import course_admin as t
from handlers.courses import admin_keyboards as kb
from handlers.courses import roster_render as render
from handlers.courses.admin_kit import edit, run
from handlers.kit import identity_of, send, send_media

ACTIONS = ("roster", "xlsx", "csv", "att", "atp", "at", "atrest", "fb", "msgr", "msga")


PAGE_MAX = 10_000  # far more attendance pages than a course has; a larger page is a forged press


async def on_press(update: Update, context: KhoosheContext, action: str, event_id: int, arg: str) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    if action in ("roster", "xlsx", "csv"):
        found = await run(update, context, lambda s: roster.export(s, who, config, event_id))
        if found is None:
            return
        if action == "roster":
            await send(update, render.roster_text(found))
            return
        data = export.to_xlsx(found) if action == "xlsx" else export.to_csv(found)
        chat = update.effective_chat
        assert chat is not None
        caption = t.EXPORT_CAPTION.format(
            title=escape_fa(found.event.title), count=format_number(len(found.entries))
        )
        document = InputFile(data, filename=export.file_name(found.event.title, action, now))
        await send_media(update, "document", document, caption)
        return
    if action == "fb":
        summary = await run(update, context, lambda s: roster.feedback(s, who, config, event_id))
        if summary is not None:
            await send(update, render.feedback_text(summary))
        return
    if action in ("msgr", "msga"):
        to = "reg" if action == "msgr" else "abs"
        r = await run(update, context, lambda s: flow.start_message(s, who, config, event_id, to, now=now))
        if r is not None and r.summary is not None:
            title = escape_fa(r.summary.event.title)
            await send(update, t.CADM_ASK_MESSAGE[to].format(count=format_number(r.count), title=title))
        return
    await _attendance_press(update, context, action, event_id, arg)


async def _attendance_press(
    update: Update, context: KhoosheContext, action: str, event_id: int, arg: str
) -> None:
    """`att` sends the list; `atp:<page>`, `at:<member>:<page>` and `atrest:<page>` edit it in place."""
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    first, _, second = arg.partition(":")
    page = 0 if action == "att" else parse_small(second if action == "at" else first, limit=PAGE_MAX)
    member_id = parse_id(first) if action == "at" else 0
    if page is None or member_id is None:
        await query.answer(texts.ERRORS["stale"])
        return
    if action in ("att", "atp"):
        result = await run(update, context, lambda s: roster.attendance(s, who, config, event_id, page))
    elif action == "at":
        result = await run(
            update,
            context,
            lambda s: roster.toggle_attendance(s, who, config, event_id, member_id, page=page, now=now),
        )
    else:
        result = await run(
            update, context, lambda s: roster.mark_rest_absent(s, who, config, event_id, page=page, now=now)
        )
    if result is None:
        return
    text, markup = render.attendance_text(result), kb.attendance(result)
    if action == "att":  # from the card: a new message; paging and taps edit it in place
        await send(update, text, reply_markup=markup)
    else:
        await edit(query, text, markup)
