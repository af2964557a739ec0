"""«🤝 پیشنهاد همکاری» and introductions (`mch:*`): paged suggestions, requests, accept / decline, inbox.

Contacts travel only after the target accepts: the accepter sees the requester's contact in the
reply, the requester gets the accepter's through the delivery engine (bot/services/introductions.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import Update

from bot import texts
from bot.config import Config
from bot.context import KhoosheContext
from bot.persian import format_number
from bot.services.consortium import cards
from bot.services.consortium import introductions as intro
from bot.services.members.accounts import Identity
from bot.texts import consortia as t
from handlers.consortium import keyboards as kb
from handlers.consortium import render
from handlers.consortium.kit import edit, run
from handlers.kit import close_buttons, held_until, identity_of, send, sent_phrase


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `mch:*` button."""
    query = update.callback_query
    assert query is not None
    action, arg = kb.parse(query.data, kb.MCH)
    who, config, now = identity_of(update, context), context.config, context.now()
    if action in ("sug", "pg"):
        page = await run(
            update, context, lambda s: intro.suggestions(s, who, config, kb.int_arg(arg), now=now)
        )
        if page is None:
            return
        text = render.suggestions_text(page, config)
        markup = kb.suggestions(
            [(s.member.id, s.member.full_name, s.requested) for s in page.items], page.page, page.pages
        )
        # «→ قبلی» / «بعدی ←» edit the list in place (back to page 1 too); the home screen's button
        # opens a new list (`sug:<n>` with n > 0 on messages sent before `pg` existed: paging as well)
        if action == "pg" or arg != "0":
            await edit(query, text, markup)
        else:
            await send(update, text, reply_markup=markup)
    elif action == "req":
        made = await run(update, context, lambda s: _request(s, who, config, kb.int_arg(arg), now))
        if made is not None:
            limit = format_number(config.consortia.weekly_requests)
            sent = sent_phrase(context)
            await send(update, t.MCH_REQUEST_SENT.format(sent=sent, used=format_number(made), limit=limit))
            context.bot_data.delivery.poke()
    elif action in ("acc", "dec"):
        answer = await run(
            update,
            context,
            lambda s: intro.answer_intro(s, who, config, kb.int_arg(arg), action == "acc", now=now),
        )
        if answer is None:
            return
        if answer.accepted:
            await close_buttons(query, t.MCH_ACCEPTED_NOTE)
            when = held_until(context)
            later = t.MCH_ACCEPTED_TARGET_LATER.format(when=when) if when else ""
            contact = cards.contact_card(answer.requester, config)
            await send(update, t.MCH_ACCEPTED_TARGET.format(contact=contact) + later)
        else:
            await close_buttons(query, t.MCH_DECLINED_TARGET)
        context.bot_data.delivery.poke()
    elif action == "inbox":
        box = await run(update, context, lambda s: intro.inbox(s, who, now=now))
        if box is not None:
            answers = kb.inbox([(i.id, m.full_name) for i, m, _ in box.incoming])
            await send(update, render.inbox_text(box, config), reply_markup=answers)
    else:
        await query.answer(texts.ERRORS["stale"])


async def _request(session: Any, who: Identity, config: Config, target_id: int, now: datetime) -> int:
    """Make the request and return how many the caller has made this week (for the reply)."""
    record = await intro.request_intro(session, who, config, target_id, now=now)
    return await intro.requests_this_week(session, record.requester_id, now=now)
