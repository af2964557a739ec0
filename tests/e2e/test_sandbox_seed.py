"""The sandbox's demo seed, on SQLite and PostgreSQL: realistic spread, one full course, exhibitions and
tours (one full with a waitlist), the technology-needs survey open with answers, the readiness
self-check sent to growers and nurseries with a spread of scores, export profiles that match; running
it twice adds nothing."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.config_sections import READINESS_CRITERIA
from bot.sandbox.demo_data import CDA_PHONE, CDA_USER_ID, MEMBER_COUNT, cda_member, demo_members
from bot.sandbox.demo_trips import TRIPS
from bot.sandbox.persona_hints import TAG_READINESS, persona_tags
from bot.sandbox.seed import SEEDERS, run_seeders
from bot.sandbox.seed_export import PROFILES, exporters
from bot.sandbox.seed_people import seed_cda
from bot.sandbox.seed_readiness import ANSWERED, SEGMENT_ROLES
from bot.sandbox.seed_survey import COMPLETED, IN_PROGRESS
from bot.services.common.admins import add_admin, is_admin
from bot.services.consortium import consortia, introductions
from bot.services.consortium import export_profile as ep
from bot.services.exhibitions import catalog as ex
from bot.services.members.accounts import Identity, find_account
from bot.services.readiness import report as readiness_report
from bot.services.surveys import inbox as survey_inbox
from bot.services.surveys import results as survey_results
from models import (
    Account,
    Broadcast,
    ConversationState,
    Event,
    ExhibitionDetails,
    ExhibitionResponse,
    ExportProfile,
    Member,
    Need,
    NeedMember,
    Seat,
    SolutionProvider,
    Survey,
    SurveyAnswer,
    SurveyResponse,
)
from tests.factories import NOW, add_member

EXPECTED_FIRST = [  # the readiness line: how many growers and nurseries the self-check went to
    f"CDA {CDA_USER_ID}: admin added, member added",
    f"members: {MEMBER_COUNT} added",
    "courses: 3 added",
    f"exhibitions and tours: {len(TRIPS)} added",
    f"survey: launched, {COMPLETED} completed and {IN_PROGRESS} half-way",
    "readiness: sent to {invited} growers and nurseries, " + f"{ANSWERED} answered",
    f"export profiles: {PROFILES} added",
    "needs: 3 needs, 3 solution providers",
]
EXPECTED_SECOND = [
    f"CDA {CDA_USER_ID}: admin already there, member already there",
    "members: 0 added",
    "courses: 0 added",
    "exhibitions and tours: 0 added",
    "survey: already there",
    "readiness: already there",
    "export profiles: 0 added",
    "needs: already there",
]


async def _count(session: AsyncSession, model: type) -> int:
    return int((await session.execute(select(func.count()).select_from(model))).scalar_one())


async def test_seed_makes_a_realistic_demo_and_running_it_twice_adds_nothing(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    first = await run_seeders(sessionmaker, config, now=NOW)
    second = await run_seeders(sessionmaker, config, now=NOW)

    invited = sum(m.role in SEGMENT_ROLES for m in demo_members(config))
    assert invited == 32
    assert first == [line.replace("{invited}", str(invited)) for line in EXPECTED_FIRST]
    assert second == EXPECTED_SECOND
    async with sessionmaker() as session:
        assert await _count(session, Member) == MEMBER_COUNT + 1  # the CDA is a member too
        assert await _count(session, Account) == MEMBER_COUNT + 1
        assert await _count(session, Event) == 3 + len(TRIPS)
        assert await _count(session, Survey) == 2  # the technology-needs survey and the readiness self-check
        assert set((await session.execute(select(Survey.source_key))).scalars()) == {
            "tech_needs",
            "readiness",
        }
        assert await _count(session, ExportProfile) == PROFILES
        needs = list((await session.execute(select(Need).order_by(Need.id))).scalars())
        assert [(n.status, n.published) for n in needs] == [
            ("planned", True), ("identified", True), ("identified", False)
        ]  # fmt: skip
        assert await _count(session, NeedMember) == 19 and await _count(session, SolutionProvider) == 3
        assert await _count(session, ConversationState) == 0  # nobody is left inside a flow
        assert await is_admin(session, platform=config.platform, user_id=CDA_USER_ID, config_ids=())
        members = list((await session.execute(select(Member))).scalars())
        roles = Counter(m.role for m in members)
        places = Counter(m.place for m in members)
        assert len(roles) >= 5 and roles.most_common(1)[0][0] == "grower"
        assert len(places) >= 5 and all(m.place_other for m in members if m.place == "other")
        assert len({c for m in members for c in m.category_keys}) >= 6
        assert len({m.phone for m in members}) == MEMBER_COUNT + 1
        assert all(m.phone.startswith("+989") and len(m.phone) == 13 for m in members)
        full = (
            await session.execute(select(Event).where(Event.kind == "course", Event.capacity == 12))
        ).scalar_one()
        statuses = Counter(
            (await session.execute(select(Seat.status).where(Seat.event_id == full.id))).scalars().all()
        )
        assert statuses == {"registered": 12, "waitlisted": 3}
        assert {e.status for e in (await session.execute(select(Event))).scalars()} == {"published"}


async def test_a_sandbox_database_from_before_gets_the_cda_as_a_member(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    """Earlier sandboxes made the CDA an admin only (its /start asked it to register)."""
    async with sessionmaker.begin() as session:
        await add_admin(session, platform=config.platform, user_id=CDA_USER_ID, now=NOW)
    assert await run_seeders(sessionmaker, config, now=NOW, seeders=[seed_cda]) == [
        f"CDA {CDA_USER_ID}: admin already there, member added"
    ]
    async with sessionmaker() as session:
        account = await find_account(session, Identity(config.platform, CDA_USER_ID, CDA_USER_ID))
        assert account is not None and account.member is not None
        assert account.member.full_name == cda_member(config).full_name and account.member.phone == CDA_PHONE


def test_demo_members_are_stable_and_use_configured_keys(config: Config) -> None:
    a, b = demo_members(config), demo_members(config)
    assert a == b and len(a) == MEMBER_COUNT
    assert len({m.full_name for m in a}) == MEMBER_COUNT
    assert {m.role for m in a} <= {c.key for c in config.roles}
    assert {m.place for m in a} <= {c.key for c in config.places} | {"other"}
    assert {c for m in a for c in m.categories} <= {c.key for c in config.categories}


def test_seeders_are_an_extensible_ordered_list() -> None:
    names = [s.__name__ for s in SEEDERS]
    assert names[:3] == ["seed_cda", "seed_members", "seed_courses"]


async def _statuses(session: AsyncSession, title: str) -> Counter[str]:
    stmt = select(Seat.status).join(Event, Event.id == Seat.event_id).where(Event.title == title)
    return Counter((await session.execute(stmt)).scalars().all())


async def test_exhibitions_and_tours_are_published_answered_and_one_tour_is_full(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    await run_seeders(sessionmaker, config, now=NOW)
    async with sessionmaker() as session:
        rows = (await session.execute(select(Event, ExhibitionDetails).join(ExhibitionDetails))).all()
        by_title = {e.title: (e, d) for e, d in rows}
        assert set(by_title) == {t.title for t in TRIPS}
        assert all(e.status == "published" and e.starts_at > NOW for e, _ in rows)
        assert {d.trip_kind for _, d in rows} == {"domestic", "foreign", "tour"}
        tehran, _ = by_title["نمایشگاه بین‌المللی گل و گیاه تهران"]
        assert (
            tehran.kind == "exhibition" and tehran.ends_at is not None and tehran.ends_at > tehran.starts_at
        )
        essen, essen_details = next((e, d) for e, d in rows if d.trip_kind == "foreign")
        assert essen_details.country == "آلمان" and len(essen_details.documents) == 3
        assert (
            essen_details.documents_deadline is not None
            and essen_details.documents_deadline < essen.starts_at
        )
        full = next(t for t in TRIPS if t.trip_kind == "tour" and t.capacity and len(t.joining) > t.capacity)
        assert await _statuses(session, full.title) == {"registered": full.capacity, "waitlisted": 2}
        choices = Counter((await session.execute(select(ExhibitionResponse.choice))).scalars().all())
        assert choices == {
            "interested": sum(len(t.interested) for t in TRIPS),
            "participate": sum(len(t.joining) for t in TRIPS),
        }
        exhibitor = (
            await session.execute(
                select(ExhibitionResponse)
                .where(ExhibitionResponse.event_id == tehran.id)
                .limit(1)
                .where(ExhibitionResponse.choice == "participate")
            )
        ).scalar_one()
        assert exhibitor.answers["booth"] == "shared" and exhibitor.answers["products"]
        # a member sees the calendar as the bot would show it, soonest first
        who = Identity(config.platform, demo_members(config)[0].user_id, demo_members(config)[0].user_id)
        calendar = await ex.upcoming(session, who, now=NOW)
        assert [v.event.starts_at for v in calendar] == sorted(v.event.starts_at for v in calendar)
        assert len(calendar) == len(TRIPS)
        assert any(v.seats_left == 0 for v in calendar)


async def test_the_survey_is_open_to_every_member_with_a_spread_of_answers(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    await run_seeders(sessionmaker, config, now=NOW)
    async with sessionmaker.begin() as session:
        survey = (await session.execute(select(Survey).where(Survey.source_key == "tech_needs"))).scalar_one()
        assert survey.status == "open" and survey.source_key == "tech_needs" and survey.segment == {}
        assert survey.invited == MEMBER_COUNT + 1 and survey.closes_at is None  # with the CDA
        invitation = await session.get(Broadcast, survey.broadcast_id)
        assert invitation is not None and invitation.status == "scheduled"  # goes out when the bot starts
        statuses = Counter(
            (
                await session.execute(
                    select(SurveyResponse.status).where(SurveyResponse.survey_id == survey.id)
                )
            ).scalars()
        )
        assert statuses == {"completed": COMPLETED, "in_progress": IN_PROGRESS}
        results = await survey_results.results(
            session, Identity(config.platform, CDA_USER_ID, CDA_USER_ID), config, survey.id
        )
        assert results.completed == COMPLETED and results.started == COMPLETED + IN_PROGRESS
        greenhouse = next(q for q in results.questions if q.question.key == "greenhouse")
        assert greenhouse.answered == COMPLETED
        assert sum(1 for c in greenhouse.choices if c.count) >= 3  # a spread, not one answer for all
        limits = next(q for q in results.questions if q.question.key == "limits")
        assert max(c.count for c in limits.choices) < COMPLETED  # people tick different things
        invest = next(q for q in results.questions if q.question.key == "invest_ready")
        assert len([v for v, n in invest.distribution.items() if n]) >= 3
        # skip logic held: «heating» only from those who ticked energy among the limits
        energy = set(
            (
                await session.execute(
                    select(SurveyAnswer.response_id).where(
                        SurveyAnswer.question == "limits", SurveyAnswer.choice == "energy"
                    )
                )
            ).scalars()
        )
        heating = set(
            (
                await session.execute(
                    select(SurveyAnswer.response_id).where(SurveyAnswer.question == "heating")
                )
            ).scalars()
        )
        assert heating and heating <= energy

        newcomer = await add_member(session, 7_999_000_001, role="grower")
        assert newcomer.id
        inbox = await survey_inbox.open_surveys(
            session, Identity(config.platform, 7_999_000_001, 7_999_000_001), now=NOW
        )
        needs_survey = [(i.survey.id, i.state) for i in inbox if i.survey.source_key == "tech_needs"]
        assert needs_survey == [(survey.id, "new")]
        assert [(i.survey.source_key, i.state) for i in inbox if i.survey.id != survey.id] == [
            ("readiness", "new")
        ]  # a grower is in the readiness self-check's segment too


async def test_export_profiles_are_filled_and_produce_suggestions_and_groups(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    await run_seeders(sessionmaker, config, now=NOW)
    chosen = exporters(demo_members(config))
    assert len(chosen) == PROFILES and {m.role for m in chosen} >= {"trader", "nursery"}
    async with sessionmaker.begin() as session:
        profiles = list((await session.execute(select(ExportProfile))).scalars())
        assert all(ep.is_filled(p) for p in profiles)
        units = {p.unit for profile in profiles for p in profile.products}
        assert {"stem", "pot"} <= units and all(
            p.monthly_capacity > 0 for pr in profiles for p in pr.products
        )
        assert all(p.crop for pr in profiles for p in pr.products)
        assert len({m for p in profiles for m in p.markets}) >= 5
        assert any(p.certifications for p in profiles) and all(p.offers and p.needs for p in profiles)
        trader = next(m for m in chosen if m.role == "trader")
        page = await introductions.suggestions(
            session, Identity(config.platform, trader.user_id, trader.user_id), config, 0, now=NOW
        )
        assert page.total >= 3 and page.items[0].match.score > 0
        cda = Identity(config.platform, CDA_USER_ID, CDA_USER_ID)
        groups, names = await consortia.market_groups(session, cda, config, "iraq")
        assert groups and len(groups[0].member_ids) >= config.consortia.group_min
        assert all(names[m] for g in groups for m in g.member_ids)


async def test_the_readiness_self_check_goes_to_producers_and_shows_a_spread_of_scores(
    sessionmaker: async_sessionmaker[AsyncSession], config: Config
) -> None:
    await run_seeders(sessionmaker, config, now=NOW)
    cda = Identity(config.platform, CDA_USER_ID, CDA_USER_ID)
    async with sessionmaker() as session:
        survey = (await session.execute(select(Survey).where(Survey.source_key == "readiness"))).scalar_one()
        producers = [m for m in demo_members(config) if m.role in SEGMENT_ROLES]
        assert survey.status == "open" and not survey.anonymous
        assert survey.segment == {"roles": sorted(SEGMENT_ROLES)} and survey.invited == len(producers)
        invitation = await session.get(Broadcast, survey.broadcast_id)
        assert invitation is not None and invitation.status == "scheduled"
        assert invitation.segment == {"roles": sorted(SEGMENT_ROLES)}
        rows = (
            await session.execute(
                select(SurveyResponse.status, Member.role)
                .join(Member, Member.id == SurveyResponse.member_id)
                .where(SurveyResponse.survey_id == survey.id)
            )
        ).all()
        assert len(rows) == ANSWERED == 12
        assert {status for status, _ in rows} == {"completed"} and {r for _, r in rows} <= set(SEGMENT_ROLES)
        answered = (
            await session.execute(
                select(SurveyAnswer.question).where(SurveyAnswer.survey_id == survey.id).distinct()
            )
        ).scalars()
        assert set(answered) == set(READINESS_CRITERIA)  # every criterion answered, through the engine

        # what the CDA persona sees on the self-check's results: a distribution over all three bands
        found = await readiness_report.distribution(session, cda, config, survey.id)
        assert len(found.totals) == ANSWERED and len(set(found.totals)) >= 6
        assert all(members >= 1 for _, _, _, members in found.bands), found.bands
        group = await readiness_report.near_group(session, cda, config, survey.id)
        assert 1 <= len(group.members) == found.near[2] and group.count == len(group.members)
        tags = await persona_tags(session, config.platform)  # the page tells whoever rehearses who took it
        assert sum(TAG_READINESS in t for t in tags.values()) == ANSWERED
