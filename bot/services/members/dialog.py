"""One call per update for the registration/profile dialogue: handlers render the returned Outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import guided_form as gf
from bot.services.common.conversations import QUESTION_KEY, clear_state, get_state, update_state
from bot.services.common.errors import DomainError, InvalidInput, StaleAction
from bot.services.members import linking
from bot.services.members import onboarding as reg
from bot.services.members import profile_fields as pf
from bot.services.members.accounts import Identity, find_account, needs_touch, touch_account
from bot.services.members.members import delete_member
from models import Account, ConversationState, Member

TEXT_STEPS = ("full_name", "phone", "place_other", "area", "link_code")
LINK_OFFER, LINK_CODE = "link_offer", "link_code"  # registration steps when the phone is a member's already
NOT_ANSWERS = (gf.TOKEN_KEY, QUESTION_KEY)  # what the state keeps besides the draft


@dataclass
class Outcome:
    """What happened, for the handler to render: current flow/step, draft data, member, error code."""

    member: Member | None
    flow: str | None = None
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    finished: str | None = None  # "registered" | "edited" | "linked" (to the member they are elsewhere)
    answered: str | None = None  # the field this update answered, if any
    token: str = ""  # carried by the buttons of `step`; a press with another token is stale
    messengers: list[str] = field(default_factory=list)  # the member's messengers (profile card), when asked

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
        data={k: v for k, v in state.data.items() if k not in NOT_ANSWERS},  # the draft answers
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


async def current(
    session: AsyncSession, identity: Identity, *, now: datetime, platforms: tuple[str, ...] = ()
) -> Outcome:
    """The sender's member and flow; with `platforms`, also the member's messengers (for the profile card)."""
    account = await touch_account(session, identity, now=now)
    outcome = _outcome(account, await get_state(session, account.id))
    if platforms and account.member is not None:
        outcome.messengers = await linking.messengers_of(session, account.member.id, platforms)
    return outcome


def _validate_text(step: str, text: str, config: Config) -> Any:
    if step == "full_name":
        return pf.clean_full_name(text, config)
    if step == "phone":
        return pf.clean_phone_text(text)
    if step == "place_other":
        return pf.clean_place_other(text, config)
    return pf.clean_area(text, config)


async def _advance(
    session: AsyncSession,
    account: Account,
    state: ConversationState,
    *,
    now: datetime,
    answered: str | None,
    config: Config | None = None,
) -> Outcome:
    member = await reg.finish_if_edited(session, account, state, now=now)
    if member is not None:
        mine = await linking.messengers_of(session, member.id, config.platforms) if config is not None else []
        return Outcome(member=member, finished="edited", answered=answered, messengers=mine)
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
    if state.step == LINK_CODE:
        return await _submit_code(session, account, state, text, now=now)
    try:
        value = _validate_text(state.step, text, config)
    except InvalidInput as exc:
        return _outcome(account, state, error=exc.code)
    step = state.step
    reg.answer(state, step, value, now=now)
    if step == "phone":
        update_state(state, now=now, phone_verified=False)
        return await _after_phone(session, account, state, config=config, now=now, verified=False)
    return await _advance(session, account, state, now=now, answered=step, config=config)


async def _after_phone(
    session: AsyncSession,
    account: Account,
    state: ConversationState,
    *,
    config: Config,
    now: datetime,
    verified: bool,
) -> Outcome:
    """Registering with a phone that is already a member's on the other messenger: link, or offer a code.

    Both numbers vouched for by their messengers (own contacts): the account links at once. Otherwise
    the draft waits at `link_offer` with the step it would have gone to."""
    if state.flow != reg.REGISTER:
        return await _advance(session, account, state, now=now, answered="phone", config=config)
    member = await linking.registered_elsewhere(
        session, account, state.data["phone"], platforms=config.platforms
    )
    if member is None:
        return await _advance(session, account, state, now=now, answered="phone", config=config)
    if verified and member.phone_verified:
        linking.link(account, member)
        await clear_state(session, account.id)
        return Outcome(member=member, finished="linked")
    gf.move(state, LINK_OFFER, now=now, link_next=state.step, link_member=member.id)
    return _outcome(account, state, answered="phone")


async def _submit_code(
    session: AsyncSession, account: Account, state: ConversationState, text: str, *, now: datetime
) -> Outcome:
    try:
        member_id = linking.check_code(state, text, now=now)
    except InvalidInput as exc:
        if exc.code in ("link_expired", "link_locked"):  # back to the offer: a new code, or go on alone
            gf.move(state, LINK_OFFER, now=now, **{linking.LINK_KEY: None})
        return _outcome(account, state, error=exc.code)
    member = await session.get(Member, member_id)
    if member is None:  # erased their data meanwhile: register as a new member
        gf.move(state, str(state.data.get("link_next") or "role"), now=now)
        return _outcome(account, state, error="link_expired")
    linking.link(account, member)
    await clear_state(session, account.id)
    return Outcome(member=member, finished="linked")


async def submit_contact(
    session: AsyncSession,
    identity: Identity,
    *,
    phone: str,
    contact_user_id: int | None,
    config: Config,
    now: datetime,
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
    update_state(state, now=now, phone_verified=True)  # the messenger vouches: the sender's own number
    return await _after_phone(session, account, state, config=config, now=now, verified=True)


STEP_ACTIONS = frozenset({"role", "cat", "catdone", "place", "areaskip", "fix", "confirm", "lsend", "lskip"})


async def _link_press(
    session: AsyncSession,
    account: Account,
    state: ConversationState | None,
    action: str,
    *,
    config: Config,
    now: datetime,
) -> ConversationState:
    """«فرستادن کد» sends a one-time code to the registered account; «ثبت‌نام جداگانه» goes on alone."""
    if state is None or state.flow != reg.REGISTER or state.step not in (LINK_OFFER, LINK_CODE):
        raise StaleAction()
    if action == "lskip":
        gf.move(
            state,
            str(state.data.get("link_next") or "role"),
            now=now,
            link_member=None,
            **{linking.LINK_KEY: None},
        )
        return state
    if state.step != LINK_OFFER:
        raise StaleAction()
    pending = await linking.send_code(
        session, state, int(state.data["link_member"]), platform=account.platform, config=config, now=now
    )
    gf.move(state, LINK_CODE, now=now, **{linking.LINK_KEY: pending})
    return state


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
        elif action in ("lsend", "lskip"):
            state = await _link_press(session, account, state, action, config=config, now=now)
        else:
            raise StaleAction()
    except DomainError as exc:
        return _outcome(account, state, error=exc.code)
    assert state is not None
    return await _advance(session, account, state, now=now, answered=action, config=config)


async def cancel(session: AsyncSession, identity: Identity, *, now: datetime) -> Outcome:
    """/cancel: leave whatever flow the member is in; returns what they were in (flow) for the reply."""
    account = await touch_account(session, identity, now=now)
    state = await get_state(session, account.id)
    flow = state.flow if state is not None else None
    await clear_state(session, account.id)
    return Outcome(member=account.member, flow=flow)


async def choose_messenger(
    session: AsyncSession, identity: Identity, choice: str, *, config: Config, now: datetime
) -> Outcome:
    """«دریافت پیام‌ها در …» on the profile card: where the cluster's messages reach this member."""
    account = await touch_account(session, identity, now=now)
    if account.member is None:
        return Outcome(member=None, error="not_registered")
    member = account.member
    try:
        await linking.choose_messenger(session, member, choice, platforms=config.platforms, now=now)
    except InvalidInput as exc:
        return Outcome(member=member, error=exc.code)
    return Outcome(
        member=member, messengers=await linking.messengers_of(session, member.id, config.platforms)
    )


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
