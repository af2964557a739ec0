"""Persian text of the needs screens (every user-supplied value escaped, numbers and dates in Persian)."""

from __future__ import annotations

from bot import outgoing
from bot.config import Config
from bot.persian import escape_fa, format_jalali_date, format_number
from bot.services.needs import board
from bot.services.needs import links as nl
from bot.services.needs.cards import Card
from bot.services.needs.needs import NeedPage
from bot.texts import needs as t
from models import Member, NeedMember, SolutionProvider
from models.enums import NeedLinkKind

n = format_number


def _page_note(found: NeedPage) -> str:
    if found.pages <= 1:
        return ""
    return "\n\n" + t.PAGE_OF.format(page=n(found.page + 1), pages=n(found.pages))


def board_text(found: NeedPage) -> str:
    if not found.needs:
        return f"{t.BOARD_TITLE}\n\n{t.BOARD_EMPTY}"
    lines = [
        t.BOARD_LINE.format(
            icon=t.STATUS_ICONS[need.status],
            title=escape_fa(need.title),
            status=t.STATUS_LABELS[need.status],
            count=n(count),
        )
        for need, count in found.needs
    ]
    return f"{t.BOARD_TITLE}\n{t.BOARD_INTRO}\n\n" + "\n".join(lines) + _page_note(found)


def _target_line(x: nl.Target) -> str:
    title = outgoing.shorten(outgoing.plain(x.title), 60) if x.kind == NeedLinkKind.BROADCAST else x.title
    when = f" ({format_jalali_date(x.when)})" if x.when is not None else ""
    return t.ACTION_LINE.format(kind=t.LINK_LABELS[x.kind], title=escape_fa(title), when=when)


def provider_line(p: SolutionProvider, *, contact: bool) -> str:
    kb = f" | ⭐️ {t.KNOWLEDGE_BASED}" if p.knowledge_based else ""
    line = t.PROVIDER_LINE.format(
        name=escape_fa(p.name),
        kind=t.KIND_LABELS[p.kind],
        field=escape_fa(p.field),
        city=escape_fa(p.city),
        kb=kb,
    )
    return line + ("\n    " + t.CONTACT_LINE.format(contact=escape_fa(p.contact)) if contact else "")


def member_view_text(v: board.MemberView, config: Config) -> str:
    need = v.need
    parts = [
        t.NEED_VIEW.format(
            title=escape_fa(need.title),
            category=escape_fa(config.label_of("categories", need.category)),
            status=t.STATUS_LABELS[need.status],
            count=n(v.count),
        )
    ]
    if need.description:
        parts.append(escape_fa(need.description))
    if v.planned:
        parts.append(t.PLANNED_HEAD + "\n" + "\n".join(_target_line(x) for x in v.planned))
    if v.providers:  # a contact only when the CDA marked it public
        parts.append(
            t.PROVIDERS_HEAD
            + "\n"
            + "\n".join(provider_line(p, contact=p.contact_public) for p in v.providers)
        )
    if v.shared:
        parts.append(t.YOU_SHARE + ("" if v.notices else "\n" + t.NOTICES_OFF_NOTE))
    return "\n\n".join(parts)


def admin_home_text(found: NeedPage) -> str:
    if not found.needs:
        return f"{t.ADMIN_TITLE}\n\n{t.ADMIN_EMPTY}"
    lines = [
        t.ADMIN_LINE.format(
            icon=t.STATUS_ICONS[need.status],
            title=escape_fa(need.title),
            status=t.STATUS_LABELS[need.status],
            count=n(count),
            hidden="" if need.published else t.HIDDEN_MARK,
        )
        for need, count in found.needs
    ]
    return f"{t.ADMIN_TITLE}\n\n" + "\n".join(lines) + _page_note(found)


def card_text(c: Card, config: Config, note: str = "") -> str:
    need = c.need
    sources = "، ".join(f"{t.SOURCE_LABELS[s]}: {n(k)}" for s, k in sorted(c.by_source.items()))
    parts = [
        t.CARD.format(
            title=escape_fa(need.title),
            category=escape_fa(config.label_of("categories", need.category)),
            status=t.STATUS_LABELS[need.status],
            published=t.PUBLISHED if need.published else t.NOT_PUBLISHED,
            count=n(c.members),
            sources=f" ({sources})" if sources else "",
        )
    ]
    if need.description:
        parts.append(escape_fa(need.description))
    if c.providers:
        parts.append(t.PROVIDERS_HEAD + "\n" + "\n".join(provider_line(p, contact=True) for p in c.providers))
    if c.links:
        parts.append(t.ACTIONS_HEAD + "\n" + "\n".join(_target_line(x) for x in c.links))
    history = [
        t.HISTORY_LINE.format(
            when=format_jalali_date(e.at),
            status=t.STATUS_LABELS[e.status],
            note=f" — {escape_fa(e.note)}" if e.note else "",
        )
        for e in c.history
    ]
    parts.append(t.HISTORY_HEAD + "\n" + "\n".join(history))
    text = "\n\n".join(parts)
    return f"{note}\n\n{text}" if note else text


def roster_text(title: str, rows: list[tuple[Member, NeedMember]]) -> str:
    head = t.ROSTER_TITLE.format(title=escape_fa(title), count=n(len(rows)))
    if not rows:
        return f"{head}\n\n{t.ROSTER_EMPTY}"
    lines = [
        t.ROSTER_LINE.format(
            n=n(i),
            name=escape_fa(m.full_name),
            source=t.SOURCE_LABELS[nm.source],
            off="" if nm.notices else t.ROSTER_OFF,
        )
        for i, (m, nm) in enumerate(rows, start=1)
    ]
    return head + "\n\n" + "\n".join(lines)  # a long roster arrives as several messages (bot/outgoing.py)


def directory_text(found: list[SolutionProvider]) -> str:
    if not found:
        return f"{t.PROVIDERS_TITLE}\n\n{t.PROVIDERS_EMPTY}"
    return f"{t.PROVIDERS_TITLE}\n\n" + "\n".join(provider_line(p, contact=False) for p in found)


def provider_card_text(p: SolutionProvider, note: str = "") -> str:
    text = t.PROVIDER_CARD.format(
        name=escape_fa(p.name),
        kind=t.KIND_LABELS[p.kind],
        kb=f" | ⭐️ {t.KNOWLEDGE_BASED}" if p.knowledge_based else "",
        field=escape_fa(p.field),
        city=escape_fa(p.city),
        contact=escape_fa(p.contact),
        public=t.CONTACT_PUBLIC if p.contact_public else t.CONTACT_PRIVATE,
    )
    return f"{note}\n\n{text}" if note else text
