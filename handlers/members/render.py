"""Turn dialogue outcomes into Persian messages: step prompts, the summary, the profile card."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram._utils.types import ReplyMarkup

from bot import texts
from bot.config import Config
from bot.context import KhoosheContext
from bot.persian import escape_fa, format_jalali_date, format_mobile, format_number
from bot.services.members.dialog import LINK_CODE, LINK_OFFER, Outcome
from bot.services.members.linking import AUTO, CODE_DIGITS, CODE_LIFETIME
from bot.services.members.profile_fields import OTHER_PLACE
from handlers import keyboards as kb
from handlers.kit import ask, send
from models import Member


async def open_link_after_registration(update: Update, context: KhoosheContext, source: str | None) -> None:
    """They came from a course's, trip's or survey's link (any kind in the registry): open it now."""
    if (link := context.bot_data.features.deep_link(source)) is not None:
        opener = link[0].after_registration or link[0].open
        await opener(update, context, link[1])


def messenger_name(platform: str) -> str:
    return texts.MESSENGER_NAMES.get(platform, texts.OTHER_MESSENGER)


def other_messenger(config: Config) -> str:
    """The name of the other messenger this deployment runs (for linking copy)."""
    others = [p for p in config.platforms if p != config.platform]
    return messenger_name(others[0]) if others else texts.OTHER_MESSENGER


def step_prompt(
    step: str, data: dict[str, Any], config: Config, token: str
) -> tuple[str, ReplyMarkup | None]:
    """The question of `step`; its buttons carry the step's `token`."""
    if step == "full_name":
        return texts.ASK_FULL_NAME, ReplyKeyboardRemove()
    if step == "phone":
        return texts.ASK_PHONE, kb.share_phone()
    if step == "role":
        return texts.ASK_ROLE, kb.roles(config, token)
    if step == "categories":
        return texts.ASK_CATEGORIES, kb.categories(
            config, data.get("cat_sel") or data.get("categories") or [], token
        )
    if step == "place":
        return texts.ASK_PLACE, kb.places(config, token)
    if step == "place_other":
        return texts.ASK_PLACE_OTHER, ReplyKeyboardRemove()
    if step == "area":
        return texts.ASK_AREA, kb.area_skip(token)
    if step == LINK_OFFER:
        return texts.ASK_LINK.format(other=other_messenger(config)), kb.link_offer(
            other_messenger(config), token
        )
    if step == LINK_CODE:
        minutes = format_number(int(CODE_LIFETIME.total_seconds() // 60))
        text = texts.ASK_LINK_CODE.format(
            digits=format_number(CODE_DIGITS), other=other_messenger(config), minutes=minutes
        )
        return text, kb.link_code(token)
    return f"{texts.SUMMARY_TITLE}\n\n{profile_lines(data, config)}", kb.summary(token)


def _place_label(place: str | None, place_other: str | None, config: Config) -> str:
    return place_other or "" if place == OTHER_PLACE else config.label_of("places", place)


def category_labels(keys: list[str], config: Config) -> str:
    """Labels in the config's order (not the keys' alphabetical order), joined with the Persian comma."""
    order = {c.key: i for i, c in enumerate(config.categories)}
    return "، ".join(config.label_of("categories", k) for k in sorted(keys, key=lambda k: order.get(k, 99)))


def profile_lines(data: dict[str, Any], config: Config) -> str:
    """The profile as lines; `data` is a draft dict or the fields of a member."""
    area = data.get("area")
    return texts.PROFILE_LINES.format(
        full_name=escape_fa(data.get("full_name") or ""),
        phone=format_mobile(data["phone"]) if data.get("phone") else "",
        role=escape_fa(config.label_of("roles", data.get("role"))),
        categories=escape_fa(category_labels(data.get("categories") or [], config)),
        place=escape_fa(_place_label(data.get("place"), data.get("place_other"), config)),
        area=texts.AREA_VALUE.format(area=format_number(area)) if area else texts.AREA_NONE,
    )


def member_fields(member: Member) -> dict[str, Any]:
    return {
        "full_name": member.full_name,
        "phone": member.phone,
        "role": member.role,
        "categories": member.category_keys,
        "place": member.place,
        "place_other": member.place_other,
        "area": member.area_m2,
    }


def profile_card(member: Member, config: Config, messengers: Sequence[str] = ()) -> str:
    """The profile; `messengers`: those the member is on (a line says where messages go when two)."""
    joined = texts.PROFILE_JOINED.format(date=format_jalali_date(member.created_at))
    lines = profile_lines(member_fields(member), config)
    if len(messengers) > 1:
        lines += "\n" + texts.PROFILE_MESSENGERS.format(where=delivery_place(member))
    return f"<b>{texts.PROFILE_TITLE}</b>\n\n{lines}\n{joined}\n\n{texts.PROFILE_HINT}"


def delivery_place(member: Member) -> str:
    """Where the cluster's messages reach the member, in words."""
    if member.preferred_platform:
        return messenger_name(member.preferred_platform)
    return texts.MESSENGER_AUTO


def messenger_choices(member: Member, mine: Sequence[str]) -> list[tuple[str, str]]:
    """«دریافت پیام‌ها در …» buttons: only for a member on two messengers; not the current setting."""
    if len(mine) < 2:
        return []
    choices = [(p, texts.BTN_MESSENGER.format(name=messenger_name(p))) for p in mine]
    choices.append((AUTO, texts.BTN_MESSENGER_AUTO))
    return [(key, label) for key, label in choices if key != (member.preferred_platform or AUTO)]


def profile_markup(member: Member, messengers: Sequence[str] = ()) -> InlineKeyboardMarkup:
    return kb.profile(messenger_choices(member, messengers))


def error_text(code: str, config: Config) -> str:
    text = texts.ERRORS.get(code, texts.ERRORS["stale"])
    limit = config.limits.name_max_chars if code.startswith("name") else config.limits.place_max_chars
    return text.format(max=format_number(limit, grouping=False))


async def render_outcome(update: Update, context: KhoosheContext, outcome: Outcome) -> None:
    """Reply for a dialogue outcome: an error, the end of a flow, or the next step's question."""
    config = context.config
    if outcome.error:
        markup: ReplyMarkup | None = kb.share_phone() if outcome.step == "phone" else None
        await send(update, error_text(outcome.error, config), reply_markup=markup)
        return
    if outcome.finished == "registered":
        await send(update, texts.REGISTERED, reply_markup=kb.main_menu(context))
        if outcome.member is not None:  # they came from a course's, trip's or survey's link: open it now
            await open_link_after_registration(update, context, outcome.member.source)
        return
    if outcome.finished == "linked":
        here, other = messenger_name(config.platform), other_messenger(config)
        await send(update, texts.LINKED.format(here=here, other=other), reply_markup=kb.main_menu(context))
        return
    if outcome.finished == "edited" and outcome.member is not None:
        await send(update, texts.PROFILE_UPDATED, reply_markup=kb.main_menu(context))
        member, mine = outcome.member, outcome.messengers
        await send(update, profile_card(member, config, mine), reply_markup=profile_markup(member, mine))
        return
    if outcome.step is not None:
        if outcome.answered == "phone":
            phone = format_mobile(outcome.data["phone"])
            await send(update, texts.PHONE_SAVED.format(phone=phone), reply_markup=ReplyKeyboardRemove())
        text, markup = step_prompt(outcome.step, outcome.data, config, outcome.token)
        await ask(update, context, text, reply_markup=markup)
