"""Keyboards and callback data of «همکاری و کنسرسیوم»: `exp:` profile, `mch:` matching, `cns:` consortia."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.callbacks import decode, encode, parse_id
from bot.config import Choice, Config
from bot.outgoing import shorten
from bot.persian import localize_digits
from bot.services.common import lifecycle as lc
from bot.services.consortium import consortia as cs
from bot.services.consortium import export_profile as ep
from bot.texts import consortia as t
from models import Consortium, ExportProfile, Member

EXP, MCH, CNS = "exp", "mch", "cns"
KIND_OF = {"mk": "markets", "ce": "certifications", "of": "resources", "nd": "resources"}


# How many leading arguments of each action are ids (or a page): checked in `parse`, so a forged
# `mch:acc:²` or `mch:acc:99999999999` is a stale press before any service sees it.
ID_ARGS: dict[str, dict[str, int]] = {
    MCH: {"sug": 1, "pg": 1, "req": 1, "acc": 1, "dec": 1},
    EXP: {"pdel": 1},
    CNS: {"yes": 1, "no": 1, "card": 1, "msg": 1, "xlsx": 1, "csv": 1, "cand": 1, "stg": 1, "inv": 2},
}


def cb(prefix: str, action: str, arg: str | int = "") -> str:
    """`prefix:action:arg` through the codec (the trailing colon of an empty arg is kept, as before)."""
    return encode(prefix, action, arg)


def parse(data: str | None, prefix: str) -> tuple[str, str]:
    """`exp:t:mk:iraq` -> ("t", "mk:iraq"); malformed, unknown-prefix or forged ids -> ("", "")."""
    press = decode(data, prefix, with_id=False)
    if press is None:
        return "", ""
    ids = ID_ARGS.get(prefix, {}).get(press.action, 0)
    if any(parse_id(press.arg(i), allow_zero=True) is None for i in range(ids)):
        return "", ""
    return press.action, ":".join(press.args)


def int_arg(arg: str) -> int:
    """An id argument already checked by `parse`; anything else is 0 (no object has id 0: refused)."""
    return parse_id(arg, allow_zero=True) or 0


def _b(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def _rows(buttons: Sequence[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def home(profile: ExportProfile | None) -> InlineKeyboardMarkup:
    opted_out = profile is not None and profile.opted_out
    opt = _b(t.BTN_EXP_OPT_IN, cb(EXP, "in")) if opted_out else _b(t.BTN_EXP_OPT_OUT, cb(EXP, "out"))
    return InlineKeyboardMarkup(
        [
            [_b(t.BTN_EXP_EDIT, cb(EXP, "edit"))],
            [_b(t.BTN_MCH_SUGGEST, cb(MCH, "sug", 0)), _b(t.BTN_MCH_INBOX, cb(MCH, "inbox"))],
            [opt],
        ]
    )


def edit(profile: ExportProfile) -> InlineKeyboardMarkup:
    sections = [_b(label, cb(EXP, "scr", code)) for code, label in t.BTN_EXP_SECTIONS.items()]
    products = [_b(t.BTN_EXP_ADD_PRODUCT, cb(EXP, "padd"))]
    if profile.products:
        products.append(_b(t.BTN_EXP_REMOVE_PRODUCT, cb(EXP, "pdl")))
    return InlineKeyboardMarkup([products, *_rows(sections, 2), [_b(t.BTN_EXP_DONE, cb(EXP, "home"))]])


def toggles(config: Config, code: str, chosen: Iterable[str]) -> InlineKeyboardMarkup:
    picked = set(chosen)
    choices: tuple[Choice, ...] = getattr(config, KIND_OF[code])
    buttons = [
        _b(("✅ " if c.key in picked else "") + c.label, cb(EXP, "t", f"{code}:{c.key}")) for c in choices
    ]
    return InlineKeyboardMarkup([*_rows(buttons, 2), [_b(t.BTN_EXP_SAVE, cb(EXP, "edit"))]])


def experience(current: str) -> InlineKeyboardMarkup:
    buttons = [
        _b(("✅ " if key == current else "") + t.EXPERIENCE_LABELS[key], cb(EXP, "xp", key))
        for key in ep.EXPERIENCE
    ]
    return InlineKeyboardMarkup(_rows(buttons, 1))


def choices(
    config: Config, kind: str, prefix: str, action: str, per_row: int = 2, token: str = ""
) -> InlineKeyboardMarkup:
    """One button per configured choice; `token`: the conversation step's (`<key>:<token>`)."""
    tail = f":{token}" if token else ""
    buttons = [_b(c.label, cb(prefix, action, c.key + tail)) for c in getattr(config, kind)]
    return InlineKeyboardMarkup(_rows(buttons, per_row))


def skip_crop(token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_b(texts.BTN_SKIP, cb(EXP, "pskip", token))]])


