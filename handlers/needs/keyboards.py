"""Keyboards and callback data of the needs feature: `nd:` (members) and `nda:` (the CDA), ≤ 64 bytes.

`nd:<action>:<id>` — pg (page), v (open a need), me («من هم …»), off / on (its notices).
`nda:<action>:<id>[:<arg>…]` — home (page), card, mv (<from>:<to>), pub (<shown 0|1>), ros, pvs (page),
pvl (<provider>:<linked 0|1>), lk, lkk (<kind>), lkt (<kind>:<target>), msg, ann (<event>), fs (survey:
<question>:<choice>), new, f (<action>:<key>:<token>, a form's choice), skip (<token>), ph (page), pnew,
pc, pe (<field>), pf (<flag>:<shown 0|1>), rep (the needs report). Ids are parsed by bot/callbacks.py;
services re-check all.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.callbacks import Press, decode, encode
from bot.config import Config
from bot.outgoing import shorten
from bot.persian import localize_digits
from bot.services.common import lifecycle as lc
from bot.services.needs import board
from bot.services.needs import links as nl
from bot.services.needs import providers as pv
from bot.services.needs.cards import Card
from bot.services.needs.needs import NeedPage
from bot.texts import needs as t
from bot.texts import terms as g
from models import SolutionProvider

ND, NDA = "nd", "nda"
FLAG_CODES = {"kb": "knowledge_based", "cp": "contact_public"}


def cb(prefix: str, action: str, object_id: int = 0, *args: object) -> str:
    return encode(prefix, action, object_id, *args)


def parse(data: str | None, prefix: str) -> Press | None:
    return decode(data, prefix)


def _b(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def _nav(
    prefix: str, action: str, page: int, pages: int, *, owner: int | None = None
) -> list[InlineKeyboardButton]:
    """«→ قبلی» / «بعدی ←»; `owner`: the need whose picker is paged (then the page is an argument)."""

    def data(p: int) -> str:
        return cb(prefix, action, p) if owner is None else cb(prefix, action, owner, p)

    nav = []
    if page > 0:
        nav.append(_b(g.BTN_PREV, data(page - 1)))
    if page + 1 < pages:
        nav.append(_b(g.BTN_NEXT, data(page + 1)))
    return nav


def _rows(buttons: Sequence[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


# Members


def board_page(found: NeedPage) -> InlineKeyboardMarkup:
    rows = [
        [_b(t.BTN_OPEN.format(title=shorten(localize_digits(n.title), 50)), cb(ND, "v", n.id))]
        for n, _ in found.needs
    ]
    nav = _nav(ND, "pg", found.page, found.pages)
    return InlineKeyboardMarkup([*rows, nav] if nav else rows)


def member_view(v: board.MemberView) -> InlineKeyboardMarkup:
    rows = []
    if not v.shared and v.can_share:
        rows.append([_b(t.BTN_SHARE, cb(ND, "me", v.need.id))])
    if v.shared:
        toggle = (t.BTN_NOTICES_OFF, "off") if v.notices else (t.BTN_NOTICES_ON, "on")
        rows.append([_b(toggle[0], cb(ND, toggle[1], v.need.id))])
    rows.append([_b(t.BTN_BOARD, cb(ND, "pg", 0))])
    return InlineKeyboardMarkup(rows)


# The CDA


def from_survey_button(survey_id: int, number: int, choice_number: int) -> InlineKeyboardButton:
    """On a survey's «از نتیجه تا اقدام» group screen: make a need from the answer (`nda:fs:…`)."""
    return _b(t.BTN_FROM_SURVEY, cb(NDA, "fs", survey_id, number, choice_number))


def admin_home(found: NeedPage) -> InlineKeyboardMarkup:
    rows = [
        [_b(f"{t.STATUS_ICONS[n.status]} {shorten(localize_digits(n.title), 50)}", cb(NDA, "card", n.id))]
        for n, _ in found.needs
    ]
    nav = _nav(NDA, "home", found.page, found.pages)
    return InlineKeyboardMarkup(
        [
            *rows,
            *([nav] if nav else []),
            [_b(t.BTN_NEW, cb(NDA, "new"))],
            [_b(t.BTN_PROVIDERS, cb(NDA, "ph", 0))],
            [_b(t.BTN_REPORT, cb(NDA, "rep"))],
        ]
    )


