"""Small helpers shared by handlers: who sent the update, safe replies (callback data: bot/callbacks.py).

Handlers send and edit text only through `send`, `edit`, `edit_message` and `send_media` here, which
go through bot/send.py, so Telegram's 4,096 / 1,024 limits are applied in one place (bot/outgoing.py).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden

from bot import links, outgoing
from bot import send as out
from bot.callbacks import deep_link
from bot.context import KhoosheContext
from bot.delivery import files
from bot.persian import format_jalali_datetime, to_persian_digits
from bot.services.common import conversations as conv
from bot.services.common import lifecycle as lc
from bot.services.common import quiet_hours
from bot.services.members.accounts import Identity
from bot.texts import delivery as td

log = logging.getLogger(__name__)
ALERT_MAX = 190  # Telegram shows at most 200 characters in a callback-query alert


def alert_text(html_text: str) -> str:
    """A notice as a press's alert: the visible text (no tags), cut at a word with «…» when too long."""
    text = outgoing.plain(html_text)
    return text if outgoing.utf16_len(text) <= ALERT_MAX else outgoing.shorten(text, ALERT_MAX)


# A card's row for the lifecycle table: shown when the status allows the row's action, each button
# when it allows the button's own action.
LifecycleRow = tuple[str, Sequence[tuple[str, InlineKeyboardButton]]]


def allowed_rows(
    table: lc.Table, status: str, rows: Sequence[LifecycleRow]
) -> list[list[InlineKeyboardButton]]:
    """The rows and buttons of a card that the lifecycle `table` allows in `status`."""
    return [
        [button for allowed, button in buttons if lc.allows(table, status, allowed)]
        for need, buttons in rows
        if lc.allows(table, status, need)
    ]


def share_text(table: lc.Table, status: str, kind: str, object_id: int) -> str:
    """An admin card's closing lines: the object's `/start` links, when its status lets members open it."""
    if not lc.allows(table, status, lc.SHARE):
        return ""
    text = links.share_text(deep_link(kind, object_id))
    return "\n\n" + text if text else ""


def time_of_day(moment: datetime, now: datetime, tz: ZoneInfo) -> str:
    """A moment in the next day as people say it: «ساعت ۷ صبح», «فردا ساعت ۷:۳۰ صبح»."""
    local = moment.astimezone(tz)
    hour = local.hour % 12 or 12
    clock = f"{hour}:{local.minute:02d}" if local.minute else str(hour)
    period = next(label for until, label in td.DAY_PERIODS if local.hour < until)
    text = td.AT_CLOCK.format(clock=to_persian_digits(clock), period=period)
    days = (local.date() - now.astimezone(tz).date()).days
    if days == 0:
        return text
    return f"{td.TOMORROW} {text}" if days == 1 else format_jalali_datetime(moment)


def held_until(context: KhoosheContext, *, urgent: bool = False) -> str | None:
    """When a message queued now goes out, in words («فردا ساعت ۷ صبح»), if quiet hours hold it;
    None when it goes now."""
    config = context.config
    b, now = config.broadcasting, context.now()
    moment = quiet_hours.held_until(now, b.quiet_start, b.quiet_end, config.timezone, urgent=urgent)
    return None if moment is None else time_of_day(moment, now, config.timezone)


def sent_phrase(context: KhoosheContext, *, urgent: bool = False) -> str:
    """«فرستاده شد», or while quiet hours hold it «ثبت شد و فردا ساعت ۷ صبح فرستاده می‌شود»."""
    when = held_until(context, urgent=urgent)
    return td.SENT_NOW if when is None else td.SENT_LATER.format(when=when)


def quiet_note(context: KhoosheContext, *, urgent: bool = False) -> str:
    """A line to add under «… در صف ارسال است» while quiet hours hold what was queued; else ""."""
    when = held_until(context, urgent=urgent)
    return "" if when is None else td.QUIET_NOTE.format(when=when)


def identity_of(update: Update, context: KhoosheContext) -> Identity:
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None, "the gate drops updates without a user and chat"
    return Identity(platform=context.config.platform, user_id=user.id, chat_id=chat.id, name=user.full_name)


def message_of(update: Update) -> Message:
    message = update.effective_message
    assert message is not None
    return message


async def send(update: Update, text: str, **kwargs: Any) -> Message:
    """Reply in the update's chat; a long text arrives as several messages (keyboard on the last)."""
    chat = update.effective_chat
    assert chat is not None
    return await out.send_text(chat.get_bot(), chat.id, text, **kwargs)


