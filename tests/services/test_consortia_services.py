"""Export profiles, introductions and consortia on SQLite and PostgreSQL: forged data refused, the
double opt-in, the weekly limit, opt-out, invitations, the `consortium` segment, roster files."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.common import guided_form as gf
from bot.services.common import segments
from bot.services.common.conversations import state_of
from bot.services.common.errors import InvalidInput, NotAllowed, StaleAction
from bot.services.consortium import admin_flow as cflow
from bot.services.consortium import consortia as cs
from bot.services.consortium import export
from bot.services.consortium import export_profile as ep
from bot.services.consortium import introductions as intro
from bot.services.consortium import profile_flow as pflow
from bot.services.members.accounts import Identity
from models import Broadcast, ConsortiumMember, ExportProfile, Introduction
from tests.factories import NOW, add_member

SM = async_sessionmaker[AsyncSession]
ADMIN = Identity("telegram", 9000, 9000)


def who(user_id: int) -> Identity:
    return Identity("telegram", user_id, user_id)


async def member_with_profile(
    sm: SM,
    config: Config,
    user_id: int,
    *products: tuple[str, int, str],
    markets: tuple[str, ...] = ("iraq",),
    offers: tuple[str, ...] = (),
    needs: tuple[str, ...] = (),
) -> int:
    async with sm.begin() as s:
        member = await add_member(s, user_id)
        member_id = member.id
    async with sm.begin() as s:
        for key in markets:
            await ep.toggle(s, who(user_id), config, "mk", key, now=NOW)
        for key in offers:
            await ep.toggle(s, who(user_id), config, "of", key, now=NOW)
        for key in needs:
            await ep.toggle(s, who(user_id), config, "nd", key, now=NOW)
        for category, capacity, unit in products:
            await ep.add_product(
                s, member_id, config, category=category, crop=None, capacity=capacity, unit=unit, now=NOW
            )
    return member_id


async def test_profile_toggles_check_keys_and_products_belong_to_their_owner(
    sessionmaker: SM, config: Config
) -> None:
    await member_with_profile(sessionmaker, config, 11, ("cut", 1000, "stem"))
    await member_with_profile(sessionmaker, config, 12, ("potted", 50, "pot"))
    async with sessionmaker.begin() as s:
        profile = await ep.toggle(s, who(11), config, "mk", "qatar", now=NOW)
        assert profile.markets == ["iraq", "qatar"]
        profile = await ep.toggle(s, who(11), config, "mk", "iraq", now=NOW)
        assert profile.markets == ["qatar"]
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):
            await ep.toggle(s, who(11), config, "mk", "mars", now=NOW)
        with pytest.raises(StaleAction):
            await ep.toggle(s, who(11), config, "zz", "iraq", now=NOW)
        with pytest.raises(StaleAction):
            await ep.set_experience(s, who(11), "expert", now=NOW)
        other = await ep.get_profile(s, (await ep.member_of(s, who(12))).id)
        assert other is not None
        foreign_product = other.products[0].id
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):  # someone else's product id, forged in the button data
            await ep.remove_product(s, who(11), foreign_product, now=NOW)
    async with sessionmaker() as s:
        kept = await ep.get_profile(s, (await ep.member_of(s, who(12))).id)
        assert kept is not None and len(kept.products) == 1


async def test_adding_a_product_step_by_step_survives_bad_input(sessionmaker: SM, config: Config) -> None:
    async with sessionmaker.begin() as s:
        await add_member(s, 21)
    async with sessionmaker.begin() as s:
        first = await pflow.begin(s, who(21), now=NOW)
    async with sessionmaker.begin() as s:
        crop = await pflow.choose_category(s, who(21), config, "cut", token=first.token, now=NOW)
        with pytest.raises(StaleAction):  # the category buttons are stale at the crop question
            await pflow.choose_category(s, who(21), config, "potted", token=first.token, now=NOW)
    async with sessionmaker.begin() as s:
        await pflow.receive(s, who(21), "رز هلندی", now=NOW)
        with pytest.raises(StaleAction):  # so is the crop's «رد شدن» at the capacity question
            await pflow.skip_crop(s, who(21), token=crop.token, now=NOW)
    for bad, code in (
        ("دوازده هزار", "exp_capacity_number"),
        ("0", "exp_capacity_range"),
        ("-5", "exp_capacity_number"),
    ):
        async with sessionmaker.begin() as s:
            with pytest.raises(InvalidInput) as err:
                await pflow.receive(s, who(21), bad, now=NOW)
            assert err.value.code == code
    async with sessionmaker.begin() as s:
        unit = await pflow.receive(s, who(21), "۱۲٬۰۰۰", now=NOW)
    assert unit.step == pflow.UNIT
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):
            await pflow.choose_unit(s, who(21), config, "tonnes", token=unit.token, now=NOW)
    async with sessionmaker.begin() as s:
        done = await pflow.choose_unit(s, who(21), config, "stem", token=unit.token, now=NOW)
    assert done.profile is not None
    product = done.profile.products[0]
    assert (product.category, product.crop, product.monthly_capacity, product.unit) == (
        "cut",
        "رز هلندی",
        12000,
        "stem",
    )
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):  # the flow is over: a second tap adds nothing
            await pflow.choose_unit(s, who(21), config, "stem", token=unit.token, now=NOW)


async def test_suggestions_exclude_opted_out_members_and_explain_themselves(
    sessionmaker: SM, config: Config
) -> None:
    await member_with_profile(sessionmaker, config, 31, ("cut", 10_000, "stem"), needs=("cold_storage",))
    complement = await member_with_profile(
        sessionmaker, config, 32, ("potted", 500, "pot"), offers=("cold_storage",)
    )
    overlap = await member_with_profile(sessionmaker, config, 33, ("cut", 4_000, "stem"))
    await member_with_profile(sessionmaker, config, 34, ("bulb", 100, "kg"), offers=("cold_storage",))
    async with sessionmaker.begin() as s:
        await ep.set_opt_out(s, who(34), True, now=NOW)
    async with sessionmaker.begin() as s:
        page = await intro.suggestions(s, who(31), config, 0, now=NOW)
    assert [i.member.id for i in page.items] == [complement, overlap]
    assert [r.code for r in page.items[0].match.reasons] == ["market", "gives", "complement"]
    async with sessionmaker.begin() as s:
        await ep.set_opt_out(s, who(31), True, now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="exp_opted_out"):
            await intro.suggestions(s, who(31), config, 0, now=NOW)


async def test_introduction_is_double_opt_in_and_contacts_travel_only_after_acceptance(
    sessionmaker: SM, config: Config
) -> None:
    a = await member_with_profile(sessionmaker, config, 41, ("cut", 1, "stem"))
    b = await member_with_profile(sessionmaker, config, 42, ("potted", 1, "pot"))
    async with sessionmaker.begin() as s:
        made = await intro.request_intro(s, who(41), config, b, now=NOW)
    async with sessionmaker() as s:
        request = (await s.execute(select(Broadcast))).scalars().one()
    assert request.segment == {"members": [str(b)]}
    # the name as shown (digits in Persian text turn Persian), and no phone number in any digits
    assert "عضو ۴۱" in (request.text_html or "") and "0912" not in (request.text_html or "")
    assert "۰۹۱۲" not in (request.text_html or "")
    assert "+98912" not in (request.text_html or "")
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):  # the requester cannot answer their own request
            await intro.answer_intro(s, who(41), config, made.id, True, now=NOW)
        with pytest.raises(InvalidInput, match="mch_already_asked"):
            await intro.request_intro(s, who(41), config, b, now=NOW)
        with pytest.raises(InvalidInput, match="mch_they_asked"):
            await intro.request_intro(s, who(42), config, a, now=NOW)
    async with sessionmaker.begin() as s:
        answer = await intro.answer_intro(s, who(42), config, made.id, True, now=NOW)
    assert answer.accepted and answer.requester.id == a
    async with sessionmaker() as s:
        told = (await s.execute(select(Broadcast).order_by(Broadcast.id))).scalars().all()[-1]
    assert told.segment == {"members": [str(a)]} and "۰۹۱۲" in (told.text_html or "")
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):  # a double tap
            await intro.answer_intro(s, who(42), config, made.id, False, now=NOW)


async def test_declined_requests_cannot_be_repeated_and_share_nothing(
    sessionmaker: SM, config: Config
) -> None:
    await member_with_profile(sessionmaker, config, 51, ("cut", 1, "stem"))
    b = await member_with_profile(sessionmaker, config, 52, ("potted", 1, "pot"))
    async with sessionmaker.begin() as s:
        made = await intro.request_intro(s, who(51), config, b, now=NOW)
    async with sessionmaker.begin() as s:
        await intro.answer_intro(s, who(52), config, made.id, False, now=NOW)
    async with sessionmaker() as s:
        told = (await s.execute(select(Broadcast).order_by(Broadcast.id))).scalars().all()[-1]
    assert "۰۹۱۲" not in (told.text_html or "") and "عضو ۵۲" not in (told.text_html or "")
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="mch_declined_before"):
            await intro.request_intro(s, who(51), config, b, now=NOW + timedelta(days=30))


async def test_weekly_limit_counts_the_last_seven_days(sessionmaker: SM, config: Config) -> None:
    await member_with_profile(sessionmaker, config, 61, ("cut", 1, "stem"))
    others = [await member_with_profile(sessionmaker, config, 62 + i, ("potted", 1, "pot")) for i in range(5)]
    limit = config.consortia.weekly_requests
    for target in others[:limit]:
        async with sessionmaker.begin() as s:
            await intro.request_intro(s, who(61), config, target, now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="mch_weekly_limit"):
            await intro.request_intro(s, who(61), config, others[limit], now=NOW + timedelta(days=6))
    async with sessionmaker.begin() as s:
        await intro.request_intro(s, who(61), config, others[limit], now=NOW + timedelta(days=7, minutes=1))
        assert (
            await intro.requests_this_week(
                s, (await ep.member_of(s, who(61))).id, now=NOW + timedelta(days=7, minutes=1)
            )
            == 1
        )


async def test_opted_out_members_cannot_be_asked_invited_or_grouped(sessionmaker: SM, config: Config) -> None:
    await member_with_profile(sessionmaker, config, 71, ("cut", 1, "stem"))
    gone = await member_with_profile(sessionmaker, config, 72, ("cut", 9_999, "stem"))
    async with sessionmaker.begin() as s:
        await ep.set_opt_out(s, who(72), True, now=NOW)
        consortium = await cs.create(s, ADMIN, config, name="رز محلات", market="iraq", focus="cut", now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="mch_unavailable"):
            await intro.request_intro(s, who(71), config, gone, now=NOW)
        with pytest.raises(StaleAction):
            await cs.invite(s, ADMIN, config, consortium.id, gone, now=NOW)
        found = await cs.candidates(s, ADMIN, config, consortium.id)
        assert gone not in [m.id for m, _ in found]
        groups, _ = await cs.inquiry_groups(
            s, ADMIN, config, cs.mm.Demand("iraq", frozenset({"cut"}), 5, "stem")
        )
        assert all(gone not in g.member_ids for g in groups)


async def test_consortium_lifecycle_invitations_segment_message_and_export(
    sessionmaker: SM, config: Config
) -> None:
    ids = [
        await member_with_profile(sessionmaker, config, 80 + i, ("cut", 1000 * (i + 1), "stem"))
        for i in range(3)
    ]
    async with sessionmaker.begin() as s:
        with pytest.raises(NotAllowed):
            await cs.create(s, who(80), config, name="x", market="iraq", focus="cut", now=NOW)
        with pytest.raises(StaleAction):
            await cs.create(s, ADMIN, config, name="x", market="mars", focus="cut", now=NOW)
        consortium = await cs.create(s, ADMIN, config, name="رز <محلات>", market="iraq", focus="cut", now=NOW)
        cid = consortium.id
    async with sessionmaker.begin() as s:
        found = await cs.candidates(s, ADMIN, config, cid)
    assert [m.id for m, _ in found] == [ids[2], ids[1], ids[0]]  # largest capacity first
    for member_id in ids:
        async with sessionmaker.begin() as s:
            await cs.invite(s, ADMIN, config, cid, member_id, now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="cns_already_invited"):
            await cs.invite(s, ADMIN, config, cid, ids[0], now=NOW)
        await cs.answer_invitation(s, who(80), cid, True, now=NOW)
        await cs.answer_invitation(s, who(81), cid, False, now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):  # answered already
            await cs.answer_invitation(s, who(80), cid, False, now=NOW)
        with pytest.raises(NotAllowed):
            await cs.advance_stage(s, who(80), config, cid, "forming", now=NOW)
        view = await cs.advance_stage(s, ADMIN, config, cid, "forming", now=NOW)
        assert view.consortium.stage == "agreed"
        with pytest.raises(StaleAction):  # the same press again
            await cs.advance_stage(s, ADMIN, config, cid, "forming", now=NOW)
    assert [(e.member.id, e.status) for e in view.roster] == [
        (ids[0], "accepted"), (ids[2], "invited"), (ids[1], "declined")
    ]  # fmt: skip
    async with sessionmaker.begin() as s:
        segment = {"consortium": [str(cid)]}
        reached = (await s.execute(segments.recipients_query(segment, platforms=("telegram",)))).all()
        assert [r[0] for r in reached] == [ids[0]]
        assert await cs.message_members(s, ADMIN, config, cid, "جلسه فردا", now=NOW) == 1
    async with sessionmaker() as s:
        queued = (
            (await s.execute(select(Broadcast).where(Broadcast.created_by == ADMIN.user_id))).scalars().one()
        )
    assert queued.segment == segment and queued.status == "scheduled"
    assert "رز &lt;محلات&gt;" in (queued.text_html or "") and "جلسه فردا" in (queued.text_html or "")
    async with sessionmaker.begin() as s:  # an export is audited (a write)
        name, rows = await export.roster_rows(s, ADMIN, config, cid)
    assert name == "رز <محلات>"
    assert rows[0][:2] == ["عضو 80", "09120000080"] and rows[0][4] == "عضو"
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(rows))).active
    assert sheet is not None and sheet.sheet_view.rightToLeft
    assert sheet["A1"].value == "نام و نام خانوادگی" and sheet["B2"].value == "09120000080"
    assert sheet["H2"].value == "۱۴۰۵/۰۹/۰۵ ۱۱:۳۰"
    text = export.to_csv(rows).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][0] == "عضو 80"


async def token(s: AsyncSession) -> str:
    """The token the buttons of the CDA's current step carry."""
    state = await state_of(s, ADMIN)
    return gf.step_token(state) if state is not None else ""


