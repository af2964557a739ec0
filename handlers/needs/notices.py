"""How the needs feature's notices read: a status change, the CDA's message, a course announced to a need."""

from __future__ import annotations

from bot.config import Config
from bot.persian import escape_fa
from bot.services.common.audience_message import compose
from bot.services.common.notify import Message, renders
from bot.services.courses.admin import CourseAnnounced
from bot.services.needs.links import NeedCourseAnnounced
from bot.services.needs.needs import NeedMessage, NeedStatusChanged
from bot.texts import needs as t
from handlers.courses.notices import announcement
from handlers.needs.keyboards import ND, cb


@renders(NeedStatusChanged)
def status_changed(notice: NeedStatusChanged, config: Config) -> Message:
    text = t.STATUS_NOTICE.format(title=escape_fa(notice.title), status=t.STATUS_LABELS[notice.status])
    if notice.note:
        text += t.STATUS_NOTICE_NOTE.format(note=escape_fa(notice.note))
    return Message(
        text,
        [
            {"text": t.BTN_NOTICE_VIEW, "callback_data": cb(ND, "v", notice.need_id)},
            {"text": t.BTN_NOTICES_OFF, "callback_data": cb(ND, "off", notice.need_id)},
        ],
    )


@renders(NeedMessage)
def need_message(notice: NeedMessage, config: Config) -> Message:
    return Message(compose(t.MESSAGE_HEAD.format(title=escape_fa(notice.title)), notice.text_html))


@renders(NeedCourseAnnounced)
def course_for_need(notice: NeedCourseAnnounced, config: Config) -> Message:
    course = announcement(CourseAnnounced(notice.event), config)
    text = t.COURSE_FOR_NEED.format(title=escape_fa(notice.need_title), announcement=course.text_html)
    return Message(text, course.buttons)
