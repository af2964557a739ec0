"""Reading the audit log: admins only, re-checked on every press; pages, never one unbounded list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.admins import check_admin
from bot.services.common.audit import record
from bot.services.common.errors import StaleAction
from bot.services.members.accounts import Identity
from models import AuditEntry
from models.enums import AuditAction, AuditKind

PAGE_SIZE = 10
MAX_PAGE = 100_000
EXPORT_MAX = 50_000  # rows in one .xlsx; the newest are kept
KINDS = frozenset(AuditKind)


@dataclass(frozen=True)
class Page:
    entries: list[AuditEntry]
    page: int
    pages: int
    total: int
    kind: str | None = None  # set for one object's history
    object_id: int | None = None


async def _page(
    session: AsyncSession, where: Sequence[ColumnElement[bool]], page: int
) -> tuple[list[AuditEntry], int, int]:
    total = int(
        (await session.execute(select(func.count()).select_from(AuditEntry).where(*where))).scalar_one()
    )
    pages = max(1, -(-total // PAGE_SIZE))
    if page < 0 or page >= pages:
        raise StaleAction()
    stmt = (
        select(AuditEntry)
        .where(*where)
        .order_by(AuditEntry.id.desc())
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return list((await session.execute(stmt)).scalars()), pages, total


async def latest(session: AsyncSession, who: Identity, config: Config, *, page: int = 0) -> Page:
    """The newest entries first, PAGE_SIZE a page."""
    await check_admin(session, who, config)
    entries, pages, total = await _page(session, [], page)
    return Page(entries, page, pages, total)


async def of_object(
    session: AsyncSession, who: Identity, config: Config, kind: str, object_id: int, *, page: int = 0
) -> Page:
    """One object's history (a course, an exhibition, a survey …), newest first."""
    await check_admin(session, who, config)
    if kind not in KINDS:
        raise StaleAction()
    where = [AuditEntry.object_kind == kind, AuditEntry.object_id == object_id]
    entries, pages, total = await _page(session, where, page)
    return Page(entries, page, pages, total, kind, object_id)


async def for_export(
    session: AsyncSession, who: Identity, config: Config, *, now: datetime
) -> list[AuditEntry]:
    """Every entry (the newest EXPORT_MAX), oldest first, for the .xlsx; the export itself is recorded."""
    await check_admin(session, who, config)
    await record(session, who, AuditAction.EXPORT, AuditKind.AUDIT_LOG, None, "xlsx", now=now)
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(EXPORT_MAX)
    return list(reversed((await session.execute(stmt)).scalars().all()))


async def entries_between(session: AsyncSession, start: datetime, end: datetime) -> list[AuditEntry]:
    """Entries with start <= at < end, oldest first (for the programme report; the caller checks rights)."""
    stmt = select(AuditEntry).where(AuditEntry.at >= start, AuditEntry.at < end).order_by(AuditEntry.id)
    return list((await session.execute(stmt.limit(EXPORT_MAX))).scalars())
