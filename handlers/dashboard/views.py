"""«🖥 داشبورد» in /admin: a one-time link to the read-only web dashboard (bot/serve/dashboard.py), valid
15 minutes and bound to the admin who pressed; the service re-checks admin rights."""

from __future__ import annotations

from html import escape

from telegram import LinkPreviewOptions, Update

from bot import texts
from bot.context import KhoosheContext
from bot.serve.dashboard import link_url
from bot.services.common.admins import check_admin
from bot.services.common.errors import DomainError
from bot.services.dashboard import access
from bot.texts import dashboard as t
from handlers.kit import identity_of, send


async def on_open(update: Update, context: KhoosheContext) -> None:
    who, config, now = identity_of(update, context), context.config, context.now()
    query = update.callback_query
    base = config.dashboard_url
    try:
        async with context.sessionmaker.begin() as session:
            if base is None:
                await check_admin(session, who, config)
                token = None
            else:
                token = await access.issue_link(session, who, config, now=now)
    except DomainError:
        if query is not None:
            await query.answer(texts.ERRORS["stale"])
        return
    if query is not None:
        await query.answer()
    if base is None or token is None:
        await send(update, t.NO_URL)
        return
    url = escape(link_url(base, token))
    await send(update, t.LINK.format(url=url), link_preview_options=LinkPreviewOptions(is_disabled=True))