def remove_products(profile: ExportProfile, config: Config) -> InlineKeyboardMarkup:
    rows = [
        [
            _b(
                "🗑 "
                + config.label_of("categories", p.category)
                + (f" ({localize_digits(p.crop)})" if p.crop else ""),
                cb(EXP, "pdel", p.id),
            )
        ]
        for p in profile.products
    ]
    return InlineKeyboardMarkup([*rows, [_b(t.BTN_CNS_BACK, cb(EXP, "edit"))]])


def suggestions(names: list[tuple[int, str, bool]], page: int, pages: int) -> InlineKeyboardMarkup:
    """One «📨 معرفی به …» per member not asked yet, then paging (`mch:pg:<page>`: edits the list in
    place, page 0 included; `mch:sug:0` is the home screen's button, which opens a new list)."""
    rows = [
        [_b(t.BTN_MCH_REQUEST.format(name=shorten(localize_digits(name), 40)), cb(MCH, "req", mid))]
        for mid, name, asked in names
        if not asked
    ]
    nav = []
    if page > 0:
        nav.append(_b(t.BTN_PREV, cb(MCH, "pg", page - 1)))
    if page + 1 < pages:
        nav.append(_b(t.BTN_NEXT, cb(MCH, "pg", page + 1)))
    return InlineKeyboardMarkup([*rows, nav] if nav else rows)


def answer_intro(intro_id: int) -> list[InlineKeyboardButton]:
    return [_b(t.BTN_MCH_ACCEPT, cb(MCH, "acc", intro_id)), _b(t.BTN_MCH_DECLINE, cb(MCH, "dec", intro_id))]


def inbox(incoming: list[tuple[int, str]]) -> InlineKeyboardMarkup | None:
    rows = []
    for intro_id, name in incoming:
        rows.append(
            [
                _b(f"✅ {shorten(localize_digits(name), 30)}", cb(MCH, "acc", intro_id)),
                _b(f"❌ {shorten(localize_digits(name), 30)}", cb(MCH, "dec", intro_id)),
            ]
        )
    return InlineKeyboardMarkup(rows) if rows else None


# The CDA


def admin_home(consortia: list[Consortium]) -> InlineKeyboardMarkup:
    rows = [[_b("🤝 " + shorten(localize_digits(c.name), 50), cb(CNS, "card", c.id))] for c in consortia[:20]]
    return InlineKeyboardMarkup(
        [
            *rows,
            [_b(t.BTN_CNS_NEW, cb(CNS, "new"))],
            [_b(t.BTN_CNS_GROUPS, cb(CNS, "grp")), _b(t.BTN_CNS_INQUIRY, cb(CNS, "inq"))],
        ]
    )


def card(consortium: Consortium) -> InlineKeyboardMarkup:
    rows = [[_b(t.BTN_CNS_INVITE, cb(CNS, "cand", consortium.id))]]
    if lc.allows(lc.CONSORTIUM, consortium.stage, lc.ADVANCE):
        following = cs.STAGES[cs.STAGES.index(consortium.stage) + 1]
        label = t.BTN_CNS_NEXT_STAGE.format(stage=t.STAGE_LABELS[following])
        rows.append([_b(label, cb(CNS, "stg", f"{consortium.id}:{consortium.stage}"))])
    rows.append([_b(t.BTN_CNS_MESSAGE, cb(CNS, "msg", consortium.id))])
    rows.append(
        [_b(t.BTN_CNS_XLSX, cb(CNS, "xlsx", consortium.id)), _b(t.BTN_CNS_CSV, cb(CNS, "csv", consortium.id))]
    )
    rows.append([_b(t.BTN_CNS_BACK, cb(CNS, "home"))])
    return InlineKeyboardMarkup(rows)


def candidates(consortium_id: int, members: list[Member]) -> InlineKeyboardMarkup:
    rows = [
        [
            _b(
                t.BTN_CNS_INVITE_ONE.format(name=shorten(localize_digits(m.full_name), 40)),
                cb(CNS, "inv", f"{consortium_id}:{m.id}"),
            )
        ]
        for m in members
    ]
    return InlineKeyboardMarkup([*rows, [_b(t.BTN_CNS_BACK, cb(CNS, "card", consortium_id))]])


def inquiry_toggles(
    config: Config, kind: str, action: str, done: str, label: str, chosen: Iterable[str], token: str
) -> InlineKeyboardMarkup:
    """✅ toggles and the step's «ادامه»; each carries the step's token (`<key>:<token>`, `:<token>`)."""
    picked = set(chosen)
    buttons = [
        _b(("✅ " if c.key in picked else "") + c.label, cb(CNS, action, f"{c.key}:{token}"))
        for c in getattr(config, kind)
    ]
    return InlineKeyboardMarkup([*_rows(buttons, 2), [_b(label, cb(CNS, done, f":{token}"))]])
