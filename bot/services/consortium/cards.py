"""Persian HTML snippets shared by notifications and screens: business profile, contact, reasons, groups.

Pure functions (no I/O). Every user-supplied value is escaped; numbers use Persian digits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.config import Config
from bot.persian import escape_fa, format_mobile, format_number
from bot.services.consortium import matchmaking as mm
from bot.texts import consortia as t
from models import ExportProfile, Member
from models.enums import ExportExperience


def labels(config: Config, kind: str, keys: Iterable[str]) -> str:
    """Labels in the config's order, joined with the Persian comma; «—» when empty."""
    order = {c.key: i for i, c in enumerate(getattr(config, kind))}
    chosen = sorted(set(keys), key=lambda k: (order.get(k, 999), k))
    return "، ".join(escape_fa(config.label_of(kind, k)) for k in chosen) or t.NONE


def amount(value: int, unit: str, config: Config) -> str:
    return f"{format_number(value)} {escape_fa(config.label_of('units', unit))}"


def capacity_text(capacity: Mapping[str, int], config: Config) -> str:
    """«۱۲٬۰۰۰ شاخه + ۳٬۰۰۰ گلدان» in the config's unit order."""
    order = {c.key: i for i, c in enumerate(config.units)}
    parts = [amount(v, u, config) for u, v in sorted(capacity.items(), key=lambda kv: order.get(kv[0], 99))]
    return " + ".join(parts) or t.NONE


def product_line(category: str, crop: str | None, capacity: int, unit: str, config: Config) -> str:
    name = escape_fa(config.label_of("categories", category))
    if crop:
        name += f" ({escape_fa(crop)})"
    return t.PRODUCT_LINE.format(name=name, amount=amount(capacity, unit, config))


def products_text(profile: ExportProfile, config: Config) -> str:
    lines = [product_line(p.category, p.crop, p.monthly_capacity, p.unit, config) for p in profile.products]
    return "\n".join(lines) or t.NO_PRODUCTS


def profile_lines(profile: ExportProfile, config: Config) -> str:
    return t.PROFILE_LINES.format(
        products=products_text(profile, config),
        markets=labels(config, "markets", profile.markets),
        certs=labels(config, "certifications", profile.certifications),
        experience=t.EXPERIENCE_LABELS.get(profile.experience, profile.experience),
        offers=labels(config, "resources", profile.offers),
        needs=labels(config, "resources", profile.needs),
    )


def business_card(member: Member, profile: ExportProfile, config: Config) -> str:
    """What another member may see before any acceptance: name, place, the export profile. No phone."""
    place = member.place_other if member.place == "other" else config.label_of("places", member.place)
    head = t.BUSINESS_HEAD.format(
        name=escape_fa(member.full_name),
        role=escape_fa(config.label_of("roles", member.role)),
        place=escape_fa(place or ""),
    )
    return f"{head}\n{profile_lines(profile, config)}"


def contact_card(member: Member, config: Config) -> str:
    """Shared only after both sides agreed."""
    return t.CONTACT_CARD.format(name=escape_fa(member.full_name), phone=format_mobile(member.phone))


def reason_text(reason: mm.Reason, config: Config) -> str:
    if reason.code == "market":
        return t.REASONS["market"].format(keys=labels(config, "markets", reason.keys))
    if reason.code in ("gives", "takes"):
        return t.REASONS[reason.code].format(keys=labels(config, "resources", reason.keys))
    if reason.code == "complement":
        return t.REASONS["complement"].format(keys=labels(config, "categories", reason.keys))
    if reason.code == "pool":
        return t.REASONS["pool"].format(
            keys=labels(config, "categories", reason.keys), amount=amount(reason.total, reason.unit, config)
        )
    return t.REASONS.get(reason.code, "")


def reasons_text(match: mm.Match, config: Config) -> str:
    return "\n".join(f"  • {reason_text(r, config)}" for r in match.reasons)


def contribution_line(c: mm.Contribution, name: str, config: Config) -> str:
    return t.GROUP_MEMBER_LINE.format(
        name=escape_fa(name),
        categories=labels(config, "categories", c.categories),
        capacity=capacity_text(dict(c.capacity), config),
        experienced=t.EXPERIENCED_MARK if c.experience == ExportExperience.REGULAR else "",
    )


def group_text(index: int, group: mm.Group, names: Mapping[int, str], config: Config) -> str:
    """One suggested group: why it fits (variety, combined capacity, know-how) and each contribution."""
    head = t.GROUP_HEAD.format(
        n=format_number(index),
        size=format_number(len(group.members)),
        categories=labels(config, "categories", group.categories),
        capacity=capacity_text(group.capacity, config),
        experienced=format_number(group.experienced),
        offers=labels(config, "resources", group.offers),
        certs=labels(config, "certifications", group.certifications),
    )
    if group.available:
        head += "\n" + t.GROUP_COVERAGE.format(
            covered=format_number(len(group.categories)), available=format_number(group.available)
        )
    lines = [contribution_line(c, names.get(c.member_id, "?"), config) for c in group.members]
    return head + "\n" + "\n".join(lines)


def shortfall_text(group: mm.Group, demand: mm.Demand, config: Config) -> str:
    if not group.shortfall and not group.missing_categories:
        return t.INQ_MET.format(amount=amount(group.toward, demand.unit, config))
    parts = []
    if group.shortfall:
        parts.append(t.INQ_SHORT_VOLUME.format(amount=amount(group.shortfall, demand.unit, config)))
    if group.missing_categories:
        parts.append(
            t.INQ_SHORT_CATEGORIES.format(keys=labels(config, "categories", group.missing_categories))
        )
    return t.INQ_SHORTFALL.format(parts="؛ ".join(parts))
