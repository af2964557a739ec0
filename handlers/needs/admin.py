"""The CDA's technology needs (`nda:*`): the list, the card (status, publish, members, providers, actions,
messages), the guided forms (new need, a status change's note, a provider) — their typed answers come
through `on_message`. Provider directory screens live in handlers/needs/providers.py, the needs report
in handlers/needs/report.py.

Every press runs one service call that re-checks admin rights, the need's state, the ids and (for a
form's buttons) the step's token; a member forging a press gets «این دکمه دیگر فعال نیست».
"""

from __future__ import annotations

from typing import Any

from telegram import CallbackQuery, Message, Update

from bot import texts
from bot.callbacks import Press, parse_id, parse_small
from bot.config import Config
from bot.context import KhoosheContext
from bot.persian import escape_fa, format_number
from bot.services.common import lifecycle as lc
from bot.services.members.accounts import Identity
from bot.services.needs import admin_flow as flow
from bot.services.needs import cards, links, needs
from bot.services.needs import providers as pv
from bot.texts import needs as t
from handlers.kit import ask, close_buttons, identity_of, quiet_note, send, sent_phrase
from handlers.needs import keyboards as kb
from handlers.needs import providers as provider_screens
from handlers.needs import render
from handlers.needs import report as report_screens
from handlers.needs.kit import edit, error_text, run
from handlers.typed_answer import answer_typed

FLOWS = flow.FLOWS
PROVIDER_ACTIONS = ("ph", "pnew", "pc", "pe", "pf")


async def on_home(update: Update, context: KhoosheContext, page: int = 0) -> None:
    """The admin-menu button and «بازگشت»: the needs, open ones first."""
    who, config = identity_of(update, context), context.config
    found = await run(update, context, lambda s: needs.list_needs(s, who, config, page=page))
    if found is None:
        return
    query = update.callback_query
    if query is not None:
        await query.answer()
        if page:
            await edit(query, render.admin_home_text(found), kb.admin_home(found))
            return
    await send(update, render.admin_home_text(found), reply_markup=kb.admin_home(found))


async def send_card(update: Update, context: KhoosheContext, need_id: int, note: str = "") -> bool:
    """The need's card as a new message; False (the press already answered) when refused."""
    who, config, now = identity_of(update, context), context.config, context.now()
    found = await run(update, context, lambda s: cards.card(s, who, config, need_id, now=now))
    if found is None:
        return False
    await send(update, render.card_text(found, config, note), reply_markup=kb.card(found))
    return True


async def show_flow(update: Update, context: KhoosheContext, r: flow.FlowResult) -> None:
    """The next screen of a conversation: a question with its buttons, or what the form made."""
    if r.kind == "ask":
        await ask(
            update,
            context,
            _question(r),
            reply_markup=kb.form_choices(
                context.config, r.step or "", r.token, str(r.data.get("suggest") or "")
            ),
        )
    elif r.kind == "created" and r.need is not None:
        await send_card(
            update,
            context,
            r.need.id,
            t.CREATED.format(title=escape_fa(r.need.title), count=format_number(r.count)),
        )
    elif r.kind == "moved" and r.move is not None:
        status = t.STATUS_LABELS[r.move.need.status]
        note = (
            t.MOVED_TOLD.format(status=status, count=format_number(r.move.told), sent=sent_phrase(context))
            if r.move.told
            else t.MOVED.format(status=status)
        )
        if r.move.told:
            context.bot_data.delivery.poke()
        await send_card(update, context, r.move.need.id, note)
    elif r.kind == "messaged" and r.need is not None:
        await send(update, t.MESSAGE_QUEUED.format(count=format_number(r.count)) + quiet_note(context))
        context.bot_data.delivery.poke()
    elif r.kind in ("provider", "edited") and r.provider is not None:
        await provider_screens.send_card(update, context, r.provider.id, t.PROVIDER_SAVED)


