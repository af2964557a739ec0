"""One term per concept (bot/texts/terms.py, shared/glossary-fa.md): no variant spelling anywhere in the
copy, and every label of a family (export buttons and headers, /cancel mentions, shared buttons) is the
glossary term."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

import bot.texts
from bot import texts
from bot.services.common import lifecycle as lc
from bot.texts import consortia as tcn
from bot.texts import course_admin as tca
from bot.texts import exhibition_admin as txa
from bot.texts import survey_results as tsr
from bot.texts import terms as g
from handlers.consortium import keyboards as cnk
from handlers.courses import admin_keyboards as ckb
from handlers.exhibitions import admin_render as xr
from handlers.surveys import results_keyboards as srk
from models.enums import ConsortiumStage, EventStatus

ROOT = Path(__file__).resolve().parents[2]

# Variant spelling → the standard form. Each pattern is a wording this project once used or a common
# misspelling; the standard is what terms.py and shared/glossary-fa.md say.
VARIANTS: dict[str, str] = {
    r"تکمیل شده": g.COMPLETED,
    r"ثبت‌نام شده|ثبت نام": g.REGISTERED,
    r"گفتگو": g.CONVERSATION,
    r"دسته‌?ٔ?\s*محصول": g.CATEGORY,
    r"نوبت انتظار": g.WAITLIST_POSITION,
    r"سوال": g.QUESTION,
    r"پرسش(?!نامه)": g.QUESTION,
    r"نیمه[‌ ]?تمام|نیمه کاره": g.UNFINISHED,
    r"عامل توسعهٔ": g.CDA,
    r"شماره‌?ٔ?\s*(?:تلفن|تماس)": g.MOBILE,
    r"اعضای هدف": g.AUDIENCE,
    r"نامحدود": g.UNLIMITED,
    r"پیشنهاد جای خالی|پیشنهاد منقضی": f"{g.OFFERED} / {g.OFFER_EXPIRED}",
    r"\((?:Excel|CSV)\)|(?<!فایل )اکسل|📥 فایل": f"{g.BTN_XLSX} / {g.BTN_CSV}",
    r"انصراف\W{0,3}/cancel|برای رها کردن": g.CANCEL_HINT,
    r"لطفا(?!ً)": "لطفاً",
    r"تایید": "تأیید",
}
# Where the copy lives: the texts, the glue and the services that still render some, the sandbox, the guide.
SCANNED = ("bot/texts", "handlers", "bot/services", "bot/sandbox", "README.md")
SUFFIXES = {".py", ".js", ".html", ".md", ".css"}


def variants_in(text: str) -> list[tuple[int, str, str]]:
    """(line, variant found, standard form) for every variant spelling in `text`."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for pattern, standard in VARIANTS.items():
            found += [(number, m.group(0), standard) for m in re.finditer(pattern, line)]
    return found


def _scanned_files() -> Iterator[Path]:
    for name in SCANNED:
        path = ROOT / name
        if path.is_file():
            yield path
        else:
            yield from (p for p in sorted(path.rglob("*")) if p.suffix in SUFFIXES and p.is_file())


def test_the_scanner_finds_each_kind_of_variant() -> None:
    sample = "✅ تکمیل شده\nساخت در گفتگو · دستهٔ محصول\n(برای انصراف /cancel) · 📥 فهرست (Excel) · سوال"
    found = {(line, variant) for line, variant, _ in variants_in(sample)}
    assert found == {
        (1, "تکمیل شده"),
        (2, "گفتگو"),
        (2, "دستهٔ محصول"),
        (3, "انصراف /cancel"),
        (3, "(Excel)"),
        (3, "سوال"),
    }
    assert variants_in("✅ تکمیل‌شده · ساخت در گفت‌وگو · پرسشنامه · 📗 فایل اکسل") == []


def test_no_variant_spelling_anywhere_in_the_copy() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: «{variant}» → «{standard}»"
        for path in _scanned_files()
        for line, variant, standard in variants_in(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def _texts_modules() -> list[ModuleType]:
    names = [m.name for m in pkgutil.iter_modules(bot.texts.__path__, "bot.texts.")]
    return [bot.texts, *(importlib.import_module(n) for n in names)]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


def copy_constants() -> Iterator[tuple[str, str, Any]]:
    """(module, name, value) of every public constant in bot/texts."""
    for module in _texts_modules():
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str | dict | tuple | list):
                yield module.__name__.removeprefix("bot.texts."), name, value


def test_the_texts_walk_sees_every_module() -> None:
    modules = {m for m, _, _ in copy_constants()}
    assert {"bot.texts", "terms", "courses", "course_admin", "consortia", "surveys", "broadcast"} <= modules


# A constant named like a family member must be the family's term. Exceptions name a different concept.
FAMILIES: tuple[tuple[str, str], ...] = (
    (r"BTN_\w*XLSX", g.BTN_XLSX),
    (r"BTN_\w*CSV", g.BTN_CSV),
    (r"BTN_(?:\w+_)?SKIP", g.BTN_SKIP),
    (r"BTN_(?:\w+_)?BACK", g.BTN_BACK),
    (r"BTN_PREV", g.BTN_PREV),
    (r"BTN_NEXT", g.BTN_NEXT),
    (r"BTN_(?:TARGETS|PRODUCTS|SVA_AUDIENCE)_DONE|BTN_CNS_CONTINUE|BTN_BCAST_NEXT", g.BTN_CONTINUE),
    (r"BTN_\w*CANCEL_KEEP|BTN_DELETE_NO", g.BTN_KEEP),
    (r"BTN_DISCARD|BTN_SVA_DROP", g.BTN_DISCARD_DRAFT),
    (r"(?:BTN_)?PLACE_OTHER", g.OTHER),
    (r"UNLIMITED", g.UNLIMITED),
    (r"BTN_LEAVE", g.LEAVE),
)
NOT_IN_FAMILY = {
    ("surveys", "BTN_BACK"): "→ بازگشت: back to the previous question, beside «رد شدن»",
}


