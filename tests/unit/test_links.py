"""The links the CDA forwards (bot/links.py): one per running messenger, and each opens what it names."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from bot import links, texts
from bot.callbacks import deep_link, parse_deep_link
from bot.services.common import lifecycle as lc
from bot.services.courses.catalog import DEEP_LINK as COURSE
from bot.services.exhibitions.catalog import DEEP_LINK as EXHIBITION
from bot.services.surveys.answering import DEEP_LINK as SURVEY
from handlers.kit import share_text
from handlers.registry import feature_set
from models.enums import EventStatus, SurveyStatus

TELEGRAM_BOT = "https://api.telegram.org/bot1:AAA"
BALE_BOT = "https://tapi.bale.ai/bot2:BBB"


@pytest.fixture(autouse=True)
def no_bots() -> Iterator[None]:
    """Each test starts with no messenger registered and leaves none behind."""
    saved = dict(links._BOTS)
    links._BOTS.clear()
    yield
    links._BOTS.clear()
    links._BOTS.update(saved)


def start_payload(url: str) -> str:
    return parse_qs(urlsplit(url).query)["start"][0]


def test_no_messenger_running_means_no_links() -> None:
    assert links.share_links("course_12") == []
    assert links.share_text("course_12") == ""


def test_telegram_alone_gives_one_t_me_link() -> None:
    links.register(TELEGRAM_BOT, "telegram", "khooshe_bot")
    assert links.share_links("course_12") == [("تلگرام", "https://t.me/khooshe_bot?start=course_12")]


def test_telegram_and_bale_each_give_their_link_telegram_first() -> None:
    links.register(BALE_BOT, "bale", "khooshe_bale_bot")  # Bale's Application may come up first
    links.register(TELEGRAM_BOT, "telegram", "khooshe_bot")
    assert links.share_links("exh_3") == [
        ("تلگرام", "https://t.me/khooshe_bot?start=exh_3"),
        ("بله", "https://ble.ir/khooshe_bale_bot?start=exh_3"),
    ]
    text = links.share_text("exh_3")
    assert text.startswith(texts.SHARE_LINKS_TITLE)
    assert "بله: <code>https://ble.ir/khooshe_bale_bot?start=exh_3</code>" in text


def test_a_stopped_messenger_leaves_the_cards() -> None:
    links.register(TELEGRAM_BOT, "telegram", "khooshe_bot")
    links.register(BALE_BOT, "bale", "khooshe_bale_bot")
    links.forget(BALE_BOT)
    assert [name for name, _ in links.share_links("survey_1")] == ["تلگرام"]


def test_the_newest_bot_of_a_messenger_wins_and_its_shutdown_does_not_hide_the_other() -> None:
    links.register(TELEGRAM_BOT, "telegram", "old_bot")
    links.register(TELEGRAM_BOT + "x", "telegram", "new_bot")
    assert links.share_links("course_1") == [("تلگرام", "https://t.me/new_bot?start=course_1")]
    links.forget(TELEGRAM_BOT + "x")
    assert links.share_links("course_1") == [("تلگرام", "https://t.me/old_bot?start=course_1")]


def test_a_bot_without_a_usable_username_gives_no_link() -> None:
    links.register(TELEGRAM_BOT, "telegram", None)
    links.register(BALE_BOT, "bale", "bad name")
    assert links.share_links("course_1") == []
    links.register(BALE_BOT, "bale", "@khooshe_bale_bot")  # an @ from a config is dropped
    assert links.share_links("course_1") == [("بله", "https://ble.ir/khooshe_bale_bot?start=course_1")]


@pytest.mark.parametrize("payload", ["", "course 1", "کورس_۱", "a" * 65, "course_1&x=2", "course_1#"])
def test_a_payload_the_messenger_would_not_pass_on_is_refused(payload: str) -> None:
    links.register(TELEGRAM_BOT, "telegram", "khooshe_bot")
    with pytest.raises(ValueError):
        links.share_links(payload)


@pytest.mark.parametrize("kind", [COURSE, EXHIBITION, SURVEY])
@pytest.mark.parametrize("object_id", [1, 42, 2_147_483_647])
def test_every_link_round_trips_to_the_feature_that_opens_it(kind: str, object_id: int) -> None:
    links.register(TELEGRAM_BOT, "telegram", "khooshe_bot")
    links.register(BALE_BOT, "bale", "khooshe_bale_bot")
    features = feature_set()
    for _, url in links.share_links(deep_link(kind, object_id)):
        payload = start_payload(url)
        assert parse_deep_link(payload) == parse_deep_link(deep_link(kind, object_id))
        found = features.deep_link(payload)
        assert found is not None and found[1] == object_id
        opens = {link.parse(payload) for link in features.deep_links}
        assert opens == {None, object_id}  # exactly one kind claims it


def test_cards_show_links_only_where_members_can_open_the_object() -> None:
    links.register(TELEGRAM_BOT, "telegram", "khooshe_bot")
    shared = [
        ("course", EventStatus.PUBLISHED, True),
        ("course", EventStatus.CLOSED, True),
        ("course", EventStatus.DRAFT, False),
        ("course", EventStatus.CANCELLED, False),
        ("exhibition", EventStatus.PUBLISHED, True),
        ("exhibition", EventStatus.DRAFT, False),
        ("survey", SurveyStatus.OPEN, True),
        ("survey", SurveyStatus.SCHEDULED, False),
        ("survey", SurveyStatus.CLOSED, False),
    ]
    tables = {"course": lc.COURSE, "exhibition": lc.EXHIBITION, "survey": lc.SURVEY}
    for table, status, expected in shared:
        text = share_text(tables[table], status, COURSE, 7)
        assert ("https://t.me/khooshe_bot?start=course_7" in text) is expected, (status, text)
