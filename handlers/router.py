"""Routes plain messages (text, contact, media) to the feature whose conversation the sender is in."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot.context import KhoosheContext
from bot.services.courses import admin_flow as course_admin_flow
from bot.services.courses import feedback as course_feedback
from bot.services.members import dialog as dialog_service
from bot.services.surveys import answering as survey_answering
from handlers import menu
from handlers.broadcasts import compose as broadcast_compose
from handlers.consortium import admin as consortium_admin
from handlers.consortium import member as consortium_member
from handlers.courses import admin as course_admin
from handlers.courses import member as courses
from handlers.exhibitions import admin as exhibition_admin
from handlers.exhibitions import member as exhibitions
from handlers.kit import identity_of, message_of
from handlers.members import dialog
from handlers.surveys import admin as survey_admin
from handlers.surveys import member as surveys

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