async def test_buyer_inquiry_conversation_ranks_groups(sessionmaker: SM, config: Config) -> None:
    await member_with_profile(sessionmaker, config, 91, ("cut", 20_000, "stem"))
    await member_with_profile(sessionmaker, config, 92, ("cut", 15_000, "stem"))
    await member_with_profile(sessionmaker, config, 93, ("cut", 90_000, "stem"), markets=("russia",))
    presses = [("icat", "cut"), ("icok", "")]
    async with sessionmaker.begin() as s:
        market_token = (await cflow.begin_inquiry(s, ADMIN, config, now=NOW)).token
    async with sessionmaker.begin() as s:
        await cflow.choose(s, ADMIN, config, "imk", "iraq", token=market_token, now=NOW)
        with pytest.raises(InvalidInput, match="cns_no_category"):
            await cflow.choose(s, ADMIN, config, "icok", "", token=await token(s), now=NOW)
        with pytest.raises(StaleAction):  # the market step's token at the categories step
            await cflow.choose(s, ADMIN, config, "icat", "cut", token=market_token, now=NOW)
    for action, key in presses:
        async with sessionmaker.begin() as s:
            await cflow.choose(s, ADMIN, config, action, key, token=await token(s), now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="exp_capacity_number"):
            await cflow.receive(s, ADMIN, config, "خیلی زیاد", None, now=NOW)
    async with sessionmaker.begin() as s:
        await cflow.receive(s, ADMIN, config, "۳۰۰۰۰", None, now=NOW)
    async with sessionmaker.begin() as s:
        await cflow.choose(s, ADMIN, config, "iun", "stem", token=await token(s), now=NOW)
    async with sessionmaker.begin() as s:
        last = await token(s)
        result = await cflow.choose(s, ADMIN, config, "iceok", "", token=last, now=NOW)
    assert result.kind == "groups" and result.groups[0].shortfall == 0
    assert sorted(result.names[m] for m in result.groups[0].member_ids) == ["عضو 91", "عضو 92"]
    async with sessionmaker.begin() as s:
        with pytest.raises(StaleAction):  # the conversation is over
            await cflow.choose(s, ADMIN, config, "iceok", "", token=last, now=NOW)
    async with sessionmaker() as s:
        assert (await s.execute(select(ExportProfile))).scalars().all()
        assert not (await s.execute(select(Introduction))).scalars().all()
        assert not (await s.execute(select(ConsortiumMember))).scalars().all()