async def ask(update: Update, context: KhoosheContext, text: str, **kwargs: Any) -> Message:
    """Send a conversation's question and remember it in the conversation, so its buttons («رد شدن»,
    «بازگشت» …) go away once it is answered by typing: here, before the next question appears, or
    in handlers/router.py when no question follows. A press closes the message it was made on itself."""
    who = identity_of(update, context)
    async with context.sessionmaker() as session:
        previous = (await conv.snapshot(session, who)).question
    if previous is not None and update.callback_query is None:
        await close_question(update, previous)
    message = await send(update, text, **kwargs)
    shown = None
    if isinstance(kwargs.get("reply_markup"), InlineKeyboardMarkup):
        shown = conv.Question(message.message_id, message.text_html)
    if shown is not None or previous is not None:
        async with context.sessionmaker.begin() as session:
            await conv.remember_question(session, who, shown)
    return message


async def close_question(update: Update, question: conv.Question) -> None:
    """Take a remembered question's buttons away (the whole message re-sent where the messenger
    cannot edit buttons alone); already gone, too old or deleted is fine."""
    chat = update.effective_chat
    assert chat is not None
    try:
        await out.edit_markup_of(chat.get_bot(), chat.id, question.message_id, None, question.html)
    except (BadRequest, Forbidden) as exc:
        log.info("could not close the question's buttons: %s", exc.message)


async def edit_message(message: Message, text: str, **kwargs: Any) -> None:
    """Replace a message's text; when too long the first part replaces it and the rest follows."""
    await out.edit_text(message.get_bot(), message.chat_id, message.message_id, text, **kwargs)


async def edit(query: CallbackQuery, text: str, **kwargs: Any) -> None:
    """Replace the pressed message's text (BadRequest such as "message is not modified" propagates)."""
    message = query.message
    if isinstance(message, Message):
        await edit_message(message, text, **kwargs)
    else:  # an inline-mode message: no chat to send the rest to
        await query.edit_message_text(outgoing.split(text)[0], **kwargs)


async def edit_buttons(query: CallbackQuery, markup: Any) -> None:
    """Change the pressed message's buttons only (the whole message where the messenger cannot)."""
    message = query.message
    if isinstance(message, Message):
        await out.edit_markup(message, markup)


async def send_media(
    update: Update, kind: str, media: Any, caption: str | None = None, **kwargs: Any
) -> Message:
    """A photo / document / video; a caption over 1,024 is cut short and its rest sent as text."""
    chat = update.effective_chat
    assert chat is not None
    bot = chat.get_bot()
    try:
        return await out.send_media(bot, kind, chat.id, media, caption, **kwargs)
    except BadRequest as exc:  # a file id from the other messenger (Telegram and Bale in one process)
        if not isinstance(media, str) or not files.is_foreign_file_error(exc.message):
            raise
        upload = await files.fetch_elsewhere(bot, media)
        if upload is None:
            raise
        return await out.send_media(bot, kind, chat.id, upload, caption, **kwargs)


async def toast_and_refresh(
    query: CallbackQuery, notice: str, text: str, markup: Any, *, changed: bool = True
) -> None:
    """A press's result on a card: a short toast (no modal alert the member must dismiss) and, when the
    press changed something, the card edited in place. A press that changed nothing (the second tap
    of a double tap) leaves the card alone: editing it to the same content is Telegram's 400
    "message is not modified". A card sent as a photo (an announcement's poster) is not edited."""
    await query.answer(alert_text(notice))
    message = query.message
    if not changed or not isinstance(message, Message) or message.text is None:
        return
    try:
        await edit_message(message, text, reply_markup=markup)
    except BadRequest as exc:  # too old to edit
        log.info("could not refresh the card: %s", exc.message)


async def close_buttons(query: CallbackQuery, note: str | None = None) -> None:
    """Remove a pressed message's inline keyboard (optionally adding a note) so it cannot be pressed again."""
    message = query.message
    if not isinstance(message, Message):
        return
    try:
        if note and message.text_html is not None:
            await edit_message(message, f"{message.text_html}\n\n{note}", reply_markup=None)
        else:
            await out.edit_markup(message, None)
    except BadRequest as exc:  # "message is not modified" after a double click, or the message is too old
        log.info("could not close buttons: %s", exc.message)
