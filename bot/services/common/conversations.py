"""Conversation state in the database: one current flow and step per account."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.common.errors import StaleAction
from bot.services.members.accounts import Identity, find_account
from models import ConversationState


async def get_state(session: AsyncSession, account_id: int) -> ConversationState | None:
    return await session.get(ConversationState, account_id)


async def start_flow(
    session: AsyncSession, account_id: int, *, flow: str, step: str, data: dict[str, Any], now: datetime
) -> ConversationState:
    """Replace whatever flow the account was in with a new one."""
    state = await get_state(session, account_id)
    if state is None:
        state = ConversationState(
            account_id=account_id, flow=flow, step=step, data=dict(data), updated_at=now
        )
        session.add(state)
    else:
        state.flow, state.step, state.data, state.updated_at = flow, step, dict(data), now
    await session.flush()
    return state


def update_state(state: ConversationState, *, now: datetime, step: str | None = None, **changes: Any) -> None:
    """Change the step and/or data; a new dict is assigned so the JSON column is marked dirty."""
    if step is not None:
        state.step = step
    if changes:
        state.data = {**state.data, **changes}
    state.updated_at = now


async def clear_state(session: AsyncSession, account_id: int) -> bool:
    result = await session.execute(
        delete(ConversationState).where(ConversationState.account_id == account_id)
    )
    return bool(getattr(result, "rowcount", 0))


async def state_of(session: AsyncSession, who: Identity) -> ConversationState | None:
    """The caller's current conversation, if they have one."""
    account = await find_account(session, who)
    return await get_state(session, account.id) if account is not None else None


async def state_in(
    session: AsyncSession, who: Identity, flows: Collection[str], steps: Collection[str] | None = None
) -> ConversationState:
    """The caller's conversation if it is one of `flows` (at one of `steps`); else the press is stale."""
    state = await state_of(session, who)
    if state is None or state.flow not in flows or (steps is not None and state.step not in steps):
        raise StaleAction()
    return state


async def leave_flows(session: AsyncSession, who: Identity, flows: Collection[str]) -> None:
    """Drop the caller out of any of `flows` (a menu button, /cancel, rights withdrawn mid-way)."""
    state = await state_of(session, who)
    if state is not None and state.flow in flows:
        await clear_state(session, state.account_id)
