"""Seeder for exhibitions and visit tours: made and published as the CDA would, answered by demo members
through the members' own services (interest, the join questions, seats on the sign-up engine)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.persian import to_tehran
from bot.sandbox.demo_data import DemoMember, demo_members
from bot.sandbox.demo_trips import TRIPS, DemoTrip
from bot.sandbox.seed_base import SeedContext
from bot.services.exhibitions import admin as xa
from bot.services.exhibitions import catalog as ex
from bot.services.exhibitions.fields import parse_documents
from bot.services.members.accounts import Identity
from models import Event

MAX_PRODUCTS = 2  # products a demo exhibitor ticks when taking part


def _local(now: datetime, days: int, hour: int) -> datetime:
    local = to_tehran(now) + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0).astimezone(UTC)


def values_of(trip: DemoTrip, now: datetime) -> dict[str, object]:
    """What the CDA's creation conversation would have collected for `trip`."""
    starts_at = _local(now, trip.days_ahead, trip.hour)
    values: dict[str, object] = {
        "trip_kind": trip.trip_kind,
        "title": trip.title,
        "city": trip.city,
        "country": trip.country,
        "place": trip.place,
        "starts_at": starts_at,
        "ends_at": _local(now, trip.days_ahead + trip.days_long, 18) if trip.days_long else None,
        "registration_deadline": _local(now, trip.days_ahead - trip.deadline_days_before, 23),
        "costs": trip.costs,
        "subsidy": trip.subsidy,
        "capacity": trip.capacity,
        "segment": trip.segment,
    }
    if trip.documents:
        values["documents"] = parse_documents("\n".join(trip.documents))
        values["documents_deadline"] = _local(now, trip.days_ahead - trip.documents_days_before, 23)
    return values


async def _respond(ctx: SeedContext, trip: DemoTrip, event_id: int, cast: list[DemoMember]) -> None:
    for n, index in enumerate(trip.interested):
        demo = cast[index]
        who = Identity(ctx.config.platform, demo.user_id, demo.user_id)
        await ex.express_interest(ctx.session, who, event_id, now=ctx.now + timedelta(seconds=n))
    for n, index in enumerate(trip.joining):
        demo = cast[index]
        who = Identity(ctx.config.platform, demo.user_id, demo.user_id)
        at = ctx.now + timedelta(minutes=1, seconds=n)  # arrival order decides who waits
        step = await ex.begin_join(ctx.session, who, event_id, now=at)
        if step.step == ex.PRODUCTS:
            for key in demo.categories[:MAX_PRODUCTS]:
                await ex.toggle_product(ctx.session, who, ctx.config, event_id, key, now=at)
            step = await ex.products_done(ctx.session, who, event_id, now=at)
        await ex.finish_join(ctx.session, who, ctx.config, event_id, step.step, trip.answer, now=at)


def audience_of(trip: DemoTrip, cast: list[DemoMember]) -> list[DemoMember]:
    """The demo members inside the trip's target segment (responders are picked among them)."""
    roles, places = trip.segment.get("roles"), trip.segment.get("places")
    categories = set(trip.segment.get("categories") or ())
    return [
        m
        for m in cast
        if (not roles or m.role in roles)
        and (not places or m.place in places)
        and (not categories or categories & set(m.categories))
    ]


async def seed_exhibitions(ctx: SeedContext) -> str:
    """Draft, publish (without announcing) and answer each demo trip; existing titles are skipped."""
    titles = set((await ctx.session.execute(select(Event.title).where(Event.kind.in_(ex.KINDS)))).scalars())
    everyone = demo_members(ctx.config)
    added = 0
    for trip in TRIPS:
        if trip.title in titles:
            continue
        event = await xa.create_draft(ctx.session, ctx.cda, ctx.config, values_of(trip, ctx.now), now=ctx.now)
        await xa.publish(ctx.session, ctx.cda, ctx.config, event.id, announce=False, now=ctx.now)
        await _respond(ctx, trip, event.id, audience_of(trip, everyone))
        added += 1
    return f"exhibitions and tours: {added} added"
