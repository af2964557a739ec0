"""The CDA's course conversations, kept in `conversation_states` so a restart loses nothing.

`course_new` asks one field at a time (answers kept in the state until the draft is made);
`course_edit` waits for one typed value: a field, a new start time, or a message to the roster.
Creation is a guided form (bot/services/common/guided_form.py): every button shown for a step
(«رد شدن», the toggles, «ادامه ←») carries that step's token, so a button left under an earlier
question is stale. Every call re-checks the caller's rights, the stored step and token, and that a
press is for the course in the stored flow (`event_id` 0 is the course being created), so stale or
forged presses change nothing.

```mermaid
stateDiagram-v2
    [*] --> title: «➕ دورهٔ آموزشی جدید»
    title --> description --> instructor --> starts_at --> sessions --> place --> capacity --> deadline
    deadline --> targets: optional fields take «رد شدن»
    targets --> [*]: ✅ toggles, then «ادامه ←» → draft + preview card
    [*] --> field: «✏️ …» on a preview or card (course_edit)
    [*] --> resched: «🗓 تغییر زمان»
    [*] --> msg: «✉️ پیام به …»
    field --> [*]
    resched --> [*]: registered members told
    msg --> [*]: a notification broadcast
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import guided_form as gf
from bot.services.common import lifecycle as lc
from bot.services.common.conversations import (
    clear_state,
    leave_flows,
    start_flow,
    state_in,
    state_of,
    update_state,
)
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.courses import admin as ca
from bot.services.courses import fields as cf
from bot.services.courses import roster
from bot.services.members.accounts import Identity, touch_account
from models import ConversationState
from models.enums import EventStatus, SeatStatus

FLOW_NEW, FLOW_EDIT = "course_new", "course_edit"
FLOWS = (FLOW_NEW, FLOW_EDIT)
TARGETS = "targets"
FIELD, RESCHED, MESSAGE = "field", "resched", "msg"
AUDIENCES = ("reg", "abs")
DATE_FIELDS = ("starts_at", "deadline")  # asked with the date picker (handlers/date_picker.py) too


def _field(name: str) -> gf.Field:
    def parse(text: str, values: dict[str, Any], now: datetime) -> dict[str, Any]:
        return cf.parse_field(name, text, now=now, starts_at=values.get("starts_at"))

    return gf.Field(name, parse, optional=name in cf.OPTIONAL, blank=cf.blank(name))


FORM = gf.Form(FLOW_NEW, tuple(_field(name) for name in cf.FIELDS), TARGETS, cf.to_json, cf.from_json)


@dataclass
class FlowResult:
    """What the handler shows next.

    kind: ask (a question for `step`), targets (toggles), preview (a new draft), edited, rescheduled,
    messaged. `values` are the answers so far (creation) for examples in prompts.
    """

    kind: str
    step: str | None = None
    event_id: int = 0
    values: dict[str, Any] = field(default_factory=dict)
    segment: dict[str, list[str]] = field(default_factory=dict)
    audience: int = 0
    summary: ca.CourseSummary | None = None
    change: ca.Change | None = None
    count: int = 0  # recipients of a message / registered members told
    skipped: bool = False
    token: str = ""  # carried by the buttons shown for `step`; another token is a stale press


async def _state(session: AsyncSession, who: Identity, config: Config, flow: str) -> ConversationState:
    await ca.check_admin(session, who, config)
    state = await state_in(session, who, (flow,))
    return state


async def _start(
    session: AsyncSession, who: Identity, flow: str, step: str, data: dict[str, Any], now: datetime
) -> None:
    account = await touch_account(session, who, now=now)
    await start_flow(session, account.id, flow=flow, step=step, data=data, now=now)


async def begin(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> FlowResult:
    """«➕ دورهٔ آموزشی جدید»: (re)start the creation conversation at the title."""
    await ca.check_admin(session, who, config)
    account = await touch_account(session, who, now=now)
    at = await gf.start(session, account.id, FORM, now=now, data={"segment": {}})
    return FlowResult("ask", step=at.step, token=at.token)


async def leave(session: AsyncSession, who: Identity) -> None:
    await leave_flows(session, who, FLOWS)


async def current_step(session: AsyncSession, who: Identity) -> str | None:
    """The step of the caller's course conversation, if they are in one."""
    state = await state_of(session, who)
    return state.step if state is not None and state.flow in FLOWS else None


