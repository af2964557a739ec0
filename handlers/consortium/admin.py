"""The CDA's consortia (`cns:*`): home, create / inquiry / message conversations, card, stages,
invitations, roster export, suggested groups — and members answering an invitation (`cns:yes|no`).

registry.py sends every `cns:*` press to `on_press`; router.py sends typed messages of the
`cns_*` flows to `on_message`. Services re-check admin rights and state on every update.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, Update

from bot import texts
from bot.config import Config
from bot.context import KhoosheContext
from bot.persian import escape_fa, format_number
from bot.services.common.errors import DomainError
from bot.services.consortium import admin_flow as flow
from bot.services.consortium import consortia as cs
from bot.services.consortium import export
from bot.services.members.accounts import Identity
from bot.texts import consortia as t
from handlers.consortium import keyboards as kb
from handlers.consortium import render
from handlers.consortium.kit import edit, error_text, run
from handlers.kit import (
    alert_text,
    ask,
    close_buttons,
    identity_of,
    quiet_note,
    send,
    send_media,
    sent_phrase,
)
from handlers.typed_answer import answer_typed

FLOWS = flow.FLOWS
FLOW_PRESSES = ("nmk", "nfc", "imk", "icat", "icok", "iun", "ice", "iceok")


async def on_home(update: Update, context: KhoosheContext) -> None:
    """The admin-menu button and «بازگشت»: the consortia and the CDA's tools."""
    who, config = identity_of(update, context), context.config
    found = await run(update, context, lambda s: cs.overview(s, who, config))
    if found is not None:
        consortia, counts, profiles = found
        await send(
            update,
            render.admin_home_text(consortia, counts, profiles, config),
            reply_markup=kb.admin_home(consortia),
        )


async def show_flow(
    update: Update, context: KhoosheContext, r: flow.FlowResult, *, in_place: bool = False
) -> None:
    """The next screen of a conversation: a question (with its buttons), the new card or the groups."""
    config = context.config
    query = update.callback_query
    if r.kind == "ask":
        text, markup = _question(r, context)
        if in_place and query is not None:
            await edit(query, text, markup)
        else:
            await ask(update, context, text, reply_markup=markup)
    elif r.kind == "created" and r.consortium is not None:
        await _send_card(
            update, context, r.consortium.id, t.CNS_CREATED.format(name=escape_fa(r.consortium.name))
        )
    elif r.kind == "groups" and r.demand is not None:
        await send(update, render.inquiry_text(r.demand, r.groups, r.names, config))
    elif r.kind == "messaged":
        await send(update, t.CNS_MESSAGE_QUEUED.format(count=format_number(r.count)) + quiet_note(context))
        context.bot_data.delivery.poke()


def _question(r: flow.FlowResult, context: KhoosheContext) -> tuple[str, InlineKeyboardMarkup | None]:
    config, step = context.config, r.step or ""
    if step == flow.MSG and r.consortium is not None:
        return t.CNS_ASK["msg"].format(count=format_number(r.count), name=escape_fa(r.consortium.name)), None
    markups = {
        flow.MARKET: lambda: kb.choices(config, "markets", kb.CNS, "nmk", per_row=3, token=r.token),
        flow.FOCUS: lambda: kb.choices(config, "categories", kb.CNS, "nfc", token=r.token),
        flow.IMARKET: lambda: kb.choices(config, "markets", kb.CNS, "imk", per_row=3, token=r.token),
        flow.ICATS: lambda: kb.inquiry_toggles(
            config, "categories", "icat", "icok", t.BTN_CNS_CONTINUE, r.data.get("cats") or [], r.token
        ),
        flow.UNIT: lambda: kb.choices(config, "units", kb.CNS, "iun", per_row=3, token=r.token),
        flow.ICERTS: lambda: kb.inquiry_toggles(
            config,
            "certifications",
            "ice",
            "iceok",
            t.BTN_CNS_SHOW_GROUPS,
            r.data.get("certs") or [],
            r.token,
        ),
    }
    make = markups.get(step)
    return t.CNS_ASK.get(step, t.CNS_GONE), make() if make else None


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A typed answer in a `cns_*` flow; a bad one keeps the step, lost rights or state leave the flow."""
    config, now = context.config, context.now()
    await answer_typed(
        update,
        context,
        leave=flow.leave,
        receive=lambda session, who, text, html: flow.receive(session, who, config, text, html, now=now),
        show=show_flow,
        gone_text=t.CNS_GONE,
        error_text=error_text,
    )


async def _send_card(update: Update, context: KhoosheContext, consortium_id: int, note: str = "") -> None:
    who, config = identity_of(update, context), context.config
    async with context.sessionmaker.begin() as session:
        view = await cs.view(session, who, config, consortium_id)
        text = render.card_text(view, config, note)
    await send(update, text, reply_markup=kb.card(view.consortium))


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `cns:*` button."""
    query = update.callback_query
    assert query is not None
    action, arg = kb.parse(query.data, kb.CNS)
    who, config, now = identity_of(update, context), context.config, context.now()
    if action in ("yes", "no"):
        await _answer_invitation(update, context, action == "yes", kb.int_arg(arg))
    elif action == "home":
        await on_home(update, context)
    elif action in ("new", "inq"):
        begin = flow.begin_new if action == "new" else flow.begin_inquiry
        r = await run(update, context, lambda s: begin(s, who, config, now=now))
        if r is not None:
            await show_flow(update, context, r)
    elif action in FLOW_PRESSES:
        key, _, token = arg.partition(":")
        r = await run(
            update, context, lambda s: flow.choose(s, who, config, action, key, token=token, now=now)
        )
        if r is None:
            return
        if action in ("icat", "ice"):
            await show_flow(update, context, r, in_place=True)
            return
        await close_buttons(query, _chosen_note(action, key, context))
        await show_flow(update, context, r)
    elif action == "grp":
        if await run(update, context, lambda s: _admin_ok(s, who, config)) is None:
            return
        await send(
            update, t.CNS_GROUPS_ASK, reply_markup=kb.choices(config, "markets", kb.CNS, "gmk", per_row=3)
        )
    elif action == "gmk":
        found = await run(update, context, lambda s: cs.market_groups(s, who, config, arg))
        if found is not None:
            await send(update, render.groups_text(arg, found[0], found[1], config))
    else:
        await _consortium_press(update, context, action, arg)


