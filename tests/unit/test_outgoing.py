"""bot/outgoing.py: Telegram's limits counted as Telegram counts, long texts split, labels shortened."""

from __future__ import annotations

import pytest

from bot.emulator.html_text import parse_html
from bot.emulator.html_text import utf16_len as emulator_utf16_len
from bot.outgoing import (
    CAPTION_MAX,
    TEXT_MAX,
    shorten,
    split,
    split_caption,
    utf16_len,
    visible_length,
)


def _shown(part: str) -> str:
    """The text Telegram shows for an HTML part (raises when the part is not valid Telegram HTML)."""
    return parse_html(part).text


def test_visible_length_counts_text_after_parsing_in_utf16_units() -> None:
    assert visible_length("<b>سلام</b> &amp; <a href='https://x.ir/?a=1&amp;b=2'>لینک</a>") == 11
    assert visible_length("🌷") == 2 == utf16_len("🌷")
    assert visible_length("&#127799;") == 2
    assert visible_length("<b>x</b>", is_html=False) == 8


def test_a_text_that_fits_is_returned_unchanged() -> None:
    text = "<b>" + "گل" * 2000 + "</b>" + "&lt;" * 96
    assert visible_length(text) == TEXT_MAX
    assert split(text) == [text]


def test_exact_boundary_one_unit_over_makes_two_parts() -> None:
    lines = ["ا" * 99 for _ in range(41)]  # 41 × 99 + 40 newlines = 4099 > 4096
    parts = split("\n".join(lines))
    assert len(parts) == 2
    assert [p.count("\n") + 1 for p in parts] == [40, 1]  # 40 × 99 + 39 = 3999 fits; the 41st line moves
    exact = "\n".join(["ا" * 4095, "ب"])  # 4097 units: the line break is the cut
    assert split(exact) == ["ا" * 4095, "ب"]


def test_parts_split_at_line_boundaries_and_keep_every_line() -> None:
    lines = [f"<b>عضو {i}</b>: <i>گل رز &amp; داوودی</i> 🌷" for i in range(400)]
    parts = split("\n".join(lines))
    assert len(parts) > 1
    shown = [_shown(p) for p in parts]
    assert all(utf16_len(s) <= TEXT_MAX for s in shown)
    assert "\n".join(shown).split("\n") == [_shown(line) for line in lines]


def test_tags_spanning_a_cut_are_closed_and_reopened() -> None:
    body = "\n".join(f"سطر {i} با متن کمی بلند برای پر کردن پیام" for i in range(300))
    text = f'<blockquote><a href="https://example.ir/a?b=1&amp;c=2"><b>{body}</b></a></blockquote>'
    parts = split(text, 1000)
    assert len(parts) >= 10
    for part in parts:
        parsed = parse_html(part)  # balanced: the emulator rejects unbalanced Telegram HTML
        assert emulator_utf16_len(parsed.text) <= 1000
        kinds = {e["type"] for e in parsed.entities}
        assert kinds == {"blockquote", "text_link", "bold"}
        assert part.startswith('<blockquote><a href="https://example.ir/a?b=1&amp;c=2"><b>')
        assert part.endswith("</b></a></blockquote>")


def test_never_cuts_inside_a_tag_or_an_entity() -> None:
    word = "&amp;&#127799;<i>x</i>" * 900  # one "word" (no spaces or line breaks), 4 units per repeat
    parts = split(word, 101)
    for part in parts:
        assert utf16_len(_shown(part)) <= 101
    assert "".join(_shown(p) for p in parts) == _shown(word)


def test_emoji_counted_as_two_units_at_the_boundary() -> None:
    text = "🌷" * 2049  # 4098 units although only 2049 characters
    parts = split(text)
    assert [utf16_len(p) for p in parts] == [4096, 2]


def test_falls_back_to_spaces_then_hard_cuts_for_one_long_line() -> None:
    words = " ".join(["کلمه"] * 2000)  # one line of 9999 units
    parts = split(words)
    assert all(visible_length(p) <= TEXT_MAX for p in parts)
    assert all(not p.startswith(" ") and not p.endswith(" ") and p[-4:] == "کلمه" for p in parts)
    assert " ".join(parts) == words


def test_prefers_a_blank_line_between_blocks() -> None:
    block = "\n".join(["خط"] * 300)  # 899 units
    text = "\n\n".join([block] * 6)
    parts = split(text, 2000)
    assert all(p.strip("\n") == p for p in parts)
    assert [p.split("\n\n") for p in parts] == [[block, block]] * 3  # whole blocks, never a block cut


def test_plain_text_mode_counts_tags_as_text() -> None:
    text = "<b>" * 2000  # 6000 characters as plain text, none as HTML
    assert visible_length(text) == 0
    parts = split(text, 3000, is_html=False)
    assert parts == ["<b>" * 1000, "<b>" * 1000]


