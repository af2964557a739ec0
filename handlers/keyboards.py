"""Keyboards and callback data (short ASCII, `prefix:action:arg`, ≤ 64 bytes)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot import texts
from bot.callbacks import encode
from bot.config import Choice, Config
from bot.context import KhoosheContext
from bot.services.members.profile_fields import EDITABLE_FIELDS, OTHER_PLACE

REG = "reg"
PROFILE = "prf"
ADMIN = "adm"


def _data(prefix: str, action: str, arg: str = "") -> str:
    """`prefix:action:arg` through the codec; keeps the historic trailing colon when there is no arg."""
    return encode(prefix, action, arg)


def menu_buttons(context: KhoosheContext) -> tuple[str, ...]:
    """The member main menu: each feature's button in registry order, then help."""
    return (*context.bot_data.features.menu, texts.BTN_HELP)


def is_menu_button(context: KhoosheContext, text: str | None) -> bool:
    """A main-menu press (it leaves whatever half-done step the member was in)."""
    return text in menu_buttons(context)


def main_menu(context: KhoosheContext) -> ReplyKeyboardMarkup:
    buttons = menu_buttons(context)
    return ReplyKeyboardMarkup(
        [list(buttons[i : i + 2]) for i in range(0, len(buttons), 2)], resize_keyboard=True
    )


def share_phone() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(texts.BTN_SHARE_PHONE, request_contact=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


def _rows(buttons: Sequence[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def step_cb(action: str, key: str, token: str) -> str:
    """A registration step's button: `reg:<action>:<key>:<token>` (key may be empty)."""
    return _data(REG, action, f"{key}:{token}")


def _choice_buttons(choices: Iterable[Choice], action: str, token: str) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(c.label, callback_data=step_cb(action, c.key, token)) for c in choices]


def roles(config: Config, token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(_rows(_choice_buttons(config.roles, "role", token), 1))


def categories(config: Config, selected: Iterable[str], token: str) -> InlineKeyboardMarkup:
    chosen = set(selected)
    buttons = [
        InlineKeyboardButton(
            ("✅ " if c.key in chosen else "") + c.label, callback_data=step_cb("cat", c.key, token)
        )
        for c in config.categories
    ]
    done = InlineKeyboardButton(texts.BTN_CATEGORIES_DONE, callback_data=step_cb("catdone", "", token))
    return InlineKeyboardMarkup([*_rows(buttons, 2), [done]])


def places(config: Config, token: str) -> InlineKeyboardMarkup:
    buttons = _choice_buttons(config.places, "place", token)
    other = InlineKeyboardButton(texts.BTN_PLACE_OTHER, callback_data=step_cb("place", OTHER_PLACE, token))
    return InlineKeyboardMarkup(_rows([*buttons, other], 2))


def area_skip(token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.BTN_SKIP, callback_data=step_cb("areaskip", "", token))]]
    )


def link_offer(other: str, token: str) -> InlineKeyboardMarkup:
    """The phone is a member's on another messenger: send them a code, or register separately."""
    send = InlineKeyboardButton(
        texts.BTN_LINK_SEND.format(other=other), callback_data=step_cb("lsend", "", token)
    )
    alone = InlineKeyboardButton(texts.BTN_LINK_ALONE, callback_data=step_cb("lskip", "", token))
    return InlineKeyboardMarkup([[send], [alone]])


def link_code(token: str) -> InlineKeyboardMarkup:
    alone = InlineKeyboardButton(texts.BTN_LINK_ALONE, callback_data=step_cb("lskip", "", token))
    return InlineKeyboardMarkup([[alone]])


def summary(token: str) -> InlineKeyboardMarkup:
    fixes = [
        InlineKeyboardButton(
            texts.BTN_FIX.format(field=texts.FIELD_LABELS[f]), callback_data=step_cb("fix", f, token)
        )
        for f in EDITABLE_FIELDS
    ]
    confirm = InlineKeyboardButton(texts.BTN_CONFIRM, callback_data=step_cb("confirm", "", token))
    return InlineKeyboardMarkup([[confirm], *_rows(fixes, 2)])


def profile(messengers: Sequence[tuple[str, str]] = ()) -> InlineKeyboardMarkup:
    """Edit buttons, «دریافت پیام‌ها در …» per messenger (a member on two), and delete.

    `messengers`: (key, label) pairs offered — each of the member's messengers and `auto`."""
    edits = [
        InlineKeyboardButton(
            texts.BTN_FIX.format(field=texts.FIELD_LABELS[f]), callback_data=_data(REG, "edit", f)
        )
        for f in EDITABLE_FIELDS
    ]
    delete = InlineKeyboardButton(texts.BTN_DELETE_ME, callback_data=_data(PROFILE, "delask"))
    where = [
        InlineKeyboardButton(label, callback_data=_data(PROFILE, "msgr", key)) for key, label in messengers
    ]
    return InlineKeyboardMarkup([*_rows(edits, 2), *_rows(where, 1), [delete]])


def delete_confirm() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BTN_DELETE_YES, callback_data=_data(PROFILE, "delyes")),
                InlineKeyboardButton(texts.BTN_DELETE_NO, callback_data=_data(PROFILE, "delno")),
            ]
        ]
    )


def admin_menu(context: KhoosheContext) -> InlineKeyboardMarkup:
    """Stats first, then each feature's buttons in registry order, the admin list last."""
    labels = [
        (texts.BTN_ADMIN_STATS, "stats"),
        *((b.label, b.action) for b in context.bot_data.features.admin.values()),
        (texts.BTN_ADMIN_LIST, "admins"),
    ]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=_data(ADMIN, action))] for label, action in labels]
    )
