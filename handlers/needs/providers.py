"""The CDA's solution providers (`nda:ph|pnew|pc|pe|pf`): the directory (paged), a provider's card with
its fields to edit and its two yes/no switches (each press carries the value the card showed)."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.callbacks import Press
from bot.context import KhoosheContext
from bot.services.needs import admin_flow as flow
from bot.services.needs import providers as pv
from bot.texts import needs as t
from handlers.kit import identity_of, send
from handlers.needs import keyboards as kb
from handlers.needs import render
from handlers.needs.kit import edit, run


async def send_card(update: Update, context: KhoosheContext, provider_id: int, note: str = "") -> None:
    who, config = identity_of(update, context), context.config
    provider = await run(update, context, lambda s: pv.load(s, who, config, provider_id))
    if provider is not None:
        await send(update, render.provider_card_text(provider, note), reply_markup=kb.provider_card(provider))


async def on_press(update: Update, context: KhoosheContext, press: Press) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    if press.action == "ph":
        found = await run(update, context, lambda s: pv.directory(s, who, config, page=press.object_id))
        if found is None:
            return
        await query.answer()
        text = render.directory_text(found.providers)
        if press.object_id:
            await edit(query, text, kb.directory(found))
        else:
            await send(update, text, reply_markup=kb.directory(found))
    elif press.action == "pnew":
        r = await run(update, context, lambda s: flow.begin_provider(s, who, config, now=now))
        if r is not None:
            await query.answer()
            await send(update, t.ASK[flow.NAME], reply_markup=None)
    elif press.action == "pc" and press.object_id:
        await query.answer()
        await send_card(update, context, press.object_id)
    elif press.action == "pe" and press.object_id:
        name = press.arg(0)
        r = await run(
            update,
            context,
            lambda s: flow.begin_provider_edit(s, who, config, press.object_id, name, now=now),
        )
        if r is not None:
            await query.answer()
            label = t.FIELD_LABELS.get(name, "")
            await send(update, f"✏️ {label}: {t.ASK['edit']}")
    elif (
        press.action == "pf"
        and press.object_id
        and press.arg(0) in kb.FLAG_CODES
        and press.arg(1) in ("0", "1")
    ):
        flag, shown = kb.FLAG_CODES[press.arg(0)], press.arg(1) == "1"
        provider = await run(
            update, context, lambda s: pv.flip(s, who, config, press.object_id, flag, shown, now=now)
        )
        if provider is not None:
            await query.answer()
            await edit(query, render.provider_card_text(provider), kb.provider_card(provider))
    else:
        await query.answer(texts.ERRORS["stale"])
