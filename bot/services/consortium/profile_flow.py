"""Adding a product to the export profile, one question at a time; the answers wait in the DB state.

```mermaid
stateDiagram-v2
    [*] --> category: «➕ افزودن محصول»
    category --> crop: a category button
    crop --> capacity: typed crop name, or «رد شدن»
    capacity --> unit: a number in any digits
    unit --> [*]: a unit button → product saved
```
Every button of a step (categories, «رد شدن», units) carries that step's token
(bot/services/common/guided_form.py); a press with another token is stale and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import guided_form as gf
from bot.services.common.conversations import (
    clear_state,
    leave_flows,
    start_flow,
    state_in,
)
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.consortium import export_profile as ep
from bot.services.members.accounts import Identity, touch_account
from models import ConversationState, ExportProfile

FLOW = "exp_product"
CATEGORY, CROP, CAPACITY, UNIT = "category", "crop", "capacity", "unit"


@dataclass
class Step:
    """The next question (`step`), or the saved profile when `step` is None."""

    step: str | None
    data: dict[str, Any]
    profile: ExportProfile | None = None
    token: str = ""  # carried by the buttons shown for `step`


async def begin(session: AsyncSession, who: Identity, *, now: datetime) -> Step:
    _, profile = await ep.my_profile(session, who, now=now)
    if len(profile.products) >= ep.MAX_PRODUCTS:
        raise InvalidInput("exp_too_many_products")
    account = await touch_account(session, who, now=now)
    token = gf.new_token()
    await start_flow(session, account.id, flow=FLOW, step=CATEGORY, data={gf.TOKEN_KEY: token}, now=now)
    return Step(CATEGORY, {}, token=token)


async def _state(
    session: AsyncSession, who: Identity, steps: tuple[str, ...], token: str | None = None
) -> ConversationState:
    """The caller's add-product state at one of `steps`; a button press also needs the step's token."""
    state = await state_in(session, who, (FLOW,), steps)
    if token is not None:
        gf.check_token(state, token)
    return state


async def choose_category(
    session: AsyncSession, who: Identity, config: Config, key: str, *, token: str = "", now: datetime
) -> Step:
    state = await _state(session, who, (CATEGORY,), token)
    if key not in {c.key for c in config.categories}:
        raise StaleAction()
    token = gf.move(state, CROP, now=now, category=key)
    return Step(CROP, dict(state.data), token=token)


async def skip_crop(session: AsyncSession, who: Identity, *, token: str = "", now: datetime) -> Step:
    state = await _state(session, who, (CROP,), token)
    token = gf.move(state, CAPACITY, now=now, crop=None)
    return Step(CAPACITY, dict(state.data), token=token)


async def receive(session: AsyncSession, who: Identity, text: str | None, *, now: datetime) -> Step:
    """A typed crop name or capacity; a bad value raises InvalidInput and keeps the step."""
    state = await _state(session, who, (CATEGORY, CROP, CAPACITY, UNIT))
    if state.step not in (CROP, CAPACITY):
        raise InvalidInput("use_buttons")
    if text is None:
        raise InvalidInput("exp_text_only")
    if state.step == CROP:
        token = gf.move(state, CAPACITY, now=now, crop=ep.clean_crop(text))
        return Step(CAPACITY, dict(state.data), token=token)
    token = gf.move(state, UNIT, now=now, capacity=ep.clean_capacity(text))
    return Step(UNIT, dict(state.data), token=token)


async def choose_unit(
    session: AsyncSession, who: Identity, config: Config, key: str, *, token: str = "", now: datetime
) -> Step:
    state = await _state(session, who, (UNIT,), token)
    member = await ep.member_of(session, who)
    data = dict(state.data)
    await ep.add_product(
        session,
        member.id,
        config,
        category=str(data["category"]),
        crop=data.get("crop"),
        capacity=int(data["capacity"]),
        unit=key,
        now=now,
    )
    await clear_state(session, state.account_id)
    profile = await ep.ensure_profile(session, member.id, now=now)
    return Step(None, data, profile)


async def leave(session: AsyncSession, who: Identity) -> None:
    await leave_flows(session, who, (FLOW,))
