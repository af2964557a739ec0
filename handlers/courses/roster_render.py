"""Persian text of a course's roster screens for the CDA: names and counts, attendance, feedback."""

from __future__ import annotations

from bot.outgoing import shorten
from bot.persian import escape_fa, format_number
from bot.services.courses.roster import AttendancePage, Feedback, Roster
from bot.texts import SEPARATOR
from bot.texts import course_admin as t
from models.enums import SeatStatus

n = format_number

ROSTER_LINES_MAX = 30  # with names and places cut short, a roster message stays under Telegram's 4096
NAME_CHARS, PLACE_CHARS = 40, 30
COMMENTS_MAX = 15
COMMENT_CHARS = 200


def roster_text(roster: Roster) -> str:
    c, event = roster.counts, roster.event
    text = t.ROSTER.format(
        title=escape_fa(event.title),
        registered=n(c[SeatStatus.REGISTERED]),
        capacity=t.ROSTER_CAPACITY.format(capacity=n(event.capacity)) if event.capacity else "",
        waitlisted=n(c[SeatStatus.WAITLISTED]),
        offered=n(c[SeatStatus.OFFERED]),
        cancelled=n(c[SeatStatus.CANCELLED] + c[SeatStatus.EXPIRED]),
    )
    if not roster.entries:
        return text + t.ROSTER_EMPTY
    budget = ROSTER_LINES_MAX
    for status, label in t.ROSTER_SECTIONS.items():
        entries = roster.of(status)
        if not entries:
            continue
        shown = entries[: max(budget, 0)]
        budget -= len(shown)
        lines = [
            t.ROSTER_LINE.format(
                n=n(i),
                name=escape_fa(shorten(e.name, NAME_CHARS)),
                place=escape_fa(shorten(e.place, PLACE_CHARS) or t.PLACE_OTHER),
            )
            for i, e in enumerate(shown, start=1)
        ]
        if len(entries) > len(shown):
            lines.append(t.ROSTER_MORE.format(count=n(len(entries) - len(shown))))
        text += t.ROSTER_SECTION.format(label=label, lines="\n".join(lines))
    return text


def attendance_text(page: AttendancePage) -> str:
    title = escape_fa(page.event.title)
    if not page.entries:
        return t.ATTENDANCE_EMPTY.format(title=title)
    paging = t.ATTENDANCE_PAGE.format(page=n(page.page + 1), pages=n(page.pages)) if page.pages > 1 else ""
    return t.ATTENDANCE.format(
        title=title, page=paging, present=n(page.present), absent=n(page.absent), unmarked=n(page.unmarked)
    )


def feedback_text(fb: Feedback) -> str:
    title = escape_fa(fb.event.title)
    if fb.average is None:
        return t.FEEDBACK_NONE.format(title=title, present=n(fb.present))
    distribution = SEPARATOR.join(
        t.FEEDBACK_DISTRIBUTION.format(score=n(s), count=n(fb.distribution[s])) for s in range(5, 0, -1)
    )
    text = t.FEEDBACK.format(
        title=title,
        average=n(round(fb.average, 1)),
        count=n(fb.count),
        present=n(fb.present),
        distribution=distribution,
    )
    if fb.comments:
        lines = [
            t.FEEDBACK_COMMENT.format(
                score=n(score) if score else "—", comment=escape_fa(shorten(comment, COMMENT_CHARS))
            )
            for score, comment in fb.comments[:COMMENTS_MAX]
        ]
        if len(fb.comments) > COMMENTS_MAX:
            lines.append(t.FEEDBACK_MORE.format(count=n(len(fb.comments) - COMMENTS_MAX)))
        text += t.FEEDBACK_COMMENTS.format(lines="\n".join(lines))
    return text