def _question(r: flow.FlowResult) -> str:
    step, data = r.step or "", r.data
    if step == flow.TITLE and data.get("suggest"):
        return t.ASK["title_from"].format(
            suggest=escape_fa(str(data["suggest"])),
            survey=escape_fa(str(data.get("survey") or "")),
            count=format_number(int(data.get("chose") or 0)),
        )
    if step == flow.NOTE:
        return t.ASK["note"].format(
            title=escape_fa(str(data.get("title") or "")),
            from_=t.STATUS_LABELS[str(data["from"])],
            to=t.STATUS_LABELS[str(data["to"])],
        )
    if step == flow.MSG and r.need is not None:
        return t.ASK["msg"].format(count=format_number(r.count), title=escape_fa(r.need.title))
    if step in (flow.NAME, flow.PFIELD, flow.CITY, flow.CONTACT) and r.provider is not None:
        return t.ASK["edit"]
    return t.ASK.get(step, t.ASK["edit"])


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A typed answer in a needs flow; a bad one keeps the step, lost rights or state leave the flow."""
    config, now = context.config, context.now()
    await answer_typed(
        update,
        context,
        leave=flow.leave,
        receive=lambda session, who, text, html: flow.receive(session, who, config, text, html, now=now),
        show=show_flow,
        gone_text=t.GONE,
        error_text=error_text,
    )


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `nda:*` button."""
    query = update.callback_query
    assert query is not None
    press = kb.parse(query.data, kb.NDA)
    if press is None:
        await query.answer(texts.ERRORS["stale"])
        return
    if press.action in PROVIDER_ACTIONS:
        await provider_screens.on_press(update, context, press)
    elif press.action == "rep" and press.object_id == 0 and not press.args:
        await report_screens.on_report(update, context)
    elif press.action in ("home", "new", "f", "skip", "fs"):
        await _start_or_form(update, context, press)
    elif press.object_id:
        await _need_press(update, context, press)
    else:
        await query.answer(texts.ERRORS["stale"])


async def _start_or_form(update: Update, context: KhoosheContext, press: Press) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    if press.action == "home":
        await on_home(update, context, press.object_id)
        return
    if press.action == "new":
        r = await run(update, context, lambda s: flow.begin_need(s, who, config, now=now))
    elif press.action == "fs":
        numbers = [parse_small(press.arg(i), limit=10_000) for i in (0, 1)]
        if press.object_id == 0 or None in numbers:
            await query.answer(texts.ERRORS["stale"])
            return
        q, c = int(numbers[0] or 0), int(numbers[1] or 0)
        r = await run(
            update, context, lambda s: flow.begin_from_survey(s, who, config, press.object_id, q, c, now=now)
        )
    elif press.action == "skip":
        r = await run(update, context, lambda s: flow.skip(s, who, config, press.arg(0), now=now))
    else:
        act, key, token = press.arg(0), press.arg(1), press.arg(2)
        r = await run(update, context, lambda s: flow.press(s, who, config, act, key, token, now=now))
    if r is None:
        return
    await query.answer()
    if press.action in ("f", "skip"):
        await close_buttons(query, t.SKIPPED if press.action == "skip" else _chosen(query))
    await show_flow(update, context, r)


def _chosen(query: CallbackQuery) -> str:
    """«✅ <the pressed button's label>», left under a question once it is answered."""
    markup = query.message.reply_markup if isinstance(query.message, Message) else None
    for row in markup.inline_keyboard if markup is not None else ():
        for button in row:
            if button.callback_data == query.data:
                return f"✅ {escape_fa(button.text)}"
    return "✅"


