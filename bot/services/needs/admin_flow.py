"""The CDA's needs conversations, kept in `conversation_states` so a restart loses nothing.

Guided forms (bot/services/common/guided_form.py): every button shown for a step carries that step's
token, so a button left under an earlier question — or forged — changes nothing. Every call re-checks
admin rights and the stored flow and step.

```mermaid
stateDiagram-v2
    [*] --> title: «➕ نیاز جدید» (need_new), or «🧩 ایجاد نیاز از این پاسخ» on survey results
    title --> category: typed, or «✅ <the answer's text>» (from a survey)
    category --> description: a category button
    description --> [*]: typed or «رد شدن» → need (with the members who chose the answer)
    [*] --> note: a status button on the card (need_note)
    note --> [*]: typed or «بدون یادداشت» → status changed, members told once
    [*] --> msg: «📣 پیام به اعضای این نیاز» (need_msg)
    msg --> [*]: a broadcast to exactly the members attached
    [*] --> name: «➕ ارائه‌دهندهٔ جدید» (prov_new)
    name --> kind --> pfield --> city --> contact --> kb --> public
    public --> [*]: provider card
    [*] --> edit: «✏️ …» on a provider card (prov_edit): one typed field
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
from bot.services.common.admins import check_admin
from bot.services.common.conversations import clear_state, leave_flows, state_in
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.members.accounts import Identity, touch_account
from bot.services.needs import needs as nd
from bot.services.needs import providers as pv
from bot.services.surveys import action
from bot.services.surveys.segment import choice_key
from models import ConversationState, Need, SolutionProvider

FLOW_NEW, FLOW_NOTE, FLOW_MSG, FLOW_PROV, FLOW_PEDIT = (
    "need_new",
    "need_note",
    "need_msg",
    "prov_new",
    "prov_edit",
)
FLOWS = (FLOW_NEW, FLOW_NOTE, FLOW_MSG, FLOW_PROV, FLOW_PEDIT)
TITLE, CATEGORY, DESCRIPTION, NOTE, MSG = "title", "category", "description", "note", "msg"
NAME, KIND, PFIELD, CITY, CONTACT, KB, PUBLIC = "name", "kind", "pfield", "city", "contact", "kb", "public"
END = "done"


def _buttons_only(text: str, values: dict[str, Any], now: datetime) -> dict[str, Any]:
    raise InvalidInput("use_buttons")


def _text(name: str, parse: Any) -> gf.Field:
    return gf.Field(name, lambda text, values, now: {name: parse(text)})


NEED_FORM = gf.Form(
    FLOW_NEW,
    (
        _text(TITLE, nd.clean_title),
        gf.Field(CATEGORY, _buttons_only),
        gf.Field(
            DESCRIPTION, lambda text, values, now: {DESCRIPTION: nd.clean_description(text)}, optional=True
        ),
    ),
    END,
)
NOTE_FORM = gf.Form(
    FLOW_NOTE, (gf.Field(NOTE, lambda text, values, now: {NOTE: nd.clean_note(text)}, optional=True),), END
)
PROVIDER_FORM = gf.Form(
    FLOW_PROV,
    (
        _text(NAME, pv.PARSERS["name"]),
        gf.Field(KIND, _buttons_only),
        _text(PFIELD, pv.PARSERS["field"]),
        _text(CITY, pv.PARSERS["city"]),
        _text(CONTACT, pv.PARSERS["contact"]),
        gf.Field(KB, _buttons_only),
        gf.Field(PUBLIC, _buttons_only),
    ),
    END,
)
MSG_FORM = gf.Form(FLOW_MSG, (), MSG)  # one typed message, handled in `receive`
PEDIT_FORM = gf.Form(FLOW_PEDIT, (), END)  # one typed field, handled in `receive`
FORMS = {f.flow: f for f in (NEED_FORM, NOTE_FORM, PROVIDER_FORM)}
PRESS_STEPS = {
    "ttl": (FLOW_NEW, TITLE),
    "cat": (FLOW_NEW, CATEGORY),
    "kind": (FLOW_PROV, KIND),
    "kb": (FLOW_PROV, KB),
    "pub": (FLOW_PROV, PUBLIC),
}


@dataclass
class FlowResult:
    """kind: ask (a question for `step`), created (need), moved, messaged, provider (card), edited."""

    kind: str
    step: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    token: str = ""  # carried by the buttons shown for `step`
    need: Need | None = None
    move: nd.Move | None = None
    provider: SolutionProvider | None = None
    count: int = 0


async def _begin(
    session: AsyncSession,
    who: Identity,
    config: Config,
    form: gf.Form,
    data: dict[str, Any],
    now: datetime,
    step: str | None = None,
) -> FlowResult:
    await check_admin(session, who, config)
    account = await touch_account(session, who, now=now)
    at = await gf.start(session, account.id, form, now=now, data=data, step=step)
    return FlowResult("ask", step=at.step, data=data, token=at.token)


async def begin_need(session: AsyncSession, who: Identity, config: Config, *, now: datetime) -> FlowResult:
    return await _begin(session, who, config, NEED_FORM, {}, now)


async def begin_from_survey(
    session: AsyncSession,
    who: Identity,
    config: Config,
    survey_id: int,
    number: int,
    choice_number: int,
    *,
    now: datetime,
) -> FlowResult:
    """«🧩 ایجاد نیاز از این پاسخ»: the form starts with the answer as the suggested title; the need gets the
    members who chose it (refused for anonymous surveys and forged positions by the survey service)."""
    group = await action.group(session, who, config, survey_id, number, choice_number)
    source = choice_key(group.survey.id, group.question.key, group.choice.key)
    data = {
        "source": source,
        "suggest": group.choice.text[: nd.TITLE_MAX],
        "survey": group.survey.title,
        "chose": group.count,
    }
    return await _begin(session, who, config, NEED_FORM, data, now)


async def begin_note(
    session: AsyncSession,
    who: Identity,
    config: Config,
    need_id: int,
    from_status: str,
    to_status: str,
    *,
    now: datetime,
) -> FlowResult:
    """A status button on the card: the change is asked for a note before it is made."""
    need = await nd.load(session, who, config, need_id, lc.ADVANCE)
    if need.status != from_status or not lc.can_move(need.status, to_status):
        raise StaleAction()
    data = {"need_id": need.id, "from": from_status, "to": to_status, "title": need.title}
    return await _begin(session, who, config, NOTE_FORM, data, now)


async def begin_message(
    session: AsyncSession, who: Identity, config: Config, need_id: int, *, now: datetime
) -> FlowResult:
    need = await nd.load(session, who, config, need_id, lc.MESSAGE)
    count = await nd.audience(session, config, need.id)
    if count == 0:
        raise InvalidInput("need_no_members")
    data = {"need_id": need.id}
    result = await _begin(session, who, config, MSG_FORM, data, now, step=MSG)
    result.count, result.need = count, need
    return result


async def begin_provider(
    session: AsyncSession, who: Identity, config: Config, *, now: datetime
) -> FlowResult:
    return await _begin(session, who, config, PROVIDER_FORM, {}, now)


async def begin_provider_edit(
    session: AsyncSession, who: Identity, config: Config, provider_id: int, name: str, *, now: datetime
) -> FlowResult:
    provider = await pv.load(session, who, config, provider_id)
    if name not in pv.TEXT_FIELDS:
        raise StaleAction()
    result = await _begin(
        session, who, config, PEDIT_FORM, {"provider_id": provider.id, "field": name}, now, step=name
    )
    result.provider = provider
    return result


async def leave(session: AsyncSession, who: Identity) -> None:
    await leave_flows(session, who, FLOWS)


async def _state(session: AsyncSession, who: Identity, config: Config) -> ConversationState:
    await check_admin(session, who, config)
    return await state_in(session, who, FLOWS)


async def receive(
    session: AsyncSession,
    who: Identity,
    config: Config,
    text: str | None,
    text_html: str | None,
    *,
    now: datetime,
) -> FlowResult:
    """A typed answer; a bad one raises InvalidInput and keeps the step (and its buttons' token)."""
    state = await _state(session, who, config)
    if text is None:
        raise InvalidInput("need_text_only")
    if state.flow == FLOW_MSG:
        need_id = int(state.data["need_id"])
        count = await nd.message_members(session, who, config, need_id, text_html or "", now=now)
        await clear_state(session, state.account_id)
        return FlowResult("messaged", count=count, need=await nd.load(session, who, config, need_id))
    if state.flow == FLOW_PEDIT:
        provider = await pv.set_text(
            session, who, config, int(state.data["provider_id"]), str(state.data["field"]), text, now=now
        )
        await clear_state(session, state.account_id)
        return FlowResult("edited", provider=provider)
    form = FORMS[state.flow]
    at = gf.answer(form, state, text, now=now)
    return await _after(session, who, config, form, state, at, now)


async def skip(
    session: AsyncSession, who: Identity, config: Config, token: str, *, now: datetime
) -> FlowResult:
    """«رد شدن» / «بدون یادداشت» under the question its token belongs to (optional questions only)."""
    state = await _state(session, who, config)
    form = FORMS.get(state.flow)
    if form is None:
        raise StaleAction()
    at = gf.skip(form, state, token, now=now)
    return await _after(session, who, config, form, state, at, now)


async def press(
    session: AsyncSession, who: Identity, config: Config, action_: str, key: str, token: str, *, now: datetime
) -> FlowResult:
    """A choice button of a form: ttl (the suggested title), cat, kind, kb, pub — under its own step."""
    if action_ not in PRESS_STEPS:
        raise StaleAction()
    flow, step = PRESS_STEPS[action_]
    state = await _state(session, who, config)
    if state.flow != flow:
        raise StaleAction()
    gf.check_token(state, token, (step,))
    form = FORMS[flow]
    values = form.values(state)
    if action_ == "ttl":
        values[TITLE] = nd.clean_title(str(state.data.get("suggest") or ""))
    elif action_ == "cat":
        values[CATEGORY] = nd.check_category(config, key)
    elif action_ == "kind":
        values[KIND] = pv.check_kind(key)
    elif key in ("1", "0"):
        values[KB if action_ == "kb" else PUBLIC] = key == "1"
    else:
        raise StaleAction()
    at = gf.advance(form, state, values, now=now)
    return await _after(session, who, config, form, state, at, now)


async def _after(
    session: AsyncSession,
    who: Identity,
    config: Config,
    form: gf.Form,
    state: ConversationState,
    at: gf.Step,
    now: datetime,
) -> FlowResult:
    if at.step != END:
        return FlowResult("ask", step=at.step, data={**state.data, **at.values}, token=at.token)
    data, values = dict(state.data), at.values
    await clear_state(session, state.account_id)
    if form is NEED_FORM:
        need = await nd.create(
            session,
            who,
            config,
            title=str(values[TITLE]),
            category=str(values[CATEGORY]),
            description=values.get(DESCRIPTION),
            source=data.get("source"),
            now=now,
        )
        return FlowResult("created", need=need, count=await nd.member_count(session, need.id))
    if form is NOTE_FORM:
        moved = await nd.move(
            session,
            who,
            config,
            int(data["need_id"]),
            from_status=str(data["from"]),
            to_status=str(data["to"]),
            note=values.get(NOTE),
            now=now,
        )
        return FlowResult("moved", need=moved.need, move=moved)
    provider_values = {
        "name": values[NAME],
        "kind": values[KIND],
        "field": values[PFIELD],
        "city": values[CITY],
        "contact": values[CONTACT],
        "knowledge_based": values[KB],
        "contact_public": values[PUBLIC],
    }
    return FlowResult("provider", provider=await pv.create(session, who, config, provider_values, now=now))
