"""Seeder for a few published courses (one full, with a waitlist), made as the CDA would make them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.persian import to_tehran
from bot.sandbox.demo_data import COURSES, DemoCourse, demo_members
from bot.sandbox.seed_base import SeedContext
from bot.services.courses import admin as course_admin
from bot.services.courses import seats as enrollment
from models import Account, Event
from models.enums import EventKind

SIGNUP_OFFSET = 5  # course k takes its sign-ups from the k*5-th demo member on


def start_of(course: DemoCourse, now: datetime) -> datetime:
    """`days_ahead` days from today at `hour` Tehran time, in UTC."""
    local = to_tehran(now) + timedelta(days=course.days_ahead)
    return local.replace(hour=course.hour, minute=0, second=0, microsecond=0).astimezone(UTC)


async def _member_ids(ctx: SeedContext) -> list[int]:
    user_ids = [d.user_id for d in demo_members(ctx.config)]
    stmt = (
        select(Account.member_id)
        .where(Account.platform == ctx.config.platform, Account.user_id.in_(user_ids))
        .where(Account.member_id.is_not(None))
        .order_by(Account.user_id)
    )
    return [int(m) for m in (await ctx.session.execute(stmt)).scalars() if m is not None]


async def seed_courses(ctx: SeedContext) -> str:
    """Draft, publish (without announcing) and fill each demo course; existing titles are skipped."""
    courses = select(Event.title).where(Event.kind == EventKind.COURSE)
    titles = set((await ctx.session.execute(courses)).scalars())
    members = await _member_ids(ctx)
    added = 0
    for index, course in enumerate(COURSES):
        if course.title in titles:
            continue
        starts_at = start_of(course, ctx.now)
        values = {
            "title": course.title,
            "description": course.description,
            "instructor": course.instructor,
            "sessions": course.sessions,
            "starts_at": starts_at,
            "place": course.place,
            "online_link": course.online_link,
            "capacity": course.capacity,
            "registration_deadline": starts_at - timedelta(days=1),
            "segment": course.segment,
        }
        event = await course_admin.create_draft(ctx.session, ctx.cda, ctx.config, values, now=ctx.now)
        await course_admin.publish(ctx.session, ctx.cda, ctx.config, event.id, announce=False, now=ctx.now)
        start = index * SIGNUP_OFFSET
        for n, member_id in enumerate(members[start : start + course.signups]):
            at = ctx.now + timedelta(seconds=n)  # arrival order decides who waits
            await enrollment.sign_up(ctx.session, event_id=event.id, member_id=member_id, now=at)
        added += 1
    return f"courses: {added} added"