async def test_market_groups_for_the_cda_only(sessionmaker: SM, config: Config) -> None:
    for i, category in enumerate(("cut", "potted", "bulb", "cut")):
        await member_with_profile(sessionmaker, config, 101 + i, (category, 1000 * (i + 1), "stem"))
    await member_with_profile(sessionmaker, config, 110, ("cut", 5, "stem"), markets=("russia",))
    async with sessionmaker.begin() as s:
        groups, names = await cs.market_groups(s, ADMIN, config, "iraq")
        assert len(groups) == 1 and groups[0].categories == ["bulb", "cut", "potted"]
        # the largest grower seeds the group; each next member adds a category nobody had; a place
        # still free takes the second "cut" grower too (it adds capacity, not a category)
        assert [names[m] for m in groups[0].member_ids] == ["عضو 104", "عضو 103", "عضو 102", "عضو 101"]
        assert groups[0].capacity == {"stem": 10_000}
        assert await cs.market_groups(s, ADMIN, config, "russia") == ([], {})
        with pytest.raises(NotAllowed):
            await cs.market_groups(s, who(101), config, "iraq")
        with pytest.raises(StaleAction):
            await cs.market_groups(s, ADMIN, config, "mars")


async def test_erasing_a_member_erases_their_profile_introductions_and_memberships(
    sessionmaker: SM, config: Config
) -> None:
    from bot.services.members.accounts import find_account
    from bot.services.members.members import delete_member
    from models import ProfileProduct

    a = await member_with_profile(sessionmaker, config, 121, ("cut", 1, "stem"))
    b = await member_with_profile(sessionmaker, config, 122, ("potted", 1, "pot"))
    async with sessionmaker.begin() as s:
        await intro.request_intro(s, who(121), config, b, now=NOW)
        consortium = await cs.create(s, ADMIN, config, name="گروه", market="iraq", focus="cut", now=NOW)
        await cs.invite(s, ADMIN, config, consortium.id, a, now=NOW)
    async with sessionmaker.begin() as s:
        account = await find_account(s, who(121))
        assert account is not None
        assert await delete_member(s, account)
    async with sessionmaker() as s:
        assert await s.get(ExportProfile, a) is None
        products = (await s.execute(select(ProfileProduct.member_id))).scalars().all()
        assert products == [b]
        assert (await s.execute(select(Introduction))).scalars().all() == []
        assert (await s.execute(select(ConsortiumMember))).scalars().all() == []


