"""Routes plain messages (text, contact, media) to the feature whose conversation the sender is in."""

from __future__ import annotations

from telegram import Update

from bot.context import KhoosheContext
from bot.services.members import dialog as dialog_service
from handlers import menu
from handlers.kit import identity_of, message_of
from handlers.members import dialog


async def on_message(update: Update, context: KhoosheContext) -> None:
    """A feature's flow handler (from the registry), else the members dialogue (registration, profile)."""
    async with context.sessionmaker() as session:
        flow = await dialog_service.flow_of(session, identity_of(update, context))
    message = message_of(update)
    handler = context.bot_data.features.flow_handler(flow)
    if handler is not None:
        await handler(update, context)
    elif message.contact is not None:
        await dialog.on_contact(update, context)
    elif message.text is not None:
        await dialog.on_text(update, context)
    else:
        await menu.on_other_message(update, context)
