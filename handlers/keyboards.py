"""Keyboards and callback data (short ASCII, `prefix:action:arg`, ≤ 64 bytes)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot import texts
from bot.config import Choice, Config
from bot.services.members.profile_fields import EDITABLE_FIELDS, OTHER_PLACE
from bot.texts import broadcast as tb
from bot.texts import consortia as tcn
from bot.texts import course_admin as tca
from bot.texts import exhibition_admin as texh
from bot.texts import surveys as tsv

REG = "reg"
PROFILE = "prf"
ADMIN = "adm"


def cb(prefix: str, action: str, arg: str = "") -> str:
    data = f"{prefix}:{action}:{arg}"
    assert len(data.encode()) <= 64, data
    return data


def main_menu() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup([list(row) for row in texts.MAIN_MENU_ROWS], resize_keyboard=True)


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
    return cb(REG, action, f"{key}:{token}")


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


def summary(token: str) -> InlineKeyboardMarkup:
    fixes = [
        InlineKeyboardButton(
            texts.BTN_FIX.format(field=texts.FIELD_LABELS[f]), callback_data=step_cb("fix", f, token)
        )
        for f in EDITABLE_FIELDS
    ]
    confirm = InlineKeyboardButton(texts.BTN_CONFIRM, callback_data=step_cb("confirm", "", token))
    return InlineKeyboardMarkup([[confirm], *_rows(fixes, 2)])


def profile() -> InlineKeyboardMarkup:
    edits = [
        InlineKeyboardButton(
            texts.BTN_FIX.format(field=texts.FIELD_LABELS[f]), callback_data=cb(REG, "edit", f)
        )
        for f in EDITABLE_FIELDS
    ]
    delete = InlineKeyboardButton(texts.BTN_DELETE_ME, callback_data=cb(PROFILE, "delask"))
    return InlineKeyboardMarkup([*_rows(edits, 2), [delete]])


def delete_confirm() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BTN_DELETE_YES, callback_data=cb(PROFILE, "delyes")),
                InlineKeyboardButton(texts.BTN_DELETE_NO, callback_data=cb(PROFILE, "delno")),
            ]
        ]
    )


def admin_menu() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.BTN_ADMIN_STATS, callback_data=cb(ADMIN, "stats"))],
            [InlineKeyboardButton(texts.BTN_ADMIN_BROADCAST, callback_data=cb(ADMIN, "bcast"))],
            [InlineKeyboardButton(tb.BTN_ADMIN_BCAST_LIST, callback_data=cb(ADMIN, "bclist"))],
            [InlineKeyboardButton(tca.BTN_ADMIN_COURSES, callback_data=cb(ADMIN, "courses"))],
            [InlineKeyboardButton(texh.BTN_ADMIN_EXHIBITIONS, callback_data=cb(ADMIN, "exhibitions"))],
            [InlineKeyboardButton(tcn.BTN_ADMIN_CONSORTIA, callback_data=cb(ADMIN, "consortia"))],
            [InlineKeyboardButton(tsv.BTN_ADMIN_SURVEYS, callback_data=cb(ADMIN, "surveys"))],
            [InlineKeyboardButton(texts.BTN_ADMIN_LIST, callback_data=cb(ADMIN, "admins"))],
        ]
    )
