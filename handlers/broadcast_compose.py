"""Composing a broadcast (admin): content → link buttons → audience → preview → send now / schedule."""

from __future__ import annotations

from telegram import Update

from handlers.context import KhoosheContext

FLOW = "bcast"


async def on_message(update: Update, context: KhoosheContext) -> None:
    raise NotImplementedError