async def _admin_ok(session: Any, who: Identity, config: Config) -> bool:
    await cs.check_admin(session, who, config)
    return True


def _chosen_note(action: str, arg: str, context: KhoosheContext) -> str:
    kinds = {"nmk": "markets", "imk": "markets", "nfc": "categories", "iun": "units"}
    if action in kinds:
        return "✅ " + escape_fa(context.config.label_of(kinds[action], arg))
    return "✅"


async def _consortium_press(update: Update, context: KhoosheContext, action: str, arg: str) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    head, _, rest = arg.partition(":")
    consortium_id = kb.int_arg(head)
    if action == "card":
        if await run(update, context, lambda s: cs.load(s, who, config, consortium_id)) is not None:
            await _send_card(update, context, consortium_id)
    elif action == "stg":
        view = await run(
            update, context, lambda s: cs.advance_stage(s, who, config, consortium_id, rest, now=now)
        )
        if view is not None:
            note = t.CNS_STAGE_MOVED.format(stage=t.STAGE_LABELS[view.consortium.stage])
            await edit(query, render.card_text(view, config, note), kb.card(view.consortium))
    elif action in ("cand", "inv"):
        await _candidates(update, context, action, consortium_id, kb.int_arg(rest))
    elif action == "msg":
        r = await run(update, context, lambda s: flow.begin_message(s, who, config, consortium_id, now=now))
        if r is not None:
            await show_flow(update, context, r)
    elif action in ("xlsx", "csv"):
        found = await run(
            update, context, lambda s: export.roster_rows(s, who, config, consortium_id, fmt=action, now=now)
        )
        if found is None:
            return
        name, rows = found
        data = export.to_xlsx(rows) if action == "xlsx" else export.to_csv(rows)
        document = InputFile(data, filename=export.file_name(name, action, now))
        chat = update.effective_chat
        assert chat is not None
        caption = t.CNS_EXPORT_CAPTION.format(name=escape_fa(name), count=format_number(len(rows)))
        await send_media(update, "document", document, caption)
    else:
        await query.answer(texts.ERRORS["stale"])


async def _candidates(
    update: Update, context: KhoosheContext, action: str, consortium_id: int, member_id: int
) -> None:
    """«➕ دعوت اعضا» lists candidates; each «➕ name» invites one and refreshes the list in place."""
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    invited = None
    if action == "inv":
        invited = await run(
            update, context, lambda s: cs.invite(s, who, config, consortium_id, member_id, now=now)
        )
        if invited is None:
            return
        context.bot_data.delivery.poke()
    try:
        async with context.sessionmaker.begin() as session:
            consortium = await cs.load(session, who, config, consortium_id)
            found = await cs.candidates(session, who, config, consortium_id)
            text = render.candidates_text(consortium, found, config)
    except DomainError as exc:
        await query.answer(alert_text(error_text(exc)))
        return
    markup = kb.candidates(consortium_id, [m for m, _ in found])
    if invited is not None:
        note = t.CNS_INVITED.format(name=escape_fa(invited.full_name), sent=sent_phrase(context))
        await edit(query, note + "\n\n" + text, markup)
    else:
        await query.answer()
        await send(update, text, reply_markup=markup)


async def _answer_invitation(
    update: Update, context: KhoosheContext, accept: bool, consortium_id: int
) -> None:
    query = update.callback_query
    assert query is not None
    who, now = identity_of(update, context), context.now()
    consortium = await run(
        update, context, lambda s: cs.answer_invitation(s, who, consortium_id, accept, now=now)
    )
    if consortium is not None:
        note = (t.CNS_JOINED if accept else t.CNS_REFUSED).format(name=escape_fa(consortium.name))
        await close_buttons(query, note)
