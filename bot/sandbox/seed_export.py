"""Seeder for export profiles: ~20 demo traders, nurseries and larger growers with products (monthly
capacity and unit), target markets, certificates, offers and needs, filled in through the profile
service as the members themselves would, so «پیشنهاد همکاری» and the CDA's suggested groups show results."""

from __future__ import annotations

import random

from bot.sandbox.demo_data import DemoMember, demo_members
from bot.sandbox.seed_base import SeedContext
from bot.services.consortium import export_profile as ep
from bot.services.members.accounts import Identity

PROFILES = 20
RANDOM_SEED = 1407
EXPORT_ROLES = ("trader", "nursery", "grower")  # in this order: traders first, then nurseries, growers
CROPS = {
    "cut": ("رز هلندی", "ژربرا", "داوودی", "لیلیوم", "میخک"),
    "potted": ("سانسوریا", "فیکوس بنجامین", "سیکلامن", "آنتوریوم", "دیفن‌باخیا"),
    "outdoor": ("شمشاد", "رز رونده", "کاج مطبق"),
    "seedling": ("نشای اطلسی", "نشای بنفشه", "قلمهٔ ریشه‌دار رز"),
    "bulb": ("پیاز لاله", "پیاز سنبل", "پیاز نرگس"),
    "cactus": ("کاکتوس مینیاتوری", "ساکولنت"),
    "substrate": ("کوکوپیت", "پیت ماس"),
    "pots": ("گلدان پلاستیکی", "گلدان سفالی"),
}
UNITS = {"cut": "stem", "substrate": "kg", "bulb": "kg"}  # every other category counts pots
CAPACITY = {"stem": (5_000, 80_000), "pot": (300, 8_000), "kg": (500, 10_000)}
MARKETS = {"iraq": 8, "uae": 6, "turkey": 4, "qatar": 3, "russia": 3, "azerbaijan": 3, "armenia": 2,
           "oman": 2, "afghanistan": 2, "kazakhstan": 1, "turkmenistan": 1, "europe": 1}  # fmt: skip
CERTIFICATES = {"phyto": 0.6, "national": 0.4, "export_code": 0.35, "globalgap": 0.08}
RESOURCES = ("cold_storage", "packaging", "transport", "greenhouse", "capital", "buyers", "paperwork")
OFFERS_BY_ROLE = {
    "trader": ("buyers", "paperwork", "transport"),
    "nursery": ("greenhouse", "packaging"),
    "grower": ("greenhouse", "cold_storage"),
}
EXPERIENCE_BY_ROLE = {"trader": ("regular", "some"), "nursery": ("some", "none"), "grower": ("none", "some")}


def exporters(cast: list[DemoMember]) -> list[DemoMember]:
    """The PROFILES demo members most likely to export: traders, nurseries, then the largest growers."""
    rank = {role: n for n, role in enumerate(EXPORT_ROLES)}
    chosen = [m for m in cast if m.role in rank]
    chosen.sort(key=lambda m: (rank[m.role], -(m.area_m2 or 0), m.user_id))
    return chosen[:PROFILES]


def _markets(rng: random.Random) -> set[str]:
    keys = list(MARKETS)
    return set(rng.choices(keys, weights=[MARKETS[k] for k in keys], k=rng.randint(1, 3)))


async def _fill(ctx: SeedContext, demo: DemoMember, rng: random.Random) -> bool:
    who = Identity(ctx.config.platform, demo.user_id, demo.user_id)
    member = await ep.member_of(ctx.session, who)
    if await ep.get_profile(ctx.session, member.id) is not None:
        return False
    valid = {c.key for c in ctx.config.categories}
    units = {u.key for u in ctx.config.units}
    for category in [c for c in demo.categories if c in valid][:3]:
        unit = UNITS.get(category, "pot")
        unit = unit if unit in units else sorted(units)[0]
        low, high = CAPACITY.get(unit, (100, 1_000))
        capacity = round(rng.randint(low, high), -2)
        crop = rng.choice(CROPS[category]) if category in CROPS else None
        await ep.add_product(
            ctx.session, member.id, ctx.config, category=category, crop=crop, capacity=capacity, unit=unit,
            now=ctx.now,
        )  # fmt: skip
    wanted = {
        "mk": _markets(rng),
        "ce": {k for k, p in CERTIFICATES.items() if rng.random() < p},
        "of": set(rng.sample(OFFERS_BY_ROLE.get(demo.role, RESOURCES), k=1)),
    }
    wanted["nd"] = set(rng.sample([r for r in RESOURCES if r not in wanted["of"]], k=rng.randint(1, 2)))
    configured = {"mk": "markets", "ce": "certifications", "of": "resources", "nd": "resources"}
    for code, keys in wanted.items():
        known = {c.key for c in getattr(ctx.config, configured[code])}
        for key in sorted(keys & known):
            await ep.toggle(ctx.session, who, ctx.config, code, key, now=ctx.now)
    await ep.set_experience(ctx.session, who, rng.choice(EXPERIENCE_BY_ROLE[demo.role]), now=ctx.now)
    return True


async def seed_export_profiles(ctx: SeedContext) -> str:
    """Export profiles for the traders, nurseries and larger growers; members who have one are skipped."""
    if not ctx.config.units or not ctx.config.markets:
        return "export profiles: none (config.toml lists no markets or units)"
    rng = random.Random(RANDOM_SEED)
    added = 0
    for demo in exporters(demo_members(ctx.config)):
        added += await _fill(ctx, demo, rng)
    return f"export profiles: {added} added"
