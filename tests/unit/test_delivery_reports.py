"""Broadcast reports to the CDA read Persian: reason codes and the messenger's English refusals alike."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest
from telegram.error import BadRequest

from bot.delivery import reports
from bot.delivery.outcomes import classify
from bot.services.broadcasts.delivery import Tally
from bot.texts import delivery as t
from models import Broadcast
from models.enums import DeliveryStatus
from tests.factories import NOW

LATIN = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize(
    ("english", "persian"),
    [
        ("Bad Request: message is too long", "متن پیام بیش از حد طولانی است"),
        ("Bad Request: message caption is too long", "توضیح زیر تصویر یا فایل بیش از حد طولانی است"),
        (
            "Bad Request: wrong file identifier/HTTP URL specified",
            "فایل یا تصویر پیام دیگر در دسترس پیام‌رسان نیست",
        ),
        ("Bad Request: BUTTON_URL_INVALID", "یکی از دکمه‌ها یا پیوندهای پیام را پیام‌رسان نپذیرفت"),
        ("Bad Request: URL host is empty", "یکی از دکمه‌ها یا پیوندهای پیام را پیام‌رسان نپذیرفت"),
        (
            "Bad Request: can't parse entities: Unsupported start tag",
            "قالب‌بندی پیام (پررنگ، پیوند و …) را پیام‌رسان نخواند",
        ),
        (
            "Bad Request: not enough rights to send text messages to the chat",
            "ربات اجازهٔ فرستادن پیام در آنجا را ندارد",
        ),
        ("Forbidden: bot is not a member of the channel chat", "ربات عضو آن گفت‌وگو یا کانال نیست"),
        ("Bad Request: chat not found", "گفت‌وگو یا کانال پیدا نشد"),
        ("Bad Request: message text is empty", "پیام خالی است"),
        ("Bad Request: PEER_ID_INVALID", t.REFUSAL_OTHER),
        ("something new the messenger says", t.REFUSAL_OTHER),
    ],
)
def test_the_messengers_english_refusal_reads_as_a_persian_reason(english: str, persian: str) -> None:
    assert reports.reason_fa(english) == persian
    assert not LATIN.search(persian)


def test_reason_codes_keep_their_own_wording_and_every_reason_is_persian() -> None:
    for code, wording in t.ERROR_REASONS.items():
        assert reports.reason_fa(code) == wording
    for _, wording in t.REFUSAL_REASONS:
        assert not LATIN.search(wording), wording
    assert not LATIN.search(t.REFUSAL_OTHER)


def _broadcast() -> Broadcast:
    return Broadcast(id=12, total=9, started_at=NOW, finished_at=NOW + timedelta(seconds=75))


def test_the_final_report_groups_english_refusals_under_one_persian_reason() -> None:
    tally = Tally(
        total=9,
        by_status=Counter({DeliveryStatus.SENT: 2, DeliveryStatus.FAILED: 5, DeliveryStatus.BLOCKED: 2}),
        errors=Counter(
            {
                "Bad Request: message is too long": 2,
                "Bad Request: MESSAGE_TOO_LONG": 1,
                "timeout": 1,
                "Bad Request: PEER_ID_INVALID": 1,
                "blocked": 2,
            }
        ),
    )
    report = reports.final(_broadcast(), tally)
    assert "• متن پیام بیش از حد طولانی است: ۳" in report
    assert f"• {t.ERROR_REASONS['timeout']}: ۱" in report and f"• {t.REFUSAL_OTHER}: ۱" in report
    assert t.ERROR_REASONS["blocked"] + ": ۲" not in report.split("ناموفق")[1]  # blocked has its own line
    assert not LATIN.search(report.replace("<b>", "").replace("</b>", "")), report


def test_pause_and_channel_notices_carry_no_english() -> None:
    refused = classify(5, BadRequest('Can\'t parse entities: unsupported start tag "x" at byte offset 0'))
    assert refused.outcome == "broken" and "parse entities" in (refused.error or "")  # kept for the log
    paused = reports.paused_broken(_broadcast(), refused.error or "")
    assert "علت: قالب‌بندی پیام" in paused and not LATIN.search(paused), paused
    mirror = reports.mirror_failed(_broadcast(), "Forbidden: bot is not a member of the channel chat")
    assert "ربات عضو آن گفت‌وگو یا کانال نیست" in mirror and not LATIN.search(mirror), mirror
