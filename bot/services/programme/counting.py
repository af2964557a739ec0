"""Small helpers of the indicator queries: one number, a grouped count, a percentage."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession


def share(part: float, whole: float) -> float | None:
    """A percentage, or None when there is nothing to divide by."""
    return 100.0 * part / whole if whole else None


async def scalar(session: AsyncSession, stmt: Any) -> int:
    return int((await session.execute(stmt)).scalar() or 0)


async def grouped(session: AsyncSession, stmt: Any) -> dict[str, int]:
    return {str(k): int(v) for k, v in (await session.execute(stmt)).all()}
