"""«📈 گزارش برنامه» in /admin: choose a period, get the text, the charts and the .xlsx; upload the plan.

registry.py sends `prg:*` presses to `on_press`; router.py sends messages of the `programme` flow
(the plan file, the two typed dates) to `on_message`. Services re-check rights on every call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update

from bot import texts
from bot.callbacks import decode, encode
from bot.context import KhoosheContext
from bot.jalali import format_typed
from bot.persian import PersianInputError, format_number, to_persian_digits
from bot.reports import programme as rp
from bot.reports import programme_charts as charts
from bot.services.common.errors import DomainError, NotAllowed, StaleAction
from bot.services.common.spreadsheet import file_name
from bot.services.programme import admin as svc
from bot.services.programme.indicators import ProgrammeReport
from bot.services.programme.plan import MAX_FILE_BYTES, PlanFileError, Problem
from bot.texts import programme as t
from handlers.keyboards import is_menu_button
from handlers.kit import alert_text, identity_of, message_of, send, send_media
from handlers.menu import route_menu

PRG = "prg"
FLOW = svc.FLOW
SILENT = ("stale", "not_allowed")
MAX_ERROR_LINES = 20
T = TypeVar("T")


def _b(text: str, action: str, arg: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(PRG, action, 0, *([arg] if arg else [])))


def menu_markup() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_b(t.BTN_THIS_MONTH, "rep", "month"), _b(t.BTN_LAST_MONTH, "rep", "last")],
            [_b(t.BTN_THIS_SEASON, "rep", "season"), _b(t.BTN_THIS_YEAR, "rep", "year")],
            [_b(t.BTN_RANGE, "ask", "range")],
            [_b(t.BTN_UPLOAD_PLAN, "ask", "plan"), _b(t.BTN_SAMPLE, "sample")],
        ]
    )


def error_text(exc: Exception) -> str:
    if isinstance(exc, PlanFileError):
        lines = [f"• {line}" for line in rp.plan_errors(exc.problems)[:MAX_ERROR_LINES]]
        return t.PLAN_REJECTED.format(lines="\n".join(lines))
    if isinstance(exc, PersianInputError):
        return exc.message_fa
    if getattr(exc, "code", "") == "range_lines":
        return t.RANGE_ONE_LINE
    return texts.ERRORS.get(getattr(exc, "code", "stale")) or texts.ERRORS["stale"]


async def run(update: Update, context: KhoosheContext, call: Callable[[Any], Awaitable[T]]) -> T | None:
    """One service call in one transaction for a press; a refusal is answered and gives None."""
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


async def on_open(update: Update, context: KhoosheContext) -> None:
    """The admin-panel button: the periods, the plan's state, upload and sample."""
    who, config, now = identity_of(update, context), context.config, context.now()
    found = await run(update, context, lambda s: svc.home(s, who, config, now=now))
    if found is None:
        return
    year, lines = found
    plan = t.PLAN_LINES.format(n=format_number(lines)) if lines else t.PLAN_NONE
    await send(update, t.MENU.format(year=to_persian_digits(year), plan=plan), reply_markup=menu_markup())


async def send_report(update: Update, context: KhoosheContext, report: ProgrammeReport) -> None:
    """The text, then each chart as a photo, then the .xlsx."""
    config = context.config
    await send(update, rp.summary_text(report, config))
    for title, png in await asyncio.to_thread(charts.charts, report):
        await send_media(
            update, "photo", InputFile(png, filename="programme.png"), t.CHART_CAPTION.format(title=title)
        )
    data = await asyncio.to_thread(rp.workbook, report, config)
    period = f"{rp.jalali_text(report.period.first_day)} تا {rp.jalali_text(report.period.last_day)}"
    document = InputFile(data, filename=file_name(t.XLSX_KIND, period, context.now(), "xlsx"))
    await send_media(update, "document", document, t.XLSX_CAPTION)


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `prg:*` button."""
    query = update.callback_query
    assert query is not None
    press = decode(query.data, PRG)
    who, config, now = identity_of(update, context), context.config, context.now()
    if press is None or press.object_id != 0:
        await query.answer(texts.ERRORS["stale"])
        return

    async def _begin(session: Any, step: str) -> bool:
        await svc.begin(session, who, config, step, now=now)
        return True

    if press.action == "rep":
        report = await run(update, context, lambda s: svc.report(s, who, config, press.arg(), now=now))
        if report is not None:
            await send_report(update, context, report)
    elif press.action == "ask":
        step = press.arg()
        if not await run(update, context, lambda s: _begin(s, step)):
            return
        if step == "plan":
            await send(update, t.ASK_PLAN)
        else:
            first, last = (format_typed(moment).split(" ")[0] for moment in (now - timedelta(days=30), now))
            await send(update, t.ASK_RANGE.format(example_1=first, example_2=last))
    elif press.action == "sample":
        if await run(update, context, lambda s: svc.home(s, who, config, now=now)) is not None:
            sample = InputFile(t.SAMPLE_PLAN.encode(), filename=t.SAMPLE_FILE_NAME)
            await send_media(update, "document", sample, t.SAMPLE_CAPTION)
    else:
        await query.answer(texts.ERRORS["stale"])


async def on_message(update: Update, context: KhoosheContext) -> None:
    """The plan file or the two typed dates; a bad one keeps the step and saves nothing."""
    who, config, now = identity_of(update, context), context.config, context.now()
    message = message_of(update)
    if is_menu_button(context, message.text):
        async with context.sessionmaker.begin() as session:
            await svc.leave(session, who)
        await route_menu(update, context, message.text or "")
        return
    try:
        async with context.sessionmaker() as session:
            step = await svc.step_of(session, who)
        if step == "plan":
            document = message.document
            if document is None:
                await send(update, t.PLAN_NOT_A_FILE)
                return
            if (document.file_size or 0) > MAX_FILE_BYTES:
                raise PlanFileError([Problem("too_big", args={"max": str(MAX_FILE_BYTES // 1000)})])
            data = bytes(await (await document.get_file()).download_as_bytearray())
            async with context.sessionmaker.begin() as session:
                year, n = await svc.receive_plan(session, who, config, data, now=now)
            await send(update, t.PLAN_SAVED.format(year=to_persian_digits(year), n=format_number(n)))
            return
        async with context.sessionmaker.begin() as session:
            report = await svc.receive_range(session, who, config, message.text, now=now)
    except (NotAllowed, StaleAction) as exc:
        async with context.sessionmaker.begin() as session:
            await svc.leave(session, who)
        await send(update, texts.UNKNOWN_TEXT if isinstance(exc, NotAllowed) else texts.ERRORS["stale"])
        return
    except (DomainError, PersianInputError) as exc:
        await send(update, error_text(exc))
        return
    await send_report(update, context, report)
