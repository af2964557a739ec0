"""One call per update for the registration/profile dialogue: handlers render the returned Outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import guided_form as gf
from bot.services.common.conversations import clear_state, get_state
from bot.services.common.errors import DomainError, InvalidInput, StaleAction
from bot.services.members import onboarding as reg
from bot.services.members import profile_fields as pf
from bot.services.members.accounts import Identity, find_account, needs_touch, touch_account
from bot.services.members.members import delete_member
from models import Account, ConversationState, Member

TEXT_STEPS = ("full_name", "phone", "place_other", "area")


@dataclass
class Outcome:
    """What happened, for the handler to render: current flow/step, draft data, member, error code."""

    member: Member | None
    flow: str | None = None
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    finished: str | None = None  # "registered" | "edited"
    answered: str | None = None  # the field this update answered, if any
    token: str = ""  # carried by the buttons of `step`; a press with another token is stale

    @property
    def in_flow(self) -> bool:
        return self.flow is not None


def _outcome(account: Account, state: ConversationState | None, **extra: Any) -> Outcome:
    if state is None or state.flow is None:
        return Outcome(member=account.member, **extra)
    return Outcome(
        member=account.member,
        flow=state.flow,
        step=state.step,
        data={k: v for k, v in state.data.items() if k != gf.TOKEN_KEY},  # the draft answers
        token=gf.step_token(state),
        **extra,
    )


async def open_start(
    session: AsyncSession, identity: Identity, *, payload: str | None, now: datetime
) -> Outcome:
    """/start: registered members get the menu; others start or resume registration."""
    account = await touch_account(session, identity, now=now, start_payload=payload)
    if account.member is not None:
        state = await get_state(session, account.id)
        return _outcome(account, state)
    return _outcome(account, await reg.begin_onboarding(session, account, now=now))


async def current(session: AsyncSession, identity: Identity, *, now: datetime) -> Outcome:
    account = await touch_account(session, identity, now=now)
    return _outcome(account, await get_state(session, account.id))


def _validate_text(step: str, text: str, config: Config) -> Any:
    if step == "full_name":
        return pf.clean_full_name(text, config)
    if step == "phone":
        return pf.clean_phone_text(text)
    if step == "place_other":
        return pf.clean_place_other(text, config)
    return pf.clean_area(text, config)


async def _advance(
    session: AsyncSession, account: Account, state: ConversationState, *, now: datetime, answered: str | None
) -> Outcome:
    member = await reg.finish_if_edited(session, account, state, now=now)
    if member is not None:
        return Outcome(member=member, finished="edited", answered=answered)
    return _outcome(account, state, answered=answered)


async def submit_text(
    session: AsyncSession, identity: Identity, text: str, *, config: Config, now: datetime
) -> Outcome:
    """A typed answer to the current step; outside a flow, returns the member for menu routing."""
    account = await touch_account(session, identity, now=now)
    state = await get_state(session, account.id)
    if state is None:
        return _outcome(account, None)
    if state.step not in TEXT_STEPS:
        return _outcome(account, state, error="use_buttons")
    try:
        value = _validate_text(state.step, text, config)
    except InvalidInput as exc:
        return _outcome(account, state, error=exc.code)
    step = state.step
    reg.answer(state, step, value, now=now)
    return await _advance(session, account, state, now=now, answered=step)


async def submit_contact(
    session: AsyncSession, identity: Identity, *, phone: str, contact_user_id: int | None, now: datetime
) -> Outcome:
    account = await touch_account(session, identity, now=now)
    state = await get_state(session, account.id)
    if state is None or state.step != "phone":
        return _outcome(account, state, error="contact_unexpected")
    try:
        value = pf.clean_contact(phone, contact_user_id, identity.user_id)
    except InvalidInput as exc:
        return _outcome(account, state, error=exc.code)
    reg.answer(state, "phone", value, now=now)
    return await _advance(session, account, state, now=now, answered="phone")


STEP_ACTIONS = frozenset({"role", "cat", "catdone", "place", "areaskip", "fix", "confirm"})


async def press(
    session: AsyncSession,
    identity: Identity,
    action: str,
    arg: str,
    *,
    token: str = "",
    config: Config,
    now: datetime,
) -> Outcome:
    """An inline button of the registration/profile dialogue; every press is re-checked against the state.

    A step's button (`STEP_ACTIONS`) counts only with the token of the step asked now."""
    account = await touch_account(session, identity, now=now)
    state = await get_state(session, account.id)
    try:
        if action in STEP_ACTIONS and state is not None:  # no state: each step below refuses it
            gf.check_token(state, token)
        if action == "role":
            reg.answer(state, "role", pf.clean_choice(arg, config, "roles"), now=now)
        elif action == "cat":
            reg.toggle_category(state, arg, config=config, now=now)
        elif action == "catdone":
            reg.finish_categories(state, config=config, now=now)
        elif action == "place":
            reg.answer(state, "place", pf.clean_choice(arg, config, "places"), now=now)
        elif action == "areaskip":
            reg.answer(state, "area", None, now=now)
        elif action == "fix":
            reg.edit_draft_field(state, arg, now=now)
        elif action == "confirm":
            member = await reg.confirm_onboarding(session, account, state, now=now)
            return Outcome(member=member, finished="registered")
        elif action == "edit":
            state = await reg.begin_edit(session, account, arg, config=config, now=now)
        else:
            raise StaleAction()
    except DomainError as exc:
        return _outcome(account, state, error=exc.code)
    assert state is not None
    return await _advance(session, account, state, now=now, answered=action)


