"""The CDA's consortium conversations, kept in `conversation_states` so a restart loses nothing.

`cns_new` creates a consortium; `cns_inq` takes a buyer's inquiry and answers with ranked groups;
`cns_msg` waits for one message to a consortium's members. Every call re-checks admin rights and
the stored step; every button of a step carries that step's token (bot/services/common/guided_form.py),
so an old or forged press — even from an earlier run at the same step — changes nothing.

```mermaid
stateDiagram-v2
    [*] --> name: «➕ کنسرسیوم جدید»
    name --> market: typed name
    market --> focus: a market button
    focus --> [*]: a category button → consortium (stage «در حال تشکیل»)
    [*] --> imarket: «🔎 استعلام خریدار»
    imarket --> icats: market button
    icats --> volume: ✅ toggles, then «ادامه ←»
    volume --> unit: a number
    unit --> icerts: unit button
    icerts --> [*]: toggles, then «نمایش گروه‌ها» → ranked groups / shortfall
    [*] --> msg: «✉️ پیام به اعضا» (cns_msg)
    msg --> [*]: a broadcast to the consortium
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    update_state,
)
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.consortium import consortia as cs
from bot.services.consortium import export_profile as ep
from bot.services.consortium import matchmaking as mm
from bot.services.members.accounts import Identity, touch_account
from models import Consortium, ConversationState
from models.enums import ConsortiumMemberStatus

FLOW_NEW, FLOW_INQ, FLOW_MSG = "cns_new", "cns_inq", "cns_msg"
FLOWS = (FLOW_NEW, FLOW_INQ, FLOW_MSG)
NAME, MARKET, FOCUS = "name", "market", "focus"
IMARKET, ICATS, VOLUME, UNIT, ICERTS = "imarket", "icats", "volume", "unit", "icerts"
MSG = "msg"
TEXT_STEPS = (NAME, VOLUME, MSG)


@dataclass
class FlowResult:
    """What the handler shows: `ask` (the question for `step`), `created`, `groups`, `messaged`."""

    kind: str
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    consortium: Consortium | None = None
    groups: list[mm.Group] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)
    demand: mm.Demand | None = None
    count: int = 0
    token: str = ""  # carried by the buttons shown for `step`; another token is a stale press


async def _start(
    session: AsyncSession,
    who: Identity,
    config: Config,
    flow: str,
    step: str,
    data: dict[str, Any],
    now: datetime,
) -> FlowResult:
    await cs.check_admin(session, who, config)
    account = await touch_account(session, who, now=now)
    token = gf.new_token()
    await start_flow(session, account.id, flow=flow, step=step, data={**data, gf.TOKEN_KEY: token}, now=now)
    return FlowResult("ask", step=step, data=data, token=token)


async def begin_new(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> FlowResult:
    return await _start(session, who, config, FLOW_NEW, NAME, {}, now)


async def begin_inquiry(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> FlowResult:
    return await _start(session, who, config, FLOW_INQ, IMARKET, {"cats": [], "certs": []}, now)


async def begin_message(
    session: AsyncSession, who: Identity, config: Config, consortium_id: int, *, now: datetime
) -> FlowResult:
    view = await cs.view(session, who, config, consortium_id)
    if view.count(ConsortiumMemberStatus.ACCEPTED) == 0:
        raise InvalidInput("cns_no_members")
    result = await _start(session, who, config, FLOW_MSG, MSG, {"consortium_id": consortium_id}, now)
    result.consortium, result.count = view.consortium, view.count(ConsortiumMemberStatus.ACCEPTED)
    return result


async def _state(
    session: AsyncSession, who: Identity, config: Config, flow: str, steps: tuple[str, ...]
) -> ConversationState:
    await cs.check_admin(session, who, config)
    state = await state_in(session, who, (flow,), steps)
    return state


async def leave(session: AsyncSession, who: Identity) -> None:
    await leave_flows(session, who, FLOWS)


async def receive(
    session: AsyncSession,
    who: Identity,
    config: Config,
    text: str | None,
    text_html: str | None,
    *,
    now: datetime,
) -> FlowResult:
    """A typed answer (name, volume, message); a bad one raises InvalidInput and keeps the step."""
    await cs.check_admin(session, who, config)
    state = await state_in(session, who, FLOWS)
    if state.step not in TEXT_STEPS:
        raise InvalidInput("use_buttons")
    if text is None:
        raise InvalidInput("exp_text_only")
    if state.step == NAME:
        token = gf.move(state, MARKET, now=now, name=cs.clean_name(text))
        return FlowResult("ask", step=MARKET, data=dict(state.data), token=token)
    if state.step == VOLUME:
        token = gf.move(state, UNIT, now=now, volume=ep.clean_capacity(text))
        return FlowResult("ask", step=UNIT, data=dict(state.data), token=token)
    consortium_id = int(state.data["consortium_id"])
    count = await cs.message_members(session, who, config, consortium_id, text_html or "", now=now)
    await clear_state(session, state.account_id)
    return FlowResult("messaged", count=count, consortium=await cs.load(session, who, config, consortium_id))


async def choose(
    session: AsyncSession,
    who: Identity,
    config: Config,
    action: str,
    key: str,
    *,
    token: str = "",
    now: datetime,
) -> FlowResult:
    """A button of either conversation: nmk/nfc (new), imk/icat/icok/iun/ice/iceok (inquiry), pressed
    under the step `token` was shown with."""
    if action in ("nmk", "nfc"):
        state = await _state(session, who, config, FLOW_NEW, (MARKET,) if action == "nmk" else (FOCUS,))
        gf.check_token(state, token)
        if action == "nmk":
            token = gf.move(state, FOCUS, now=now, market=cs.check_key(config, "markets", key))
            return FlowResult("ask", step=FOCUS, data=dict(state.data), token=token)
        data = dict(state.data)
        consortium = await cs.create(
            session, who, config, name=str(data["name"]), market=str(data["market"]), focus=key, now=now
        )
        await clear_state(session, state.account_id)
        return FlowResult("created", consortium=consortium)
    steps = {"imk": IMARKET, "icat": ICATS, "icok": ICATS, "iun": UNIT, "ice": ICERTS, "iceok": ICERTS}
    if action not in steps:
        raise StaleAction()
    state = await _state(session, who, config, FLOW_INQ, (steps[action],))
    gf.check_token(state, token)
    if action == "imk":
        gf.move(state, ICATS, now=now, market=cs.check_key(config, "markets", key))
    elif action == "icat":
        update_state(
            state,
            now=now,
            cats=_toggled(state.data.get("cats") or [], cs.check_key(config, "categories", key)),
        )
    elif action == "icok":
        if not state.data.get("cats"):
            raise InvalidInput("cns_no_category")
        gf.move(state, VOLUME, now=now)
    elif action == "iun":
        gf.move(state, ICERTS, now=now, unit=cs.check_key(config, "units", key))
    elif action == "ice":
        certs = _toggled(state.data.get("certs") or [], cs.check_key(config, "certifications", key))
        update_state(state, now=now, certs=certs)
    else:
        return await _finish_inquiry(session, who, config, state)
    return FlowResult("ask", step=state.step, data=dict(state.data), token=gf.step_token(state))


def _toggled(keys: list[str], key: str) -> list[str]:
    return [k for k in keys if k != key] if key in keys else sorted([*keys, key])


async def _finish_inquiry(
    session: AsyncSession, who: Identity, config: Config, state: ConversationState
) -> FlowResult:
    data = dict(state.data)
    demand = mm.Demand(
        market=str(data["market"]),
        categories=frozenset(data.get("cats") or ()),
        volume=int(data["volume"]),
        unit=str(data["unit"]),
        certifications=frozenset(data.get("certs") or ()),
    )
    groups, names = await cs.inquiry_groups(session, who, config, demand)
    await clear_state(session, state.account_id)
    return FlowResult("groups", data=data, groups=groups, names=names, demand=demand)
