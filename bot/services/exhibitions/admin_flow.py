"""The CDA's exhibition/tour conversations, kept in `conversation_states` so a restart loses nothing.

`exha_new` asks the kind (buttons), then one field at a time (answers kept in the state), the poster
(a photo, or «رد شدن») and the target segment (toggles), and ends in a draft with its preview.
`exha_msg` waits for one typed message to those who responded or have not sent their documents.
The fields are a guided form (bot/services/common/guided_form.py): every button shown for a step
(the kinds, «رد شدن», the toggles, «ادامه ←») carries that step's token, so a button left under an
earlier question is stale. Every call re-checks the caller's rights, the stored step and token, so
stale or forged presses change nothing.

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

from collections.abc import Mapping
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
from bot.services.courses import admin as ca
from bot.services.exhibitions import admin as xa
from bot.services.exhibitions import fields as xf
from bot.services.members.accounts import Identity, touch_account
from models import ConversationState

FLOW_NEW, FLOW_MSG = "exha_new", "exha_msg"
FLOWS = (FLOW_NEW, FLOW_MSG)
DATE_FIELDS = ("starts_at", "ends_at", "deadline", "docs_deadline")  # the date picker's questions


def _foreign(values: Mapping[str, Any]) -> bool:
    return values.get("trip_kind") == "foreign"


CONDITIONS: dict[str, gf.Condition] = {
    "documents": _foreign,
    "docs_deadline": lambda values: _foreign(values) and bool(values.get("documents")),
}


def _field(name: str) -> gf.Field:
    def parse(text: str, values: dict[str, Any], now: datetime) -> dict[str, Any]:
        return xf.parse_field(name, text, trip_kind=values.get("trip_kind", ""), values=values, now=now)

    optional = name in xf.OPTIONAL
    return gf.Field(name, parse, optional, xf.blank(name) if optional else None, CONDITIONS.get(name))


FORM = gf.Form(FLOW_NEW, tuple(_field(name) for name in xf.FIELDS), xf.POSTER, xf.to_json, xf.from_json)


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
    token: str = ""  # carried by the buttons shown for `step`; another token is a stale press


async def _state(session: AsyncSession, who: Identity, config: Config, flow: str) -> ConversationState:
    await ca.check_admin(session, who, config)
    state = await state_in(session, who, (flow,))
    return state


async def begin(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> FlowResult:
    """«➕ نمایشگاه یا تور جدید»: (re)start the creation conversation at the kind."""
    await ca.check_admin(session, who, config)
    account = await touch_account(session, who, now=now)
    at = await gf.start(session, account.id, FORM, now=now, step=xf.KIND, data={"segment": {}})
    return FlowResult("ask", step=xf.KIND, token=at.token)


async def choose_kind(
    session: AsyncSession, who: Identity, config: Config, kind: str, *, token: str = "", now: datetime
) -> FlowResult:
    state = await _state(session, who, config, FLOW_NEW)
    gf.check_token(state, token, (xf.KIND,))
    if kind not in xf.TRIP_KINDS:
        raise StaleAction()
    values = {"trip_kind": kind}
    at = gf.advance(FORM, state, values, now=now, to=FORM.first(values))
    return FlowResult("ask", step=at.step, values=values, token=at.token)


async def _after(session: AsyncSession, config: Config, state: ConversationState, at: gf.Step) -> FlowResult:
    """The next question, or the target toggles after the poster."""
    if at.step == xf.TARGETS:
        segment = state.data.get("segment") or {}
        size = await ca.audience_size(session, segment, config)
        return FlowResult(
            xf.TARGETS,
            step=at.step,
            values=at.values,
            segment=segment,
            audience=size,
            skipped=at.skipped,
            token=at.token,
        )
    return FlowResult("ask", step=at.step, values=at.values, skipped=at.skipped, token=at.token)


def _poster(state: ConversationState, file_id: str | None, now: datetime) -> gf.Step:
    values = FORM.values(state)
    values["poster_file_id"] = file_id
    return gf.advance(FORM, state, values, now=now, to=xf.TARGETS)


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
        return await _after(session, config, state, _poster(state, photo_file_id, now))
    if FORM.field(state.step) is None:
        raise InvalidInput("use_buttons")
    if text is None:
        raise InvalidInput("text_only")
    return await _after(session, config, state, gf.answer(FORM, state, text, now=now))


async def skip(
    session: AsyncSession, who: Identity, config: Config, *, token: str = "", now: datetime
) -> FlowResult:
    """«رد شدن» under the optional question (or the poster) `token` was shown with."""
    state = await _state(session, who, config, FLOW_NEW)
    if state.step == xf.POSTER:
        gf.check_token(state, token)
        at = _poster(state, None, now)
        at.skipped = True
        return await _after(session, config, state, at)
    return await _after(session, config, state, gf.skip(FORM, state, token, now=now))


async def pick_check(session: AsyncSession, who: Identity, config: Config, token: str) -> str:
    """The date question a picker press is under (its step token checked), or StaleAction."""
    state = await _state(session, who, config, FLOW_NEW)
    gf.check_token(state, token, DATE_FIELDS)
    return str(state.step)


async def pick(
    session: AsyncSession, who: Identity, config: Config, token: str, text: str, *, now: datetime
) -> FlowResult:
    """A moment chosen with the date picker: checked like a press, then read exactly as if typed."""
    await pick_check(session, who, config, token)
    return await receive(session, who, config, text=text, text_html=None, photo_file_id=None, now=now)


async def toggle(
    session: AsyncSession,
    who: Identity,
    config: Config,
    code: str,
    key: str,
    *,
    token: str = "",
    now: datetime,
) -> FlowResult:
    state = await _state(session, who, config, FLOW_NEW)
    gf.check_token(state, token, (xf.TARGETS,))
    segment = ca.toggle_key(state.data.get("segment") or {}, config, code, key)
    update_state(state, now=now, segment=segment)
    return FlowResult(
        xf.TARGETS,
        step=xf.TARGETS,
        segment=segment,
        audience=await ca.audience_size(session, segment, config),
        token=token,
    )


async def targets_done(
    session: AsyncSession, who: Identity, config: Config, *, token: str = "", now: datetime
) -> FlowResult:
    """«ادامه ←» under the toggles: the draft and its preview."""
    state = await _state(session, who, config, FLOW_NEW)
    gf.check_token(state, token, (xf.TARGETS,))
    values = FORM.values(state)
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
