"""The audit log's phone scrubber: no way of writing a phone number survives it; dates and counts do."""

from __future__ import annotations

import pytest

from bot.services.common.audit import PHONE_MARK, scrub


@pytest.mark.parametrize(
    "phone",
    [
        "09121234567",
        "+989121234567",
        "989121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "0912 123 4567",
        "0912-123-4567",
        "(0912) 123-45-67",
        "+98 912 123 4567",
        "۰۹۱۲ ۱۲۳ ۴۵ ۶۷",
        "025-43221234",
        "4322 1234",
    ],
)
def test_phone_numbers_are_replaced(phone: str) -> None:
    out = scrub(f"تماس با علی {phone} درباره دوره")
    assert out == f"تماس با علی {PHONE_MARK} درباره دوره"


def test_several_numbers_in_one_text() -> None:
    assert scrub("09121234567 و ۰۹۳۵۱۱۱۲۲۳۳") == f"{PHONE_MARK} و {PHONE_MARK}"


@pytest.mark.parametrize(
    "text",
    [
        "دوره ۱۲ با ظرفیت ۳۰ نفر",
        "شروع ۱۴۰۵/۰۹/۱۱ ساعت ۱۰:۳۰",
        "شروع 1405-09-11",
        "۱۱ آذر ۱۴۰۵ ۱۰:۳۰",
        "نظرسنجی ۴ | ۲۵ پاسخ",
        "مبلغ ۱٬۲۰۰٬۰۰۰ ریال",
    ],
)
def test_dates_times_and_counts_stay(text: str) -> None:
    assert scrub(text) == text
