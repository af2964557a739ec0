"""The lifecycle tables: which actions each status allows, and the cards show exactly those buttons."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from bot.services.common import lifecycle as lc
from bot.texts import audit as ta
from bot.texts import course_admin as tc
from handlers.broadcasts import keyboards as bk
from handlers.consortium import keyboards as cnk
from handlers.courses import admin_keyboards as ckb
from handlers.exhibitions import admin_render as xr
from handlers.surveys import admin_render as sr
from models.enums import BroadcastStatus as B
from models.enums import EventStatus as E
from models.enums import SurveyStatus as S


def test_statuses_allowing_an_action_come_from_the_table() -> None:
    assert lc.allowing(lc.COURSE, lc.PUBLISH) == (E.DRAFT,)
    assert lc.allowing(lc.COURSE, lc.EDIT) == (E.DRAFT, E.PUBLISHED, E.CLOSED)
    assert lc.allowing(lc.COURSE, lc.CLOSE) == (E.PUBLISHED,)
    assert lc.allowing(lc.COURSE, lc.REOPEN) == (E.CLOSED,)
    assert lc.allowing(lc.COURSE, lc.ROSTER) == (E.PUBLISHED, E.CLOSED, E.CANCELLED)
    assert lc.allowing(lc.EXHIBITION, lc.MESSAGE) == (E.PUBLISHED, E.CLOSED, E.CANCELLED)
    assert not lc.allows(lc.COURSE, E.CANCELLED, lc.CANCEL)
    assert not lc.allows(lc.COURSE, "archived", lc.VIEW)  # an unknown status allows nothing


def _without_history(
    rows: list[list[tuple[str, str]]], kind: str, object_id: int
) -> list[list[tuple[str, str]]]:
    """Every admin card ends with «🧾 سابقه» (the audit log): checked here, then left out of the layouts."""
    assert rows[-1] == [(ta.BTN_HISTORY, f"aud:h:{object_id}:{kind}:0")]
    return rows[:-1]


def _course_card(status: str) -> list[list[tuple[str, str]]]:
    markup = ckb.card(SimpleNamespace(id=5, status=status))  # type: ignore[arg-type]
    return _without_history(
        [[(b.text, str(b.callback_data)) for b in row] for row in markup.inline_keyboard], "course", 5
    )


@pytest.mark.parametrize("status", [E.DRAFT, E.PUBLISHED, E.CLOSED, E.CANCELLED])
def test_a_course_card_shows_a_button_only_for_an_allowed_action(status: str) -> None:
    buttons = [b for row in _course_card(status) for b in row]
    needs = {"pub": lc.PUBLISH, "drop": lc.DISCARD, "close": lc.CLOSE, "reopen": lc.REOPEN, "cncl": lc.CANCEL}
    needs |= {"resch": lc.RESCHEDULE, "att": lc.ATTENDANCE, "msgr": lc.MESSAGE, "roster": lc.ROSTER}
    shown = {data.split(":")[1] for _, data in buttons}
    for action, need in needs.items():
        assert (action in shown) == lc.allows(lc.COURSE, status, need), (status, action)


def test_course_cards_keep_their_layout() -> None:
    assert _course_card(E.DRAFT) == [
        [(tc.BTN_PUBLISH, "cadm:pub:5"), (tc.BTN_PUBLISH_ANNOUNCE, "cadm:puba:5")],
        [(tc.BTN_EDIT, "cadm:edit:5"), (tc.BTN_DISCARD, "cadm:drop:5")],
    ]
    assert _course_card(E.CLOSED)[-2:] == [
        [(tc.BTN_REOPEN, "cadm:reopen:5"), (tc.BTN_CANCEL_COURSE, "cadm:cncl:5")],
        [(tc.BTN_BACK, "cadm:list:0")],
    ]
    assert [len(row) for row in _course_card(E.CANCELLED)] == [1, 2, 1, 1]  # roster, files, feedback, back


def _exhibition_card(status: str, documents: list[Any]) -> list[str]:
    summary = SimpleNamespace(
        event=SimpleNamespace(id=7, status=status), details=SimpleNamespace(documents=documents)
    )
    markup = xr.card(summary)  # type: ignore[arg-type]
    rows = [[(b.text, str(b.callback_data)) for b in row] for row in markup.inline_keyboard]
    return [data for row in _without_history(rows, "exhibition", 7) for _, data in row]


def test_exhibition_cards_come_from_their_table() -> None:
    assert _exhibition_card(E.DRAFT, []) == ["exha:puba:7", "exha:pub:7", "exha:drop:7"]
    assert _exhibition_card(E.PUBLISHED, [{"key": "d1"}]) == [
        *("exha:xlsx:7", "exha:csv:7", "exha:msga:7", "exha:msgd:7", "exha:docs:7"),
        *("exha:close:7", "exha:cncl:7", "exha:list:0"),
    ]
    assert _exhibition_card(E.CANCELLED, []) == ["exha:xlsx:7", "exha:csv:7", "exha:msga:7", "exha:list:0"]


def _data(markup: Any) -> list[str]:
    return [str(b.callback_data) for row in markup.inline_keyboard for b in row] if markup else []


def test_survey_cards_come_from_their_table() -> None:
    def card(status: str) -> list[str]:
        markup = sr.card_markup(SimpleNamespace(id=3, status=status, anonymous=False))  # type: ignore[arg-type]
        rows = [[(b.text, str(b.callback_data)) for b in row] for row in markup.inline_keyboard]
        return [data for row in _without_history(rows, "survey", 3) for _, data in row]

    assert card(E.DRAFT) == [
        *("sva:qs:3", "sva:aud:3", "sva:anon:3", "sva:closeat:3", "sva:go:3", "sva:when:3", "sva:drop:3"),
    ]
    live = ["svr:res:3", "sva:qs:3", "sva:closeat:3", "sva:close:3", "sva:card:3", "sva:list:0"]
    assert card(S.SCHEDULED) == live and card(S.OPEN) == live
    assert card(E.CLOSED) == ["svr:res:3", "sva:qs:3", "sva:card:3", "sva:list:0"]
    assert lc.allowing(lc.SURVEY, lc.PUBLISH) == (E.DRAFT,)
    assert lc.allowing(lc.SURVEY, lc.CLOSE) == (S.SCHEDULED, S.OPEN)


def test_broadcast_cards_come_from_their_table() -> None:
    def card(status: str) -> list[str]:
        return _data(bk.card(SimpleNamespace(id=4, status=status)))  # type: ignore[arg-type]

    assert card(S.SCHEDULED) == ["bc:resched:4", "bc:cancel:4"]
    assert card(B.RUNNING) == ["bc:pause:4", "bc:cancel:4"]
    assert card(B.PAUSED) == ["bc:resume:4", "bc:cancel:4"]
    assert card(E.DRAFT) == card(B.DONE) == card(E.CANCELLED) == card(B.EXPIRED) == []
    assert lc.allowing(lc.BROADCAST, lc.CANCEL) == (E.DRAFT, S.SCHEDULED, B.RUNNING, B.PAUSED)


def test_a_consortium_advances_until_its_last_stage() -> None:
    def advance(stage: str) -> list[str]:
        markup = cnk.card(SimpleNamespace(id=6, stage=stage))  # type: ignore[arg-type]
        return [d for d in _data(markup) if d.startswith("cns:stg:")]

    assert [advance(stage) for stage in lc.STAGES] == [
        ["cns:stg:6:forming"], ["cns:stg:6:agreed"], ["cns:stg:6:registered"], [],
    ]  # fmt: skip
