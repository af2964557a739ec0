"""The CDA's survey screens: list, card, question preview, audience toggles; callback data `sva:…`.

`sva:<action>:<survey_id>[:<arg>]`, ASCII, ≤ 64 bytes; id 0 when no survey exists yet. Actions: list,
new, ship[:readiness], file, sample, build, bt:<type>:<token>, bdone:<token>, card, qs, aud,
tg:<r|c|p|all>:<key>, anon, go, when, closeat, pk:<token>:<part> (the date picker under when / closeat,
handlers/date_picker.py), close, drop. «📊 نتایج» carries `svr:res:<id>` (the results screens). Services
re-check every press.
"""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import decode, encode
from bot.config import Config
from bot.outgoing import shorten
from bot.persian import escape_fa, format_jalali_datetime, format_number, localize_digits
from bot.services.common import lifecycle as lc
from bot.services.surveys import admin as sv
from bot.services.surveys.admin_flow import BUILDER_TYPES
from bot.services.surveys.answering import DEEP_LINK
from bot.services.surveys.definition import questions_of
from bot.texts import SEPARATOR
from bot.texts import readiness as tr
from bot.texts import surveys as t
from handlers import date_picker as dp
from handlers.audit.buttons import history_button
from handlers.kit import LifecycleRow, allowed_rows, share_text
from models import Survey
from models.enums import AuditKind, SurveyStatus

PREFIX = "sva"
CHUNK = 3500
NAME_MAX = 40


def cb(action: str, survey_id: int, arg: str = "") -> str:
    return encode(PREFIX, action, survey_id, *([arg] if arg else []))


def parse(data: str | None) -> tuple[str, int, str]:
    """`prefix:<action>:<id>[:<arg>]` -> (action, id, arg); forged or stale -> ("", 0, "")."""
    press = decode(data, PREFIX)
    return (press.action, press.object_id, ":".join(press.args)) if press else ("", 0, "")


def _b(text: str, action: str, survey_id: int, arg: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=cb(action, survey_id, arg))


def list_text(items: list[sv.SurveySummary]) -> str:
    if not items:
        return t.SVA_LIST_EMPTY
    lines = [t.SVA_LIST_TITLE]
    for s in items:
        lines.append(
            t.SVA_LIST_LINE.format(
                title=escape_fa(s.survey.title),
                status=t.STATUS_LABELS[s.survey.status],
                completed=format_number(s.completed),
                invited=format_number(s.survey.invited),
                in_progress=format_number(s.in_progress),
            )
        )
    return "".join(lines)


def list_markup(items: list[sv.SurveySummary]) -> InlineKeyboardMarkup:
    rows = [
        [_b(f"📝 {shorten(localize_digits(s.survey.title), NAME_MAX)}", "card", s.survey.id)] for s in items
    ]
    return InlineKeyboardMarkup([*rows, [_b(t.BTN_SVA_NEW, "new", 0)]])


def new_markup() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_b(t.BTN_SVA_SHIPPED, "ship", 0)],
            [_b(tr.BTN_SVA_READINESS, "ship", 0, sv.READINESS)],
            [_b(t.BTN_SVA_FILE, "file", 0)],
            [_b(t.BTN_SVA_BUILD, "build", 0)],
        ]
    )


def sample_markup() -> InlineKeyboardMarkup:
    """Under the file prompt and a refused file: the commented sample definition (`sva:sample:0`)."""
    return InlineKeyboardMarkup([[_b(t.BTN_SVA_SAMPLE, "sample", 0)]])


def builder_types(count: int, token: str) -> InlineKeyboardMarkup:
    """The type buttons (and «پایان») of one b_type question: `bt:0:<type>:<token>`, `bdone:0:<token>`."""
    buttons = [_b(t.TYPE_LABELS[k], "bt", 0, f"{k}:{token}") for k in BUILDER_TYPES]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if count:
        rows.append([_b(t.BTN_B_DONE, "bdone", 0, token)])
    return InlineKeyboardMarkup(rows)


