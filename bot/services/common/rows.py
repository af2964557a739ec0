"""Loading a row that an action is about to change."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")


async def get_locked(session: AsyncSession, model: type[T], object_id: Any) -> T | None:
    """The row as the database has it now, locked FOR UPDATE on PostgreSQL (on SQLite every transaction
    already starts with BEGIN IMMEDIATE), so two presses on one object act one after the other."""
    locking = session.get_bind().dialect.name == "postgresql"
    return await session.get(model, object_id, with_for_update=locking, populate_existing=True)
