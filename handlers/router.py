"""Routes plain messages (text, contact, media) to the feature whose conversation the sender is in.

A typed answer that moves the conversation on — to the next step, out of the flow, or to its end —
also takes the buttons («رد شدن», «بازگشت» …) away from the question it answered, for every flow
alike: the conversation remembers that question (handlers/kit.py `ask`).
"""

from __future__ import annotations

from telegram import Update

from bot.context import KhoosheContext
from bot.services.common import conversations as conv
from handlers import menu
from handlers.kit import close_question, identity_of, message_of
from handlers.members import dialog


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A feature's flow handler (from the registry), else the members dialogue (registration, profile)."""
    who = identity_of(update, context)
    async with context.sessionmaker() as session:
        before = await conv.snapshot(session, who)
    message = message_of(update)
    handler = context.bot_data.features.flow_handler(before.flow)
    if handler is not None:
        await handler(update, context)
    elif message.contact is not None:
        await dialog.on_contact(update, context)
    elif message.text is not None:
        await dialog.on_text(update, context)
    else:
        await menu.on_other_message(update, context)
    if before.question is None:
        return
    async with context.sessionmaker.begin() as session:
        answered = await conv.settle_question(session, who, before)
    if answered is not None:
        await close_question(update, answered)
