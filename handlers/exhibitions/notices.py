"""How the exhibitions feature's notices read: announcement, cancellation, the CDA's message, reminders."""

from __future__ import annotations

from bot.config import Config
from bot.persian import escape_fa, format_jalali_datetime
from bot.services.common.audience_message import compose
from bot.services.common.notify import Message, renders
from bot.services.exhibitions import copy
from bot.services.exhibitions.admin import ExhibitionAnnounced, ExhibitionCancelled, ExhibitionMessage
from bot.services.exhibitions.reminders import DocumentsReminder, NonResponderReminder, ParticipantReminder
from bot.texts import exhibition_admin as ta
from bot.texts import exhibitions as t
from handlers.exhibitions.render import cb


@renders(NonResponderReminder)
def non_responder_reminder(notice: NonResponderReminder, config: Config) -> Message:
    event = notice.event
    text = t.REMIND_NONRESPONDERS.format(
        title=escape_fa(event.title),
        when=copy.when_of(event),
        deadline=format_jalali_datetime(notice.deadline),
    )
    return Message(text, copy.response_buttons(event.id, notice.details.trip_kind))


@renders(ParticipantReminder)
def participant_reminder(notice: ParticipantReminder, config: Config) -> Message:
    event = notice.event
    return Message(
        t.REMIND_PARTICIPANTS.format(
            title=escape_fa(event.title), when=copy.when_of(event), where=copy.where_of(event, notice.details)
        )
    )


@renders(DocumentsReminder)
def documents_reminder(notice: DocumentsReminder, config: Config) -> Message:
    text = t.REMIND_DOCUMENTS.format(
        title=escape_fa(notice.title),
        missing="، ".join(escape_fa(label) for label in notice.missing),
        deadline=format_jalali_datetime(notice.deadline),
    )
    return Message(text, [{"text": t.BTN_DOCUMENTS, "callback_data": cb("docs", notice.event_id)}])


@renders(ExhibitionAnnounced)
def announcement(notice: ExhibitionAnnounced, config: Config) -> Message:
    event, details = notice.event, notice.details
    return Message(copy.announcement_html(event, details), copy.response_buttons(event.id, details.trip_kind))


@renders(ExhibitionCancelled)
def cancelled(notice: ExhibitionCancelled, config: Config) -> Message:
    return Message(
        ta.CANCELLED_NOTICE.format(title=escape_fa(notice.event.title), when=copy.when_of(notice.event))
    )


@renders(ExhibitionMessage)
def message(notice: ExhibitionMessage, config: Config) -> Message:
    head = ta.MESSAGE_HEAD.format(title=escape_fa(notice.title))
    documents = [{"text": ta.BTN_MEMBER_DOCS, "callback_data": cb("docs", notice.event_id)}]
    return Message(compose(head, notice.text_html), documents if notice.documents_button else [])
