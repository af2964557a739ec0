"""Routes plain messages (text, contact, media) to the feature whose conversation the sender is in."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot.services import course_admin_flow, course_feedback, survey_answering
from bot.services import dialog as dialog_service
from handlers import (
    broadcast_compose,
    consortium_admin,
    consortium_member,
    course_admin,
    courses,
    dialog,
    exhibition_admin,
    exhibitions,
    menu,
    survey_admin,
    surveys,
)
from handlers.common import identity_of, message_of
from handlers.context import KhoosheContext

FlowHandler = Callable[[Update, KhoosheContext], Awaitable[None]]
# Conversations other than registration/profile that take free messages; keyed by flow name.
FLOW_HANDLERS: dict[str, FlowHandler] = {
    broadcast_compose.FLOW: broadcast_compose.on_message,
    course_feedback.FLOW: courses.on_feedback_message,
    **dict.fromkeys(course_admin_flow.FLOWS, course_admin.on_message),
    consortium_member.FLOW: consortium_member.on_message,
    **dict.fromkeys(consortium_admin.FLOWS, consortium_admin.on_message),
    **dict.fromkeys(exhibitions.FLOWS, exhibitions.on_message),
    **dict.fromkeys(exhibition_admin.FLOWS, exhibition_admin.on_message),
    survey_admin.FLOW: survey_admin.on_message,
    survey_answering.FLOW: surveys.on_message,
}


async def on_message(update: Update, context: KhoosheContext) -> None:
    async with context.sessionmaker() as session:
        flow = await dialog_service.flow_of(session, identity_of(update, context))
    message = message_of(update)
    if flow in FLOW_HANDLERS:
        await FLOW_HANDLERS[flow](update, context)
    elif message.contact is not None:
        await dialog.on_contact(update, context)
    elif message.text is not None:
        await dialog.on_text(update, context)
    else:
        await menu.on_other_message(update, context)
