"""How the courses feature's notices read: announcement, changes, offers, lapses, reminders, feedback.

A seat offer on a tour or shared booth reads in the exhibitions' words with `exh:` buttons.
"""

from __future__ import annotations

from bot.config import Config
from bot.persian import escape_fa, format_jalali_datetime, format_number
from bot.services.common.audience_message import compose
from bot.services.common.notify import Message, renders
from bot.services.courses.admin import CourseAnnounced, CourseCancelled, CourseRescheduled
from bot.services.courses.feedback import FeedbackRequest
from bot.services.courses.notices import CourseReminder, OfferLapsed, SeatOffered
from bot.services.courses.roster import RosterMessage
from bot.services.exhibitions import copy as exhibition_copy
from bot.texts import course_admin as ta
from bot.texts import courses as t
from handlers.courses.render import cb, place_of, when_of
from models.enums import EventKind


@renders(SeatOffered)
def seat_offered(notice: SeatOffered, config: Config) -> Message:
    event = notice.event
    if event.kind != EventKind.COURSE:  # a tour or shared booth: its own words and `exh:` buttons
        return Message(*exhibition_copy.offer_message(event, notice.expires_at))
    text = t.OFFER.format(
        title=escape_fa(event.title),
        when=when_of(event),
        place=place_of(event),
        deadline=format_jalali_datetime(notice.expires_at),
    )
    return Message(
        text,
        [
            {"text": t.BTN_ACCEPT_OFFER, "callback_data": cb("accept", event.id)},
            {"text": t.BTN_DECLINE_OFFER, "callback_data": cb("leave", event.id)},
        ],
    )


@renders(OfferLapsed)
def offer_lapsed(notice: OfferLapsed, config: Config) -> Message:
    if notice.event.kind != EventKind.COURSE:
        return Message(exhibition_copy.lapsed_message(notice.event))
    return Message(t.OFFER_LAPSED.format(title=escape_fa(notice.event.title)))


@renders(CourseReminder)
def reminder(notice: CourseReminder, config: Config) -> Message:
    event = notice.event
    return Message(
        t.REMINDER.format(title=escape_fa(event.title), when=when_of(event), place=place_of(event))
    )


@renders(FeedbackRequest)
def feedback_request(notice: FeedbackRequest, config: Config) -> Message:
    return Message(
        t.FEEDBACK_ASK.format(title=escape_fa(notice.title)),
        [
            {
                "text": format_number(score),
                "callback_data": cb("fb", notice.event_id, score),
            }  # data stays ASCII
            for score in range(5, 0, -1)
        ],
    )


@renders(CourseAnnounced)
def announcement(notice: CourseAnnounced, config: Config) -> Message:
    event = notice.event
    capacity = (
        ta.CAPACITY_VALUE.format(count=format_number(event.capacity)) if event.capacity else ta.UNLIMITED
    )
    description = escape_fa(event.description or "")
    deadline = event.registration_deadline
    text = ta.ANNOUNCEMENT.format(
        title=escape_fa(event.title),
        description=f"{description}\n\n" if description else "",
        instructor=escape_fa(event.instructor or ta.NOT_SET),
        when=when_of(event),
        sessions=ta.ANNOUNCEMENT_SESSIONS.format(sessions=escape_fa(event.sessions))
        if event.sessions
        else "",
        place=place_of(event),
        capacity=capacity,
        deadline=format_jalali_datetime(deadline) if deadline else ta.UNTIL_START,
    )
    return Message(text, [{"text": ta.BTN_VIEW_AND_ENROLL, "callback_data": cb("open", event.id)}])


@renders(CourseRescheduled)
def rescheduled(notice: CourseRescheduled, config: Config) -> Message:
    event = notice.event
    return Message(
        ta.RESCHEDULED_NOTICE.format(
            title=escape_fa(event.title),
            when=when_of(event),
            old=format_jalali_datetime(notice.old_starts_at),
            place=place_of(event),
        )
    )


@renders(CourseCancelled)
def cancelled(notice: CourseCancelled, config: Config) -> Message:
    return Message(
        ta.CANCELLED_NOTICE.format(title=escape_fa(notice.event.title), when=when_of(notice.event))
    )


@renders(RosterMessage)
def roster_message(notice: RosterMessage, config: Config) -> Message:
    return Message(compose(ta.MESSAGE_HEAD.format(title=escape_fa(notice.title)), notice.text_html))