async def test_suggestions_are_paged_in_a_stable_order(sessionmaker: SM, config: Config) -> None:
    await member_with_profile(sessionmaker, config, 130, ("cut", 1, "stem"))
    partners = [
        await member_with_profile(sessionmaker, config, 131 + i, ("potted", 1, "pot")) for i in range(7)
    ]
    async with sessionmaker.begin() as s:
        first = await intro.suggestions(s, who(130), config, 0, now=NOW)
        second = await intro.suggestions(s, who(130), config, 1, now=NOW)
        beyond = await intro.suggestions(s, who(130), config, 99, now=NOW)
    assert (first.total, first.pages, config.consortia.page_size) == (7, 2, 5)
    assert [i.member.id for i in first.items + second.items] == partners  # equal scores: by member id
    assert beyond.page == 1 and [i.member.id for i in beyond.items] == partners[5:]


async def test_an_incomplete_profile_is_neither_suggested_nor_asked(sessionmaker: SM, config: Config) -> None:
    """A member whose profile lost its products (or markets) is refused suggestions, so others are
    not offered them either, and a request from an old suggestion page is refused."""
    await member_with_profile(sessionmaker, config, 141, ("cut", 1_000, "stem"))
    emptied = await member_with_profile(sessionmaker, config, 142, ("potted", 50, "pot"))
    no_market = await member_with_profile(sessionmaker, config, 143, ("bulb", 10, "kg"))
    kept = await member_with_profile(sessionmaker, config, 144, ("seedling", 70, "pot"))
    async with sessionmaker.begin() as s:
        assert {i.member.id for i in (await intro.suggestions(s, who(141), config, 0, now=NOW)).items} == {
            emptied,
            no_market,
            kept,
        }
        profile = await ep.get_profile(s, emptied)
        assert profile is not None
        await ep.remove_product(s, who(142), profile.products[0].id, now=NOW)
        await ep.toggle(s, who(143), config, "mk", "iraq", now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="exp_incomplete"):
            await intro.suggestions(s, who(142), config, 0, now=NOW)
        page = await intro.suggestions(s, who(141), config, 0, now=NOW)
        assert [i.member.id for i in page.items] == [kept]
        for target in (emptied, no_market):
            with pytest.raises(InvalidInput, match="mch_unavailable"):
                await intro.request_intro(s, who(141), config, target, now=NOW)
        groups, _ = await cs.market_groups(s, ADMIN, config, "iraq")
        assert all(emptied not in g.member_ids and no_market not in g.member_ids for g in groups)


