"""PNG bar charts of a survey's choice, yes/no and scale questions, with Persian that reads right.

Matplotlib draws glyphs left to right one by one, so Persian text is first shaped (letters joined
by arabic-reshaper) and put in visual order (python-bidi), line by line after wrapping. Bars are
horizontal and grow from the right, labels on the right, numbers in Persian digits; the font is the
Vazirmatn shipped in bot/assets/fonts (SIL OFL). Matplotlib is imported lazily (Agg, no pyplot),
so importing this module does no work.
"""

from __future__ import annotations

import io
import textwrap
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bot.outgoing import shorten
from bot.persian import format_number, localize_digits, to_persian_digits
from bot.services.surveys.results import QuestionResult, Results
from bot.texts import survey_results as t

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"  # bot/assets/fonts
REGULAR, BOLD = FONTS / "Vazirmatn-Regular.ttf", FONTS / "Vazirmatn-Bold.ttf"
WIDTH_IN, DPI = 8.0, 110
LABEL_CHARS, LABEL_LINES, TITLE_CHARS = 30, 2, 60
BAR_COLOR, TEXT_COLOR = "#3f8f5b", "#1f2d24"
MAX_BARS = 25
RLM = "\u200f"
_DRAWING = threading.Lock()  # matplotlib is not guaranteed thread-safe


@dataclass(frozen=True)
class Chart:
    number: int  # the question's number in the survey (1-based)
    question: str
    png: bytes


@cache
def _shapes_itself() -> bool:
    """Matplotlib ≥ 3.11 lays text out with libraqm (joining and bidi); older ones draw glyph by glyph."""
    from matplotlib.ft2font import FT2Font

    return hasattr(FT2Font, "_layout")


def visual(text: str) -> str:
    """Persian text ready for matplotlib: right-to-left paragraph, letters joined, in the right order.

    With libraqm the logical text (after a right-to-left mark) is what it wants — running python-bidi
    on top would reverse it again; without it we join the letters (arabic-reshaper) and reorder them
    into display order (python-bidi) ourselves.
    """
    if _shapes_itself():
        return RLM + text
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text), base_dir="R"))


def wrapped(text: str, width: int, max_lines: int = 4) -> str:
    """Wrap the logical text first (so line order stays top-to-bottom), then shape each line."""
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > max_lines:  # the last line shortened as every label is (bot/outgoing.shorten)
        lines = [*lines[: max_lines - 1], shorten(" ".join(lines[max_lines - 1 :]), width)]
    return "\n".join(visual(line) for line in lines)


def percent_text(value: float | None) -> str:
    return to_persian_digits(f"{round(value)}٪") if value is not None else "—"


@cache
def _fonts() -> tuple[Any, Any]:
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=REGULAR), FontProperties(fname=BOLD)


def bars_of(question: QuestionResult) -> list[tuple[str, int, float | None]]:
    """(label, count, percent) top to bottom; scale questions as ۱…۵."""
    if question.question.type == "scale":
        dist = question.distribution
        total = sum(dist.values())
        return [
            (to_persian_digits(point), count, 100.0 * count / total if total else None)
            for point, count in dist.items()
        ]
    return [(localize_digits(c.text), c.count, c.percent) for c in question.choices][:MAX_BARS]


def render_bar_chart(title: str, bars: list[tuple[str, int, float | None]], note: str) -> bytes:
    """A horizontal bar chart as PNG bytes: bars grow right-to-left, labels at the right."""
    from matplotlib.figure import Figure

    regular, bold = _fonts()
    labels = [wrapped(label, LABEL_CHARS, LABEL_LINES) for label, _, _ in bars]
    slot = 0.55 if all("\n" not in label for label in labels) else 0.8  # two-line labels need room
    height = 1.6 + slot * len(bars) + 0.3 * title.count("\n")
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    axes = figure.add_subplot()
    positions = list(range(len(bars)))[::-1]  # the first option at the top
    counts = [count for _, count, _ in bars]
    axes.barh(positions, counts, color=BAR_COLOR, height=0.6)
    axes.set_yticks(positions, labels, fontproperties=regular)
    top = max([*counts, 1])
    axes.set_xlim(top * 1.3, 0)  # inverted: zero at the right, bars grow to the left
    axes.yaxis.tick_right()
    axes.tick_params(axis="y", length=0, pad=6, labelsize=11, colors=TEXT_COLOR)
    axes.set_xticks([])
    for side in ("top", "left", "bottom"):
        axes.spines[side].set_visible(False)
    for position, (_, count, share) in zip(positions, bars, strict=True):
        value = f"{format_number(count)} ({percent_text(share)})"
        axes.text(count + top * 0.02, position, visual(value), va="center", ha="right",
                  fontproperties=regular, fontsize=10, color=TEXT_COLOR)  # fmt: skip
    figure.suptitle(wrapped(title, TITLE_CHARS), x=0.98, ha="right", fontproperties=bold, fontsize=13,
                    color=TEXT_COLOR)  # fmt: skip
    figure.text(0.98, 0.015, visual(note), ha="right", va="bottom", fontproperties=regular, fontsize=9,
                color="#5b6b60")  # fmt: skip
    figure.tight_layout(rect=(0, 0.3 / height, 1, 1))  # room for the note at the bottom
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def bar_chart(title: str, bars: list[tuple[str, int, float | None]], note: str) -> bytes:
    """One bar chart drawn by one caller at a time (for charts outside a survey's results)."""
    with _DRAWING:
        return render_bar_chart(title, bars, note)


def chart_of(number: int, question: QuestionResult) -> Chart | None:
    """The chart of one question, or None for number/text questions and questions nobody answered."""
    if question.question.type not in ("single", "multi", "yesno", "scale") or question.answered == 0:
        return None
    bars = bars_of(question)
    note = t.CHART_ANSWERED.format(count=format_number(question.answered))
    title = f"{to_persian_digits(number)}. {localize_digits(question.question.text)}"
    return Chart(number, question.question.text, render_bar_chart(title, bars, note))


def charts(results: Results) -> list[Chart]:
    """Every chart of the results; one caller at a time (handlers run this in a worker thread)."""
    with _DRAWING:
        found = (chart_of(number, q) for number, q in enumerate(results.questions, start=1))
        return [chart for chart in found if chart is not None]