async def cancel(session: AsyncSession, identity: Identity, *, now: datetime) -> Outcome:
    """/cancel: leave whatever flow the member is in; returns what they were in (flow) for the reply."""
    account = await touch_account(session, identity, now=now)
    state = await get_state(session, account.id)
    flow = state.flow if state is not None else None
    await clear_state(session, account.id)
    return Outcome(member=account.member, flow=flow)


async def erase_me(session: AsyncSession, identity: Identity, *, now: datetime) -> bool:
    """Delete the member's data and accounts; False when there was nothing to delete."""
    account = await touch_account(session, identity, now=now)
    return await delete_member(session, account)


async def open_menu(session: AsyncSession, identity: Identity, *, now: datetime) -> Outcome:
    """A main-menu button: it abandons a half-done profile edit (never a registration draft)."""
    account = await touch_account(session, identity, now=now)
    state = await get_state(session, account.id)
    if state is not None and state.flow == reg.EDIT:
        await clear_state(session, account.id)
        state = None
    return _outcome(account, state)


async def peek_menu(session: AsyncSession, identity: Identity, *, now: datetime) -> Outcome | None:
    """What `open_menu` would return, read only; None when it has something to write (a new or
    changed account, a stale last_seen_at, a profile edit to abandon): then call `open_menu`."""
    account = await find_account(session, identity)
    if account is None or needs_touch(account, identity, now=now):
        return None
    state = await get_state(session, account.id)
    if state is not None and state.flow == reg.EDIT:
        return None
    return _outcome(account, state)


async def peek_text(session: AsyncSession, identity: Identity, *, now: datetime) -> Outcome | None:
    """What `submit_text` would return for a sender in no flow, read only; None when there is
    something to write (an answer to a step, a new or changed account): then call `submit_text`."""
    account = await find_account(session, identity)
    if account is None or needs_touch(account, identity, now=now):
        return None
    if await get_state(session, account.id) is not None:
        return None
    return _outcome(account, None)


async def flow_of(session: AsyncSession, identity: Identity) -> str | None:
    """The flow the sender is in (register, edit, bcast …), without touching anything (one query)."""
    stmt = (
        select(ConversationState.flow)
        .join(Account, Account.id == ConversationState.account_id)
        .where(Account.platform == identity.platform, Account.user_id == identity.user_id)
    )
    return (await session.execute(stmt)).scalar_one_or_none()