async def _after(session: AsyncSession, config: Config, state: ConversationState, at: gf.Step) -> FlowResult:
    """The next question, or the target toggles once every field is answered."""
    if at.step == TARGETS:
        segment = state.data.get("segment") or {}
        size = await ca.audience_size(session, segment, config)
        return FlowResult(
            TARGETS,
            step=TARGETS,
            values=at.values,
            segment=segment,
            audience=size,
            skipped=at.skipped,
            token=at.token,
        )
    return FlowResult("ask", step=at.step, values=at.values, skipped=at.skipped, token=at.token)


async def receive(
    session: AsyncSession,
    who: Identity,
    config: Config,
    text: str | None,
    text_html: str | None,
    *,
    now: datetime,
) -> FlowResult:
    """A typed message in either flow; a bad answer raises and keeps the step."""
    await ca.check_admin(session, who, config)
    state = await state_in(session, who, FLOWS)
    if text is None:
        raise InvalidInput("text_only")
    if state.flow == FLOW_NEW:
        return await _after(session, config, state, gf.answer(FORM, state, text, now=now))
    event_id = int(state.data["event_id"])
    if state.step == FIELD:
        change = await ca.set_field(session, who, config, event_id, state.data["field"], text, now=now)
        await clear_state(session, state.account_id)
        return FlowResult("edited", step=state.data["field"], event_id=event_id, change=change)
    if state.step == RESCHED:
        change = await ca.reschedule(session, who, config, event_id, text, now=now)
        await clear_state(session, state.account_id)
        return FlowResult("rescheduled", event_id=event_id, change=change, count=change.told)
    if state.step != MESSAGE:
        raise StaleAction()
    to = state.data["to"]
    count = await roster.message(session, who, config, event_id, to, text_html or "", now=now)
    await clear_state(session, state.account_id)
    return FlowResult("messaged", event_id=event_id, count=count)


async def skip(
    session: AsyncSession, who: Identity, config: Config, event_id: int, token: str, *, now: datetime
) -> FlowResult:
    """«رد شدن» under the optional question `token` was shown with (creation, or editing `event_id`)."""
    if event_id == 0:
        state = await _state(session, who, config, FLOW_NEW)
        return await _after(session, config, state, gf.skip(FORM, state, token, now=now))
    state = await _state(session, who, config, FLOW_EDIT)
    gf.check_token(state, token, (FIELD,))
    name = state.data.get("field")
    if state.data.get("event_id") != event_id or name not in cf.OPTIONAL:
        raise StaleAction()
    change = await ca.set_field(session, who, config, event_id, name, None, now=now)
    await clear_state(session, state.account_id)
    return FlowResult("edited", step=name, event_id=event_id, change=change, skipped=True)


async def pick_check(session: AsyncSession, who: Identity, config: Config, event_id: int, token: str) -> str:
    """The date field a picker press is under («starts_at» for a new start time), or StaleAction.

    The press must carry the token of the question being asked now, for the course in the flow."""
    if event_id == 0:
        state = await _state(session, who, config, FLOW_NEW)
        gf.check_token(state, token, DATE_FIELDS)
        return str(state.step)
    state = await _state(session, who, config, FLOW_EDIT)
    gf.check_token(state, token, (FIELD, RESCHED))
    name = state.data.get("field") if state.step == FIELD else "starts_at"
    if state.data.get("event_id") != event_id or name not in DATE_FIELDS:
        raise StaleAction()
    return str(name)


async def pick(
    session: AsyncSession,
    who: Identity,
    config: Config,
    event_id: int,
    token: str,
    text: str,
    *,
    now: datetime,
) -> FlowResult:
    """A moment chosen with the date picker: checked like a press, then read exactly as if typed."""
    await pick_check(session, who, config, event_id, token)
    return await receive(session, who, config, text, None, now=now)