def card(c: Card) -> InlineKeyboardMarkup:
    need = c.need
    rows: list[list[InlineKeyboardButton]] = []
    if lc.allows(lc.NEED, need.status, lc.ADVANCE):
        moves = [
            _b(
                t.BTN_MOVE.format(icon=t.STATUS_ICONS[to], status=t.STATUS_LABELS[to]),
                cb(NDA, "mv", need.id, need.status, to),
            )
            for to in lc.NEED_MOVES.get(need.status, ())
        ]
        rows += _rows(moves, 2)
    if lc.allows(lc.NEED, need.status, lc.PUBLISH):
        label = t.BTN_UNPUBLISH if need.published else t.BTN_PUBLISH
        rows.append([_b(label, cb(NDA, "pub", need.id, int(need.published)))])
    rows.append([_b(t.BTN_ROSTER, cb(NDA, "ros", need.id))])
    if lc.allows(lc.NEED, need.status, lc.LINK):
        rows.append(
            [
                _b(t.BTN_LINK_PROVIDERS, cb(NDA, "pvs", need.id, 0)),
                _b(t.BTN_LINK_ACTION, cb(NDA, "lk", need.id)),
            ]
        )
    if lc.allows(lc.NEED, need.status, lc.MESSAGE):
        rows.append([_b(t.BTN_MESSAGE, cb(NDA, "msg", need.id))])
        rows += [
            [
                _b(
                    t.BTN_ANNOUNCE.format(title=shorten(localize_digits(course.title), 30)),
                    cb(NDA, "ann", need.id, course.id),
                )
            ]
            for course in c.announceable
        ]
    rows.append([_b(t.BTN_BACK, cb(NDA, "home", 0))])
    return InlineKeyboardMarkup(rows)


def back_to_card(need_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_b(t.BTN_BACK, cb(NDA, "card", need_id))]])


def provider_picker(need_id: int, found: pv.ProviderPage) -> InlineKeyboardMarkup:
    rows = [
        [
            _b(
                ("✅ " if p.id in found.linked else "") + shorten(localize_digits(p.name), 50),
                cb(NDA, "pvl", need_id, p.id, int(p.id in found.linked)),
            )
        ]
        for p in found.providers
    ]
    nav = _nav(NDA, "pvs", found.page, found.pages, owner=need_id)
    return InlineKeyboardMarkup([*rows, *([nav] if nav else []), [_b(t.BTN_BACK, cb(NDA, "card", need_id))]])


def link_kinds(need_id: int) -> InlineKeyboardMarkup:
    buttons = [_b(t.LINK_LABELS[k], cb(NDA, "lkk", need_id, k)) for k in nl.PICKABLE]
    return InlineKeyboardMarkup([*_rows(buttons, 2), [_b(t.BTN_BACK, cb(NDA, "card", need_id))]])


def link_targets(need_id: int, targets: list[nl.Target]) -> InlineKeyboardMarkup:
    rows = [
        [_b(shorten(localize_digits(x.title), 50), cb(NDA, "lkt", need_id, x.kind, x.id))] for x in targets
    ]
    return InlineKeyboardMarkup([*rows, [_b(t.BTN_BACK, cb(NDA, "lk", need_id))]])


def form_choices(config: Config, step: str, token: str, suggest: str = "") -> InlineKeyboardMarkup | None:
    """The buttons of a form's step, each carrying the step's token."""

    def f(action: str, key: str) -> str:
        return cb(NDA, "f", 0, action, key, token)

    if step == "title" and suggest:
        return InlineKeyboardMarkup(
            [[_b(t.BTN_USE_ANSWER.format(suggest=shorten(localize_digits(suggest), 40)), f("ttl", "-"))]]
        )
    if step == "category":
        return InlineKeyboardMarkup(_rows([_b(c.label, f("cat", c.key)) for c in config.categories], 2))
    if step == "kind":
        return InlineKeyboardMarkup([[_b(t.KIND_LABELS[k], f("kind", k))] for k in pv.KINDS])
    if step in ("kb", "public"):
        action = "kb" if step == "kb" else "pub"
        return InlineKeyboardMarkup([[_b(t.BTN_YES, f(action, "1")), _b(t.BTN_NO, f(action, "0"))]])
    if step in ("description", "note"):
        label = texts.BTN_SKIP if step == "description" else t.BTN_NO_NOTE
        return InlineKeyboardMarkup([[_b(label, cb(NDA, "skip", 0, token))]])
    return None


def directory(found: pv.ProviderPage) -> InlineKeyboardMarkup:
    rows = [[_b(shorten(localize_digits(p.name), 50), cb(NDA, "pc", p.id))] for p in found.providers]
    nav = _nav(NDA, "ph", found.page, found.pages)
    return InlineKeyboardMarkup(
        [
            *rows,
            *([nav] if nav else []),
            [_b(t.BTN_PROVIDER_NEW, cb(NDA, "pnew"))],
            [_b(t.BTN_BACK, cb(NDA, "home", 0))],
        ]
    )


def provider_card(p: SolutionProvider) -> InlineKeyboardMarkup:
    edits = [
        _b(t.BTN_EDIT_FIELD.format(label=label), cb(NDA, "pe", p.id, name))
        for name, label in t.FIELD_LABELS.items()
    ]
    kb = _b(
        t.BTN_KB_ON if p.knowledge_based else t.BTN_KB_OFF, cb(NDA, "pf", p.id, "kb", int(p.knowledge_based))
    )
    public = _b(
        t.BTN_PUBLIC_ON if p.contact_public else t.BTN_PUBLIC_OFF,
        cb(NDA, "pf", p.id, "cp", int(p.contact_public)),
    )
    return InlineKeyboardMarkup([*_rows(edits, 2), [kb], [public], [_b(t.BTN_BACK, cb(NDA, "ph", 0))]])
