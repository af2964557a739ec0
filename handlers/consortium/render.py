"""Screens of «همکاری و کنسرسیوم» as Persian HTML (no I/O): the member's section and the CDA's views."""

from __future__ import annotations

from bot.config import Config
from bot.persian import escape_fa, format_number
from bot.services.consortium import cards
from bot.services.consortium import consortia as cs
from bot.services.consortium import introductions as intro
from bot.services.consortium import matchmaking as mm
from bot.texts import consortia as t
from models import Consortium, ExportProfile, Member
from models.enums import ConsortiumMemberStatus


def home_text(profile: ExportProfile | None, config: Config) -> str:
    parts = [t.HOME_TITLE, t.HOME_INTRO]
    if profile is None or (not profile.products and not profile.markets):
        parts.append(t.HOME_EMPTY)
    else:
        parts.append(cards.profile_lines(profile, config))
    if profile is not None and profile.opted_out:
        parts.append(t.HOME_OPTED_OUT)
    return "\n\n".join(parts)


def edit_text(profile: ExportProfile, config: Config, note: str = "") -> str:
    head = f"{note}\n\n" if note else ""
    return f"{head}{t.EXP_EDIT_TITLE}\n\n{cards.profile_lines(profile, config)}\n\n{t.EXP_EDIT_HINT}"


def place_of(member: Member, config: Config) -> str:
    return escape_fa(
        member.place_other or "" if member.place == "other" else config.label_of("places", member.place)
    )


def suggestions_text(page: intro.SuggestionPage, config: Config) -> str:
    if not page.items:
        return t.MCH_EMPTY
    title = t.MCH_TITLE.format(
        page=format_number(page.page + 1), pages=format_number(page.pages), total=format_number(page.total)
    )
    size = config.consortia.page_size
    items = []
    for i, s in enumerate(page.items, start=page.page * size + 1):
        text = t.MCH_ITEM.format(
            n=format_number(i),
            name=escape_fa(s.member.full_name),
            place=place_of(s.member, config),
            products=cards.products_text(s.profile, config),
            reasons=cards.reasons_text(s.match, config),
        )
        items.append(text + ("\n" + t.MCH_ITEM_PAST[s.past] if s.past else ""))
    return title + "\n\n" + "\n\n".join(items)


def inbox_text(box: intro.Inbox, config: Config) -> str:
    parts = [t.MCH_INBOX_TITLE]
    if box.incoming:
        cards_text = [cards.business_card(m, p, config) for _, m, p in box.incoming]
        parts.append(t.MCH_INBOX_INCOMING + "\n\n" + "\n\n".join(cards_text))
    else:
        parts.append(t.MCH_INBOX_NONE_IN)
    used = format_number(box.used)
    limit = format_number(config.consortia.weekly_requests)
    lines = [
        t.MCH_INBOX_OUT_LINE.format(name=escape_fa(m.full_name), status=t.MCH_STATUS.get(i.status, i.status))
        for i, m in box.outgoing
    ]
    parts.append(
        t.MCH_INBOX_OUTGOING.format(used=used, limit=limit) + ("\n" + "\n".join(lines) if lines else "")
    )
    return "\n\n".join(parts)


def admin_home_text(
    consortia: list[Consortium], counts: dict[int, int], profiles: int, config: Config
) -> str:
    lines = [
        t.CNS_HOME_LINE.format(
            name=escape_fa(c.name),
            market=escape_fa(config.label_of("markets", c.market)),
            stage=t.STAGE_LABELS.get(c.stage, c.stage),
            members=format_number(counts.get(c.id, 0)),
        )
        for c in consortia
    ]
    head = t.CNS_HOME.format(profiles=format_number(profiles))
    return head + "\n\n" + ("\n".join(lines) if lines else t.CNS_HOME_EMPTY)


def card_text(view: cs.View, config: Config, note: str = "") -> str:
    c = view.consortium
    roster = "\n".join(
        t.CNS_ROSTER_LINE.format(
            name=escape_fa(e.member.full_name), status=t.MEMBER_STATUS.get(e.status, e.status)
        )
        for e in view.roster
    )
    text = t.CNS_CARD.format(
        name=escape_fa(c.name),
        market=escape_fa(config.label_of("markets", c.market)),
        focus=escape_fa(config.label_of("categories", c.focus)),
        stage=t.STAGE_LABELS.get(c.stage, c.stage),
        accepted=format_number(view.count(ConsortiumMemberStatus.ACCEPTED)),
        invited=format_number(view.count(ConsortiumMemberStatus.INVITED)),
        declined=format_number(view.count(ConsortiumMemberStatus.DECLINED)),
        roster=roster or t.CNS_ROSTER_EMPTY,
    )
    return f"{note}\n\n{text}" if note else text


def candidates_text(
    consortium: Consortium, found: list[tuple[Member, mm.Contribution]], config: Config
) -> str:
    if not found:
        return t.CNS_CANDIDATES_EMPTY
    lines = [
        t.CNS_CANDIDATE_LINE.format(
            name=escape_fa(m.full_name), capacity=cards.capacity_text(dict(c.capacity), config)
        )
        for m, c in found
    ]
    return t.CNS_CANDIDATES.format(
        name=escape_fa(consortium.name),
        market=escape_fa(config.label_of("markets", consortium.market)),
        focus=escape_fa(config.label_of("categories", consortium.focus)),
        lines="\n".join(lines),
    )


def groups_text(market: str, groups: list[mm.Group], names: dict[int, str], config: Config) -> str:
    label = escape_fa(config.label_of("markets", market))
    if not groups:
        return t.CNS_GROUPS_EMPTY.format(market=label, min=format_number(config.consortia.group_min))
    body = "\n\n".join(cards.group_text(i, g, names, config) for i, g in enumerate(groups, start=1))
    return t.CNS_GROUPS_TITLE.format(market=label) + "\n\n" + body


def inquiry_text(demand: mm.Demand, groups: list[mm.Group], names: dict[int, str], config: Config) -> str:
    head = t.INQ_TITLE.format(
        market=escape_fa(config.label_of("markets", demand.market)),
        categories=cards.labels(config, "categories", demand.categories),
        amount=cards.amount(demand.volume, demand.unit, config),
        certs=cards.labels(config, "certifications", demand.certifications),
    )
    if not groups:
        return head + "\n\n" + t.INQ_NONE.format(amount=cards.amount(demand.volume, demand.unit, config))
    body = "\n\n".join(
        cards.group_text(i, g, names, config) + "\n" + cards.shortfall_text(g, demand, config)
        for i, g in enumerate(groups, start=1)
    )
    return head + "\n\n" + body