async def _need_press(update: Update, context: KhoosheContext, press: Press) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    need_id, action = press.object_id, press.action
    if action == "card":
        if await send_card(update, context, need_id):
            await query.answer()
    elif action == "mv":
        r = await run(
            update,
            context,
            lambda s: flow.begin_note(s, who, config, need_id, press.arg(0), press.arg(1), now=now),
        )
        if r is not None:
            await query.answer()
            await show_flow(update, context, r)
    elif action == "pub" and press.arg(0) in ("0", "1"):
        shown = press.arg(0) == "1"
        if (
            await run(update, context, lambda s: needs.set_published(s, who, config, need_id, shown, now=now))
            is not None
        ):
            await _refresh_card(update, context, need_id)
    elif action == "ros":
        found = await run(update, context, lambda s: needs.roster(s, who, config, need_id, now=context.now()))
        if found is not None:
            await query.answer()
            await send(
                update, render.roster_text(found[0].title, found[1]), reply_markup=kb.back_to_card(need_id)
            )
    elif action in ("pvs", "pvl"):
        await _providers(update, context, press)
    elif action in ("lk", "lkk", "lkt"):
        await _links(update, context, press)
    elif action == "msg":
        r = await run(update, context, lambda s: flow.begin_message(s, who, config, need_id, now=now))
        if r is not None:
            await query.answer()
            await show_flow(update, context, r)
    elif action == "ann" and (event_id := parse_id(press.arg(0))) is not None:
        count = await run(
            update, context, lambda s: links.announce_course(s, who, config, need_id, event_id, now=now)
        )
        if count is not None:
            context.bot_data.delivery.poke()
            await query.answer()
            await send_card(
                update,
                context,
                need_id,
                t.ANNOUNCED.format(count=format_number(count), sent=sent_phrase(context)),
            )
    else:
        await query.answer(texts.ERRORS["stale"])


async def _refresh_card(update: Update, context: KhoosheContext, need_id: int) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    found = await run(update, context, lambda s: cards.card(s, who, config, need_id, now=now))
    if found is not None:
        await query.answer()
        await edit(query, render.card_text(found, config), kb.card(found))


async def _providers(update: Update, context: KhoosheContext, press: Press) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    need_id = press.object_id
    page = 0
    if press.action == "pvl":
        provider_id, linked = parse_id(press.arg(0)), press.arg(1)
        if provider_id is None or linked not in ("0", "1"):
            await query.answer(texts.ERRORS["stale"])
            return
        done = await run(
            update,
            context,
            lambda s: pv.toggle_link(s, who, config, need_id, provider_id, linked == "1", now=now),
        )
        if done is None:
            return
    else:
        page = parse_small(press.arg(0), limit=10_000) or 0
    found = await run(update, context, lambda s: _picker(s, who, config, need_id, page))
    if found is None:
        return
    title, picked = found
    await query.answer()
    text = t.PICK_PROVIDERS.format(title=escape_fa(title)) if picked.providers else t.NO_PROVIDERS
    if press.action == "pvs" and press.arg(0) == "0":
        await send(update, text, reply_markup=kb.provider_picker(need_id, picked))
    else:
        await edit(query, text, kb.provider_picker(need_id, picked))


async def _picker(
    s: Any, who: Identity, config: Config, need_id: int, page: int
) -> tuple[str, pv.ProviderPage]:
    picked = await pv.picker(s, who, config, need_id, page=page)
    need = await needs.load(s, who, config, need_id)
    return need.title, picked


async def _links(update: Update, context: KhoosheContext, press: Press) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    need_id, kind = press.object_id, press.arg(0)
    if press.action == "lk":
        if await run(update, context, lambda s: needs.load(s, who, config, need_id, lc.LINK)) is not None:
            await query.answer()
            await send(update, t.PICK_KIND, reply_markup=kb.link_kinds(need_id))
    elif press.action == "lkk":
        found = await run(update, context, lambda s: links.candidates(s, who, config, need_id, kind, now=now))
        if found is not None:
            await query.answer()
            text = t.PICK_TARGET.format(kind=t.LINK_LABELS[kind]) if found else t.NO_TARGETS
            await edit(query, text, kb.link_targets(need_id, found))
    elif (target_id := parse_id(press.arg(1))) is not None:
        target = await run(
            update, context, lambda s: links.link(s, who, config, need_id, kind, target_id, now=now)
        )
        if target is not None:
            await query.answer()
            await close_buttons(query)
            await send_card(update, context, need_id, t.LINKED.format(title=escape_fa(target.title)))
    else:
        await query.answer(texts.ERRORS["stale"])