async def test_after_a_decline_each_side_is_told_what_happened(sessionmaker: SM, config: Config) -> None:
    """D asks C, C declines. Asking again, D hears that C declined; C, asking D, hears that C
    declined D's request (not that D declined). Suggestions show both instead of a request button."""
    c = await member_with_profile(sessionmaker, config, 151, ("cut", 1, "stem"))
    d = await member_with_profile(sessionmaker, config, 152, ("potted", 1, "pot"))
    async with sessionmaker.begin() as s:
        made = await intro.request_intro(s, who(152), config, c, now=NOW)
    async with sessionmaker.begin() as s:
        await intro.answer_intro(s, who(151), config, made.id, False, now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="mch_declined_before"):
            await intro.request_intro(s, who(152), config, c, now=NOW)
        with pytest.raises(InvalidInput, match="mch_you_declined"):
            await intro.request_intro(s, who(151), config, d, now=NOW)
        [seen_by_c] = (await intro.suggestions(s, who(151), config, 0, now=NOW)).items
        [seen_by_d] = (await intro.suggestions(s, who(152), config, 0, now=NOW)).items
    assert (seen_by_c.member.id, seen_by_c.past, seen_by_c.requested) == (d, "you_declined", True)
    assert (seen_by_d.member.id, seen_by_d.past, seen_by_d.requested) == (c, "they_declined", True)


async def test_introduced_members_are_told_they_already_met(sessionmaker: SM, config: Config) -> None:
    a = await member_with_profile(sessionmaker, config, 161, ("cut", 1, "stem"))
    b = await member_with_profile(sessionmaker, config, 162, ("potted", 1, "pot"))
    async with sessionmaker.begin() as s:
        made = await intro.request_intro(s, who(161), config, b, now=NOW)
    async with sessionmaker.begin() as s:
        with pytest.raises(InvalidInput, match="mch_they_asked"):  # still waiting for b's answer
            await intro.request_intro(s, who(162), config, a, now=NOW)
        assert (await intro.suggestions(s, who(162), config, 0, now=NOW)).items[0].past == "they_asked"
        await intro.answer_intro(s, who(162), config, made.id, True, now=NOW)
    async with sessionmaker.begin() as s:
        for asker, target in ((161, b), (162, a)):
            with pytest.raises(InvalidInput, match="mch_introduced"):
                await intro.request_intro(s, who(asker), config, target, now=NOW)
        assert (await intro.suggestions(s, who(161), config, 0, now=NOW)).items[0].past == "introduced"
