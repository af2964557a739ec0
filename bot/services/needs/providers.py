"""Solution providers (ارائه‌دهندگان راه‌حل): a directory the CDA keeps — companies, universities or research
centres, experts; not members. Which needs each can serve (need_providers). A provider's contact is
shown to members only when the CDA marked it public. Every CDA call re-checks admin rights."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.persian import normalize_text
from bot.services.common import lifecycle as lc
from bot.services.common.admins import check_admin
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.members.accounts import Identity
from bot.services.needs import needs as nd
from models import NeedProvider, SolutionProvider
from models.enums import ProviderKind

KINDS = tuple(ProviderKind)
TEXT_FIELDS: dict[str, int] = {"name": 120, "field": 200, "city": 60, "contact": 200}  # name -> max chars
FLAGS = ("knowledge_based", "contact_public")
LIST_PAGE = 10


def clean(name: str, text: str) -> str:
    """A provider's text field from typed input: one line, not empty, within its length."""
    value = normalize_text(text or "")
    if not value:
        raise InvalidInput("need_text_empty")
    if len(value) > TEXT_FIELDS[name]:
        raise InvalidInput(f"prov_{name}_long")
    return value


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise StaleAction()
    return kind


def _parser(name: str) -> Callable[[str], str]:
    return lambda text: clean(name, text)


PARSERS: dict[str, Callable[[str], str]] = {name: _parser(name) for name in TEXT_FIELDS}


async def create(
    session: AsyncSession, who: Identity, config: Config, values: dict[str, Any], *, now: datetime
) -> SolutionProvider:
    await check_admin(session, who, config)
    provider = SolutionProvider(
        **{name: clean(name, str(values.get(name) or "")) for name in TEXT_FIELDS},
        kind=check_kind(str(values.get("kind") or "")),
        knowledge_based=bool(values.get("knowledge_based")),
        contact_public=bool(values.get("contact_public")),
        created_at=now,
        updated_at=now,
    )
    session.add(provider)
    await session.flush()
    return provider


async def load(session: AsyncSession, who: Identity, config: Config, provider_id: int) -> SolutionProvider:
    await check_admin(session, who, config)
    provider = await session.get(SolutionProvider, provider_id)
    if provider is None:
        raise StaleAction()
    return provider


async def set_text(
    session: AsyncSession,
    who: Identity,
    config: Config,
    provider_id: int,
    name: str,
    text: str,
    *,
    now: datetime,
) -> SolutionProvider:
    provider = await load(session, who, config, provider_id)
    if name not in TEXT_FIELDS:
        raise StaleAction()
    setattr(provider, name, clean(name, text))
    provider.updated_at = now
    return provider


async def flip(
    session: AsyncSession,
    who: Identity,
    config: Config,
    provider_id: int,
    flag: str,
    shown: bool,
    *,
    now: datetime,
) -> SolutionProvider:
    """Turn a yes/no (knowledge-based, contact public) around; `shown` is the value the card showed, so a
    double tap or an old card changes nothing."""
    provider = await load(session, who, config, provider_id)
    if flag not in FLAGS or bool(getattr(provider, flag)) != shown:
        raise StaleAction()
    setattr(provider, flag, not shown)
    provider.updated_at = now
    return provider


@dataclass(frozen=True)
class ProviderPage:
    providers: list[SolutionProvider]
    page: int
    pages: int
    linked: frozenset[int] = frozenset()  # for a need's picker: those already linked to it


async def page_of(session: AsyncSession, page: int) -> ProviderPage:
    total = int((await session.execute(select(func.count()).select_from(SolutionProvider))).scalar_one())
    pages = max(1, -(-total // LIST_PAGE))
    page = min(max(page, 0), pages - 1)
    stmt = select(SolutionProvider).order_by(SolutionProvider.name, SolutionProvider.id)
    rows = (await session.execute(stmt.offset(page * LIST_PAGE).limit(LIST_PAGE))).scalars()
    return ProviderPage(list(rows), page, pages)


async def directory(session: AsyncSession, who: Identity, config: Config, *, page: int = 0) -> ProviderPage:
    await check_admin(session, who, config)
    return await page_of(session, page)


async def of_need(session: AsyncSession, need_id: int) -> list[SolutionProvider]:
    stmt = (
        select(SolutionProvider)
        .join(NeedProvider, NeedProvider.provider_id == SolutionProvider.id)
        .where(NeedProvider.need_id == need_id)
        .order_by(NeedProvider.added_at, SolutionProvider.id)
    )
    return list((await session.execute(stmt)).scalars())


async def picker(
    session: AsyncSession, who: Identity, config: Config, need_id: int, *, page: int = 0
) -> ProviderPage:
    """The directory with ✅ on the providers already linked to this need."""
    await nd.load(session, who, config, need_id, lc.LINK)
    found = await page_of(session, page)
    linked = {p.id for p in await of_need(session, need_id)}
    return ProviderPage(found.providers, found.page, found.pages, frozenset(linked))


async def toggle_link(
    session: AsyncSession,
    who: Identity,
    config: Config,
    need_id: int,
    provider_id: int,
    linked: bool,
    *,
    now: datetime,
) -> bool:
    """Link a provider to a need (or unlink it); `linked` is what the picker showed. Returns the new state."""
    await nd.load(session, who, config, need_id, lc.LINK)
    await load(session, who, config, provider_id)
    row = await session.get(NeedProvider, (need_id, provider_id))
    if (row is not None) != linked:
        raise StaleAction()
    if row is not None:
        await session.execute(
            delete(NeedProvider).where(
                NeedProvider.need_id == need_id, NeedProvider.provider_id == provider_id
            )
        )
        return False
    try:
        async with session.begin_nested():
            session.add(NeedProvider(need_id=need_id, provider_id=provider_id, added_at=now))
    except IntegrityError as exc:  # linked by a concurrent press a moment ago
        raise StaleAction() from exc
    return True
