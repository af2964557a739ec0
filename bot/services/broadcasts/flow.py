"""The CDA's broadcast conversation: compose (content → buttons → audience → preview → time) and manage.

State lives in `conversation_states` (flow `bcast`, data {"broadcast_id": id}); every call re-checks
the caller's rights, the stored step and that a press is for the broadcast being composed, so an
old, doubled or forged press changes nothing. A draft left behind by /cancel stays `draft`: no
press can schedule it any more, because it is no longer the flow's broadcast. Each button names
its step by its action (`nobtn` only at buttons; `view`/`all`/`tg`/`next` only at audience; the
preview controls at preview or schedule_at) and its run by the broadcast id (a new draft per run),
and no step is visited twice in a run, so the guided-form token is needed only by the date picker
under the time questions (a new token each time «زمان‌بندی» or «تغییر زمان» is pressed).

```mermaid
stateDiagram-v2
    [*] --> content: «پیام همگانی جدید»
    content --> buttons: text / photo / document / video → draft
    buttons --> audience: «عنوان | https://…» lines or «بدون دکمه»
    audience --> preview: toggles, then «ادامه ←» (audience > 0)
    preview --> schedule_at: «زمان‌بندی»
    preview --> [*]: «ارسال همین حالا» / «لغو»
    schedule_at --> [*]: a Jalali time, typed or picked (errors keep the step)
    [*] --> reschedule_at: «تغییر زمان» on a card (broadcast_manage)
    reschedule_at --> [*]: a Jalali time, typed or picked
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.jalali import parse_jalali_datetime
from bot.services.broadcasts import lifecycle as bc
from bot.services.common import guided_form as gf
from bot.services.common.admins import check_admin
from bot.services.common.conversations import (
    clear_state,
    leave_flows,
    start_flow,
    state_in,
    update_state,
)
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.common.segments import Segment, clean_segment
from bot.services.members.accounts import Identity, touch_account
from bot.services.surveys import segment as survey_segment
from models import Broadcast, ConversationState
from models.enums import BroadcastKind, BroadcastStatus

FLOW = "bcast"
CONTENT, BUTTONS, AUDIENCE, PREVIEW = "content", "buttons", "audience", "preview"
SCHEDULE_AT, RESCHEDULE_AT = "schedule_at", "reschedule_at"
DIMENSIONS = ("roles", "categories", "places")


@dataclass(frozen=True)
class Incoming:
    """A message the CDA sent while in the flow (no Telegram types): kind, plain text, HTML, file."""

    kind: str
    text: str | None = None
    text_html: str | None = None
    file_id: str | None = None


@dataclass
class Result:
    """What the handler renders: the broadcast, the step now (None: flow left), counts and times."""

    broadcast: Broadcast
    step: str | None = None
    audience: int = 0
    starts_at: datetime | None = None  # when sending really starts (after quiet hours if they apply)
    wanted: datetime | None = None  # the time the CDA typed
    rescheduled: bool = False  # a typed time changed an already scheduled broadcast
    gone: bool = False  # the broadcast to reschedule is no longer scheduled
    token: str = ""  # carried by the date picker under the time question (schedule_at, reschedule_at)
    survey_choices: list[tuple[str, list[str]]] = field(default_factory=list)  # (survey title, answers)


async def _state(
    session: AsyncSession, who: Identity, config: Config, steps: tuple[str, ...]
) -> ConversationState:
    """The caller's bcast state if they are an admin and it is at one of `steps`; else StaleAction."""
    await check_admin(session, who, config)
    state = await state_in(session, who, (FLOW,), steps)
    return state


async def _current(
    session: AsyncSession, who: Identity, config: Config, broadcast_id: int, steps: tuple[str, ...]
) -> ConversationState:
    state = await _state(session, who, config, steps)
    if state.data.get("broadcast_id") != broadcast_id:
        raise StaleAction()
    return state


