"""The programme report's charts: members over time (a line) and participants per programme (bars).

Matplotlib is loaded lazily (Agg, no pyplot) and Persian is shaped as in the survey charts.
"""

from __future__ import annotations

import io

from bot.persian import format_number, to_persian_digits
from bot.reports.programme import jalali_text
from bot.services.programme.indicators import ProgrammeReport
from bot.services.surveys.charts import (
    _DRAWING,
    BAR_COLOR,
    DPI,
    MAX_BARS,
    TEXT_COLOR,
    WIDTH_IN,
    _fonts,
    render_bar_chart,
    visual,
)
from bot.texts import programme as t


def members_chart(report: ProgrammeReport) -> bytes:
    """Members registered by the end of each day or month of the period."""
    from matplotlib.figure import Figure

    regular, bold = _fonts()
    points = report.members.over_time
    figure = Figure(figsize=(WIDTH_IN, 4.2), dpi=DPI)
    axes = figure.add_subplot()
    xs = list(range(len(points)))
    ys = [v for _, v in points]
    axes.plot(xs, ys, color=BAR_COLOR, linewidth=2, marker="o" if len(xs) <= 31 else None)
    step = max(1, len(xs) // 6)
    ticks = xs[::step]
    axes.set_xticks(
        ticks, [to_persian_digits(points[i][0][5:].replace("-", "/")) for i in ticks], fontproperties=regular
    )
    top = max([*ys, 1])
    axes.set_ylim(0, top * 1.15)
    yt = axes.get_yticks()
    axes.set_yticks(yt, [format_number(int(v)) for v in yt], fontproperties=regular)
    axes.set_ylim(0, top * 1.15)
    axes.yaxis.tick_right()
    for side in ("top", "left"):
        axes.spines[side].set_visible(False)
    period = report.period
    note = t.CHART_NOTE.format(first=jalali_text(period.first_day), last=jalali_text(period.last_day))
    title = f"{t.CHART_MEMBERS} — {note}"
    figure.suptitle(visual(title), x=0.98, ha="right", fontproperties=bold, fontsize=13, color=TEXT_COLOR)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def participation_chart(report: ProgrammeReport) -> bytes | None:
    """Registered participants of each course, exhibition and tour held in the period (None: none held)."""
    events = sorted(report.events, key=lambda e: -e.registered)[:MAX_BARS]
    if not events:
        return None
    total = sum(e.registered for e in events)
    bars = [
        (
            f"{t.KIND_LABELS.get(e.kind, e.kind)}: {e.title}",
            e.registered,
            100.0 * e.registered / total if total else None,
        )
        for e in events
    ]
    period = report.period
    note = t.CHART_NOTE.format(first=jalali_text(period.first_day), last=jalali_text(period.last_day))
    return render_bar_chart(t.CHART_PARTICIPATION, bars, note)


def count(report: ProgrammeReport) -> int:
    """How many images `charts` gives, without drawing them (the members line; the bars when any event)."""
    return 2 if report.events else 1


def charts(report: ProgrammeReport) -> list[tuple[str, bytes]]:
    """(title, PNG) of every chart; call off the event loop (each takes tens of milliseconds)."""
    with _DRAWING:
        out = [(t.CHART_MEMBERS, members_chart(report))]
        bars = participation_chart(report)
    if bars is not None:
        out.append((t.CHART_PARTICIPATION, bars))
    return out
