"""The CDA's survey conversations, kept in `conversation_states` (flow `survey_admin`): restarts lose nothing.

```mermaid
stateDiagram-v2
    [*] --> file: «📄 ارسال فایل تعریف»
    file --> [*]: a .toml/.json document → draft + preview (a bad file: Persian error list, step kept)
    [*] --> b_title: «✍️ ساخت در گفت‌وگو»
    b_title --> b_type: title typed
    b_type --> b_text: a type button
    b_text --> b_choices: single / multi
    b_text --> b_type: other types
    b_choices --> b_type: choices, one per line
    b_type --> [*]: «پایان و پیش‌نمایش» → draft + preview
    [*] --> launch_at: «🗓 زمان‌بندی ارسال»
    [*] --> close_at: «⏰ زمان بستن»
    launch_at --> [*]: a Jalali time, typed or chosen with the date picker
    close_at --> [*]: a Jalali time, typed or chosen with the date picker
```
Every call re-checks the caller's rights and the stored step. The builder's buttons (the type
buttons and «پایان و پیش‌نمایش» under a b_type question) carry that step's token
(bot/services/common/guided_form.py), so a keyboard left under an earlier question is stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.jalali import parse_jalali_datetime
from bot.services.common import guided_form as gf
from bot.services.common import lifecycle as lc
from bot.services.common.conversations import (
    clear_state,
    leave_flows,
    start_flow,
    state_in,
)
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.members.accounts import Identity, touch_account
from bot.services.surveys import admin as sv
from bot.services.surveys.parse import CHOICE_MAX, MAX_CHOICES, QUESTION_MAX, TITLE_MAX, validate
from models import ConversationState

FLOW = "survey_admin"
FILE, B_TITLE, B_TYPE, B_TEXT, B_CHOICES = "file", "b_title", "b_type", "b_text", "b_choices"
LAUNCH_AT, CLOSE_AT = "launch_at", "close_at"
BUILDER_TYPES = ("single", "multi", "yesno", "scale", "number", "text")
BUILDER_MAX = 15


class BuilderTooLong(InvalidInput):
    """A typed title, question or choice over its limit (or too many choices); `limit` goes into the text.

    Checked before the definition is validated, so the in-chat builder never answers with the file's
    error list (field names and «فایل پذیرفته نشد») for something the CDA typed."""

    def __init__(self, code: str, limit: int) -> None:
        super().__init__(code)
        self.limit = limit


def _check_typed(title: str | None = None, text: str | None = None, choices: list[str] | None = None) -> None:
    if title is not None and len(title) > TITLE_MAX:
        raise BuilderTooLong("survey_title_too_long", TITLE_MAX)
    if text is not None and len(text) > QUESTION_MAX:
        raise BuilderTooLong("survey_question_too_long", QUESTION_MAX)
    if choices is not None and len(choices) > MAX_CHOICES:
        raise BuilderTooLong("survey_too_many_choices", MAX_CHOICES)
    if choices is not None and any(len(c) > CHOICE_MAX for c in choices):
        raise BuilderTooLong("survey_choice_too_long", CHOICE_MAX)


@dataclass
class FlowResult:
    """kind: ask (step), created (a new draft: summary), launched, closing_set; `count` = questions built."""

    kind: str
    step: str | None = None
    summary: sv.SurveySummary | None = None
    count: int = 0
    survey_id: int = 0
    question_type: str = ""  # the type being built (b_text)
    token: str = ""  # carried by the buttons shown for `step`; another token is a stale press


async def _state(session: AsyncSession, who: Identity, config: Config) -> ConversationState:
    await sv.check_admin(session, who, config)
    state = await state_in(session, who, (FLOW,))
    return state


async def _start(
    session: AsyncSession, who: Identity, step: str, data: dict[str, Any], now: datetime
) -> None:
    account = await touch_account(session, who, now=now)
    await start_flow(session, account.id, flow=FLOW, step=step, data=data, now=now)


async def begin_file(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> FlowResult:
    await sv.check_admin(session, who, config)
    await _start(session, who, FILE, {}, now)
    return FlowResult("ask", step=FILE)


async def begin_builder(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> FlowResult:
    await sv.check_admin(session, who, config)
    await _start(session, who, B_TITLE, {"questions": []}, now)
    return FlowResult("ask", step=B_TITLE)


async def begin_time(
    session: AsyncSession, who: Identity, config: Config, survey_id: int, step: str, *, now: datetime
) -> FlowResult:
    """«زمان‌بندی ارسال» (drafts) or «زمان بستن» (not yet closed): wait for a typed Jalali time."""
    action = lc.PUBLISH if step == LAUNCH_AT else lc.SET_CLOSE_TIME
    states = lc.allowing(lc.SURVEY, action)
    survey = await sv.load(session, who, config, survey_id, states=states)
    token = gf.new_token()  # carried by the date picker under the question
    await _start(session, who, step, {"survey_id": survey.id, gf.TOKEN_KEY: token}, now)
    summary = await sv.summarise(session, survey, config)
    return FlowResult("ask", step=step, survey_id=survey.id, summary=summary, token=token)


async def pick_check(session: AsyncSession, who: Identity, config: Config, survey_id: int, token: str) -> str:
    """The time question (launch_at / close_at) a date-picker press is under, or StaleAction."""
    state = await _state(session, who, config)
    gf.check_token(state, token, (LAUNCH_AT, CLOSE_AT))
    if state.data.get("survey_id") != survey_id:
        raise StaleAction()
    return str(state.step)


async def pick(
    session: AsyncSession,
    who: Identity,
    config: Config,
    survey_id: int,
    token: str,
    text: str,
    *,
    now: datetime,
) -> FlowResult:
    """A moment chosen with the date picker: checked like a press, then read exactly as if typed."""
    await pick_check(session, who, config, survey_id, token)
    return await receive_text(session, who, config, text, now=now)


async def receive_file(
    session: AsyncSession, who: Identity, config: Config, data: bytes, file_name: str | None, *, now: datetime
) -> FlowResult:
    """A document while waiting for a file; a bad one raises DefinitionError and keeps the step."""
    state = await _state(session, who, config)
    if state.step != FILE:
        raise InvalidInput("survey_file_unexpected")
    survey = await sv.create_from_file(session, who, config, data, file_name, now=now)
    await clear_state(session, state.account_id)
    return FlowResult("created", summary=await sv.summarise(session, survey, config))


def _draft(data: dict[str, Any]) -> dict[str, Any]:
    return {"title": data.get("title"), "questions": list(data.get("questions") or [])}


async def receive_text(
    session: AsyncSession, who: Identity, config: Config, text: str | None, *, now: datetime
) -> FlowResult:
    """A typed message in the flow: a title, a question, choices or a time; errors keep the step."""
    state = await _state(session, who, config)
    if state.step == FILE:
        raise InvalidInput("survey_send_file")
    if text is None or not text.strip():
        raise InvalidInput("empty")
    if state.step in (LAUNCH_AT, CLOSE_AT):
        return await _receive_time(session, who, config, state, text, now)
    draft = _draft(state.data)
    if state.step == B_TITLE:
        _check_typed(title=text.strip())
        draft["title"] = text.strip()
        draft["questions"] = [{"key": "q1", "type": "yesno", "text": "-"}]  # a placeholder to check the title
        validate(draft)
        token = gf.move(state, B_TYPE, now=now, title=text.strip())
        return FlowResult("ask", step=B_TYPE, token=token)
    questions = draft["questions"]
    if state.step == B_TEXT:
        kind = state.data.get("type")
        _check_typed(text=text.strip())
        question = {"key": f"q{len(questions) + 1}", "type": kind, "text": text.strip()}
        if kind in ("single", "multi"):
            question["choices"] = [{"key": "c1", "text": "-"}]
            validate({**draft, "questions": [*questions, question]})
            gf.move(state, B_CHOICES, now=now, pending=question)
            return FlowResult("ask", step=B_CHOICES, count=len(questions))
        validate({**draft, "questions": [*questions, question]})
        token = gf.move(state, B_TYPE, now=now, questions=[*questions, question])
        return FlowResult("ask", step=B_TYPE, count=len(questions) + 1, token=token)
    if state.step == B_CHOICES:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) < 2:
            raise InvalidInput("survey_two_choices")
        _check_typed(choices=lines)
        question = {
            **state.data["pending"],
            "choices": [{"key": f"c{i}", "text": s} for i, s in enumerate(lines, 1)],
        }
        validate({**draft, "questions": [*questions, question]})
        token = gf.move(state, B_TYPE, now=now, questions=[*questions, question], pending=None)
        return FlowResult("ask", step=B_TYPE, count=len(questions) + 1, token=token)
    raise InvalidInput("use_buttons")


async def choose_type(
    session: AsyncSession, who: Identity, config: Config, kind: str, *, token: str = "", now: datetime
) -> FlowResult:
    """A type button under the b_type question `token` was shown with."""
    state = await _state(session, who, config)
    gf.check_token(state, token, (B_TYPE,))
    if kind not in BUILDER_TYPES:
        raise StaleAction()
    if len(state.data.get("questions") or []) >= BUILDER_MAX:
        raise InvalidInput("survey_builder_full")
    gf.move(state, B_TEXT, now=now, type=kind)
    return FlowResult("ask", step=B_TEXT, count=len(state.data.get("questions") or []), question_type=kind)


async def finish_builder(
    session: AsyncSession, who: Identity, config: Config, *, token: str = "", now: datetime
) -> FlowResult:
    """«پایان و پیش‌نمایش» under the b_type question `token` was shown with."""
    state = await _state(session, who, config)
    gf.check_token(state, token, (B_TYPE,))
    if not state.data.get("questions"):
        raise StaleAction()
    definition = validate(_draft(state.data))
    survey = await sv.create_draft(session, who, config, definition, now=now)
    await clear_state(session, state.account_id)
    return FlowResult("created", summary=await sv.summarise(session, survey, config))


async def _receive_time(
    session: AsyncSession, who: Identity, config: Config, state: ConversationState, text: str, now: datetime
) -> FlowResult:
    when = parse_jalali_datetime(text)  # PersianInputError keeps the step
    survey_id = int(state.data["survey_id"])
    if state.step == LAUNCH_AT:
        summary = await sv.launch(session, who, config, survey_id, due_at=when, now=now)
        kind = "launched"
    else:
        summary = await sv.set_close_time(session, who, config, survey_id, when, now=now)
        kind = "closing_set"
    await clear_state(session, state.account_id)
    return FlowResult(kind, summary=summary, survey_id=survey_id)


async def leave(session: AsyncSession, who: Identity) -> None:
    await leave_flows(session, who, (FLOW,))
