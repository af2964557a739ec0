"""Which admin actions each status of an object allows: one table per object kind (telegram-free).

Services load an object for an action with `allowing(TABLE, action)` (any other status is a stale
press); keyboards show a button only when `allows(TABLE, status, action)`. The status literals live
here only, as members of the StrEnums in models/enums.py.

Courses:     draft → published ⇄ closed → cancelled (a draft is discarded instead).
Exhibitions and tours: the same statuses; messages, exports and received documents stay open after
cancelling (people who responded may still need to hear from the CDA).
Surveys:     draft → scheduled → open → closed (a draft is discarded instead).
Broadcasts:  draft → scheduled → running ⇄ paused → done; cancelled from any but done; expired.
Consortia:   stages forming → agreed → registered → exporting (the last one is not advanced).
Needs:       identified → searching → planned → in_progress → solved; dropped from any open status
             (and reopened as identified); NEED_MOVES says which status may follow which.
"""

from __future__ import annotations

from collections.abc import Mapping

from models.enums import BroadcastStatus, ConsortiumStage, EventStatus, NeedStatus, SurveyStatus

E, S, B, C = EventStatus, SurveyStatus, BroadcastStatus, ConsortiumStage
STAGES = tuple(ConsortiumStage)  # in order

# actions
INVITE, ADVANCE = "invite", "advance"
RESULTS, SET_CLOSE_TIME, PAUSE, RESUME = "results", "set_close_time", "pause", "resume"
VIEW, LIST, EDIT, PUBLISH, DISCARD = "view", "list", "edit", "publish", "discard"
RESCHEDULE, CLOSE, REOPEN, CANCEL = "reschedule", "close", "reopen", "cancel"
SHARE = "share"  # the card shows the `/start` links members can open (bot/links.py)
ROSTER, EXPORT, ATTENDANCE, FEEDBACK, MESSAGE, DOCUMENTS = (
    "roster",
    "export",
    "attendance",
    "feedback",
    "message",
    "documents",
)

Table = Mapping[str, frozenset[str]]

_COURSE_LIVE = {VIEW, LIST, EDIT, RESCHEDULE, CANCEL, ROSTER, EXPORT, ATTENDANCE, FEEDBACK, MESSAGE}
COURSE: Table = {
    E.DRAFT: frozenset({VIEW, EDIT, PUBLISH, DISCARD}),
    E.PUBLISHED: frozenset({*_COURSE_LIVE, CLOSE, SHARE}),
    E.CLOSED: frozenset({*_COURSE_LIVE, REOPEN, SHARE}),
    E.CANCELLED: frozenset({VIEW, LIST, ROSTER, EXPORT, FEEDBACK}),
}

_EXHIBITION_AFTER = {VIEW, LIST, EXPORT, MESSAGE, DOCUMENTS}
EXHIBITION: Table = {
    E.DRAFT: frozenset({VIEW, PUBLISH, DISCARD}),
    E.PUBLISHED: frozenset({*_EXHIBITION_AFTER, CLOSE, CANCEL, SHARE}),
    E.CLOSED: frozenset({*_EXHIBITION_AFTER, REOPEN, CANCEL, SHARE}),
    E.CANCELLED: frozenset(_EXHIBITION_AFTER),
}


# surveys: EDIT = audience and anonymity; PUBLISH = «ارسال همین حالا» or a launch time
_SURVEY_LIVE = {VIEW, LIST, RESULTS, SET_CLOSE_TIME, CLOSE}
SURVEY: Table = {
    S.DRAFT: frozenset({VIEW, EDIT, PUBLISH, SET_CLOSE_TIME, DISCARD}),
    S.SCHEDULED: frozenset(_SURVEY_LIVE),
    S.OPEN: frozenset({*_SURVEY_LIVE, SHARE}),  # a scheduled survey's link would not open yet
    S.CLOSED: frozenset({VIEW, LIST, RESULTS}),
}

# broadcasts: EDIT = compose (buttons, audience, flags); PUBLISH = schedule (now or at a time);
# LIST = shown as a card in «📋 پیام‌های زمان‌بندی‌شده»
BROADCAST: Table = {
    B.DRAFT: frozenset({EDIT, PUBLISH, CANCEL}),
    B.SCHEDULED: frozenset({LIST, PUBLISH, RESCHEDULE, CANCEL}),
    B.RUNNING: frozenset({LIST, PAUSE, CANCEL}),
    B.PAUSED: frozenset({LIST, RESUME, CANCEL}),
    B.DONE: frozenset(),
    B.CANCELLED: frozenset(),
    B.EXPIRED: frozenset(),
}


_CONSORTIUM = {VIEW, LIST, INVITE, MESSAGE, EXPORT}
CONSORTIUM: Table = {
    C.FORMING: frozenset({*_CONSORTIUM, ADVANCE}),
    C.AGREED: frozenset({*_CONSORTIUM, ADVANCE}),
    C.REGISTERED: frozenset({*_CONSORTIUM, ADVANCE}),
    C.EXPORTING: frozenset(_CONSORTIUM),
}


N = NeedStatus
SHARE, LINK = "share", "link"  # a member's «من هم این نیاز را دارم»; linking providers and actions
_NEED_OPEN = {VIEW, LIST, EDIT, PUBLISH, MESSAGE, ADVANCE, LINK, SHARE}
NEED: Table = {
    N.IDENTIFIED: frozenset(_NEED_OPEN),
    N.SEARCHING: frozenset(_NEED_OPEN),
    N.PLANNED: frozenset(_NEED_OPEN),
    N.IN_PROGRESS: frozenset(_NEED_OPEN),
    N.SOLVED: frozenset({VIEW, LIST, PUBLISH, MESSAGE}),
    N.DROPPED: frozenset({VIEW, LIST, MESSAGE, ADVANCE}),
}
# Which status may follow which (ADVANCE): forward one or more steps, dropped from any open one,
# solved only once something is planned; a dropped need can be taken up again.
NEED_MOVES: Mapping[str, tuple[str, ...]] = {
    N.IDENTIFIED: (N.SEARCHING, N.PLANNED, N.DROPPED),
    N.SEARCHING: (N.PLANNED, N.DROPPED),
    N.PLANNED: (N.IN_PROGRESS, N.SOLVED, N.DROPPED),
    N.IN_PROGRESS: (N.SOLVED, N.DROPPED),
    N.SOLVED: (),
    N.DROPPED: (N.IDENTIFIED,),
}


def can_move(status: str, to: str) -> bool:
    """Whether a need in `status` may be moved to `to` (the ADVANCE action and the move table agree)."""
    return allows(NEED, status, ADVANCE) and to in NEED_MOVES.get(status, ())


def allows(table: Table, status: str, action: str) -> bool:
    return action in table.get(status, frozenset())


def allowing(table: Table, action: str) -> tuple[str, ...]:
    """The statuses in which `action` is allowed, in the table's order."""
    return tuple(status for status, actions in table.items() if action in actions)
