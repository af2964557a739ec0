"""One member per person across Telegram and Bale: linking on registration, delivery per person."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.persian import normalize_digits
from bot.services.broadcasts import delivery as dl
from bot.services.common import segments
from bot.services.members.accounts import Identity
from bot.services.members.linking import MAX_TRIES
from models import Account, Broadcast, Delivery, Member
from models.enums import BroadcastKind, BroadcastStatus, DeliveryStatus
from tests.factories import add_member
from tests.services.test_dialog_service import NOW, Driver

BOTH = ("telegram", "bale")
PHONE = "09121234567"
SARA_TG = Identity(platform="telegram", user_id=5001, chat_id=5001)
SARA_BALE = Identity(platform="bale", user_id=777001, chat_id=777001)


@pytest.fixture
def tg_config(config: Config) -> Config:
    return dataclasses.replace(config, platform="telegram", running=BOTH)


@pytest.fixture
def bale_config(config: Config) -> Config:
    return dataclasses.replace(config, platform="bale", running=BOTH)


async def members(sm: async_sessionmaker[AsyncSession]) -> int:
    async with sm() as s:
        return int((await s.execute(select(func.count()).select_from(Member))).scalar_one())


async def register_on_telegram(sm: Any, config: Config, *, shared: bool) -> Driver:
    sara = Driver(sm, config, SARA_TG)
    await sara.start()
    await sara.text("سارا محمدی")
    if shared:
        await sara.contact(PHONE, SARA_TG.user_id)
    else:
        await sara.text(PHONE)
    await sara.press("role", "grower")
    await sara.press("cat", "cut")
    await sara.press("catdone")
    await sara.press("place", "mahallat")
    await sara.press("areaskip")
    assert (await sara.press("confirm")).finished == "registered"
    return sara


async def test_both_own_contacts_link_at_once(
    sessionmaker: Any, tg_config: Config, bale_config: Config
) -> None:
    await register_on_telegram(sessionmaker, tg_config, shared=True)
    bale = Driver(sessionmaker, bale_config, SARA_BALE)
    first = await bale.start()
    assert (first.flow, first.step) == ("register", "full_name")  # the same welcome and questions
    await bale.text("سارا")
    linked = await bale.contact(PHONE, SARA_BALE.user_id)
    assert linked.finished == "linked" and linked.member is not None
    assert linked.member.full_name == "سارا محمدی"  # the profile she has on Telegram
    assert await members(sessionmaker) == 1
    async with sessionmaker() as s:
        accounts = (await s.execute(select(Account.platform, Account.member_id))).all()
    assert sorted(accounts) == [("bale", linked.member.id), ("telegram", linked.member.id)]
    again = await bale.start()
    assert again.member is not None and again.flow is None  # a member now: the menu, no registration


async def test_typed_number_never_links_by_itself(
    sessionmaker: Any, tg_config: Config, bale_config: Config
) -> None:
    await register_on_telegram(sessionmaker, tg_config, shared=False)  # typed on Telegram
    bale = Driver(sessionmaker, bale_config, SARA_BALE)
    await bale.start()
    await bale.text("سارا")
    offer = await bale.contact(PHONE, SARA_BALE.user_id)
    assert offer.finished is None and offer.step == "link_offer"
    async with sessionmaker() as s:
        bale_account = (await s.execute(select(Account).where(Account.platform == "bale"))).scalar_one()
        assert bale_account.member_id is None


async def code_sent(sm: async_sessionmaker[AsyncSession]) -> tuple[str, Broadcast]:
    async with sm() as s:
        broadcast = (await s.execute(select(Broadcast).where(Broadcast.origin.like("link:%")))).scalar_one()
    match = re.search(r"<b>([۰-۹]{6})</b>", broadcast.text_html or "")
    assert match, broadcast.text_html
    return match.group(1), broadcast


async def test_code_sent_to_the_registered_account_links(
    sessionmaker: Any, tg_config: Config, bale_config: Config
) -> None:
    sara_tg = await register_on_telegram(sessionmaker, tg_config, shared=True)
    bale = Driver(sessionmaker, bale_config, SARA_BALE)
    await bale.start()
    await bale.text("سارا")
    assert (await bale.text("۰۹۱۲۱۲۳۴۵۶۷")).step == "link_offer"  # typed here: offered, not linked
    asked = await bale.press("lsend")
    assert asked.step == "link_code"
    code, broadcast = await code_sent(sessionmaker)
    assert broadcast.urgent and broadcast.segment == {"members": [str((await sara_tg.start()).member.id)]}  # type: ignore[union-attr]
    assert "بله" in (broadcast.text_html or "")  # says where the request came from
    async with sessionmaker.begin() as s:
        await dl.start_due(s, config=tg_config, now=NOW)
        rows = (await s.execute(select(Delivery.messenger, Delivery.chat_id))).all()
    assert rows == [("telegram", SARA_TG.chat_id)]  # to the account already registered, not to Bale
    wrong = "۱۲۳۴۵۶" if code != "۱۲۳۴۵۶" else "۶۵۴۳۲۱"
    assert (await bale.text(wrong)).error == "link_wrong"
    linked = await bale.text(code)
    assert linked.finished == "linked"
    assert await members(sessionmaker) == 1


async def test_wrong_codes_lock_and_skip_registers_separately(
    sessionmaker: Any, tg_config: Config, bale_config: Config
) -> None:
    await register_on_telegram(sessionmaker, tg_config, shared=True)
    bale = Driver(sessionmaker, bale_config, SARA_BALE)
    await bale.start()
    await bale.text("سارا")
    await bale.text(PHONE)
    await bale.press("lsend")
    code, _ = await code_sent(sessionmaker)
    wrong = "000000" if normalize_digits(code) != "000000" else "111111"
    errors = [(await bale.text(wrong)).error for _ in range(MAX_TRIES)]
    assert errors == ["link_wrong"] * (MAX_TRIES - 1) + ["link_locked"]
    after = await bale.text(code)  # even the right code is refused once locked: back at the offer
    assert after.step == "link_offer" and after.finished is None
    alone = await bale.press("lskip")
    assert alone.step == "role"  # registration goes on where the phone answer led
    await bale.press("role", "grower")
    await bale.press("cat", "cut")
    await bale.press("catdone")
    await bale.press("place", "mahallat")
    await bale.press("areaskip")
    assert (await bale.press("confirm")).finished == "registered"
    assert await members(sessionmaker) == 2


async def test_expired_code_is_refused(sessionmaker: Any, tg_config: Config, bale_config: Config) -> None:
    await register_on_telegram(sessionmaker, tg_config, shared=True)
    bale = Driver(sessionmaker, bale_config, SARA_BALE)
    await bale.start()
    await bale.text("سارا")
    await bale.text(PHONE)
    await bale.press("lsend")
    code, _ = await code_sent(sessionmaker)
    async with sessionmaker.begin() as s:  # 16 minutes later
        state = await s.get(__import__("models").ConversationState, (await bale_account_id(s)))
        link = dict(state.data["link"])
        link["expires"] = (NOW - timedelta(minutes=1)).isoformat()
        state.data = {**state.data, "link": link}
    out = await bale.text(code)
    assert out.error == "link_expired" and out.step == "link_offer"


async def bale_account_id(s: AsyncSession) -> int:
    return int((await s.execute(select(Account.id).where(Account.platform == "bale"))).scalar_one())


async def test_a_stale_link_button_changes_nothing(
    sessionmaker: Any, tg_config: Config, bale_config: Config
) -> None:
    await register_on_telegram(sessionmaker, tg_config, shared=True)
    bale = Driver(sessionmaker, bale_config, SARA_BALE)
    await bale.start()
    await bale.text("سارا")
    await bale.text(PHONE)
    old = await bale.token()
    await bale.press("lsend")
    again = await bale.press("lsend", token=old)  # a double tap on the offer: no second code
    assert again.error == "stale"
    async with sessionmaker() as s:
        sent = (await s.execute(select(func.count()).where(Broadcast.origin.like("link:%")))).scalar_one()
    assert sent == 1


async def test_not_offered_when_the_member_already_has_an_account_here(
    sessionmaker: Any, tg_config: Config, bale_config: Config
) -> None:
    async with sessionmaker.begin() as s:
        member = await add_member(s, 5001, platform="telegram")
        s.add(
            Account(
                member_id=member.id,
                platform="bale",
                user_id=999,
                chat_id=999,
                created_at=NOW,
                last_seen_at=NOW,
            )
        )
        phone = member.phone
    bale = Driver(sessionmaker, bale_config, SARA_BALE)
    await bale.start()
    await bale.text("سارا")
    out = await bale.text("0" + phone[3:])
    assert out.step == "role"  # an ordinary registration: nobody else's account is offered


# -- delivery per person --------------------------------------------------------------------------


async def two_accounts(s: AsyncSession, user_id: int, *, bale_seen: timedelta) -> Member:
    member = await add_member(s, user_id, platform="telegram")
    s.add(
        Account(
            member_id=member.id,
            platform="bale",
            user_id=user_id + 1_000_000,
            chat_id=user_id + 1_000_000,
            created_at=NOW,
            last_seen_at=NOW + bale_seen,
        )
    )
    await s.flush()
    return member


async def test_one_delivery_per_person_on_the_messenger_used_last(
    sessionmaker: Any, tg_config: Config
) -> None:
    async with sessionmaker.begin() as s:
        recent_bale = await two_accounts(s, 1, bale_seen=timedelta(hours=1))
        recent_tg = await two_accounts(s, 2, bale_seen=-timedelta(hours=1))
        prefers_bale = await two_accounts(s, 3, bale_seen=-timedelta(hours=1))
        prefers_bale.preferred_platform = "bale"
        await add_member(s, 4, platform="telegram")
        await add_member(s, 5, platform="bale")
    async with sessionmaker() as s:
        assert await segments.count_recipients(s, {}, platforms=BOTH) == 5  # people, not 8 accounts
        assert await segments.count_recipients(s, {}, platforms=("telegram",)) == 4
        rows = (await s.execute(segments.recipients_query({}, platforms=BOTH))).all()
    chosen = {member_id: platform for member_id, _, _, platform in rows}
    assert chosen[recent_bale.id] == "bale" and chosen[recent_tg.id] == "telegram"
    assert chosen[prefers_bale.id] == "bale"


async def start_broadcast(sm: Any, config: Config) -> int:
    async with sm.begin() as s:
        broadcast = Broadcast(
            status=BroadcastStatus.SCHEDULED,
            created_by=9000,
            admin_chat_id=9000,
            admin_platform="telegram",
            kind=BroadcastKind.TEXT,
            text_html="سلام",
            buttons=[],
            segment={},
            due_at=NOW,
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(broadcast)
        await s.flush()
        await dl.start_due(s, config=config, now=NOW)
        return int(broadcast.id)


async def test_each_worker_claims_only_its_messenger(
    sessionmaker: Any, tg_config: Config, bale_config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await two_accounts(s, 1, bale_seen=timedelta(hours=1))
        await add_member(s, 2, platform="telegram")
    await start_broadcast(sessionmaker, tg_config)
    async with sessionmaker.begin() as s:
        tg = await dl.claim(s, worker="tg", config=tg_config, now=NOW, limit=10)
        bale = await dl.claim(s, worker="bale", config=bale_config, now=NOW, limit=10)
    assert [c.chat_id for c in tg] == [2] and [c.chat_id for c in bale] == [1_000_001]


async def test_blocked_on_one_messenger_falls_back_to_the_other(
    sessionmaker: Any, tg_config: Config, bale_config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await two_accounts(s, 1, bale_seen=timedelta(hours=1))
    await start_broadcast(sessionmaker, tg_config)
    async with sessionmaker.begin() as s:
        [claim] = await dl.claim(s, worker="bale", config=bale_config, now=NOW, limit=10)
        result = dl.Result(claim.delivery_id, "blocked", error="blocked")
        await dl.record(s, [result], worker="bale", config=bale_config, now=NOW)
    async with sessionmaker.begin() as s:
        assert await dl.claim(s, worker="bale", config=bale_config, now=NOW, limit=10) == []
        [again] = await dl.claim(s, worker="tg", config=tg_config, now=NOW, limit=10)
        assert again.chat_id == 1  # the same row (one per person), now on Telegram
        await dl.record(
            s, [dl.Result(again.delivery_id, "sent", message_id=5)], worker="tg", config=tg_config, now=NOW
        )
    async with sessionmaker() as s:
        [(status, messenger)] = (await s.execute(select(Delivery.status, Delivery.messenger))).all()
        bale_reachable = (
            await s.execute(select(Account.is_reachable).where(Account.platform == "bale"))
        ).scalar_one()
    assert (status, messenger, bale_reachable) == (DeliveryStatus.SENT, "telegram", False)


async def test_blocked_everywhere_is_blocked(
    sessionmaker: Any, tg_config: Config, bale_config: Config
) -> None:
    async with sessionmaker.begin() as s:
        await two_accounts(s, 1, bale_seen=timedelta(hours=1))
        await s.execute(update(Account).where(Account.platform == "telegram").values(is_reachable=False))
    await start_broadcast(sessionmaker, tg_config)
    async with sessionmaker.begin() as s:
        [claim] = await dl.claim(s, worker="bale", config=bale_config, now=NOW, limit=10)
        await dl.record(
            s, [dl.Result(claim.delivery_id, "blocked")], worker="bale", config=bale_config, now=NOW
        )
        tally = await dl.tally(s, claim.broadcast_id)
    assert tally.by_status[DeliveryStatus.BLOCKED] == 1 and tally.total == 1