def segment_text(segment: dict[str, list[str]], config: Config) -> str:
    if not segment:
        return t.SEGMENT_ALL
    parts = []
    for dimension, keys in segment.items():
        labels = [
            t.PLACE_OTHER if dimension == "places" and k == "other" else config.label_of(dimension, k)
            for k in keys
        ]
        parts.append(f"{t.SEGMENT_PARTS.get(dimension, dimension)}: {'، '.join(labels)}")
    return escape_fa(SEPARATOR.join(parts))


def card_text(summary: sv.SurveySummary, config: Config, note: str = "") -> str:
    s = summary.survey
    audience = counts = ""
    if s.status == SurveyStatus.DRAFT:
        audience = t.SVA_AUDIENCE.format(
            segment=segment_text(sv.segment_of(s), config), count=format_number(summary.audience)
        )
    else:
        counts = t.SVA_COUNTS.format(
            invited=format_number(s.invited),
            completed=format_number(summary.completed),
            in_progress=format_number(summary.in_progress),
        )
    times = t.SVA_OPENS.format(when=format_jalali_datetime(s.opens_at)) if s.opens_at else ""
    if s.closes_at is not None:
        times += t.SVA_CLOSES.format(when=format_jalali_datetime(s.closes_at))
    elif s.closed_at is None:
        times += t.SVA_CLOSES_NONE
    if s.closed_at:
        times += t.SVA_CLOSED_AT.format(when=format_jalali_datetime(s.closed_at))
    text = t.SVA_CARD.format(
        title=escape_fa(s.title),
        status=t.STATUS_LABELS[s.status],
        id=format_number(s.id),
        anonymous=t.SVA_ANONYMOUS if s.anonymous else t.SVA_NAMED,
        audience=audience,
        counts=counts,
        times=times,
    )
    if links := share_text(lc.SURVEY, s.status, DEEP_LINK, s.id):
        text = text.rstrip("\n") + links
    return f"{note}\n\n{text}" if note else text


def card_markup(survey: Survey) -> InlineKeyboardMarkup:
    """The buttons the lifecycle table allows for the survey's status (a draft is edited, a live or
    closed survey has results)."""
    sid = survey.id
    anon = t.BTN_SVA_ANON.format(state=t.ON if survey.anonymous else t.OFF)
    results = InlineKeyboardButton(t.BTN_SVA_RESULTS, callback_data=encode("svr", "res", sid))
    questions = _b(t.BTN_SVA_QUESTIONS, "qs", sid)
    close_at = _b(t.BTN_SVA_CLOSE_AT, "closeat", sid)
    rows: list[LifecycleRow] = [
        (lc.EDIT, [(lc.VIEW, questions), (lc.EDIT, _b(t.BTN_SVA_AUDIENCE, "aud", sid))]),
        (lc.EDIT, [(lc.EDIT, _b(anon, "anon", sid)), (lc.SET_CLOSE_TIME, close_at)]),
        (
            lc.PUBLISH,
            [(lc.PUBLISH, _b(t.BTN_SVA_GO, "go", sid)), (lc.PUBLISH, _b(t.BTN_SVA_WHEN, "when", sid))],
        ),
        (lc.DISCARD, [(lc.DISCARD, _b(t.BTN_SVA_DROP, "drop", sid))]),
        (lc.RESULTS, [(lc.RESULTS, results), (lc.VIEW, questions)]),
        (lc.CLOSE, [(lc.SET_CLOSE_TIME, close_at), (lc.CLOSE, _b(t.BTN_SVA_CLOSE, "close", sid))]),
        (lc.LIST, [(lc.VIEW, _b(t.BTN_SVA_REFRESH, "card", sid)), (lc.LIST, _b(t.BTN_SVA_LIST, "list", 0))]),
    ]
    built = allowed_rows(lc.SURVEY, survey.status, rows)
    return InlineKeyboardMarkup([*built, [history_button(AuditKind.SURVEY, survey.id)]])


