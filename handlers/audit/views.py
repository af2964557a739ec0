"""«🧾 گزارش کارها» (`aud:*`): the latest entries, one object's history (the «🧾 سابقه» button on cards),
and the .xlsx. Every press runs a service that re-checks admin rights; a forged press shows nothing."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import BadRequest

from bot import texts
from bot.callbacks import decode, encode, parse_small
from bot.context import KhoosheContext
from bot.persian import escape_fa, format_jalali_datetime, format_number, to_persian_digits
from bot.services.audit import export, log
from bot.services.common.errors import DomainError
from bot.texts import audit as t
from handlers.audit.buttons import PREFIX
from handlers.kit import edit, identity_of, send, send_media
from models.enums import AuditKind

T = TypeVar("T")


def labels() -> export.Labels:
    return export.Labels(t.EXPORT_SHEET, t.EXPORT_HEADERS, t.ACTIONS, t.KINDS, t.COMMAND_LINE)


def entry_text(entry: Any) -> str:
    if entry.actor_user_id == 0:
        who = t.COMMAND_LINE
    else:
        who = escape_fa(entry.actor_name) or t.UNKNOWN_ADMIN.format(id=to_persian_digits(entry.actor_user_id))
    # «افزودن مدیر ۱۲۳۴۵»: the new admin's user id stands for the object; else «دوره ۱۲»
    kind = "" if entry.object_kind == AuditKind.ADMIN else t.KINDS.get(entry.object_kind, entry.object_kind)
    if entry.object_id is not None:
        kind = f"{kind} {to_persian_digits(entry.object_id)}".strip()
    summary = (
        t.ENTRY_SUMMARY.format(summary=summary_text(entry.object_kind, entry.summary))
        if entry.summary
        else ""
    )
    action = t.ACTIONS.get(entry.action, entry.action)
    what = f"{action} {kind}" if kind else action
    return t.ENTRY.format(
        at=format_jalali_datetime(entry.at, weekday=False), who=who, what=what, summary=summary
    )


_INVITE = re.compile(r"invite #(\d+)")


def summary_text(kind: str, summary: str) -> str:
    """An entry's summary as the CDA reads it (escaped): the object's title as typed, and each detail the
    service recorded in English (a status, «a → b», a file format, a field, «anonymous=True») in Persian."""
    words = {**t.DETAILS, **t.STATUSES.get(kind, {})}

    def word(text: str) -> str:
        name, equals, value = text.partition("=")
        if text in words:
            return words[text]
        if equals and name in words:
            return t.DETAIL_PAIR.format(name=words[name], value=words.get(value, escape_fa(value)))
        if invite := _INVITE.fullmatch(text):
            return t.INVITE.format(id=to_persian_digits(invite.group(1)))
        return escape_fa(text)

    return " | ".join(" → ".join(word(w) for w in part.split(" → ")) for part in summary.split(" | "))


def page_text(found: log.Page) -> str:
    if found.kind is None:
        title = t.TITLE
    else:
        kind = t.KINDS.get(found.kind, found.kind)
        title = t.TITLE_OBJECT_NO_NAME.format(
            kind=kind, id=format_number(found.object_id or 0, grouping=False)
        )
    if not found.entries:
        return f"{title}\n\n{t.EMPTY if found.kind is None else t.EMPTY_OBJECT}"
    line = t.PAGE_LINE.format(
        page=format_number(found.page + 1), pages=format_number(found.pages), total=format_number(found.total)
    )
    body = "\n\n".join(entry_text(e) for e in found.entries)
    return f"{title}\n{line}\n\n{body}"


def _data(found: log.Page, page: int) -> str:
    if found.kind is None:
        return encode(PREFIX, "l", 0, page)
    return encode(PREFIX, "o", found.object_id or 0, found.kind, page)


def page_markup(found: log.Page) -> InlineKeyboardMarkup | None:
    nav = []
    if found.page > 0:
        nav.append(InlineKeyboardButton(t.BTN_PREV, callback_data=_data(found, found.page - 1)))
    if found.page + 1 < found.pages:
        nav.append(InlineKeyboardButton(t.BTN_NEXT, callback_data=_data(found, found.page + 1)))
    rows = [nav] if nav else []
    if found.kind is None and found.entries:
        rows.append([InlineKeyboardButton(t.BTN_XLSX, callback_data=encode(PREFIX, "x", 0))])
    return InlineKeyboardMarkup(rows) if rows else None


async def _run(update: Update, context: KhoosheContext, call: Callable[[Any], Awaitable[T]]) -> T | None:
    """One service call in one transaction; a refused or forged press gets «این دکمه دیگر فعال نیست»."""
    query = update.callback_query
    try:
        async with context.sessionmaker.begin() as session:
            return await call(session)
    except DomainError:
        if query is not None:
            await query.answer(texts.ERRORS["stale"])
        return None


async def on_home(update: Update, context: KhoosheContext) -> None:
    """The admin-panel button: the newest entries as a new message."""
    who, config = identity_of(update, context), context.config
    found = await _run(update, context, lambda s: log.latest(s, who, config))
    if found is None:
        return
    if update.callback_query is not None:
        await update.callback_query.answer()
    await send(update, page_text(found), reply_markup=page_markup(found))


async def on_press(update: Update, context: KhoosheContext) -> None:
    query = update.callback_query
    assert query is not None
    who, config = identity_of(update, context), context.config
    press = decode(query.data, PREFIX)
    if press is None or press.action not in ("l", "h", "o", "x"):
        await query.answer(texts.ERRORS["stale"])
        return
    if press.action == "x":
        await _export(update, context)
        return
    page = parse_small(press.arg(0) if press.action == "l" else press.arg(1), limit=log.MAX_PAGE)
    if page is None:
        await query.answer(texts.ERRORS["stale"])
        return
    if press.action == "l":
        found = await _run(update, context, lambda s: log.latest(s, who, config, page=page))
    else:
        kind, object_id = press.arg(0), press.object_id
        found = await _run(
            update, context, lambda s: log.of_object(s, who, config, kind, object_id, page=page)
        )
    if found is None:
        return
    await query.answer()
    if press.action == "h":  # «🧾 سابقه» under a card: a new message; paging edits it in place
        await send(update, page_text(found), reply_markup=page_markup(found))
        return
    with contextlib.suppress(BadRequest):  # "message is not modified" after a repeated press
        await edit(query, page_text(found), reply_markup=page_markup(found))


async def _export(update: Update, context: KhoosheContext) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    entries = await _run(update, context, lambda s: log.for_export(s, who, config, now=now))
    if entries is None:
        return
    await query.answer()
    data = export.to_xlsx(entries, labels())
    document = InputFile(data, filename=export.file_name(t.EXPORT_FILE, now))
    await send_media(update, "document", document, t.EXPORT_CAPTION.format(count=format_number(len(entries))))
