"""Member onboarding (registration) and profile editing as a step machine whose state lives in the database.

Every step gets a fresh token (bot/services/common/guided_form.py) that the step's buttons carry;
the dialogue service refuses a press with another token, so a keyboard left under an earlier
question — even one of the same step visited before («✏️ اصلاح …» from the summary) — is stale.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import guided_form as gf
from bot.services.common.conversations import clear_state, get_state, start_flow, update_state
from bot.services.common.errors import AlreadyRegistered, InvalidInput, NotRegistered, StaleAction
from bot.services.members import profile_fields as fields
from bot.services.members.members import apply_profile, create_member
from models import Account, ConversationState, Member

REGISTER = "register"
EDIT = "edit"
DONE = "done"


async def begin_onboarding(session: AsyncSession, account: Account, *, now: datetime) -> ConversationState:
    """Start registration, or return the unfinished one so the member continues where they stopped."""
    if account.member_id is not None:
        raise AlreadyRegistered()
    state = await get_state(session, account.id)
    if state is not None and state.flow == REGISTER:
        gf.move(state, state.step, now=now)  # the question is asked again, with fresh buttons
        return state
    data = {gf.TOKEN_KEY: gf.new_token()}
    return await start_flow(session, account.id, flow=REGISTER, step="full_name", data=data, now=now)


async def begin_edit(
    session: AsyncSession, account: Account, field: str, *, config: Config, now: datetime
) -> ConversationState:
    """Start editing one profile field of a registered member."""
    member = account.member
    if member is None:
        raise NotRegistered()
    if field not in fields.EDITABLE_FIELDS:
        raise InvalidInput("unknown_choice")
    data: dict[str, Any] = {"return_to": DONE, gf.TOKEN_KEY: gf.new_token()}
    if field == "categories":
        data["cat_sel"] = member.category_keys
    return await start_flow(session, account.id, flow=EDIT, step=field, data=data, now=now)


def _require_step(state: ConversationState | None, step: str) -> ConversationState:
    if state is None or state.flow not in (REGISTER, EDIT) or state.step != step:
        raise StaleAction()
    return state


def answer(state: ConversationState | None, field: str, value: Any, *, now: datetime) -> str:
    """Store an already-validated answer for the current step and move on; returns the new step."""
    state = _require_step(state, field)
    changes: dict[str, Any] = {field: value}
    if field == "place" and value != fields.OTHER_PLACE:
        changes["place_other"] = None
    step = fields.next_step({**state.data, **changes}, field)
    if step == "confirm":
        changes["return_to"] = None
    gf.move(state, step, now=now, **changes)
    return step


def toggle_category(state: ConversationState | None, key: str, *, config: Config, now: datetime) -> list[str]:
    """Tick or untick one category on the multi-select keyboard; returns the current selection."""
    state = _require_step(state, "categories")
    fields.clean_choice(key, config, "categories")
    selected = set(state.data.get("cat_sel") or state.data.get("categories") or [])
    selected ^= {key}
    update_state(state, now=now, cat_sel=sorted(selected))
    return sorted(selected)


def finish_categories(state: ConversationState | None, *, config: Config, now: datetime) -> str:
    state = _require_step(state, "categories")
    chosen = fields.clean_categories(
        list(state.data.get("cat_sel") or state.data.get("categories") or []), config
    )
    update_state(state, now=now, cat_sel=None)
    return answer(state, "categories", chosen, now=now)


def edit_draft_field(state: ConversationState | None, field: str, *, now: datetime) -> str:
    """From the registration summary, go back to one field, then return to the summary."""
    state = _require_step(state, "confirm")
    if field not in fields.EDITABLE_FIELDS:
        raise InvalidInput("unknown_choice")
    extra: dict[str, Any] = {"cat_sel": state.data.get("categories")} if field == "categories" else {}
    gf.move(state, field, now=now, return_to="confirm", **extra)
    return field


async def confirm_onboarding(
    session: AsyncSession, account: Account, state: ConversationState | None, *, now: datetime
) -> Member:
    """Create the member from the finished draft (one transaction with clearing the draft)."""
    if account.member_id is not None:
        raise AlreadyRegistered()
    state = _require_step(state, "confirm")
    if state.flow != REGISTER or not fields.is_complete(state.data):
        raise StaleAction()
    member = await create_member(session, account, state.data, now=now)
    await clear_state(session, account.id)
    return member


async def finish_if_edited(
    session: AsyncSession, account: Account, state: ConversationState, *, now: datetime
) -> Member | None:
    """When an edit flow reached its end, write the change to the member and leave the flow."""
    if state.flow != EDIT or state.step != DONE:
        return None
    if account.member is None:
        raise NotRegistered()
    changes = {k: v for k, v in state.data.items() if k not in ("return_to", "cat_sel", gf.TOKEN_KEY)}
    member = apply_profile(account.member, changes, now=now)
    await clear_state(session, account.id)
    return member