def test_every_label_of_a_family_is_the_glossary_term() -> None:
    seen: dict[str, list[str]] = {}
    wrong = []
    for module, name, value in copy_constants():
        if module == "terms" or (module, name) in NOT_IN_FAMILY:
            continue
        for pattern, term in FAMILIES:
            if re.fullmatch(pattern, name):
                seen.setdefault(pattern, []).append(f"{module}.{name}")
                if value != term:
                    wrong.append(f"{module}.{name} = {value!r}, not {term!r}")
    assert wrong == []
    # each family really has members in more than one place (else the pattern went stale)
    assert {p for p, names in seen.items() if len(names) < 2} == set(), seen


def _export_buttons(markup: Any) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"xlsx": set(), "csv": set()}
    for row in markup.inline_keyboard if hasattr(markup, "inline_keyboard") else markup:
        for button in row:
            parts = str(button.callback_data).split(":")
            for kind in found:
                if kind in parts:
                    found[kind].add(button.text)
    return found


def test_every_export_button_on_every_card_is_the_glossary_label() -> None:
    consortium = SimpleNamespace(id=3, stage=ConsortiumStage.FORMING)
    summary = SimpleNamespace(
        event=SimpleNamespace(id=7, status=EventStatus.PUBLISHED), details=SimpleNamespace(documents=[])
    )
    keyboards = {
        "course": ckb.card(SimpleNamespace(id=5, status=EventStatus.PUBLISHED)),  # type: ignore[arg-type]
        "exhibition": xr.card(summary),  # type: ignore[arg-type]
        "survey results": srk.results(9, anonymous=False),
        "consortium": cnk.card(consortium),  # type: ignore[arg-type]
    }
    assert lc.allows(lc.COURSE, EventStatus.PUBLISHED, lc.EXPORT)
    for where, markup in keyboards.items():
        assert _export_buttons(markup) == {"xlsx": {g.BTN_XLSX}, "csv": {g.BTN_CSV}}, where


def test_every_cancel_mention_uses_the_glossary_term() -> None:
    mentions = [
        (f"{module}.{name}", text)
        for module, name, value in copy_constants()
        for text in _strings(value)
        if "/cancel" in text and module != "terms"
    ]
    assert len(mentions) >= 10  # prompts of every flow mention it
    wrong = [
        where
        for where, text in mentions
        if (g.CANCEL_HINT not in text and f"/cancel {g.CANCEL_COMMAND}" not in text) or "انصراف" in text
    ]
    assert wrong == []
    assert dict(texts.MEMBER_COMMANDS)["cancel"] == g.CANCEL_COMMAND
    assert f"/cancel {g.CANCEL_COMMAND}" in texts.HELP


EXPORT_HEADERS = {
    "course": tca.EXPORT_HEADERS,
    "exhibition": txa.EXPORT_HEADERS,
    "consortium": tcn.EXPORT_HEADERS,
    "survey": (*tsr.EXPORT_HEADERS_NAMED, *tsr.EXPORT_HEADERS),
}
# What a header of each concept may be called: only the standard form is allowed.
HEADER_FAMILIES = {
    g.FULL_NAME: {"نام", "نام عضو", "نام و نام‌خانوادگی"},
    g.MOBILE: {"موبایل", "تلفن", "شماره تلفن", "شمارهٔ موبایل", "تلفن همراه"},
    g.WAITLIST_POSITION: {"نوبت", "نوبت انتظار", "ردیف انتظار"},
    g.ROLE: {"نقش", "نوع فعالیت", "فعالیت اصلی"},
    g.PLACE: {"محل فعالیت", "مکان"},
    g.STATUS: {"حالت"},
}


@pytest.mark.parametrize("export", sorted(EXPORT_HEADERS))
def test_export_headers_use_the_glossary_terms(export: str) -> None:
    headers = EXPORT_HEADERS[export]
    assert headers[:2] == (g.FULL_NAME, g.MOBILE)
    for standard, variants in HEADER_FAMILIES.items():
        assert not variants & set(headers), (export, standard)
    if export in ("course", "exhibition"):  # the rosters with a waitlist
        assert g.WAITLIST_POSITION in headers
    if export != "survey":
        assert headers[2:4] == (g.ROLE, g.PLACE)


def test_texts_modules_take_shared_terms_from_the_glossary() -> None:
    """A feature's texts module imports terms instead of spelling a shared term out again."""
    # dates: typed-date errors and the date picker spell no shared term
    own = {m for m, _, _ in copy_constants()} - {"bot.texts", "terms", "delivery", "dates"}
    for module in sorted(own):
        source = (ROOT / "bot/texts" / f"{module}.py").read_text(encoding="utf-8")
        assert "bot.texts.terms" in source or "from bot.texts import terms" in source, module
