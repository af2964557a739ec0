"""The callback/deep-link codec: ids are bounded ASCII digits; anything else is a stale press."""

from __future__ import annotations

import pytest

from bot.callbacks import MAX_ID, DeepLink, Press, decode, deep_link, encode, parse_deep_link, parse_id

FORGED_IDS = ["²", "٣", "۳", "1" * 25, str(MAX_ID + 1), "-1", "+1", " 1", "1 ", "", "0x1", "1.0", "１"]


@pytest.mark.parametrize("raw", FORGED_IDS)
def test_forged_ids_are_refused(raw: str) -> None:
    assert parse_id(raw) is None


def test_valid_ids_up_to_the_integer_column() -> None:
    assert parse_id("1") == 1
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id("0") is None
    assert parse_id("0", allow_zero=True) == 0


def test_encode_decode_round_trip() -> None:
    data = encode("crs", "join", 42, "x")
    assert data == "crs:join:42:x"
    assert decode(data, "crs") == Press("join", 42, ("x",))
    assert decode(data, "exh") is None
    assert decode("crs:join", "crs") is None
    assert decode("reg:role:grower", "reg", with_id=False) == Press("role", 0, ("grower",))


@pytest.mark.parametrize("raw", FORGED_IDS)
def test_forged_callback_ids_decode_as_stale(raw: str) -> None:
    assert decode(f"crs:join:{raw}", "crs") is None


def test_encode_refuses_over_64_bytes() -> None:
    with pytest.raises(ValueError):
        encode("crs", "join", "x" * 70)


def test_deep_links() -> None:
    assert deep_link("course", 12) == "course_12"
    assert parse_deep_link("course_12") == DeepLink("course", 12)
    assert parse_deep_link("survey_12", {"course"}) is None
    for raw in FORGED_IDS:
        assert parse_deep_link(f"course_{raw}") is None
    assert parse_deep_link("instagram") is None
    assert parse_deep_link(None) is None
