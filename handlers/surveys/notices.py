"""How the surveys feature's notices read when queued through the delivery engine."""

from __future__ import annotations

from bot.config import Config
from bot.persian import escape_fa, format_jalali_datetime
from bot.services.common.notify import Message, renders
from bot.services.surveys.admin import SurveyInvitation
from bot.services.surveys.schedule import SurveyReminder
from bot.texts import surveys as t
from handlers.surveys.render import cb


@renders(SurveyReminder)
def reminder(notice: SurveyReminder, config: Config) -> Message:
    when = format_jalali_datetime(notice.closes_at) if notice.closes_at else ""
    closes = t.REMINDER_CLOSES.format(when=when) if notice.closes_at else ""
    return Message(
        t.REMINDER.format(title=escape_fa(notice.title), closes=closes),
        [{"text": t.BTN_CONTINUE, "callback_data": cb("start", notice.survey_id)}],
    )


@renders(SurveyInvitation)
def invitation(notice: SurveyInvitation, config: Config) -> Message:
    survey = notice.survey
    description = f"\n{escape_fa(survey.description)}\n" if survey.description else ""
    text = t.INVITATION.format(
        title=escape_fa(survey.title),
        description=description,
        anonymous=t.INVITATION_ANONYMOUS if survey.anonymous else t.INVITATION_NAMED,
    )
    return Message(text, [{"text": t.BTN_START, "callback_data": cb("start", survey.id)}])
