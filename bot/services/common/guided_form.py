"""Guided forms: one question at a time, the answers kept in `conversation_states` (telegram-free).

A `Form` is an ordered tuple of `Field`s — each with a parser, whether «رد شدن» may skip it (and what
a skip stores), and a condition on the answers so far deciding whether it is asked at all. After the
last field the conversation reaches the form's `end` step (e.g. the target toggles), which the
feature handles itself.

Every step gets a fresh random token, stored in the state. Each button shown for a step carries it
(`step_token`); a press is accepted only with the stored token (`check_token`), so a button left
under an earlier question — or from an earlier run of the same flow — is stale and changes nothing.
Typed answers need no token: they always answer the question being asked now.

```mermaid
stateDiagram-v2
    [*] --> first: start() — the first field whose condition holds
    first --> next: answer(text) parsed / skip(token) on an optional field
    next --> next: each step gets a new token
    next --> end: no field left → form.end
    next --> next: a bad answer raises InvalidInput, the step and token stay
```
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.common.conversations import TOKEN_KEY as TOKEN_KEY
from bot.services.common.conversations import start_flow, update_state
from bot.services.common.errors import InvalidInput, StaleAction
from models import ConversationState

VALUES_KEY = "values"
TOKEN_CHARS = 6  # hex characters: short enough for 64-byte callback data, 16M values per step

Values = dict[str, Any]
Parser = Callable[[str, Values, datetime], Values]
Condition = Callable[[Mapping[str, Any]], bool]
Codec = Callable[[Values], Values]


def _same(values: Values) -> Values:
    return dict(values)


@dataclass(frozen=True)
class Field:
    """One question: `parse(text, answers so far, now)` gives the values to store or raises.

    `optional` fields accept «رد شدن», which stores `blank` (default `{name: None}`); a field whose
    `when(answers)` is false is not asked.
    """

    name: str
    parse: Parser
    optional: bool = False
    blank: Mapping[str, Any] | None = None
    when: Condition | None = None

    def skipped(self) -> Values:
        return dict(self.blank) if self.blank is not None else {self.name: None}

    def asked(self, values: Mapping[str, Any]) -> bool:
        return self.when is None or self.when(values)


@dataclass(frozen=True)
class Form:
    """The fields of one flow in order, and the step that follows the last one."""

    flow: str
    fields: tuple[Field, ...]
    end: str
    dump: Codec = _same  # answers to JSON (e.g. datetimes to ISO strings)
    load: Codec = _same
    _by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    def field(self, step: str | None) -> Field | None:
        return self._by_name.get(step or "")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def first(self, values: Mapping[str, Any]) -> str:
        return self.after(None, values)

    def after(self, step: str | None, values: Mapping[str, Any]) -> str:
        """The next field asked after `step` (None: from the start) given the answers, else `end`."""
        start = 0 if step is None else self.names.index(step) + 1
        for candidate in self.fields[start:]:
            if candidate.asked(values):
                return candidate.name
        return self.end

    def values(self, state: ConversationState) -> Values:
        return self.load(dict(state.data.get(VALUES_KEY) or {}))


@dataclass
class Step:
    """Where the form is after a call: the step now asked, the answers so far, and its button token."""

    step: str
    values: Values
    token: str
    skipped: bool = False


def new_token() -> str:
    return secrets.token_hex(TOKEN_CHARS // 2)


def step_token(state: ConversationState) -> str:
    return str(state.data.get(TOKEN_KEY) or "")


def check_token(state: ConversationState, token: str | None, steps: tuple[str, ...] | None = None) -> None:
    """A button press is for the step being asked now (and one of `steps`), or it is stale."""
    stored = step_token(state)
    if not token or not stored or not secrets.compare_digest(token, stored):
        raise StaleAction()
    if steps is not None and state.step not in steps:
        raise StaleAction()


def move(state: ConversationState, step: str, *, now: datetime, **changes: Any) -> str:
    """Go to `step` with a fresh token (old buttons become stale); returns the token."""
    token = new_token()
    changes[TOKEN_KEY] = token
    update_state(state, now=now, step=step, **changes)
    return token


async def start(
    session: AsyncSession,
    account_id: int,
    form: Form,
    *,
    now: datetime,
    values: Values | None = None,
    step: str | None = None,
    data: Values | None = None,
) -> Step:
    """(Re)start `form` at `step` (default: its first field) with `values` already answered."""
    answers = dict(values or {})
    first = step or form.first(answers)
    token = new_token()
    payload = {**(data or {}), VALUES_KEY: form.dump(answers), TOKEN_KEY: token}
    await start_flow(session, account_id, flow=form.flow, step=first, data=payload, now=now)
    return Step(first, answers, token)


def advance(
    form: Form, state: ConversationState, values: Values, *, now: datetime, to: str | None = None
) -> Step:
    """Store `values` and go to `to` (default: the field after the current step)."""
    nxt = to or form.after(state.step, values)
    token = move(state, nxt, now=now, values=form.dump(values))
    return Step(nxt, values, token)


def answer(form: Form, state: ConversationState, text: str, *, now: datetime) -> Step:
    """A typed answer to the field asked now; a parser error raises and keeps the step and token."""
    current = form.field(state.step)
    if current is None:
        raise InvalidInput("use_buttons")
    values = form.values(state)
    values.update(current.parse(text, values, now))
    return advance(form, state, values, now=now)


def skip(form: Form, state: ConversationState, token: str | None, *, now: datetime) -> Step:
    """«رد شدن» pressed under the question the token belongs to; only that question, only if optional."""
    check_token(state, token)
    current = form.field(state.step)
    if current is None or not current.optional:
        raise StaleAction()
    values = form.values(state)
    values.update(current.skipped())
    result = advance(form, state, values, now=now)
    result.skipped = True
    return result
