"""Per-feature wrappers over bot/callbacks.py: the same bytes as before; forged ids are stale, never raise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.services.common.segments import _ids
from bot.services.courses.catalog import parse_deep_link as course_link
from bot.services.exhibitions.catalog import parse_deep_link as exhibition_link
from bot.services.surveys.segment import parse_key
from handlers import keyboards
from handlers.broadcasts import keyboards as bc
from handlers.consortium import keyboards as cns
from handlers.courses import admin_keyboards as cadm
from handlers.courses import render as crs
from handlers.exhibitions import admin_render as exha
from handlers.exhibitions import render as exh
from handlers.surveys import admin_render as sva
from handlers.surveys import render as sv
from handlers.surveys import results_keyboards as svr
from handlers.surveys.member import parse_deep_link as survey_link

FORGED = ("²", "۱۲", "1" * 25, "2147483648", "-1", " 1", "")


@pytest.mark.parametrize(
    ("cb", "parse", "prefix"),
    [
        (bc.cb, bc.parse, "bc"),
        (cadm.cb, cadm.parse, "cadm"),
        (exha.cb, exha.parse, "exha"),
        (sva.cb, sva.parse, "sva"),
    ],
)
def test_admin_id_wrappers_round_trip_and_refuse_forged_ids(
    cb: Callable[..., str], parse: Callable[[str | None], tuple[str, int, str]], prefix: str
) -> None:
    assert cb("card", 12) == f"{prefix}:card:12"
    assert cb("tg", 12, "roles:grower") == f"{prefix}:tg:12:roles:grower"
    assert parse(f"{prefix}:tg:12:roles:grower") == ("tg", 12, "roles:grower")
    assert parse(f"{prefix}:list:0") == ("list", 0, "")
    assert parse(f"{prefix}:card:2147483647") == ("card", 2147483647, "")
    for bad in FORGED:
        assert parse(f"{prefix}:card:{bad}") == ("", 0, "")
    assert parse(f"{prefix}x:card:1") == parse(None) == parse(f"{prefix}:card") == ("", 0, "")
    with pytest.raises(ValueError):
        cb("tg", 1, "x" * 64)  # over Telegram's 64 bytes


def test_member_keyboards_keep_their_bytes() -> None:
    assert crs.cb("join", 7) == "crs:join:7" and crs.cb("fb", 7, 5) == "crs:fb:7:5"
    assert crs.cb("mine", "") == "crs:mine:"
    assert exh.cb("pr", 7, "cut") == "exh:pr:7:cut" and exh.cb("list", 0) == "exh:list:0"
    assert keyboards._data("reg", "catdone") == "reg:catdone:" and keyboards._data(
        "reg", "role", "grower"
    ) == ("reg:role:grower")
    assert sv.cb("c", 3, "limits", "energy") == "sv:c:3:limits:energy"
    assert svr.cb("c", 7, 2, 3) == "svr:c:7:2:3"
    assert cns.cb(cns.CNS, "inv", "4:9") == "cns:inv:4:9" and cns.cb(cns.EXP, "edit") == "exp:edit:"


def test_survey_member_parse() -> None:
    assert sv.parse("sv:c:3:limits:energy") == ("c", 3, "limits", "energy")
    assert sv.parse("sv:start:3") == ("start", 3, "", "")
    for bad in FORGED:
        assert sv.parse(f"sv:start:{bad}") == ("", 0, "", "")


def test_survey_results_parse() -> None:
    assert svr.parse("svr:c:7:2:3") == ("c", 7, [2, 3])
    assert svr.parse("svr:res:7") == ("res", 7, [])
    for bad in FORGED:
        assert svr.parse(f"svr:res:{bad}") is None
        assert svr.parse(f"svr:c:7:{bad}:3") is None
    assert svr.parse("svr:res:0") is None  # no survey has id 0
    assert svr.parse("svr:q:7:10001") is None  # an index past any survey


def test_consortium_parse_checks_the_ids_each_action_carries() -> None:
    assert cns.parse("cns:inv:4:9", cns.CNS) == ("inv", "4:9")
    assert cns.parse("cns:stg:4:forming", cns.CNS) == ("stg", "4:forming")
    assert cns.parse("exp:t:mk:iraq", cns.EXP) == ("t", "mk:iraq")
    assert cns.parse("mch:sug:0", cns.MCH) == ("sug", "0")
    for bad in FORGED:
        assert cns.parse(f"mch:acc:{bad}", cns.MCH) == ("", "")
        assert cns.parse(f"cns:inv:4:{bad}", cns.CNS) == ("", "")
        assert cns.parse(f"exp:pdel:{bad}", cns.EXP) == ("", "")
    assert cns.parse("mch:acc:99999999999", cns.MCH) == ("", "")
    assert cns.parse("cns:card:1", cns.MCH) == ("", "")
    assert cns.int_arg("12") == 12 and cns.int_arg("") == 0 and cns.int_arg("²") == 0


@pytest.mark.parametrize(
    ("parse", "kind"), [(course_link, "course"), (exhibition_link, "exh"), (survey_link, "survey")]
)
def test_deep_links(parse: Callable[[str | None], int | None], kind: str) -> None:
    assert parse(f"{kind}_12") == 12
    assert parse(f"{kind}_2147483647") == 2147483647
    for bad in FORGED:
        assert parse(f"{kind}_{bad}") is None
    other = "survey" if kind != "survey" else "course"
    assert parse(f"{other}_12") is None and parse(None) is None and parse("instagram") is None


def test_segment_keys_are_bounded_ids() -> None:
    keys: list[Any] = ["12", "²", "1" * 25, "2147483648", "-3", 7]
    assert _ids(keys) == [12, 7]
    assert parse_key("12:q1:yes") == (12, "q1", "yes")
    for bad in FORGED:
        assert parse_key(f"{bad}:q1:yes") is None
