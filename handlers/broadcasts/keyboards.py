"""Broadcast keyboards and callback data: `bc:<action>:<broadcast_id>[:<arg>]`, short ASCII, ≤ 64 bytes.

Compose: nobtn, view:<main|roles|categories|places>, all, tg:<dimension>:<key>, next, now, when, urg,
mir, drop; under a time question the date picker's pk:<token>:<part> (handlers/date_picker.py).
Manage (cards): cancel, resched, pause, resume. Every press is re-checked by the service.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import decode, encode
from bot.config import Config
from bot.persian import to_persian_digits
from bot.services.common import lifecycle as lc
from bot.texts import broadcast as t
from handlers import date_picker as dp
from handlers.kit import allowed_rows
from models import Broadcast

BCAST = "bc"
PER_ROW = 2


def cb(action: str, broadcast_id: int, arg: str = "") -> str:
    return encode(BCAST, action, broadcast_id, *([arg] if arg else []))


def parse(data: str | None) -> tuple[str, int, str]:
    """`prefix:<action>:<id>[:<arg>]` -> (action, id, arg); forged or stale -> ("", 0, "")."""
    press = decode(data, BCAST)
    return (press.action, press.object_id, ":".join(press.args)) if press else ("", 0, "")


def _button(text: str, action: str, broadcast_id: int, arg: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=cb(action, broadcast_id, arg))


def _rows(buttons: Sequence[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + PER_ROW]) for i in range(0, len(buttons), PER_ROW)]


def no_buttons(broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(t.BTN_BCAST_NO_BUTTONS, "nobtn", broadcast_id)]])


def _choices(config: Config, dimension: str) -> list[tuple[str, str]]:
    choices = [(c.key, c.label) for c in getattr(config, dimension)]
    return [*choices, ("other", t.PLACE_OTHER)] if dimension == "places" else choices


def audience(broadcast: Broadcast, config: Config, view: str = "main") -> InlineKeyboardMarkup:
    """The audience control: the main view, or one dimension's ✅ toggles with «بازگشت»."""
    segment = broadcast.segment or {}
    b_id = broadcast.id
    if view in t.BTN_BCAST_DIMENSIONS:
        chosen = set(segment.get(view) or [])
        toggles = [
            _button(("✅ " if key in chosen else "") + label, "tg", b_id, f"{view}:{key}")
            for key, label in _choices(config, view)
        ]
        return InlineKeyboardMarkup([*_rows(toggles), [_button(t.BTN_BCAST_BACK, "view", b_id, "main")]])
    everyone = _button(("✅ " if not segment else "") + t.BTN_BCAST_ALL, "all", b_id)
    dimensions = []
    for dimension, label in t.BTN_BCAST_DIMENSIONS.items():
        count = len(segment.get(dimension) or [])
        text = (
            t.BTN_BCAST_DIMENSION_COUNT.format(label=label, count=to_persian_digits(count))
            if count
            else label
        )
        dimensions.append(_button(text, "view", b_id, dimension))
    return InlineKeyboardMarkup([[everyone], dimensions, [_button(t.BTN_BCAST_NEXT, "next", b_id)]])


def _on_off(value: bool) -> str:
    return t.BCAST_ON if value else t.BCAST_OFF


def controls(broadcast: Broadcast, config: Config) -> InlineKeyboardMarkup:
    """Under the preview: send now, schedule, urgent toggle, optional mirror toggle, cancel."""
    b_id = broadcast.id
    rows = [
        [_button(t.BTN_BCAST_SEND_NOW, "now", b_id), _button(t.BTN_BCAST_SCHEDULE, "when", b_id)],
        [_button(t.BTN_BCAST_URGENT.format(state=_on_off(broadcast.urgent)), "urg", b_id)],
    ]
    if config.broadcasting.channel_id:
        mirror = t.BTN_BCAST_MIRROR.format(state=_on_off(broadcast.mirror_to_channel))
        rows.append([_button(mirror, "mir", b_id)])
    rows.append([_button(t.BTN_BCAST_DROP, "drop", b_id)])
    return InlineKeyboardMarkup(rows)


def card(broadcast: Broadcast) -> InlineKeyboardMarkup | None:
    """What the lifecycle table allows on a card: scheduled → reschedule, cancel; running → pause,
    cancel; paused → resume, cancel; nothing once finished."""
    b_id = broadcast.id
    row = [
        (lc.RESCHEDULE, _button(t.BTN_BCAST_RESCHEDULE, "resched", b_id)),
        (lc.PAUSE, _button(t.BTN_BCAST_PAUSE, "pause", b_id)),
        (lc.RESUME, _button(t.BTN_BCAST_RESUME, "resume", b_id)),
        (lc.CANCEL, _button(t.BTN_BCAST_CANCEL, "cancel", b_id)),
    ]
    rows = allowed_rows(lc.BROADCAST, broadcast.status, [(lc.LIST, row)])
    return InlineKeyboardMarkup(rows) if rows else None


def _pick_data(broadcast_id: int, token: str) -> dp.Data:
    return lambda part: cb(dp.ACTION, broadcast_id, f"{token}:{part}")


def picker_months(broadcast_id: int, token: str, now: datetime) -> InlineKeyboardMarkup:
    """The date picker under «زمان ارسال» / «تغییر زمان» (a time is always asked: no «پایان روز»)."""
    return dp.months(now, _pick_data(broadcast_id, token))


def picker(broadcast_id: int, token: str, pick: dp.Pick, now: datetime) -> InlineKeyboardMarkup:
    return dp.screen(pick, now, _pick_data(broadcast_id, token))
