"""Technology needs on SQLite and PostgreSQL: the status lifecycle with dated notes, members attached from a
survey answer, «من هم …» idempotent, one notice per status change (and none for those who turned them
off), the `need` segment reaching exactly the attached members, providers and actions linked, a course
announced once to exactly the need's members, and forged presses changing nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.common import lifecycle as lc
from bot.services.common import segments
from bot.services.common.errors import InvalidInput, NotAllowed, StaleAction
from bot.services.common.notify import notify
from bot.services.members.accounts import Identity
from bot.services.needs import admin_flow as flow
from bot.services.needs import board, cards, links
from bot.services.needs import needs as nd
from bot.services.needs import providers as pv
from models import Broadcast, Event, Need, NeedEvent, NeedMember
from models.enums import NeedStatus as N
from tests.factories import NOW, add_member
from tests.survey_factory import seed_survey

SM = async_sessionmaker[AsyncSession]
ADMIN = Identity("telegram", 9000, 9000)


def who(user_id: int) -> Identity:
    return Identity("telegram", user_id, user_id)


async def new_need(sm: SM, config: Config, *, published: bool = True, title: str = "زنجیرهٔ سرد") -> int:
    async with sm.begin() as s:
        need = await nd.create(s, ADMIN, config, title=title, category="cut", description=None, now=NOW)
        need.published = published
        return need.id


async def members(sm: SM, *user_ids: int) -> dict[int, int]:
    async with sm.begin() as s:
        return {u: (await add_member(s, u)).id for u in user_ids}


async def recipients(sm: SM, segment: dict[str, list[str]]) -> list[int]:
    async with sm() as s:
        rows = (await s.execute(segments.recipients_query(segment, platforms=("telegram",)))).all()
    return [row[0] for row in rows]


async def move(sm: SM, config: Config, need_id: int, frm: str, to: str, note: str | None = None) -> nd.Move:
    async with sm.begin() as s:
        return await nd.move(s, ADMIN, config, need_id, from_status=frm, to_status=to, note=note, now=NOW)


def test_lifecycle_moves_follow_the_table() -> None:
    assert lc.can_move(N.IDENTIFIED, N.SEARCHING) and lc.can_move(N.IN_PROGRESS, N.SOLVED)
    assert lc.can_move(N.DROPPED, N.IDENTIFIED)
    assert not lc.can_move(N.IDENTIFIED, N.SOLVED) and not lc.can_move(N.SEARCHING, N.IDENTIFIED)
    assert all(not lc.can_move(N.SOLVED, to) for to in N)
    assert lc.allowing(lc.NEED, lc.SHARE) == (N.IDENTIFIED, N.SEARCHING, N.PLANNED, N.IN_PROGRESS)


async def test_status_changes_with_dated_notes_and_forged_moves(sessionmaker: SM, config: Config) -> None:
    need_id = await new_need(sessionmaker, config)
    await move(sessionmaker, config, need_id, N.IDENTIFIED, N.SEARCHING, "در حال گفت‌وگو با دانشگاه")
    for frm, to in ((N.IDENTIFIED, N.PLANNED), (N.SEARCHING, N.SOLVED), (N.SEARCHING, "archived")):
        with pytest.raises(StaleAction):  # a double tap (old status) or a move the table forbids
            await move(sessionmaker, config, need_id, frm, to)
    with pytest.raises(NotAllowed):
        async with sessionmaker.begin() as s:
            await nd.move(
                s, who(501), config, need_id, from_status=N.SEARCHING, to_status=N.PLANNED, note=None, now=NOW
            )
    await move(sessionmaker, config, need_id, N.SEARCHING, N.PLANNED)
    async with sessionmaker() as s:
        events = (await s.execute(select(NeedEvent).order_by(NeedEvent.id))).scalars().all()
        card = await cards.card(s, ADMIN, config, need_id, now=NOW)
    assert [(e.status, e.note, e.by_user_id) for e in events] == [
        (N.IDENTIFIED, None, 9000),
        (N.SEARCHING, "در حال گفت‌وگو با دانشگاه", 9000),
        (N.PLANNED, None, 9000),
    ]
    assert card.need.status == N.PLANNED and [e.status for e in card.history] == [
        N.PLANNED,
        N.SEARCHING,
        N.IDENTIFIED,
    ]


async def test_from_survey_answer_attaches_who_chose_it(sessionmaker: SM, config: Config) -> None:
    survey_id, m = await seed_survey(sessionmaker, extra_members=2)
    async with sessionmaker.begin() as s:
        r = await flow.begin_from_survey(s, ADMIN, config, survey_id, 2, 2, now=NOW)  # «کشت بدون خاک»
        assert (r.step, r.data["suggest"], r.data["chose"]) == (flow.TITLE, "کشت بدون خاک", 3)
        r = await flow.press(s, ADMIN, config, "ttl", "-", r.token, now=NOW)
        with pytest.raises(StaleAction):  # the title's button again: its token is gone
            await flow.press(s, ADMIN, config, "ttl", "-", "abcdef", now=NOW)
        stale_token = r.token
        r = await flow.press(s, ADMIN, config, "cat", "cut", r.token, now=NOW)
        with pytest.raises(StaleAction):
            await flow.press(s, ADMIN, config, "cat", "pot", stale_token, now=NOW)
        r = await flow.skip(s, ADMIN, config, r.token, now=NOW)
    assert r.kind == "created" and r.need is not None and r.count == 3
    async with sessionmaker() as s:
        rows = (await s.execute(select(NeedMember).order_by(NeedMember.member_id))).scalars().all()
        need = await s.get(Need, r.need.id)
    assert [(x.member_id, x.source) for x in rows] == [
        (m[501], "survey"),
        (m[502], "survey"),
        (m[503], "survey"),
    ]
    assert need is not None and (need.title, need.category, need.source) == (
        "کشت بدون خاک",
        "cut",
        f"{survey_id}:tech:soilless",
    )


async def test_anonymous_surveys_and_members_cannot_make_needs(sessionmaker: SM, config: Config) -> None:
    survey_id, _ = await seed_survey(sessionmaker, anonymous=True)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput):
            await flow.begin_from_survey(s, ADMIN, config, survey_id, 2, 2, now=NOW)
        with pytest.raises(NotAllowed):
            await flow.begin_need(s, who(501), config, now=NOW)
        with pytest.raises(StaleAction):
            await flow.begin_from_survey(s, ADMIN, config, survey_id + 50, 2, 2, now=NOW)


async def test_share_is_idempotent_and_only_for_published_open_needs(
    sessionmaker: SM, config: Config
) -> None:
    m = await members(sessionmaker, 501, 502)
    need_id = await new_need(sessionmaker, config)
    hidden_id = await new_need(sessionmaker, config, published=False)
    async with sessionmaker.begin() as s:
        first, changed = await board.share(s, who(501), need_id, now=NOW)
        again, changed_again = await board.share(s, who(501), need_id, now=NOW)
        other, _ = await board.share(s, who(502), need_id, now=NOW)
    assert (first.count, changed, again.count, changed_again, other.count) == (1, True, 1, False, 2)
    async with sessionmaker.begin() as s:
        for forged in (hidden_id, 999_999):
            with pytest.raises(StaleAction):
                await board.share(s, who(501), forged, now=NOW)
        roster = (await nd.roster(s, ADMIN, config, need_id))[1]
    assert [(mem.id, row.source) for mem, row in roster] == [(m[501], "self"), (m[502], "self")]
    await move(sessionmaker, config, need_id, N.IDENTIFIED, N.DROPPED)
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):  # a dropped need takes no new members
            await board.share(s, who(502), need_id, now=NOW)


async def test_one_notice_per_change_and_opt_out(sessionmaker: SM, config: Config) -> None:
    m = await members(sessionmaker, 501, 502, 503)
    need_id = await new_need(sessionmaker, config)
    async with sessionmaker.begin() as s:
        await board.share(s, who(501), need_id, now=NOW)
        await board.share(s, who(502), need_id, now=NOW)
        await board.set_notices(s, who(502), need_id, False)
        with pytest.raises(StaleAction):  # 503 does not share it: nothing to turn off
            await board.set_notices(s, who(503), need_id, False)
    first = await move(sessionmaker, config, need_id, N.IDENTIFIED, N.SEARCHING, "یادداشت")
    second = await move(sessionmaker, config, need_id, N.SEARCHING, N.PLANNED)
    assert (first.told, second.told) == (1, 1)
    async with sessionmaker() as s:
        notices = (await s.execute(select(Broadcast).order_by(Broadcast.id))).scalars().all()
    assert [(b.origin, b.segment) for b in notices] == [
        (f"need:{need_id}:event:{first.event_id}", {"members": [str(m[501])]}),
        (f"need:{need_id}:event:{second.event_id}", {"members": [str(m[501])]}),
    ]
    assert "یادداشت" in (notices[0].text_html or "") and "در جست‌وجوی راه‌حل" in (notices[0].text_html or "")
    async with sessionmaker.begin() as s:  # the same change asked again (a retry) queues nothing more
        again = await notify(
            s, config=config, member_ids=[m[501]], now=NOW, text_html="x", origin=notices[0].origin
        )
    assert again is None
    hidden = await new_need(sessionmaker, config, published=False)
    async with sessionmaker.begin() as s:
        await nd.attach(s, hidden, [m[503]], "cda", NOW)
    assert (await move(sessionmaker, config, hidden, N.IDENTIFIED, N.SEARCHING)).told == 0
    async with sessionmaker() as s:
        assert (await s.execute(select(func.count()).select_from(Broadcast))).scalar_one() == 2


async def test_need_segment_is_exactly_the_attached_members(sessionmaker: SM, config: Config) -> None:
    m = await members(sessionmaker, 501, 502, 503, 504)
    a, b = await new_need(sessionmaker, config), await new_need(sessionmaker, config, title="آب")
    async with sessionmaker.begin() as s:
        assert await nd.attach(s, a, [m[501], m[503], m[503]], "cda", NOW) == 2
        assert await nd.attach(s, a, [m[501]], "cda", NOW) == 0
        await nd.attach(s, b, [m[504]], "cda", NOW)
    assert await recipients(sessionmaker, {"need": [str(a)]}) == [m[501], m[503]]
    assert await recipients(sessionmaker, {"need": [str(a), str(b)]}) == [m[501], m[503], m[504]]
    assert await recipients(sessionmaker, {"need": ["x", "²", "99999999999", "-1"]}) == []
    async with sessionmaker.begin() as s:
        assert await nd.message_members(s, ADMIN, config, a, "جلسهٔ هم‌اندیشی", now=NOW) == 2
        with pytest.raises(NotAllowed):
            await nd.message_members(s, who(501), config, a, "x", now=NOW)
        card = await cards.card(s, ADMIN, config, a, now=NOW)
    assert [(x.kind, "هم‌اندیشی" in x.title) for x in card.links] == [("broadcast", True)]


async def add_course(sm: SM, title: str, *, days: int = 5, status: str = "published") -> int:
    async with sm.begin() as s:
        event = Event(
            kind="course",
            status=status,
            title=title,
            starts_at=NOW + timedelta(days=days),
            capacity=20,
            segment={},
            created_by=9000,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(event)
        await s.flush()
        return event.id


async def test_providers_and_actions_linked_and_a_course_announced_once(
    sessionmaker: SM, config: Config
) -> None:
    m = await members(sessionmaker, 501, 502, 503)
    need_id = await new_need(sessionmaker, config)
    course = await add_course(sessionmaker, "سردخانهٔ کوچک")
    draft = await add_course(sessionmaker, "پیش‌نویس", status="draft")
    past = await add_course(sessionmaker, "گذشته", days=-1)
    values = {"name": "شرکت سرمایش سبز", "kind": "company", "field": "سردخانه", "city": "اراک"}
    async with sessionmaker.begin() as s:
        provider = await pv.create(
            s, ADMIN, config, {**values, "contact": "۰۸۶-۳۳۳", "knowledge_based": True}, now=NOW
        )
        assert await pv.toggle_link(s, ADMIN, config, need_id, provider.id, False, now=NOW) is True
        with pytest.raises(StaleAction):  # the picker's old button (showed «not linked»)
            await pv.toggle_link(s, ADMIN, config, need_id, provider.id, False, now=NOW)
        with pytest.raises(StaleAction):
            await pv.toggle_link(s, ADMIN, config, need_id, provider.id + 9, False, now=NOW)
        assert [c.id for c in await links.candidates(s, ADMIN, config, need_id, "course", now=NOW)] == [
            course
        ]
        for forged in ((draft, "course"), (past, "course"), (course, "tour"), (course, "member")):
            with pytest.raises(StaleAction):
                await links.link(s, ADMIN, config, need_id, forged[1], forged[0], now=NOW)
        with pytest.raises(StaleAction):  # not linked yet: nothing to announce
            await links.announce_course(s, ADMIN, config, need_id, course, now=NOW)
        await links.link(s, ADMIN, config, need_id, "course", course, now=NOW)
        await links.link(s, ADMIN, config, need_id, "course", course, now=NOW)  # twice: one link
        await nd.attach(s, need_id, [m[501], m[503]], "cda", NOW)
        assert await links.announce_course(s, ADMIN, config, need_id, course, now=NOW) == 2
        with pytest.raises(InvalidInput) as twice:
            await links.announce_course(s, ADMIN, config, need_id, course, now=NOW)
        assert twice.value.code == "need_already_announced"
    async with sessionmaker() as s:
        card = await cards.card(s, ADMIN, config, need_id, now=NOW)
        broadcasts = (await s.execute(select(Broadcast))).scalars().all()
        view = await board.view(s, who(502), need_id)
    assert [p.name for p in card.providers] == ["شرکت سرمایش سبز"]
    assert [x.kind for x in card.links] == ["course", "broadcast"]
    assert [(b.origin, b.segment) for b in broadcasts] == [
        (f"need:{need_id}:course:{course}", {"members": sorted([str(m[501]), str(m[503])])})
    ]
    assert "سردخانهٔ کوچک" in (broadcasts[0].text_html or "")
    assert [x.title for x in view.planned] == ["سردخانهٔ کوچک"] and not view.shared
    assert not view.providers[0].contact_public  # members do not see its contact (render checks it)


async def test_provider_flips_and_forms_refuse_forged_presses(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker.begin() as s:
        r = await flow.begin_provider(s, ADMIN, config, now=NOW)
        r = await flow.receive(s, ADMIN, config, "دانشگاه اراک", None, now=NOW)
        with pytest.raises(StaleAction):
            await flow.press(s, ADMIN, config, "kind", "spaceship", r.token, now=NOW)
        with pytest.raises(NotAllowed):
            await flow.press(s, who(501), config, "kind", "academic", r.token, now=NOW)
        r = await flow.press(s, ADMIN, config, "kind", "academic", r.token, now=NOW)
        for text in ("باغبانی", "اراک", "info@araku.ac.ir"):
            r = await flow.receive(s, ADMIN, config, text, None, now=NOW)
        r = await flow.press(s, ADMIN, config, "kb", "1", r.token, now=NOW)
        r = await flow.press(s, ADMIN, config, "pub", "0", r.token, now=NOW)
    assert r.kind == "provider" and r.provider is not None
    p = r.provider
    assert (p.name, p.kind, p.field, p.city, p.knowledge_based, p.contact_public) == (
        "دانشگاه اراک", "academic", "باغبانی", "اراک", True, False
    )  # fmt: skip
    async with sessionmaker.begin() as s:
        flipped = await pv.flip(s, ADMIN, config, p.id, "contact_public", False, now=NOW)
        assert flipped.contact_public is True
        with pytest.raises(StaleAction):  # the same old card pressed again
            await pv.flip(s, ADMIN, config, p.id, "contact_public", False, now=NOW)
        with pytest.raises(NotAllowed):
            await pv.flip(s, who(501), config, p.id, "contact_public", True, now=NOW)
