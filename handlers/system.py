"""Cross-cutting handlers: the update log line, the private-chat gate, unknown commands, errors."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot import texts
from bot.context import KhoosheContext
from bot.error_notices import error_code, error_signature
from bot.persian import format_number
from bot.send import send_text
from bot.services.common.admins import list_admins
from bot.services.members.accounts import mark_unreachable
from handlers.kit import identity_of, send

log = logging.getLogger("khooshe.updates")


def describe(update: Update) -> str:
    """What kind of update this is, without message bodies or phone numbers."""
    if update.callback_query is not None:
        return f"button:{(update.callback_query.data or '').split(':', 2)[:2]}"
    message = update.effective_message
    if message is None:
        return "other"
    if message.text and message.text.startswith("/"):
        return f"command:{message.text.split()[0][:32]}"
    if message.contact is not None:
        return "contact"
    if message.text is not None:
        return f"text:{len(message.text)}chars"
    return "media" if message.effective_attachment else "other"


async def log_update(update: Update, context: KhoosheContext) -> None:
    user = update.effective_user
    log.info("update %s user=%s %s", update.update_id, user.id if user else "-", describe(update))


async def gate(update: Update, context: KhoosheContext) -> None:
    """Group -1: only private chats with a real user reach the feature handlers."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or user.is_bot or chat.type != "private":
        raise ApplicationHandlerStop()


async def on_edited_message(update: Update, context: KhoosheContext) -> None:
    """The rule for edits: never read as an answer (the step has moved on); the sender is told so."""
    if update.effective_chat is not None:
        await send(update, texts.EDITS_NOT_READ)


async def cmd_unknown(update: Update, context: KhoosheContext) -> None:
    chat = update.effective_chat
    if chat is not None:
        await send(update, texts.UNKNOWN_COMMAND)


async def on_error(update: object, context: KhoosheContext) -> None:
    """Log the error, tell the member in Persian, and notify admins (class name only, no personal data)."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else "-"
    if isinstance(
        error, Forbidden
    ):  # the 403 itself, not Telegram's English wording (Bale words it its own way)
        log.info("update %s: the user blocked the bot; marking the account unreachable", update_id)
        if (
            isinstance(update, Update)
            and update.effective_user is not None
            and update.effective_chat is not None
        ):
            async with context.sessionmaker.begin() as session:
                await mark_unreachable(session, identity_of(update, context))
        return
    if isinstance(error, Conflict):
        await _on_second_poller(context)
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        log.warning("update %s: the messenger did not answer in time or at all (%r)", update_id, error)
        return
    signature = error_signature(error) if error is not None else "-"
    code = error_code(signature)
    log.error("update %s failed (error code %d, %s): %r", update_id, code, signature, error, exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await send(update, texts.SOMETHING_WENT_WRONG)
        except TelegramError as exc:
            log.warning("could not tell the user about the error: %s", exc)
    repeats = context.bot_data.error_notices.record(signature, context.now())
    if repeats is None:  # admins heard of it less than an hour ago: counted for the next notice
        return
    await _notify_admins(context, _notice(code, repeats, job=not isinstance(update, Update)))


SECOND_POLLER_LOG = (
    "another process is polling with this bot token (409 Conflict); "
    "نسخهٔ دیگری از ربات با همین توکن در حال اجراست"
)


async def _on_second_poller(context: KhoosheContext) -> None:
    """Two `khooshe run` on one token: the newcomer stops; the running one tells admins once an hour."""
    data = context.bot_data
    if time.monotonic() - data.started_at < context.config.second_poller_grace:
        if data.stopped_because is None:
            log.error("%s: this newer process stops", SECOND_POLLER_LOG)
            data.stopped_because = SECOND_POLLER_LOG
            context.application.stop_running()
        return
    if data.error_notices.record("Conflict@getUpdates", context.now()) is None:
        return
    log.warning("%s: the newer one should stop by itself", SECOND_POLLER_LOG)
    await _notify_admins(context, texts.SECOND_POLLER_NOTICE)


def _notice(code: int, repeats: int, *, job: bool) -> str:
    where = texts.ADMIN_ERROR_WHERE_JOB if job else texts.ADMIN_ERROR_WHERE_UPDATE
    notice = texts.ADMIN_ERROR_NOTICE.format(where=where, code=format_number(code, grouping=False))
    if repeats:
        notice += "\n" + texts.ADMIN_ERROR_REPEATS.format(count=format_number(repeats))
    return notice


async def _notify_admins(context: KhoosheContext, notice: str) -> None:
    """Every admin: config.toml's and those added with `khooshe admin add` (in the database)."""
    try:
        async with context.sessionmaker() as session:
            admins = await list_admins(
                session, platform=context.config.platform, config_ids=context.config.admin_ids
            )
    except Exception as exc:  # the database may be the thing that failed
        log.warning("database unavailable (%r): error notice goes to config.toml's admins only", exc)
        admins = [(uid, "config") for uid in context.config.admin_ids]
    for admin_id, _ in admins:
        try:
            await send_text(context.bot, admin_id, notice)
        except TelegramError as exc:
            log.warning("could not notify admin %s: %s", admin_id, exc)


async def on_unknown_press(update: Update, context: KhoosheContext) -> None:
    """A button whose data matches no feature (forged or from an old version): say it is inactive."""
    query = update.callback_query
    if query is not None:
        await query.answer(texts.ERRORS["stale"])
