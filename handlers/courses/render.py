"""Course list, card and «دوره‌های من» as Persian text with their inline keyboards (callback `crs:*`)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import encode
from bot.outgoing import shorten
from bot.persian import escape_fa, format_jalali_datetime, format_number, localize_digits
from bot.services.courses.catalog import CoursePage, CourseView
from bot.texts import courses as t
from models import Event
from models.enums import EventStatus, SeatStatus

PREFIX = "crs"
DESCRIPTION_MAX = 1500
PAGE_MAX = 10_000  # far more pages than courses ever listed; a larger page is a forged press


def cb(action: str, *parts: object) -> str:
    """`crs:<action>:<id or page>[:<score>]` through the codec."""
    return encode(PREFIX, action, *parts)


def place_of(event: Event) -> str:
    if event.online_link:
        return f"{t.ONLINE} — {escape_fa(event.online_link)}"
    return escape_fa(event.place) if event.place else t.PLACE_UNKNOWN


def when_of(event: Event) -> str:
    return format_jalali_datetime(event.starts_at)


def _seats(view: CourseView) -> str:
    if view.seats_left is None:
        return t.SEATS_UNLIMITED
    return t.SEATS_LEFT.format(count=format_number(view.seats_left)) if view.seats_left else t.SEATS_FULL


def course_list(page: CoursePage) -> tuple[str, InlineKeyboardMarkup]:
    rows = [[InlineKeyboardButton(t.BTN_MY_COURSES, callback_data=cb("mine", ""))]]
    if not page.items:
        return t.COURSES_EMPTY, InlineKeyboardMarkup(rows)
    lines = [
        t.COURSE_LINE.format(
            title=escape_fa(v.event.title), when=when_of(v.event), place=place_of(v.event), seats=_seats(v)
        )
        for v in page.items
    ]
    title = t.COURSES_TITLE.format(page=format_number(page.page + 1), pages=format_number(page.pages))
    opens = [
        [
            InlineKeyboardButton(
                f"📚 {shorten(localize_digits(v.event.title), 40)}", callback_data=cb("open", v.event.id)
            )
        ]
        for v in page.items
    ]
    nav = []
    if page.page > 0:
        nav.append(InlineKeyboardButton(t.BTN_PREV, callback_data=cb("page", page.page - 1)))
    if page.page + 1 < page.pages:
        nav.append(InlineKeyboardButton(t.BTN_NEXT, callback_data=cb("page", page.page + 1)))
    return f"{title}\n\n" + "\n\n".join(lines), InlineKeyboardMarkup([*opens, *([nav] if nav else []), *rows])


def _mine(view: CourseView) -> str:
    if view.event.status == EventStatus.CANCELLED:
        return t.COURSE_CANCELLED
    if view.my_status == SeatStatus.REGISTERED:
        return t.MINE_REGISTERED
    if view.my_status == SeatStatus.WAITLISTED:
        return t.MINE_WAITLISTED.format(position=format_number(view.my_position or 0))
    if view.my_status == SeatStatus.OFFERED and view.offer_expires_at is not None:
        return t.MINE_OFFERED.format(deadline=format_jalali_datetime(view.offer_expires_at))
    return t.COURSE_CLOSED if view.event.status == EventStatus.CLOSED else ""


def _card_buttons(view: CourseView) -> list[list[InlineKeyboardButton]]:
    event_id = view.event.id
    if view.event.status == EventStatus.CANCELLED:
        return []
    if view.my_status == SeatStatus.OFFERED:
        return [
            [
                InlineKeyboardButton(t.BTN_ACCEPT_OFFER, callback_data=cb("accept", event_id)),
                InlineKeyboardButton(t.BTN_DECLINE_OFFER, callback_data=cb("leave", event_id)),
            ]
        ]
    if view.my_status in (SeatStatus.REGISTERED, SeatStatus.WAITLISTED):
        return [[InlineKeyboardButton(t.BTN_LEAVE, callback_data=cb("leave", event_id))]]
    if view.open_for_sign_up:
        label = t.BTN_WAITLIST if view.seats_left == 0 else t.BTN_ENROLL
        return [[InlineKeyboardButton(label, callback_data=cb("join", event_id))]]
    return []


def course_card(view: CourseView) -> tuple[str, InlineKeyboardMarkup]:
    event = view.event
    description = escape_fa(shorten(event.description or "", DESCRIPTION_MAX, keep_lines=True))
    deadline = event.registration_deadline
    text = t.COURSE_CARD.format(
        title=escape_fa(event.title),
        description=f"{description}\n\n" if description else "",
        instructor=escape_fa(event.instructor or t.COURSE_INSTRUCTOR_UNKNOWN),
        when=when_of(event),
        sessions=t.COURSE_SESSIONS.format(sessions=escape_fa(event.sessions)) if event.sessions else "",
        place=place_of(event),
        deadline=format_jalali_datetime(deadline) if deadline else t.COURSE_NO_DEADLINE,
        seats=_seats(view),
        mine=_mine(view),
    )
    back = [InlineKeyboardButton(t.BTN_BACK_TO_LIST, callback_data=cb("page", 0))]
    return text, InlineKeyboardMarkup([*_card_buttons(view), back])


def _my_state(view: CourseView) -> str:
    if view.ended is not None:
        return t.STATE_ENDED.get(view.ended, t.STATE_ENDED["cancelled"])
    if view.my_status == SeatStatus.WAITLISTED:
        return t.STATE_WAITLISTED.format(position=format_number(view.my_position or 0))
    if view.my_status == SeatStatus.OFFERED and view.offer_expires_at is not None:
        return t.STATE_OFFERED.format(deadline=format_jalali_datetime(view.offer_expires_at))
    return t.STATE_REGISTERED


def _my_lines(views: list[CourseView]) -> str:
    return "\n\n".join(
        t.MY_COURSE_LINE.format(title=escape_fa(v.event.title), when=when_of(v.event), state=_my_state(v))
        for v in views
    )


def my_courses(views: list[CourseView]) -> str:
    """Active seats first; seats that ended (left, lapsed, course cancelled) under their own heading."""
    if not views:
        return t.MY_COURSES_EMPTY
    active = [v for v in views if v.ended is None]
    ended = [v for v in views if v.ended is not None]
    parts = [t.MY_COURSES_TITLE, _my_lines(active) if active else t.MY_COURSES_NONE_ACTIVE]
    if ended:
        parts.append(f"{t.MY_COURSES_ENDED}\n{_my_lines(ended)}")
    return "\n\n".join(parts)


def my_courses_markup(views: list[CourseView]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"📚 {shorten(localize_digits(v.event.title), 40)}", callback_data=cb("open", v.event.id)
                )
            ]
            for v in views
        ]
    )
