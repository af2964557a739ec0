"""The guided-form mechanism on SQLite and PostgreSQL: parsers, optional skips, conditions, and step
tokens — a button of another step (or of an earlier run) is stale and changes nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.common import conversations as conv
from bot.services.common import guided_form as gf
from bot.services.common.conversations import get_state
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.members.accounts import Identity, touch_account
from models import ConversationState
from tests.factories import NOW

SM = async_sessionmaker[AsyncSession]
WHO = Identity("telegram", 777, 777)


def _count(text: str, values: dict[str, Any], now: datetime) -> dict[str, Any]:
    if not text.isdigit() or int(text) <= 0:
        raise InvalidInput("not_a_count")
    return {"count": int(text)}


FORM = gf.Form(
    "toy",
    (
        gf.Field("name", lambda text, values, now: {"name": text.strip()}),
        gf.Field("note", lambda text, values, now: {"note": text}, optional=True),
        gf.Field("count", _count, optional=True, blank={"count": None, "unlimited": True}),
        gf.Field("why", lambda text, values, now: {"why": text}, when=lambda v: (v.get("count") or 0) > 10),
    ),
    end="done",
)


async def begin(sm: SM) -> tuple[int, gf.Step]:
    async with sm.begin() as s:
        account = await touch_account(s, WHO, now=NOW)
        return account.id, await gf.start(s, account.id, FORM, now=NOW)


async def state(s: AsyncSession, account_id: int) -> ConversationState:
    found = await get_state(s, account_id)
    assert found is not None
    return found


async def test_answers_parse_in_order_and_a_bad_answer_keeps_the_step(sessionmaker: SM) -> None:
    account_id, first = await begin(sessionmaker)
    assert first.step == "name" and len(first.token) == gf.TOKEN_CHARS
    async with sessionmaker.begin() as s:
        note = gf.answer(FORM, await state(s, account_id), " گلخانه ", now=NOW)
    assert (note.step, note.values) == ("note", {"name": "گلخانه"}) and note.token != first.token
    async with sessionmaker.begin() as s:
        st = await state(s, account_id)
        count = gf.answer(FORM, st, "یادداشت", now=NOW)
        with pytest.raises(InvalidInput, match="not_a_count"):
            gf.answer(FORM, st, "صفر", now=NOW)
        assert (st.step, gf.step_token(st)) == ("count", count.token)
        done = gf.answer(FORM, st, "3", now=NOW)  # 3 ≤ 10: «why» is not asked
    assert (done.step, done.values) == ("done", {"name": "گلخانه", "note": "یادداشت", "count": 3})
    async with sessionmaker() as s:
        st = await state(s, account_id)
        assert (st.flow, st.step, FORM.values(st)) == ("toy", "done", done.values)
        with pytest.raises(InvalidInput, match="use_buttons"):  # the end step takes no typed answer
            gf.answer(FORM, st, "x", now=NOW)


async def test_conditions_ask_a_field_only_when_the_answers_call_for_it(sessionmaker: SM) -> None:
    account_id, _ = await begin(sessionmaker)
    async with sessionmaker.begin() as s:
        st = await state(s, account_id)
        for text in ("نام", "یادداشت"):
            gf.answer(FORM, st, text, now=NOW)
        assert gf.answer(FORM, st, "12", now=NOW).step == "why"
        assert gf.answer(FORM, st, "بزرگ است", now=NOW).step == "done"
    assert FORM.first({}) == "name" and FORM.after("count", {"count": 11}) == "why"
    assert FORM.after("count", {"count": None}) == "done"


async def test_a_skip_needs_an_optional_field_and_the_token_of_the_step_asked_now(sessionmaker: SM) -> None:
    account_id, first = await begin(sessionmaker)
    async with sessionmaker.begin() as s:
        st = await state(s, account_id)
        with pytest.raises(StaleAction):  # the name is not optional, even with the right token
            gf.skip(FORM, st, first.token, now=NOW)
        note = gf.answer(FORM, st, "نام", now=NOW)
        count = gf.skip(FORM, st, note.token, now=NOW)  # «رد شدن» under the note
    assert count.skipped and count.step == "count" and count.values == {"name": "نام", "note": None}
    async with sessionmaker.begin() as s:
        st = await state(s, account_id)
        before = (st.step, dict(st.data))
        for stale in (note.token, first.token, "", "zzzzzz"):  # the note's old button at the count
            with pytest.raises(StaleAction):
                gf.skip(FORM, st, stale, now=NOW)
        assert (st.step, st.data) == before
        done = gf.skip(FORM, st, count.token, now=NOW)  # the count's own button stores its blank
    assert done.values["unlimited"] is True and done.values["count"] is None and done.step == "done"


async def test_a_restart_makes_the_buttons_of_the_earlier_run_stale(sessionmaker: SM) -> None:
    account_id, _ = await begin(sessionmaker)
    async with sessionmaker.begin() as s:
        old = gf.answer(FORM, await state(s, account_id), "نام", now=NOW)
    _, again = await begin(sessionmaker)
    async with sessionmaker.begin() as s:
        st = await state(s, account_id)
        gf.answer(FORM, st, "نام دوم", now=NOW)
        assert st.step == "note"  # the same step as the old button's, but another run
        with pytest.raises(StaleAction):
            gf.skip(FORM, st, old.token, now=NOW)
        with pytest.raises(StaleAction):
            gf.check_token(st, gf.step_token(st), ("count",))  # the right token at another step
    assert again.token != old.token


# -- the question on screen: remembered, and given up once the conversation moves past it -----------
ASKED = conv.Question(41, "یادداشت؟ یا «رد شدن»")


async def test_a_typed_answer_settles_the_question_it_answered(sessionmaker: SM) -> None:
    account_id, _ = await begin(sessionmaker)
    async with sessionmaker.begin() as s:
        gf.answer(FORM, await state(s, account_id), "گلخانه", now=NOW)  # now at «note», with «رد شدن»
        await conv.remember_question(s, WHO, ASKED)
    async with sessionmaker() as s:
        before = await conv.snapshot(s, WHO)
    assert (before.flow, before.step, before.question) == ("toy", "note", ASKED)

    async with sessionmaker.begin() as s:  # a rejected answer: the same question, its buttons stay
        assert await conv.settle_question(s, WHO, before) is None
    async with sessionmaker.begin() as s:
        gf.answer(FORM, await state(s, account_id), "یادداشت", now=NOW)
        assert await conv.settle_question(s, WHO, before) == ASKED  # answered: close it …
    async with sessionmaker.begin() as s:
        assert conv.question_of(await state(s, account_id)) is None  # … once
        assert await conv.settle_question(s, WHO, before) is None


async def test_a_newer_question_or_the_end_of_the_flow(sessionmaker: SM) -> None:
    account_id, _ = await begin(sessionmaker)
    async with sessionmaker.begin() as s:
        await conv.remember_question(s, WHO, ASKED)
        before = await conv.snapshot(s, WHO)
        gf.answer(FORM, await state(s, account_id), "گلخانه", now=NOW)
        await conv.remember_question(s, WHO, conv.Question(42, None))  # `ask` showed (and closed) it
        assert await conv.settle_question(s, WHO, before) is None
    async with sessionmaker.begin() as s:
        before = await conv.snapshot(s, WHO)
        await conv.clear_state(s, account_id)  # the flow ended (or /cancel)
        assert await conv.settle_question(s, WHO, before) == conv.Question(42, None)


async def test_a_new_flow_still_knows_the_question_on_screen(sessionmaker: SM) -> None:
    account_id, _ = await begin(sessionmaker)
    async with sessionmaker.begin() as s:
        await conv.remember_question(s, WHO, ASKED)
        await conv.start_flow(s, account_id, flow="other", step="x", data={"a": 1}, now=NOW)
        st = await state(s, account_id)
        assert st.data["a"] == 1 and conv.question_of(st) == ASKED  # the next `ask` closes it
        await conv.remember_question(s, WHO, None)
        assert conv.QUESTION_KEY not in (await state(s, account_id)).data