async def result_of(
    session: AsyncSession, broadcast: Broadcast, config: Config, now: datetime, step: str | None = None
) -> Result:
    """The broadcast with its current audience and when «ارسال همین حالا» would really start."""
    size = await bc.audience_size(session, broadcast, config)
    result = Result(broadcast, step=step, audience=size, starts_at=bc.effective_due(broadcast, now, config))
    if keys := broadcast.segment.get(survey_segment.DIMENSION):
        result.survey_choices = await survey_segment.describe(session, keys)
    return result


async def begin(
    session: AsyncSession, who: Identity, config: Config, *, now: datetime, preset: Segment | None = None
) -> None:
    """«پیام همگانی جدید»: (re)start the flow at the content step; `preset` fixes a base audience
    (e.g. members who chose an answer in a survey) that the toggles narrow and «همه» returns to."""
    await check_admin(session, who, config)
    account = await touch_account(session, who, now=now)
    data = {"preset": clean_segment(preset)} if preset else {}
    await start_flow(session, account.id, flow=FLOW, step=CONTENT, data=data, now=now)


async def receive(
    session: AsyncSession, who: Identity, config: Config, incoming: Incoming, *, now: datetime
) -> Result:
    """A message in the flow: the content, the button lines or the Jalali time, by the stored step."""
    state = await _state(
        session, who, config, (CONTENT, BUTTONS, AUDIENCE, PREVIEW, SCHEDULE_AT, RESCHEDULE_AT)
    )
    if state.step == CONTENT:
        content = bc.Content(incoming.kind, incoming.text_html, incoming.file_id)
        broadcast = await bc.create_draft(session, who, config, content, now=now)
        broadcast.segment = dict(state.data.get("preset") or {})
        update_state(state, now=now, step=BUTTONS, broadcast_id=broadcast.id)
        return Result(broadcast, step=BUTTONS)
    broadcast_id = int(state.data["broadcast_id"])
    if state.step == BUTTONS:
        if incoming.kind != BroadcastKind.TEXT or not incoming.text:
            raise InvalidInput("bcast_bad_button")
        buttons = bc.parse_link_buttons(incoming.text)
        broadcast = await bc.set_buttons(session, who, config, broadcast_id, buttons, now=now)
        update_state(state, now=now, step=AUDIENCE)
        return await result_of(session, broadcast, config, now, step=AUDIENCE)
    if state.step in (AUDIENCE, PREVIEW):
        raise InvalidInput("use_buttons")
    return await _save_time(session, who, config, state, broadcast_id, incoming, now=now)


async def _save_time(
    session: AsyncSession,
    who: Identity,
    config: Config,
    state: ConversationState,
    broadcast_id: int,
    incoming: Incoming,
    *,
    now: datetime,
) -> Result:
    """A typed Jalali time schedules the draft or reschedules; a bad one raises and keeps the step."""
    broadcast = await session.get(Broadcast, broadcast_id)
    if broadcast is None:
        raise StaleAction()
    rescheduled = state.step == RESCHEDULE_AT
    if rescheduled and broadcast.status != BroadcastStatus.SCHEDULED:  # started or cancelled meanwhile
        await clear_state(session, state.account_id)
        return Result(broadcast, gone=True)
    # PersianInputError (bad format, impossible date …) carries its own Persian message.
    typed = incoming.text if incoming.kind == BroadcastKind.TEXT and incoming.text else ""
    wanted = parse_jalali_datetime(typed)
    broadcast = await bc.schedule(session, who, config, broadcast_id, due_at=wanted, now=now)
    await clear_state(session, state.account_id)
    size = await bc.audience_size(session, broadcast, config)
    return Result(
        broadcast, audience=size, starts_at=broadcast.due_at, wanted=wanted, rescheduled=rescheduled
    )


async def pick_check(
    session: AsyncSession, who: Identity, config: Config, broadcast_id: int, token: str
) -> str:
    """The time question (schedule_at / reschedule_at) a date-picker press is under, or StaleAction."""
    state = await _current(session, who, config, broadcast_id, (SCHEDULE_AT, RESCHEDULE_AT))
    gf.check_token(state, token)
    return str(state.step)