def questions_text(survey: Survey) -> list[str]:
    """The questions as the CDA reviews them, in chunks that fit one message each."""
    questions = questions_of(survey.definition)
    number = {q.key: i for i, q in enumerate(questions, 1)}
    chunks = [
        t.SVA_QUESTIONS_TITLE.format(title=escape_fa(survey.title), count=format_number(len(questions)))
    ]
    for i, q in enumerate(questions, 1):
        line = t.SVA_QUESTION_LINE.format(
            n=format_number(i),
            text=escape_fa(q.text),
            kind=t.TYPE_LABELS[q.type],
            optional="" if q.required else t.OPTIONAL,
        )
        if q.type in ("single", "multi"):
            line += t.SVA_QUESTION_CHOICES.format(choices=escape_fa("، ".join(c.text for c in q.choices)))
        if q.type == "number" and (q.min is not None or q.max is not None):
            low = format_number(q.min) if q.min is not None else t.SVA_NO_LIMIT
            high = format_number(q.max) if q.max is not None else t.SVA_NO_LIMIT
            line += t.SVA_QUESTION_RANGE.format(min=low, max=high)
        if q.show_if is not None:
            target = next(x for x in questions if x.key == q.show_if.question)
            labels = {c.key: c.text for c in target.choices}
            chosen = "، ".join(labels.get(k, k) for k in q.show_if.any_of)
            line += t.SVA_QUESTION_SHOW_IF.format(
                n=format_number(number[target.key]), choices=escape_fa(chosen)
            )
        if len(chunks[-1]) + len(line) > CHUNK:
            chunks.append("")
        chunks[-1] += line
    return chunks


def audience_text(summary: sv.SurveySummary, config: Config) -> str:
    return t.ASK_AUDIENCE.format(
        segment=segment_text(sv.segment_of(summary.survey), config), count=format_number(summary.audience)
    )


def audience_markup(survey: Survey, config: Config) -> InlineKeyboardMarkup:
    segment = sv.segment_of(survey)
    sid = survey.id

    def toggles(
        code: str, dimension: str, icon: str, choices: list[tuple[str, str]]
    ) -> list[InlineKeyboardButton]:
        chosen = set(segment.get(dimension) or [])
        return [
            _b(("✅ " if k in chosen else icon) + label, "tg", sid, f"{code}:{k}") for k, label in choices
        ]

    roles = toggles("r", "roles", "👤 ", [(c.key, c.label) for c in config.roles])
    cats = toggles("c", "categories", "🌱 ", [(c.key, c.label) for c in config.categories])
    places = toggles(
        "p", "places", "📍 ", [(c.key, c.label) for c in config.places] + [("other", t.PLACE_OTHER)]
    )
    rows = [[_b(("✅ " if not segment else "") + t.BTN_SVA_ALL, "tg", sid, "all")]]
    for group in (roles, cats, places):
        rows += [group[i : i + 2] for i in range(0, len(group), 2)]
    rows.append([_b(t.BTN_SVA_AUDIENCE_DONE, "card", sid)])
    return InlineKeyboardMarkup(rows)


def _pick_data(survey_id: int, token: str) -> dp.Data:
    return lambda part: cb(dp.ACTION, survey_id, f"{token}:{part}")


def picker_months(survey_id: int, token: str, now: datetime) -> InlineKeyboardMarkup:
    """The date picker under «زمان‌بندی ارسال» / «زمان بستن» (a time is always asked: no «پایان روز»)."""
    return dp.months(now, _pick_data(survey_id, token))


def picker(survey_id: int, token: str, pick: dp.Pick, now: datetime) -> InlineKeyboardMarkup:
    return dp.screen(pick, now, _pick_data(survey_id, token))
