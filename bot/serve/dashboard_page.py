"""The dashboard's HTML: one Persian, right-to-left page that reads on a phone (one column), and the
refusal page. Pure functions of the Overview; every value is escaped."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.config import Config
from bot.persian import format_jalali_date, format_jalali_datetime, format_number, to_persian_digits
from bot.reports import programme as rp
from bot.services.dashboard.overview import LIST_MAX, PERIODS, Overview, Row
from bot.texts import consortia as tc
from bot.texts import dashboard as t
from bot.texts import needs as tn
from bot.texts import programme as tp

STYLE = """
@font-face{font-family:Vazirmatn;font-weight:400;
  src:url("/dashboard/fonts/Vazirmatn-Regular.woff2") format("woff2")}
@font-face{font-family:Vazirmatn;font-weight:700;
  src:url("/dashboard/fonts/Vazirmatn-Bold.woff2") format("woff2")}
*{box-sizing:border-box}
body{margin:0;font-family:Vazirmatn,Tahoma,sans-serif;background:#f3f5f2;color:#1d2a1f;line-height:1.7}
main{max-width:760px;margin:0 auto;padding:12px}
h1{font-size:1.3rem;margin:.4rem 0}
h2{font-size:1.05rem;margin:0 0 .5rem}
section{background:#fff;border-radius:12px;padding:12px 14px;margin:12px 0;box-shadow:0 1px 3px #0001}
.muted{color:#5d6b60;font-size:.85rem}
nav.periods{display:flex;gap:6px;flex-wrap:wrap}
nav.periods a{padding:6px 12px;border-radius:18px;background:#e3ece4;color:#1d2a1f;text-decoration:none}
nav.periods a.on{background:#2f7d43;color:#fff}
.cards{display:grid;grid-template-columns:repeat(2,1fr);gap:8px}
.card{background:#f6f9f6;border-radius:10px;padding:8px 10px}
.card b{display:block;font-size:1.35rem}
.card span{font-size:.85rem;color:#5d6b60}
img.chart{width:100%;height:auto;border-radius:8px;margin:6px 0;background:#fff}
ul{padding:0 1.1rem 0 0;margin:0}
li{margin:.2rem 0}
a.button{display:block;text-align:center;margin:8px 0;padding:10px;border-radius:10px;
  background:#2f7d43;color:#fff;text-decoration:none}
"""


def _head(title: str) -> str:
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
    )


def refusal_page(reason: str) -> str:
    text = t.REFUSED.get(reason, t.REFUSED["forged"])
    return (
        f'{_head(t.REFUSED_TITLE)}<body><main><section id="refused" data-reason="{escape(reason)}">'
        f"<h1>⛔️ {escape(t.REFUSED_TITLE)}</h1><p>{escape(text)}</p></section></main></body></html>"
    )


def unavailable_page() -> str:
    body = f"<section><p>{escape(t.UNAVAILABLE)}</p></section>"
    return f"{_head(t.PAGE_TITLE)}<body><main>{body}</main></body></html>"


def _card(key: str, value: str) -> str:
    return f'<div class="card" id="n-{key}"><b>{escape(value)}</b><span>{escape(t.CARDS[key])}</span></div>'


def _list(items: list[str], total: int) -> str:
    if not items:
        return f'<p class="muted">{escape(t.EMPTY)}</p>'
    lines = "".join(f"<li>{item}</li>" for item in items)
    more = ""
    if total > len(items):
        shown = t.SHOWN_OF.format(shown=format_number(len(items)), total=format_number(total))
        more = f'<p class="muted">{escape(shown)}</p>'
    return f"<ul>{lines}</ul>{more}"


def _rows(rows: list[Row], labels: dict[str, str]) -> list[str]:
    return [
        f'{escape(r.title)} <span class="muted">— {escape(labels.get(r.status, r.status))}</span>'
        for r in rows
    ]


def _section(key: str, title: str, count: int, body: str) -> str:
    return f'<section id="{key}"><h2>{escape(title.format(n=format_number(count)))}</h2>{body}</section>'


def _button(key: str, href: str, label: str) -> str:
    return f'<a class="button" id="{key}" href="{href}" download>{escape(label)}</a>'


def page(view: Overview, kind: str, charts: int, config: Config, *, now: datetime) -> str:
    r = view.report
    n = format_number
    periods = "".join(
        f'<a href="?p={k}" class="{"on" if k == kind else ""}">{escape(t.PERIOD_NAMES[k])}</a>'
        for k in PERIODS
    )
    when = t.PERIOD_LINE.format(
        first=rp.jalali_text(r.period.first_day), last=rp.jalali_text(r.period.last_day)
    )
    if r.targets:
        plan = (
            "<ul>"
            + "".join(f"<li>{escape(rp.target_line(x).lstrip('• '))}</li>" for x in r.targets)
            + "</ul>"
        )
    else:
        plan = f'<p class="muted">{escape(t.NO_PLAN.format(year=to_persian_digits(r.period.plan_year)))}</p>'
    cards = "".join(
        [
            _card("members_total", n(r.members.total)),
            _card("members_new", n(r.members.new)),
            _card("courses_held", n(r.courses.held)),
            _card("course_seats", n(r.courses.seats)),
            _card("fill_rate", rp.percent(r.courses.fill_rate)),
            _card("attendance_rate", rp.percent(r.courses.attendance_rate)),
            _card("trips_held", n(r.trips.exhibitions_held + r.trips.tours_held)),
            _card("trip_participants", n(r.trips.participants)),
            _card("surveys_launched", n(r.surveys.launched)),
            _card("response_rate", rp.percent(r.surveys.response_rate)),
            _card("introductions", n(r.introductions_accepted)),
            _card("needs_solved", n(r.needs_solved)),
            _card("broadcasts", n(r.broadcasts_sent)),
            _card("reach", n(r.broadcast_reach)),
        ]
    )
    images = "".join(
        f'<img class="chart" id="chart-{i}" alt="" src="/dashboard/chart/{i}.png?p={kind}">'
        for i in range(charts)
    )
    events = [
        escape(e.title)
        + ' <span class="muted">'
        + escape(
            t.EVENT_ROW.format(
                kind=tp.KIND_LABELS.get(e.kind, e.kind),
                date=format_jalali_date(e.starts_at),
                registered=n(e.registered),
            )
        )
        + "</span>"
        for e in r.events
    ]
    surveys = [
        escape(s.title)
        + ' <span class="muted">'
        + escape(
            t.SURVEY_ROW.format(
                date=format_jalali_date(s.opens_at), completed=n(s.completed), invited=n(s.invited)
            )
        )
        + "</span>"
        for s in r.surveys.rows
    ]
    sections = [
        f'<section><h1>{escape(t.PAGE_TITLE)}</h1><nav class="periods">{periods}</nav>'
        f'<p id="period">{escape(when)}</p><p class="muted">{escape(t.READ_ONLY)}</p></section>',
        f"<section><h2>{escape(t.SECTION_PLAN.format(year=to_persian_digits(r.period.plan_year)))}</h2>{plan}</section>",
        f'<section><h2>{escape(t.SECTION_NUMBERS)}</h2><div class="cards">{cards}</div></section>',
        f"<section><h2>{escape(t.SECTION_CHARTS)}</h2>{images}</section>",
        _section("events", t.SECTION_EVENTS, len(events), _list(events[:LIST_MAX], len(events))),
        _section("surveys", t.SECTION_SURVEYS, len(surveys), _list(surveys[:LIST_MAX], len(surveys))),
        _section(
            "needs",
            t.SECTION_NEEDS,
            view.needs_total,
            _list(_rows(view.needs, tn.STATUS_LABELS), view.needs_total),
        ),
        _section(
            "consortia",
            t.SECTION_CONSORTIA,
            view.consortia_total,
            _list(_rows(view.consortia, tc.STAGE_LABELS), view.consortia_total),
        ),
        f"<section><h2>{escape(t.SECTION_EXPORTS)}</h2>"
        + _button("dl-programme", f"/dashboard/programme.xlsx?p={kind}", t.DOWNLOAD_PROGRAMME)
        + _button("dl-audit", "/dashboard/audit.xlsx", t.DOWNLOAD_AUDIT)
        + "</section>",
        f'<p class="muted">{escape(t.GENERATED.format(at=format_jalali_datetime(now, weekday=False)))}</p>',
    ]
    return f"{_head(t.PAGE_TITLE)}<body><main>{''.join(sections)}</main></body></html>"
