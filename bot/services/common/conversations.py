"""Conversation state in the database: one current flow and step per account.

It also remembers the message that shows the current question's buttons (`QUESTION_KEY`: its id
and text), so that when the question is answered by typing — or a new question follows, or the
flow ends — the handlers can take those buttons away (handlers/kit.py `ask`, handlers/router.py).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.common.errors import StaleAction
from bot.services.members.accounts import Identity, find_account
from models import ConversationState

QUESTION_KEY = "asked"  # {"m": message id, "h": its HTML text} of the question shown with buttons
TOKEN_KEY = "tok"  # a guided form's step token (bot/services/common/guided_form.py)


@dataclass(frozen=True)
class Question:
    """The message showing the current question with buttons: its id and text (for a messenger that
    edits buttons only by editing the whole message)."""

    message_id: int
    html: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """Where a conversation stands before an update: to tell afterwards whether it moved on."""

    flow: str | None = None
    step: str | None = None
    token: str | None = None
    question: Question | None = None

    @classmethod
    def of(cls, state: ConversationState | None) -> Snapshot:
        if state is None:
            return cls()
        return cls(state.flow, state.step, state.data.get(TOKEN_KEY), question_of(state))

    def moved(self, state: ConversationState | None) -> bool:
        """The state is no longer the one the snapshot saw: another flow, step or step token, or none."""
        if state is None:
            return self.flow is not None
        return (state.flow, state.step, state.data.get(TOKEN_KEY)) != (self.flow, self.step, self.token)


def question_of(state: ConversationState | None) -> Question | None:
    raw = state.data.get(QUESTION_KEY) if state is not None else None
    if not isinstance(raw, dict) or not isinstance(raw.get("m"), int):
        return None
    html = raw.get("h")
    return Question(raw["m"], html if isinstance(html, str) else None)


async def get_state(session: AsyncSession, account_id: int) -> ConversationState | None:
    return await session.get(ConversationState, account_id)


async def start_flow(
    session: AsyncSession, account_id: int, *, flow: str, step: str, data: dict[str, Any], now: datetime
) -> ConversationState:
    """Replace whatever flow the account was in with a new one (the question on screen is still
    remembered, so the next question shown takes its buttons away)."""
    state = await get_state(session, account_id)
    if state is None:
        state = ConversationState(
            account_id=account_id, flow=flow, step=step, data=dict(data), updated_at=now
        )
        session.add(state)
    else:
        shown = {QUESTION_KEY: state.data[QUESTION_KEY]} if QUESTION_KEY in state.data else {}
        state.flow, state.step, state.data, state.updated_at = flow, step, {**dict(data), **shown}, now
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


async def snapshot(session: AsyncSession, who: Identity) -> Snapshot:
    """The caller's conversation as it stands (flow, step, token, question shown), without changing it."""
    return Snapshot.of(await state_of(session, who))


async def remember_question(session: AsyncSession, who: Identity, question: Question | None) -> None:
    """The question just shown (None: one without buttons) is now the one whose buttons are live."""
    state = await state_of(session, who)
    if state is None:
        return
    data = {k: v for k, v in state.data.items() if k != QUESTION_KEY}
    if question is not None:
        data[QUESTION_KEY] = {"m": question.message_id, "h": question.html}
    if data != state.data:
        state.data = data  # a new dict: the JSON column is marked dirty; the step's time is kept


async def settle_question(session: AsyncSession, who: Identity, before: Snapshot) -> Question | None:
    """After a typed message: the question `before` showed, if the conversation has moved past it
    (answered, left or ended) and no newer question took its place; it is forgotten here, and the
    caller takes its buttons away. None while the same question is still asked (a rejected answer)."""
    if before.question is None:
        return None
    state = await state_of(session, who)
    if not before.moved(state):
        return None
    if state is not None:
        if question_of(state) != before.question:  # a new question was asked: `ask` closed this one
            return None
        await remember_question(session, who, None)
    return before.question
