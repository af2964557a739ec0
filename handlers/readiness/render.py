"""The readiness self-check's screens: the member's summary, the CDA's distribution and near-ready group,
and their buttons. Callback data `rdy:<action>:<survey_id>`: me (my result), grp (the near-ready group),
bc (the broadcast composer for it). Services re-check rights and the survey on every press.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import decode, encode
from bot.outgoing import shorten
from bot.persian import escape_fa, format_number, to_persian_digits
from bot.services.readiness.report import GROUP_SHOWN, Distribution, MemberResult, NearGroup
from bot.texts import readiness as t

PREFIX = "rdy"
ACTIONS = ("me", "grp", "bc")
GAPS_WITH_STEPS = 3
BAR_MAX = 12
NAME_CHARS = 40


def cb(action: str, survey_id: int) -> str:
    return encode(PREFIX, action, survey_id)


def parse(data: str | None) -> tuple[str, int] | None:
    """`rdy:grp:7` -> ("grp", 7); anything malformed, forged or unknown -> None."""
    press = decode(data, PREFIX, allow_zero=False)
    if press is None or press.action not in ACTIONS or press.args:
        return None
    return press.action, press.object_id


def n(value: int) -> str:
    return format_number(value)


def percent(count: int, of: int) -> str:
    return to_persian_digits(f"{round(100 * count / of)}٪") if of else "—"


def member_summary(result: MemberResult) -> str:
    """Score, band, strengths, the biggest gaps with a next step each, and the official-assessment note."""
    score = result.score
    text = t.SUMMARY_HEAD.format(
        score=n(score.total),
        icon=t.BAND_ICONS[result.band],
        band=t.BANDS[result.band],
        advice=t.BAND_ADVICE[result.band],
    )
    if score.strengths:
        text += t.STRENGTHS.format(labels=t.JOIN.join(t.CRITERIA[k] for k in score.strengths))
    gaps = score.gaps
    if gaps:
        text += t.GAPS
        for key in gaps[:GAPS_WITH_STEPS]:
            text += t.GAP_LINE.format(label=t.CRITERIA[key], step=t.NEXT_STEPS[key])
        rest = gaps[GAPS_WITH_STEPS:]
        if rest:
            text += t.GAPS_MORE.format(count=n(len(rest)), labels=t.JOIN.join(t.CRITERIA[k] for k in rest))
    return text + t.OFFICIAL_NOTE


def my_result_button(survey_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(t.BTN_MY_RESULT, callback_data=cb("me", survey_id))


def _decimal(value: float) -> str:
    rounded = round(value, 1)
    return format_number(int(rounded) if float(rounded).is_integer() else rounded)


def distribution_text(d: Distribution) -> str:
    title = escape_fa(shorten(d.survey.title, 80))
    if not d.totals:
        return t.DIST_EMPTY
    count = len(d.totals)
    text = t.DIST_HEAD.format(title=title, count=n(count), mean=_decimal(d.mean), median=_decimal(d.median))
    text += t.DIST_BANDS
    for band, low, high, members in d.bands:
        text += t.DIST_BAND_LINE.format(
            icon=t.BAND_ICONS[band], band=t.BANDS[band], low=n(low), high=n(high), count=n(members),
            percent=percent(members, count),
        )  # fmt: skip
    text += t.DIST_HISTOGRAM
    top = max(members for _, _, members in d.bins) or 1
    for low, high, members in d.bins:
        bar = "▇" * round(BAR_MAX * members / top) if members else "▏"
        text += t.DIST_BIN_LINE.format(low=n(low), high=n(high), bar=bar, count=n(members))
    text += t.DIST_CRITERIA
    for key, share in sorted(d.criteria, key=lambda item: item[1]):
        text += t.DIST_CRITERION_LINE.format(label=t.CRITERIA[key], share=n(round(100 * share)))
    if d.survey.anonymous:
        text += t.DIST_ANONYMOUS
    return text


def distribution_markup(d: Distribution) -> InlineKeyboardMarkup | None:
    if d.survey.anonymous or not d.totals:  # answers of an anonymous run never become a group
        return None
    low, high, members = d.near
    label = t.BTN_NEAR_GROUP.format(low=n(low), high=n(high), count=n(members))
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=cb("grp", d.survey.id))]])


def chart_bars(d: Distribution) -> list[tuple[str, int, float | None]]:
    count = len(d.totals)
    return [
        (f"{n(low)} تا {n(high)}", members, 100.0 * members / count if count else None)
        for low, high, members in d.bins
    ]


def group_text(g: NearGroup) -> str:
    title = escape_fa(g.survey.title)
    if not g.members:
        return t.GROUP_EMPTY.format(title=title, low=n(g.low), high=n(g.high))
    text = t.GROUP.format(count=n(len(g.members)), title=title, low=n(g.low), high=n(g.high))
    for scored in g.members[:GROUP_SHOWN]:
        text += t.GROUP_LINE.format(
            name=escape_fa(shorten(scored.name, NAME_CHARS)), score=n(scored.score.total)
        )
    if len(g.members) > GROUP_SHOWN:
        text += t.GROUP_MORE.format(count=n(len(g.members) - GROUP_SHOWN))
    return text


def group_markup(g: NearGroup) -> InlineKeyboardMarkup | None:
    if not g.count:
        return None
    label = t.BTN_MESSAGE_GROUP.format(count=n(g.count))
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=cb("bc", g.survey.id))]])


def broadcast_intro(g: NearGroup) -> str:
    return t.BCAST_PRESET.format(
        count=n(g.count), title=escape_fa(g.survey.title), low=n(g.low), high=n(g.high)
    )
