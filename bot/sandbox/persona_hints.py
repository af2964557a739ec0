"""Short tags under each demo member in the page's persona list («دوره · فهرست انتظار · پروفایل صادراتی»),
read from the seeded database, so whoever rehearses can pick the member in the state they want to see."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.readiness.segment import SOURCE_KEY as READINESS
from models import Account, Event, ExportProfile, Seat, Survey, SurveyResponse
from models.enums import SeatStatus

TAG_COURSE = "📚 دوره"
TAG_EXHIBITION = "🏛 نمایشگاه"
TAG_TOUR = "🚌 تور"
TAG_WAITLIST = "⏳ فهرست انتظار"
TAG_SURVEY_DONE = "📝 نظرسنجی پاسخ‌داده"
TAG_SURVEY_HALF = "📝 نظرسنجی نیمه‌کاره"
TAG_READINESS = "🧪 خودارزیابی دانش‌بنیان"
TAG_EXPORT = "🤝 پروفایل صادراتی"
ORDER = (
    TAG_COURSE, TAG_EXHIBITION, TAG_TOUR, TAG_WAITLIST, TAG_SURVEY_DONE, TAG_SURVEY_HALF, TAG_READINESS,
    TAG_EXPORT,
)  # fmt: skip
TAKING_PART = {"course": TAG_COURSE, "exhibition": TAG_EXHIBITION, "tour": TAG_TOUR}


async def persona_tags(session: AsyncSession, platform: str) -> dict[int, list[str]]:
    """user id → tags, in a fixed order; members with nothing seeded are left out."""
    found: dict[int, set[str]] = {}
    accounts = select(Account.user_id, Account.member_id).where(Account.platform == platform)
    user_of = {int(m): int(u) for u, m in (await session.execute(accounts)).all() if m is not None}

    def tag(member_id: int, label: str) -> None:
        if member_id in user_of:
            found.setdefault(user_of[member_id], set()).add(label)

    registrations = select(Seat.member_id, Seat.status, Event.kind).join(Event, Event.id == Seat.event_id)
    for member_id, status, kind in (await session.execute(registrations)).all():
        if status == SeatStatus.WAITLISTED:
            tag(member_id, TAG_WAITLIST)
        elif status in (SeatStatus.REGISTERED, SeatStatus.OFFERED) and kind in TAKING_PART:
            tag(member_id, TAKING_PART[kind])
    responses = select(SurveyResponse.member_id, SurveyResponse.current, Survey.source_key).join(
        Survey, Survey.id == SurveyResponse.survey_id
    )
    for member_id, current, source_key in (await session.execute(responses)).all():
        if source_key == READINESS:
            tag(member_id, TAG_READINESS)
        else:
            tag(member_id, TAG_SURVEY_DONE if current is None else TAG_SURVEY_HALF)
    for member_id in (await session.execute(select(ExportProfile.member_id))).scalars():
        tag(member_id, TAG_EXPORT)
    return {user_id: [t for t in ORDER if t in tags] for user_id, tags in found.items()}
