"""What the sign-up engine tells members, sent through the delivery engine: offers, lapses, reminders."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.callbacks import encode
from bot.config import Config
from bot.persian import format_jalali_datetime
from bot.services.broadcasts.digest import DigestItem
from bot.services.common.notify import notify
from bot.services.courses import seats as en
from bot.services.exhibitions import copy as exhibition_copy
from bot.texts import courses as t
from models import Event, Registration


def place_of(event: Event) -> str:
    if event.online_link:
        return f"{t.ONLINE} — {escape(event.online_link)}"
    return escape(event.place) if event.place else t.PLACE_UNKNOWN


def when_of(event: Event) -> str:
    return format_jalali_datetime(event.starts_at)


async def announce_offers(
    session: AsyncSession, offers: list[en.Offer], *, config: Config, now: datetime
) -> None:
    """Tell each member offered a seat, with buttons to accept or decline (same transaction as the offer)."""
    for offer in offers:
        event = await session.get(Event, offer.event_id)
        assert event is not None
        text = t.OFFER.format(
            title=escape(event.title),
            when=when_of(event),
            place=place_of(event),
            deadline=format_jalali_datetime(offer.expires_at),
        )
        buttons = [
            {"text": t.BTN_ACCEPT_OFFER, "callback_data": encode("crs", "accept", event.id)},
            {"text": t.BTN_DECLINE_OFFER, "callback_data": encode("crs", "leave", event.id)},
        ]
        if event.kind != "course":  # a tour or shared booth: its own words and `exh:` buttons
            text, buttons = exhibition_copy.offer_message(event, offer.expires_at)
        await notify(
            session, config=config, member_ids=[offer.member_id], text_html=text, buttons=buttons, now=now
        )


async def expire_and_pass_on(session: AsyncSession, *, config: Config, now: datetime) -> int:
    """Lapse unanswered offers, tell those members, and offer the seats to the next people."""
    lapsed, offers = await en.expire_offers(session, config=config, now=now)
    for event_id, member_id in lapsed:
        event = await session.get(Event, event_id)
        assert event is not None
        await notify(
            session,
            config=config,
            member_ids=[member_id],
            now=now,
            text_html=t.OFFER_LAPSED.format(title=escape(event.title))
            if event.kind == "course"
            else exhibition_copy.lapsed_message(event),
        )
    await announce_offers(session, offers, config=config, now=now)
    return len(lapsed)


async def send_due_reminders(session: AsyncSession, *, config: Config, now: datetime) -> int:
    """Remind registered members `reminder_hours` before each course starts; once per reminder and start time.

    After downtime only the nearest due reminder goes out (never a "tomorrow" reminder an hour before).
    """
    hours = sorted(config.courses.reminder_hours)
    if not hours:
        return 0
    horizon = now + timedelta(hours=hours[-1])
    events = (
        (
            await session.execute(
                select(Event).where(
                    Event.kind == "course",  # exhibitions and tours remind in exhibition_reminders
                    Event.status.in_((en.PUBLISHED, en.CLOSED)),
                    Event.starts_at > now,
                    Event.starts_at <= horizon,
                )
            )
        )
        .scalars()
        .all()
    )
    created = 0
    for event in events:
        due = next((h for h in hours if event.starts_at - timedelta(hours=h) <= now), None)
        if due is None:
            continue
        registered = (
            (
                await session.execute(
                    select(Registration.member_id).where(
                        Registration.event_id == event.id, Registration.status == en.REGISTERED
                    )
                )
            )
            .scalars()
            .all()
        )
        origin = f"remind:{event.id}:{due}h:{event.starts_at.strftime('%Y%m%d%H%M')}"
        text = t.REMINDER.format(title=escape(event.title), when=when_of(event), place=place_of(event))
        if await notify(
            session, config=config, member_ids=registered, text_html=text, now=now, origin=origin
        ):
            created += 1
    return created


async def upcoming_courses(session: AsyncSession, start: datetime, end: datetime) -> list[DigestItem]:
    """Digest source: published courses starting in [start, end]."""
    stmt = select(Event).where(
        Event.kind == "course", Event.status == en.PUBLISHED, Event.starts_at >= start, Event.starts_at <= end
    )
    return [DigestItem(e.starts_at, e.title, "course") for e in (await session.execute(stmt)).scalars()]