async def pick(
    session: AsyncSession,
    who: Identity,
    config: Config,
    broadcast_id: int,
    token: str,
    text: str,
    *,
    now: datetime,
) -> Result:
    """A moment chosen with the date picker: checked like a press, then read exactly as if typed."""
    await pick_check(session, who, config, broadcast_id, token)
    return await receive(session, who, config, Incoming(BroadcastKind.TEXT, text, None), now=now)


async def leave(session: AsyncSession, who: Identity) -> None:
    """Drop the caller out of the flow (e.g. their admin rights were withdrawn mid-way)."""
    await leave_flows(session, who, (FLOW,))


async def press(
    session: AsyncSession,
    who: Identity,
    config: Config,
    action: str,
    broadcast_id: int,
    arg: str,
    *,
    now: datetime,
) -> Result:
    """An inline button of the compose flow; `action` as in the callback data `bc:<action>:<id>[:<arg>]`."""
    if action == "nobtn":
        state = await _current(session, who, config, broadcast_id, (BUTTONS,))
        broadcast = await bc.set_buttons(session, who, config, broadcast_id, [], now=now)
        update_state(state, now=now, step=AUDIENCE)
        return await result_of(session, broadcast, config, now, step=AUDIENCE)
    if action in ("view", "all", "tg", "next"):
        state = await _current(session, who, config, broadcast_id, (AUDIENCE,))
        return await _audience(session, who, config, state, action, arg, now=now)
    state = await _current(session, who, config, broadcast_id, (PREVIEW, SCHEDULE_AT))
    if action in ("urg", "mir"):
        flag = "urgent" if action == "urg" else "mirror"
        broadcast = await bc.toggle_flag(session, who, config, broadcast_id, flag, now=now)
        return await result_of(session, broadcast, config, now, step=state.step)
    if action == "when":
        broadcast = await bc.load(session, who, config, broadcast_id, states=(BroadcastStatus.DRAFT,))
        token = gf.move(state, SCHEDULE_AT, now=now)  # a picker under an earlier «زمان‌بندی» is stale
        result = await result_of(session, broadcast, config, now, step=SCHEDULE_AT)
        result.token = token
        return result
    await bc.load(
        session, who, config, broadcast_id, states=(BroadcastStatus.DRAFT,)
    )  # locks it on PostgreSQL
    if action == "now":
        broadcast = await bc.schedule(session, who, config, broadcast_id, due_at=None, now=now)
    elif action == "drop":
        broadcast = await bc.cancel(session, who, config, broadcast_id, now=now)
    else:
        raise StaleAction()
    await clear_state(session, state.account_id)
    result = await result_of(session, broadcast, config, now)
    result.starts_at = broadcast.due_at
    return result


async def _audience(
    session: AsyncSession,
    who: Identity,
    config: Config,
    state: ConversationState,
    action: str,
    arg: str,
    *,
    now: datetime,
) -> Result:
    broadcast_id = int(state.data["broadcast_id"])
    if action == "all":
        broadcast = await bc.toggle_segment(session, who, config, broadcast_id, "all", "", now=now)
        broadcast.segment = dict(state.data.get("preset") or {})
    elif action == "tg":
        dimension, _, key = arg.partition(":")
        if dimension not in DIMENSIONS:
            raise InvalidInput("unknown_choice")
        broadcast = await bc.toggle_segment(session, who, config, broadcast_id, dimension, key, now=now)
    else:
        if action == "view" and arg not in (*DIMENSIONS, "main"):
            raise StaleAction()
        broadcast = await bc.load(session, who, config, broadcast_id, states=(BroadcastStatus.DRAFT,))
    result = await result_of(session, broadcast, config, now, step=AUDIENCE)
    if action == "next":
        if result.audience == 0:
            raise InvalidInput("bcast_no_audience")
        update_state(state, now=now, step=PREVIEW)
        result.step = PREVIEW
    return result
