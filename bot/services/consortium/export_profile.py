"""A member's export profile: products with monthly capacity, markets, certificates, offers and needs.

Every change re-reads the caller's member row and checks keys against the config lists, so forged
button data cannot store an unknown market or touch another member's product.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.persian import PersianInputError, normalize_text, parse_int
from bot.services.common.errors import InvalidInput, NotRegistered, StaleAction
from bot.services.consortium import matchmaking as mm
from bot.services.members.accounts import Identity, find_account
from models import ExportProfile, Member, ProfileProduct
from models.enums import ExportExperience

LISTS = {"mk": "markets", "ce": "certifications", "of": "offers", "nd": "needs"}
CONFIG_OF = {
    "markets": "markets",
    "certifications": "certifications",
    "offers": "resources",
    "needs": "resources",
}
EXPERIENCE = tuple(ExportExperience)
MAX_PRODUCTS = 10
CROP_MAX_CHARS = 60
MAX_CAPACITY = 100_000_000


async def member_of(session: AsyncSession, who: Identity) -> Member:
    account = await find_account(session, who)
    if account is None or account.member is None:
        raise NotRegistered()
    return account.member


async def get_profile(session: AsyncSession, member_id: int) -> ExportProfile | None:
    return await session.get(ExportProfile, member_id)


async def ensure_profile(session: AsyncSession, member_id: int, *, now: datetime) -> ExportProfile:
    profile = await get_profile(session, member_id)
    if profile is None:
        profile = ExportProfile(
            member_id=member_id,
            markets=[],
            certifications=[],
            offers=[],
            needs=[],
            experience=ExportExperience.NONE,
            opted_out=False,
            created_at=now,
            updated_at=now,
            products=[],
        )
        session.add(profile)
        await session.flush()
    return profile


async def my_profile(session: AsyncSession, who: Identity, *, now: datetime) -> tuple[Member, ExportProfile]:
    member = await member_of(session, who)
    return member, await ensure_profile(session, member.id, now=now)


def _valid_key(config: Config, kind: str, key: str) -> str:
    if key not in {c.key for c in getattr(config, kind)}:
        raise StaleAction()
    return key


async def toggle(
    session: AsyncSession, who: Identity, config: Config, code: str, key: str, *, now: datetime
) -> ExportProfile:
    """Add or remove one market / certificate / offer / need (`code` mk, ce, of, nd)."""
    if code not in LISTS:
        raise StaleAction()
    name = LISTS[code]
    _valid_key(config, CONFIG_OF[name], key)
    _, profile = await my_profile(session, who, now=now)
    current: list[str] = list(getattr(profile, name))
    setattr(profile, name, [k for k in current if k != key] if key in current else sorted([*current, key]))
    profile.updated_at = now
    return profile


async def set_experience(session: AsyncSession, who: Identity, key: str, *, now: datetime) -> ExportProfile:
    if key not in EXPERIENCE:
        raise StaleAction()
    _, profile = await my_profile(session, who, now=now)
    profile.experience, profile.updated_at = key, now
    return profile


async def set_opt_out(
    session: AsyncSession, who: Identity, opted_out: bool, *, now: datetime
) -> ExportProfile:
    """Leave (or rejoin) matchmaking: an opted-out member is never suggested, grouped or invited."""
    _, profile = await my_profile(session, who, now=now)
    profile.opted_out, profile.updated_at = opted_out, now
    return profile


def clean_crop(text: str) -> str:
    crop = normalize_text(text)
    if not crop:
        raise InvalidInput("exp_crop_empty")
    if len(crop) > CROP_MAX_CHARS:
        raise InvalidInput("exp_crop_long")
    return crop


def clean_capacity(text: str) -> int:
    try:
        value = parse_int(text)
    except PersianInputError:
        raise InvalidInput("exp_capacity_number") from None
    if not 1 <= value <= MAX_CAPACITY:
        raise InvalidInput("exp_capacity_range")
    return value


async def add_product(
    session: AsyncSession,
    member_id: int,
    config: Config,
    *,
    category: str,
    crop: str | None,
    capacity: int,
    unit: str,
    now: datetime,
) -> ProfileProduct:
    _valid_key(config, "categories", category)
    _valid_key(config, "units", unit)
    profile = await ensure_profile(session, member_id, now=now)
    if len(profile.products) >= MAX_PRODUCTS:
        raise InvalidInput("exp_too_many_products")
    product = ProfileProduct(category=category, crop=crop, monthly_capacity=capacity, unit=unit)
    profile.products.append(product)
    profile.updated_at = now
    await session.flush()
    return product


async def remove_product(
    session: AsyncSession, who: Identity, product_id: int, *, now: datetime
) -> ExportProfile:
    """Remove one of the caller's own products; someone else's id (forged data) is stale."""
    _, profile = await my_profile(session, who, now=now)
    product = next((p for p in profile.products if p.id == product_id), None)
    if product is None:
        raise StaleAction()
    profile.products.remove(product)
    profile.updated_at = now
    await session.flush()
    return profile


def to_profile(row: ExportProfile) -> mm.Profile:
    return mm.Profile(
        member_id=row.member_id,
        products=tuple(mm.Product(p.category, p.monthly_capacity, p.unit, p.crop) for p in row.products),
        markets=frozenset(row.markets),
        certifications=frozenset(row.certifications),
        offers=frozenset(row.offers),
        needs=frozenset(row.needs),
        experience=row.experience,
        opted_out=row.opted_out,
    )


async def load_profiles(session: AsyncSession) -> list[mm.Profile]:
    """Every member in matchmaking — not opted out, with a product and a target market (`is_filled`) —
    as plain profiles (two queries, no ORM objects: fast at 5,000)."""
    rows = (
        await session.execute(
            select(
                ExportProfile.member_id,
                ExportProfile.markets,
                ExportProfile.certifications,
                ExportProfile.offers,
                ExportProfile.needs,
                ExportProfile.experience,
            ).where(ExportProfile.opted_out.is_(False))
        )
    ).all()
    products: dict[int, list[mm.Product]] = {}
    stmt = select(
        ProfileProduct.member_id,
        ProfileProduct.category,
        ProfileProduct.monthly_capacity,
        ProfileProduct.unit,
        ProfileProduct.crop,
    )
    for member_id, category, capacity, unit, crop in (await session.execute(stmt)).all():
        products.setdefault(member_id, []).append(mm.Product(category, capacity, unit, crop))
    return [
        mm.Profile(
            member_id=r.member_id,
            products=tuple(products.get(r.member_id, ())),
            markets=frozenset(r.markets or ()),
            certifications=frozenset(r.certifications or ()),
            offers=frozenset(r.offers or ()),
            needs=frozenset(r.needs or ()),
            experience=r.experience,
        )
        for r in rows
        if products.get(r.member_id) and r.markets
    ]


def is_filled(profile: ExportProfile) -> bool:
    """Enough to be matched: at least one product and one target market."""
    return bool(profile.products) and bool(profile.markets)


async def section(session: AsyncSession, who: Identity) -> ExportProfile | None:
    """The caller's export profile, if any (opening the section creates nothing)."""
    member = await member_of(session, who)
    return await get_profile(session, member.id)
