"""The CDA's exhibition/tour conversations, kept in `conversation_states` so a restart loses nothing.

`exha_new` asks the kind (buttons), then one field at a time (answers kept in the state), the poster
(a photo, or «رد شدن») and the target segment (toggles), and ends in a draft with its preview.
`exha_msg` waits for one typed message to those who responded or have not sent their documents.
Every call re-checks the caller's rights and the stored step, so stale or forged presses change nothing.

```mermaid
stateDiagram-v2
    [*] --> kind: «➕ نمایشگاه یا تور جدید»
    kind --> title: domestic / foreign / tour (buttons)
    title --> where --> venue --> starts_at --> ends_at --> deadline --> costs --> subsidy --> capacity
    capacity --> documents: foreign only
    documents --> docs_deadline: if any documents
    capacity --> poster
    documents --> poster
    docs_deadline --> poster
    poster --> targets: a photo, or «رد شدن»
    targets --> [*]: ✅ toggles, then «ادامه ←» → draft + preview
    [*] --> msg: «✉️ پیام به …»
    msg --> [*]: a notification broadcast
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common.conversations import (
    clear_state,
    leave_flows,
    start_flow,
    state_in,
    update_state,
)
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.courses import admin as ca
from bot.services.exhibitions import admin as xa
from bot.services.exhibitions import fields as xf
from bot.services.members.accounts import Identity, touch_account
from models import ConversationState

FLOW_NEW, FLOW_MSG = "exha_new", "exha_msg"
FLOWS = (FLOW_NEW, FLOW_MSG)


@dataclass
class FlowResult:
    """kind: ask (a question for `step`), targets (toggles), preview (a new draft), messaged."""

    kind: str
    step: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    segment: dict[str, list[str]] = field(default_factory=dict)
    audience: int = 0
    summary: xa.ItemSummary | None = None
    count: int = 0
    skipped: bool = False


async def _state(session: AsyncSession, who: Identity, config: Config, flow: str) -> ConversationState:
    await ca.check_admin(session, who, config)
    state = await state_in(session, who, (flow,))
    return state


async def begin(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> FlowResult:
    """«➕ نمایشگاه یا تور جدید»: (re)start the creation conversation at the kind."""
    await ca.check_admin(session, who, config)
    account = await touch_account(session, who, now=now)
    await start_flow(
        session, account.id, flow=FLOW_NEW, step=xf.KIND, data={"values": {}, "segment": {}}, now=now
    )
    return FlowResult("ask", step=xf.KIND)


async def choose_kind(
    session: AsyncSession, who: Identity, config: Config, kind: str, *, now: datetime
) -> FlowResult:
    state = await _state(session, who, config, FLOW_NEW)
    if state.step != xf.KIND or kind not in xf.TRIP_KINDS:
        raise StaleAction()
    update_state(state, now=now, step=xf.FIELDS[0], values={"trip_kind": kind})
    return FlowResult("ask", step=xf.FIELDS[0], values={"trip_kind": kind})


async def _advance(
    session: AsyncSession,
    config: Config,
    state: ConversationState,
    values: dict[str, Any],
    now: datetime,
    skipped: bool,
) -> FlowResult:
    nxt = xf.TARGETS if state.step == xf.POSTER else xf.next_step(values["trip_kind"], state.step, values)
    update_state(state, now=now, step=nxt, values=xf.to_json(values))
    if nxt == xf.TARGETS:
        segment = state.data.get("segment") or {}
        size = await ca.audience_size(session, segment, config)
        return FlowResult(
            xf.TARGETS, step=nxt, values=values, segment=segment, audience=size, skipped=skipped
        )
    return FlowResult("ask", step=nxt, values=values, skipped=skipped)


async def _answer(
    session: AsyncSession, config: Config, state: ConversationState, text: str | None, now: datetime
) -> FlowResult:
    values = xf.from_json(state.data.get("values") or {})
    parsed = xf.parse_field(state.step, text, trip_kind=values.get("trip_kind", ""), values=values, now=now)
    values.update(parsed)
    return await _advance(session, config, state, values, now, skipped=text is None)


async def receive(
    session: AsyncSession,
    who: Identity,
    config: Config,
    *,
    text: str | None,
    text_html: str | None,
    photo_file_id: str | None,
    now: datetime,
) -> FlowResult:
    """A message in either flow: a typed answer, the poster photo, or the message to members."""
    await ca.check_admin(session, who, config)
    state = await state_in(session, who, FLOWS)
    if state.flow == FLOW_MSG:
        if text is None:
            raise InvalidInput("text_only")
        event_id, to = int(state.data["event_id"]), str(state.data["to"])
        count = await xa.message(session, who, config, event_id, to, text_html or "", now=now)
        await clear_state(session, state.account_id)
        return FlowResult("messaged", count=count)
    if state.step == xf.POSTER:
        if photo_file_id is None:
            raise InvalidInput("poster_expected")
        values = xf.from_json(state.data.get("values") or {})
        values["poster_file_id"] = photo_file_id
        return await _advance(session, config, state, values, now, skipped=False)
    if state.step not in xf.FIELDS:
        raise InvalidInput("use_buttons")
    if text is None:
        raise InvalidInput("text_only")
    return await _answer(session, config, state, text, now)


async def skip(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> FlowResult:
    """«رد شدن» under an optional question or the poster."""
    state = await _state(session, who, config, FLOW_NEW)
    if state.step == xf.POSTER:
        values = xf.from_json(state.data.get("values") or {})
        values["poster_file_id"] = None
        return await _advance(session, config, state, values, now, skipped=True)
    if state.step not in xf.OPTIONAL:
        raise StaleAction()
    return await _answer(session, config, state, None, now)


async def toggle(
    session: AsyncSession, who: Identity, config: Config, code: str, key: str, *, now: datetime
) -> FlowResult:
    state = await _state(session, who, config, FLOW_NEW)
    if state.step != xf.TARGETS:
        raise StaleAction()
    segment = ca.toggle_key(state.data.get("segment") or {}, config, code, key)
    update_state(state, now=now, segment=segment)
    return FlowResult(
        xf.TARGETS,
        step=xf.TARGETS,
        segment=segment,
        audience=await ca.audience_size(session, segment, config),
    )


async def targets_done(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> FlowResult:
    """«ادامه ←» under the toggles: the draft and its preview."""
    state = await _state(session, who, config, FLOW_NEW)
    if state.step != xf.TARGETS:
        raise StaleAction()
    values = xf.from_json(state.data.get("values") or {})
    values["segment"] = state.data.get("segment") or {}
    event = await xa.create_draft(session, who, config, values, now=now)
    await clear_state(session, state.account_id)
    return FlowResult(
        "preview", segment=values["segment"], summary=await xa.summary(session, who, config, event.id)
    )


async def start_message(
    session: AsyncSession, who: Identity, config: Config, event_id: int, to: str, *, now: datetime
) -> FlowResult:
    """«✉️ پیام به …»: the next text goes to those who responded (`all`) or lack documents (`nodocs`)."""
    if to not in xa.AUDIENCES:
        raise StaleAction()
    count = await xa.audience_of_message(session, who, config, event_id, to)
    if count == 0:
        raise InvalidInput("no_recipients")
    account = await touch_account(session, who, now=now)
    await start_flow(
        session, account.id, flow=FLOW_MSG, step="msg", data={"event_id": event_id, "to": to}, now=now
    )
    return FlowResult(
        "ask",
        step="msg",
        values={"to": to},
        count=count,
        summary=await xa.summary(session, who, config, event_id),
    )


async def leave(session: AsyncSession, who: Identity) -> None:
    await leave_flows(session, who, FLOWS)
