"""The readiness self-check in the chat: the member's summary when they finish (and «🧪 نتیجهٔ خودارزیابی
من»), the CDA's score distribution on the survey's results screen, and `rdy:*` presses (the near-ready
group, then the broadcast composer for exactly them). Each press is one service call that re-checks
rights and the survey; a member forging a CDA press gets «این دکمه دیگر فعال نیست» and nothing else.
"""

from __future__ import annotations

import asyncio

from telegram import InputFile, Update

from bot import texts
from bot.context import KhoosheContext
from bot.services.common.errors import DomainError
from bot.services.readiness import report
from bot.services.surveys import charts
from bot.texts import broadcast as tb
from bot.texts import readiness as t
from handlers.kit import alert_text, identity_of, send, send_media
from handlers.readiness import render

SILENT = ("stale", "not_allowed")


def error_text(exc: DomainError) -> str:
    return t.ERRORS.get(exc.code) or texts.ERRORS.get(exc.code) or texts.ERRORS["stale"]


async def send_member_result(update: Update, context: KhoosheContext, survey_id: int) -> None:
    """The member's summary (after finishing the self-check, or from «🧪 نتیجهٔ خودارزیابی من»)."""
    async with context.sessionmaker() as session:
        result = await report.member_result(session, identity_of(update, context), context.config, survey_id)
    await send(update, render.member_summary(result))


async def send_distribution(update: Update, context: KhoosheContext, survey_id: int) -> None:
    """Bands, a text histogram and each criterion's average, then the histogram as a chart."""
    async with context.sessionmaker() as session:
        found = await report.distribution(session, identity_of(update, context), context.config, survey_id)
    await send(update, render.distribution_text(found), reply_markup=render.distribution_markup(found))
    if found.totals:
        note = t.CHART_NOTE.format(count=render.n(len(found.totals)))
        png = await asyncio.to_thread(charts.bar_chart, t.CHART_TITLE, render.chart_bars(found), note)
        photo = InputFile(png, filename=f"readiness-{survey_id}.png")
        await send_media(update, "photo", photo, t.CHART_CAPTION)


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `rdy:*` button."""
    query = update.callback_query
    assert query is not None
    parsed = render.parse(query.data)
    if parsed is None:
        await query.answer(texts.ERRORS["stale"])
        return
    action, survey_id = parsed
    who, config, now = identity_of(update, context), context.config, context.now()
    try:
        if action == "me":
            async with context.sessionmaker() as session:
                result = await report.member_result(session, who, config, survey_id)
        else:
            async with context.sessionmaker.begin() as session:
                if action == "grp":
                    group = await report.near_group(session, who, config, survey_id)
                else:
                    group = await report.start_broadcast(session, who, config, survey_id, now=now)
    except DomainError as exc:
        if exc.code in SILENT:
            await query.answer(texts.ERRORS["stale"])
        else:
            await query.answer(alert_text(error_text(exc)), show_alert=True)
        return
    await query.answer()
    if action == "me":
        await send(update, render.member_summary(result))
    elif action == "grp":
        await send(update, render.group_text(group), reply_markup=render.group_markup(group))
    else:
        await send(update, f"{render.broadcast_intro(group)}\n\n{tb.BCAST_ASK_CONTENT}")
