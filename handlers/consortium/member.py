"""The member's «🤝 همکاری و کنسرسیوم» section and export profile (`exp:*` presses, the add-product flow).

Suggestions and introductions live in handlers/matchmaking.py. Services re-check every press.
"""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.context import KhoosheContext
from bot.persian import escape_fa
from bot.services.consortium import cards
from bot.services.consortium import export_profile as ep
from bot.services.consortium import profile_flow as pflow
from bot.texts import consortia as t
from handlers.consortium import keyboards as kb
from handlers.consortium import render
from handlers.consortium.kit import edit, run
from handlers.keyboards import is_menu_button
from handlers.kit import ask, close_buttons, identity_of, message_of, send
from handlers.menu import route_menu

FLOW = pflow.FLOW


async def show_home(update: Update, context: KhoosheContext) -> None:
    """The main-menu button: the profile summary and the section's buttons."""
    who = identity_of(update, context)
    async with context.sessionmaker.begin() as session:
        profile = await ep.section(session, who)
        text = render.home_text(profile, context.config)
    await send(update, text, reply_markup=kb.home(profile))


async def on_press(update: Update, context: KhoosheContext) -> None:
    """Every `exp:*` button."""
    query = update.callback_query
    assert query is not None
    action, arg = kb.parse(query.data, kb.EXP)
    who, config, now = identity_of(update, context), context.config, context.now()
    if action in ("padd", "pc", "pskip", "pu"):
        await _product_press(update, context, action, arg)
        return
    if action in ("home", "out", "in"):
        if action == "home":
            profile = await run(update, context, lambda s: ep.my_profile(s, who, now=now))
            found = profile[1] if profile else None
        else:
            found = await run(update, context, lambda s: ep.set_opt_out(s, who, action == "out", now=now))
        if found is not None:
            note = {"out": t.EXP_OPTED_OUT, "in": t.EXP_OPTED_IN}.get(action, "")
            text = render.home_text(found, config) + (f"\n\n{note}" if note else "")
            await edit(query, text, kb.home(found))
        return
    if action == "edit":
        pair = await run(update, context, lambda s: ep.my_profile(s, who, now=now))
        if pair is not None:
            await edit(query, render.edit_text(pair[1], config), kb.edit(pair[1]))
        return
    if action == "scr" and arg in t.BTN_EXP_SECTIONS:
        pair = await run(update, context, lambda s: ep.my_profile(s, who, now=now))
        if pair is None:
            return
        current = pair[1]
        if arg == "xp":
            await edit(query, t.EXP_ASK_SECTION["xp"], kb.experience(current.experience))
        else:
            chosen = getattr(current, ep.LISTS[arg])
            await edit(query, t.EXP_ASK_SECTION[arg], kb.toggles(config, arg, chosen))
        return
    if action == "t":
        code, _, key = arg.partition(":")
        toggled = await run(update, context, lambda s: ep.toggle(s, who, config, code, key, now=now))
        if toggled is not None:
            await edit(
                query, t.EXP_ASK_SECTION[code], kb.toggles(config, code, getattr(toggled, ep.LISTS[code]))
            )
        return
    if action == "xp":
        saved = await run(update, context, lambda s: ep.set_experience(s, who, arg, now=now))
        if saved is not None:
            await edit(query, render.edit_text(saved, config, t.EXP_SAVED), kb.edit(saved))
        return
    if action == "pdl":
        pair = await run(update, context, lambda s: ep.my_profile(s, who, now=now))
        if pair is not None:
            await edit(query, t.EXP_REMOVE_ASK, kb.remove_products(pair[1], config))
        return
    if action == "pdel":
        left = await run(update, context, lambda s: ep.remove_product(s, who, kb.int_arg(arg), now=now))
        if left is not None:
            await edit(query, render.edit_text(left, config, t.EXP_REMOVED), kb.edit(left))
        return
    await query.answer(texts.ERRORS["stale"])


async def _product_press(update: Update, context: KhoosheContext, action: str, arg: str) -> None:
    query = update.callback_query
    assert query is not None
    who, config, now = identity_of(update, context), context.config, context.now()
    key, _, token = arg.partition(":")  # a step's button: `<key>:<token>` (`pskip`: the token alone)
    if action == "padd":
        began = await run(update, context, lambda s: pflow.begin(s, who, now=now))
        if began is not None:
            markup = kb.choices(config, "categories", kb.EXP, "pc", token=began.token)
            await ask(update, context, t.EXP_ASK_CATEGORY, reply_markup=markup)
        return
    if action == "pc":
        step = await run(
            update, context, lambda s: pflow.choose_category(s, who, config, key, token=token, now=now)
        )
        if step is not None:
            await close_buttons(query, "✅ " + escape_fa(config.label_of("categories", key)))
            await ask(update, context, t.EXP_ASK_CROP, reply_markup=kb.skip_crop(step.token))
        return
    if action == "pskip":
        if await run(update, context, lambda s: pflow.skip_crop(s, who, token=arg, now=now)) is not None:
            await close_buttons(query, "✅ " + texts.BTN_SKIP)
            await ask(update, context, t.EXP_ASK_CAPACITY)
        return
    done = await run(update, context, lambda s: pflow.choose_unit(s, who, config, key, token=token, now=now))
    if done is None or done.profile is None:
        return
    await close_buttons(query, "✅ " + escape_fa(config.label_of("units", key)))
    data = done.data
    saved = cards.product_line(str(data["category"]), data.get("crop"), int(data["capacity"]), key, config)
    await send(
        update,
        render.edit_text(done.profile, config, t.EXP_SAVED + "\n" + saved),
        reply_markup=kb.edit(done.profile),
    )


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A typed answer in the add-product flow (crop name, capacity); a main-menu button leaves the flow."""
    who, now = identity_of(update, context), context.now()
    message = message_of(update)
    if is_menu_button(context, message.text):
        async with context.sessionmaker.begin() as session:
            await pflow.leave(session, who)
        await route_menu(update, context, message.text or "")
        return
    step = await run(update, context, lambda s: pflow.receive(s, who, message.text, now=now))
    if step is None:
        return
    if step.step == pflow.CAPACITY:
        await ask(update, context, t.EXP_ASK_CAPACITY)
    else:
        markup = kb.choices(context.config, "units", kb.EXP, "pu", per_row=3, token=step.token)
        await ask(update, context, t.EXP_ASK_UNIT, reply_markup=markup)