async def toggle(
    session: AsyncSession,
    who: Identity,
    config: Config,
    event_id: int,
    code: str,
    key: str,
    *,
    token: str = "",
    now: datetime,
) -> FlowResult:
    """A category/place toggle: on the course being created (0, with the step's token) or on a course."""
    if event_id:
        summary = await ca.toggle_target(session, who, config, event_id, code, key, now=now)
        segment = ca.target_segment(summary.event)
        return FlowResult(
            TARGETS, event_id=event_id, segment=segment, audience=summary.audience, summary=summary
        )
    state = await _state(session, who, config, FLOW_NEW)
    gf.check_token(state, token, (TARGETS,))
    segment = ca.toggle_key(state.data.get("segment") or {}, config, code, key)
    update_state(state, now=now, segment=segment)
    size = await ca.audience_size(session, segment, config)
    return FlowResult(TARGETS, step=TARGETS, segment=segment, audience=size, token=token)


async def targets_done(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, token: str = "", now: datetime
) -> FlowResult:
    """«ادامه ←» under the toggles: the creation ends in a draft and its preview; an edit shows the course."""
    if event_id:
        summary = await ca.summary(session, who, config, event_id)
        if not lc.allows(lc.COURSE, summary.event.status, lc.EDIT):
            raise StaleAction()
        return FlowResult("edited", step=TARGETS, event_id=event_id, summary=summary)
    state = await _state(session, who, config, FLOW_NEW)
    gf.check_token(state, token, (TARGETS,))
    values = FORM.values(state)
    values["segment"] = state.data.get("segment") or {}
    event = await ca.create_draft(session, who, config, values, now=now)
    await clear_state(session, state.account_id)
    summary = await ca.summarise(session, event, config)
    return FlowResult("preview", event_id=event.id, summary=summary)


async def start_edit(
    session: AsyncSession, who: Identity, config: Config, event_id: int, name: str, *, now: datetime
) -> FlowResult:
    """«✏️ <field>»: wait for the new value (targets are toggled with buttons instead)."""
    if name not in cf.EDITABLE:
        raise StaleAction()
    event = await ca.load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.EDIT))
    summary = await ca.summarise(session, event, config)
    if name == TARGETS:
        segment = ca.target_segment(event)
        return FlowResult(
            TARGETS, event_id=event_id, segment=segment, audience=summary.audience, summary=summary
        )
    if name == "starts_at" and event.status != EventStatus.DRAFT:
        raise InvalidInput("use_reschedule")
    token = gf.new_token()
    data = {"event_id": event_id, "field": name, gf.TOKEN_KEY: token}
    await _start(session, who, FLOW_EDIT, FIELD, data, now)
    return FlowResult("ask", step=name, event_id=event_id, summary=summary, token=token)


async def start_reschedule(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, now: datetime
) -> FlowResult:
    event = await ca.load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.RESCHEDULE))
    registered = len(await ca.member_ids(session, event_id, (SeatStatus.REGISTERED,)))
    token = gf.new_token()
    await _start(session, who, FLOW_EDIT, RESCHED, {"event_id": event_id, gf.TOKEN_KEY: token}, now)
    return FlowResult(
        "ask", step=RESCHED, event_id=event_id, summary=ca.CourseSummary(event), count=registered, token=token
    )


async def start_message(
    session: AsyncSession, who: Identity, config: Config, event_id: int, to: str, *, now: datetime
) -> FlowResult:
    """«✉️ پیام به …»: the next text goes to those registered (`reg`) or marked absent (`abs`)."""
    if to not in AUDIENCES:
        raise StaleAction()
    event = await ca.load(session, who, config, event_id, states=lc.allowing(lc.COURSE, lc.MESSAGE))
    count = len(await roster.recipients(session, event_id, to))
    if count == 0:
        raise InvalidInput("no_recipients")
    await _start(session, who, FLOW_EDIT, MESSAGE, {"event_id": event_id, "to": to}, now)
    summary = ca.CourseSummary(event)
    return FlowResult("ask", step=MESSAGE, event_id=event_id, values={"to": to}, summary=summary, count=count)