def test_caption_over_1024_keeps_a_short_caption_and_the_rest_as_text() -> None:
    caption = "\n".join(f"<b>سند {i}</b> توضیح کوتاه" for i in range(200))
    short, rest = split_caption(caption)
    assert visible_length(short) <= CAPTION_MAX
    assert rest and all(visible_length(p) <= TEXT_MAX for p in rest)
    shown = [_shown(short), *(_shown(p) for p in rest)]
    assert "\n".join(shown) == _shown(caption)
    assert split_caption("کوتاه") == ("کوتاه", [])


@pytest.mark.parametrize(
    ("label", "limit", "expected"),
    [
        ("دورهٔ آموزشی", 40, "دورهٔ آموزشی"),
        ("  گل   رز  ", 40, "گل رز"),
        ("آموزش پرورش گل رز هلندی در گلخانه", 20, "آموزش پرورش گل رز…"),
        ("نمایشگاه بین‌المللی گل و گیاه", 24, "نمایشگاه بین‌المللی گل…"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaa", 10, "aaaaaaaaa…"),
    ],
)
def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis(label: str, limit: int, expected: str) -> None:
    assert shorten(label, limit) == expected
    assert utf16_len(shorten(label, limit)) <= limit


def test_shorten_never_ends_on_a_dangling_zwnj_or_splits_an_emoji() -> None:
    label = "می\u200cخواهم\u200cهای\u200cبسیار\u200cطولانی\u200cبدون\u200cفاصله"
    for limit in range(4, len(label)):
        short = shorten(label, limit)
        assert short.endswith("…") and not short[:-1].endswith("\u200c")
        assert utf16_len(short) <= limit
    assert shorten("🌷" * 30, 11) == "🌷" * 5 + "…"


def test_shorten_the_trip_title_of_issue_15_at_a_word() -> None:
    title = "بازدید از گلخانه‌های هیدروپونیک رز در پاکدشت"
    for limit in range(12, len(title)):
        short = shorten(title, limit)
        assert short.endswith("…") and utf16_len(short) <= limit
        kept = short[:-1]
        assert title.startswith(kept) and title[len(kept)] in " \u200c"  # never inside a word
        assert not kept.endswith(("\u200c", " "))
    assert shorten(title, 40) == "بازدید از گلخانه‌های هیدروپونیک رز در…"


@pytest.mark.parametrize(
    ("label", "limit", "expected"),
    [
        ("کشت بدون خاک (هیدروپونیک) در گلخانه", 18, "کشت بدون خاک…"),  # no dangling «(»
        ("گل رز، ژربرا، داوودی و میخک", 15, "گل رز، ژربرا…"),  # no «،…»
        ("بازار: عراق | ترکیه | قطر", 19, "بازار: عراق…"),  # no dangling separator
        ("گلخانه‌های‌هیدروپونیک‌رز‌پاکدشت", 15, "گلخانه‌های…"),  # no space: at a ZWNJ, not between letters
        ("ab ccccccccccccccccccc", 10, "ab…"),  # a word boundary even when it keeps little
    ],
)
def test_shorten_strips_what_would_dangle(label: str, limit: int, expected: str) -> None:
    assert shorten(label, limit) == expected


def test_shorten_keep_lines_keeps_line_breaks() -> None:
    text = "سرفصل‌ها:\n\n\n\n  کشت   بستر  \nآبیاری قطره‌ای و تغذیه"
    assert shorten(text, 100, keep_lines=True) == "سرفصل‌ها:\n\nکشت بستر\nآبیاری قطره‌ای و تغذیه"
    assert shorten(text, 25, keep_lines=True) == "سرفصل‌ها:\n\nکشت بستر…"
    assert shorten(text, 100) == "سرفصل‌ها: کشت بستر آبیاری قطره‌ای و تغذیه"


def test_a_press_alert_is_visible_text_cut_at_a_word() -> None:
    from handlers.kit import ALERT_MAX, alert_text

    assert (
        alert_text("✅ <b>ثبت‌نام</b> در «رز &amp; ژربرا» انجام شد.") == "✅ ثبت‌نام در «رز & ژربرا» انجام شد."
    )
    long = "<b>دوره</b> " + " ".join(["پرورش گل رز در گلخانه"] * 30)
    cut = alert_text(long)
    assert utf16_len(cut) <= ALERT_MAX and cut.endswith("…") and "<b>" not in cut
    assert cut[:-1].rstrip().split()[-1] in {"پرورش", "گل", "رز", "در", "گلخانه"}  # a whole word before «…»


def test_chart_labels_are_cut_by_the_same_shorten(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.services.surveys import charts

    monkeypatch.setattr(charts, "visual", lambda line: line)  # the logical text, before shaping
    text = "کدام فناوری‌ها برای کسب‌وکار شما در سال آینده اولویت بیشتری دارند؟"
    first, second = charts.wrapped(text, 20, max_lines=2).split("\n")
    assert first == "کدام فناوری‌ها برای"
    assert second == shorten(text[len(first) + 1 :], 20) == "کسب‌وکار شما در…"
    assert charts.wrapped("گل رز", 20, max_lines=2) == "گل رز"
