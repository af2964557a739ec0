"""Courses for members: the list (main menu), a card, sign-up, waitlist, offers, «دوره‌های من», deep links."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot import texts
from bot.callbacks import Press, decode, parse_id, parse_small
from bot.context import KhoosheContext
from bot.persian import escape_fa, format_number
from bot.services.common.errors import DomainError, InvalidInput, NotRegistered, StaleAction
from bot.services.courses import catalog as courses
from bot.services.courses import feedback as course_feedback
from bot.services.courses.seats import SignUp, SignUpRefused
from bot.texts import courses as t
from handlers.courses import render
from handlers.kit import ask, edit_message, identity_of, message_of, send, toast_and_refresh
from models.enums import SeatStatus


async def show_list(update: Update, context: KhoosheContext, page: int = 0) -> None:
    async with context.sessionmaker() as session:
        result = await courses.open_courses(
            session, identity_of(update, context), page=page, now=context.now()
        )
    text, markup = render.course_list(result)
    await send(update, text, reply_markup=markup)


async def show_card(update: Update, context: KhoosheContext, event_id: int, *, quiet: bool = False) -> None:
    """A course card as a new message (deep link, a button in an announcement or the list).

    `quiet`: say nothing when the course is gone (used right after registration from an old link)."""
    try:
        async with context.sessionmaker() as session:
            view = await courses.course(session, identity_of(update, context), event_id)
    except NotRegistered:
        await send(update, texts.NOT_REGISTERED)
        return
    except DomainError:
        if not quiet:
            await send(update, t.COURSE_NOT_FOUND)
        return
    text, markup = render.course_card(view)
    await send(update, text, reply_markup=markup)


def _result_text(result: SignUp, title: str) -> str:
    if result.status == SeatStatus.REGISTERED:
        return t.ALREADY_ENROLLED if result.already else t.ENROLLED.format(title=escape_fa(title))
    if result.already:
        return t.ALREADY_WAITLISTED.format(position=format_number(result.position or 0))
    return t.WAITLISTED.format(title=escape_fa(title), position=format_number(result.position or 0))


async def on_course_press(update: Update, context: KhoosheContext) -> None:
    """Every `crs:*` button; the services re-check membership and the course's state on each press."""
    query = update.callback_query
    assert query is not None
    press = decode(query.data, render.PREFIX, with_id=False)
    action = press.action if press else ""
    page = parse_small(press.arg(), limit=render.PAGE_MAX) if press else None
    who, now = identity_of(update, context), context.now()
    if action == "page" and page is not None:
        await query.answer()
        async with context.sessionmaker() as session:
            text, markup = render.course_list(await courses.open_courses(session, who, page=page, now=now))
        await _edit(query.message, text, markup)
        return
    if action == "mine":
        await query.answer()
        async with context.sessionmaker() as session:
            views = await courses.my_courses(session, who, now=now)
        await send(update, render.my_courses(views), reply_markup=render.my_courses_markup(views))
        return
    if press is not None and action in ("fb", "fbskip"):
        await _on_feedback_press(update, context, press)
        return
    event_id = parse_id(press.arg()) if press else None
    if event_id is None or action not in ("open", "join", "leave", "accept"):
        await query.answer(texts.ERRORS["stale"])
        return
    if action == "open":
        await query.answer()
        await show_card(update, context, event_id)
        return
    try:
        async with _queue_for(event_id), context.sessionmaker.begin() as session:
            if action == "join":
                result, view = await courses.sign_up(session, who, event_id, now=now)
                notice, changed = _result_text(result, view.event.title), not result.already
            elif action == "leave":
                _, view = await courses.leave(session, who, event_id, config=context.config, now=now)
                notice, changed = t.LEFT.format(title=escape_fa(view.event.title)), True
            else:
                result = await courses.accept(session, who, event_id, now=now)
                view = await courses.course(session, who, event_id)
                notice, changed = (
                    t.OFFER_ACCEPTED.format(title=escape_fa(view.event.title)),
                    not result.already,
                )
    except SignUpRefused as exc:
        await query.answer(t.REFUSALS.get(exc.code, texts.ERRORS["stale"]), show_alert=True)
        return
    except DomainError as exc:
        await query.answer(texts.ERRORS.get(exc.code, texts.ERRORS["stale"]), show_alert=exc.code != "stale")
        return
    if action == "leave":
        context.bot_data.delivery.poke()  # a freed seat was offered to the next person
    text, markup = render.course_card(view)
    await toast_and_refresh(query, notice, text, markup, changed=changed)


_event_queues: dict[int, tuple[asyncio.Lock, list[int]]] = {}  # lock and [presses holding or waiting]


@contextlib.asynccontextmanager
async def _queue_for(event_id: int) -> AsyncIterator[None]:
    """Presses for one course take turns in arrival order within this process (asyncio locks are FIFO).

    The database lock alone keeps capacity exact; this keeps the waitlist fair on SQLite too, whose
    busy-timeout retries do not honour arrival order."""
    lock, users = _event_queues.setdefault(event_id, (asyncio.Lock(), [0]))
    users[0] += 1
    try:
        async with lock:
            yield
    finally:
        users[0] -= 1
        if not users[0]:
            del _event_queues[event_id]


async def _edit(message: object, text: str, markup: InlineKeyboardMarkup) -> None:
    if not isinstance(message, Message):
        return
    with contextlib.suppress(BadRequest):  # unchanged (a double tap) or too old to edit
        await edit_message(message, text, reply_markup=markup)


async def _on_feedback_press(update: Update, context: KhoosheContext, press: Press) -> None:
    query = update.callback_query
    assert query is not None
    action, event_id, score = press.action, parse_id(press.arg(0)), parse_small(press.arg(1), limit=9)
    try:
        async with context.sessionmaker.begin() as session:
            if action == "fb" and event_id is not None and score is not None:
                await course_feedback.give_score(
                    session, identity_of(update, context), event_id, score, now=context.now()
                )
            elif action == "fbskip" and event_id is not None:
                await course_feedback.give_comment(
                    session, identity_of(update, context), None, now=context.now()
                )
            else:
                raise StaleAction()
    except DomainError:
        await query.answer(texts.ERRORS["stale"])
        return
    await query.answer()
    if action == "fb":
        skip = InlineKeyboardMarkup(
            [[InlineKeyboardButton(t.BTN_FEEDBACK_SKIP, callback_data=render.cb("fbskip", event_id))]]
        )
        text = t.FEEDBACK_THANKS_ASK_COMMENT.format(score=format_number(score or 0))
        await ask(update, context, text, reply_markup=skip)
    else:
        await send(update, t.FEEDBACK_DONE)


async def on_feedback_message(update: Update, context: KhoosheContext) -> None:
    """The optional comment after a course's score (router: flow «crsfb»)."""
    text = message_of(update).text
    try:
        async with context.sessionmaker.begin() as session:
            await course_feedback.give_comment(
                session, identity_of(update, context), text or "", now=context.now()
            )
    except InvalidInput as exc:
        limit = format_number(course_feedback.COMMENT_MAX)
        message = (
            t.FEEDBACK_COMMENT_TOO_LONG.format(max=limit)
            if exc.code == "comment_too_long"
            else texts.ERRORS["empty"]
        )
        await send(update, message)
        return
    except DomainError:
        await send(update, texts.UNKNOWN_TEXT)
        return
    await send(update, t.FEEDBACK_DONE)
