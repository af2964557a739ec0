"""Profile fields: validation of each answer and the order registration asks them in."""

from __future__ import annotations

import re
from typing import Any

from bot.config import Config
from bot.persian import PersianInputError, normalize_text, parse_int, parse_iranian_mobile
from bot.services.common.errors import InvalidInput

OTHER_PLACE = "other"
# The order registration asks in; "place_other" is asked only when the place is «سایر».
STEPS = ("full_name", "phone", "role", "categories", "place", "place_other", "area", "confirm")
EDITABLE_FIELDS = ("full_name", "phone", "role", "categories", "place", "area")
LETTER = re.compile(r"[^\W\d_]")


def _clean_words(text: str, max_chars: int, field: str) -> str:
    """Normalised free text of at most `max_chars` with at least two letters; codes `<field>_…`."""
    value = normalize_text(text)
    if not value:
        raise InvalidInput("empty")
    if len(value) > max_chars:
        raise InvalidInput(f"{field}_too_long")
    if len(LETTER.findall(value)) < 2:
        raise InvalidInput(f"{field}_invalid")
    return value


def clean_full_name(text: str, config: Config) -> str:
    return _clean_words(text, config.limits.name_max_chars, "name")


def clean_phone_text(text: str) -> str:
    try:
        return parse_iranian_mobile(text)
    except PersianInputError:
        raise InvalidInput("bad_mobile") from None


def clean_contact(phone: str, contact_user_id: int | None, sender_user_id: int) -> str:
    """A shared contact counts only when it is the sender's own number."""
    if contact_user_id != sender_user_id:
        raise InvalidInput("contact_not_own")
    return clean_phone_text(phone)


def clean_choice(key: str, config: Config, kind: str) -> str:
    choices = getattr(config, kind)
    if key == OTHER_PLACE and kind == "places":
        return key
    if not any(c.key == key for c in choices):
        raise InvalidInput("unknown_choice")
    return key


def clean_categories(keys: list[str], config: Config) -> list[str]:
    if not keys:
        raise InvalidInput("no_category")
    for key in keys:
        clean_choice(key, config, "categories")
    return sorted(set(keys))


def clean_place_other(text: str, config: Config) -> str:
    return _clean_words(text, config.limits.place_max_chars, "place")


def clean_area(text: str, config: Config) -> int:
    try:
        area = parse_int(text)
    except PersianInputError:
        raise InvalidInput("area_not_number") from None
    if not 1 <= area <= config.limits.area_max_m2:
        raise InvalidInput("area_out_of_range")
    return area


def next_step(data: dict[str, Any], after: str) -> str:
    """The step that follows `after`, honouring «سایر» and a return to the summary."""
    if after == "place" and data.get("place") == OTHER_PLACE:
        return "place_other"
    if data.get("return_to"):
        return str(data["return_to"])
    index = STEPS.index(after) + 1
    step = STEPS[index]
    if step == "place_other":
        step = STEPS[index + 1]
    return step


def is_complete(data: dict[str, Any]) -> bool:
    required = ("full_name", "phone", "role", "categories", "place")
    if any(not data.get(f) for f in required):
        return False
    return data["place"] != OTHER_PLACE or bool(data.get("place_other"))
