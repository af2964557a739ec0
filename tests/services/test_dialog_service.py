"""Member onboarding and profile services against a migrated database (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.services.members import dialog
from bot.services.members.accounts import LAST_SEEN_PRECISION, Identity
from bot.services.members.dialog import Outcome
from models import Account, ConversationState, Member, MemberCategory

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
ALI = Identity(platform="telegram", user_id=1001, chat_id=1001)


class Driver:
    """Calls the dialogue services the way the handlers do: one transaction per update."""

    def __init__(self, sm: async_sessionmaker[AsyncSession], config: Config, who: Identity = ALI) -> None:
        self.sm, self.config, self.who = sm, config, who

    async def start(self, payload: str | None = None) -> Outcome:
        async with self.sm.begin() as s:
            return await dialog.open_start(s, self.who, payload=payload, now=NOW)

    async def text(self, value: str) -> Outcome:
        async with self.sm.begin() as s:
            return await dialog.submit_text(s, self.who, value, config=self.config, now=NOW)

    async def contact(self, phone: str, owner: int | None) -> Outcome:
        async with self.sm.begin() as s:
            return await dialog.submit_contact(
                s, self.who, phone=phone, contact_user_id=owner, config=self.config, now=NOW
            )

    async def token(self) -> str:
        """The token on the buttons of the step being asked now (what the member's keyboard carries)."""
        async with self.sm.begin() as s:
            return (await dialog.current(s, self.who, now=NOW)).token

    async def press(self, action: str, arg: str = "", token: str | None = None) -> Outcome:
        """Press a button of the question asked now (or, with `token`, one shown with that token)."""
        shown = await self.token() if token is None else token
        async with self.sm.begin() as s:
            return await dialog.press(s, self.who, action, arg, token=shown, config=self.config, now=NOW)

    async def register(self, payload: str | None = None, **answers: Any) -> Outcome:
        await self.start(payload)
        await self.text(answers.get("name", "علی رضایی"))
        await self.text(answers.get("phone", "09121234567"))
        await self.press("role", answers.get("role", "grower"))
        for cat in answers.get("cats", ["cut", "potted"]):
            await self.press("cat", cat)
        await self.press("catdone")
        await self.press("place", answers.get("place", "mahallat"))
        await self.press("areaskip")
        return await self.press("confirm")


@pytest.fixture
def ali(sessionmaker: async_sessionmaker[AsyncSession], config: Config) -> Driver:
    return Driver(sessionmaker, config)


async def count(sm: async_sessionmaker[AsyncSession], model: Any) -> int:
    async with sm() as s:
        return int((await s.execute(select(func.count()).select_from(model))).scalar_one())


async def test_full_registration_creates_member_with_source(ali: Driver, sessionmaker: Any) -> None:
    first = await ali.start("course_5")
    assert (first.flow, first.step, first.member) == ("register", "full_name", None)
    assert (await ali.text("  علي  رضايي ")).step == "phone"  # Arabic ي normalised, spaces collapsed
    out = await ali.text("۰۹۱۲ ۱۲۳ ۴۵۶۷")
    assert out.step == "role" and out.answered == "phone" and out.data["phone"] == "+989121234567"
    assert (await ali.press("role", "trader")).step == "categories"
    await ali.press("cat", "cut")
    await ali.press("cat", "bulb")
    toggled = await ali.press("cat", "cut")
    assert toggled.data["cat_sel"] == ["bulb"]
    assert (await ali.press("catdone")).step == "place"
    assert (await ali.press("place", "other")).step == "place_other"
    assert (await ali.text("روستای عطرآباد")).step == "area"
    summary = await ali.text("٢٥٠٠")
    assert summary.step == "confirm" and summary.data["area"] == 2500
    done = await ali.press("confirm")
    assert done.finished == "registered"
    async with sessionmaker() as s:
        member = (await s.execute(select(Member))).scalar_one()
        assert member.full_name == "علی رضایی"
        assert member.phone == "+989121234567"
        assert (member.role, member.place, member.place_other, member.area_m2) == (
            "trader",
            "other",
            "روستای عطرآباد",
            2500,
        )
        assert member.category_keys == ["bulb"]
        assert member.source == "course_5"
        assert member.created_at == NOW
        account = (await s.execute(select(Account))).scalar_one()
        assert account.member_id == member.id
    assert await count(sessionmaker, ConversationState) == 0


async def test_progress_survives_new_session_and_start_resumes(
    ali: Driver, sessionmaker: Any, config: Config
) -> None:
    await ali.start()
    await ali.text("مریم احمدی")
    await ali.text("+989351112233")
    again = await Driver(sessionmaker, config).start()  # e.g. after a restart of the bot
    assert again.step == "role"
    assert again.data["full_name"] == "مریم احمدی"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   \u200c  ", "empty"),
        ("۱۲۳۴", "name_invalid"),
        ("ع" * 81, "name_too_long"),
    ],
)
async def test_bad_names_are_refused_and_nothing_lost(ali: Driver, text: str, code: str) -> None:
    await ali.start()
    out = await ali.text(text)
    assert (out.error, out.step) == (code, "full_name")


@pytest.mark.parametrize("phone", ["0912123456", "02188776655", "+98912123456789", "شماره"])
async def test_bad_phone_refused(ali: Driver, phone: str) -> None:
    await ali.start()
    await ali.text("علی رضایی")
    out = await ali.text(phone)
    assert (out.error, out.step) == ("bad_mobile", "phone")


async def test_contact_of_someone_else_is_refused(ali: Driver) -> None:
    await ali.start()
    await ali.text("علی رضایی")
    assert (await ali.contact("+989121234567", owner=5555)).error == "contact_not_own"
    assert (await ali.contact("+989121234567", owner=None)).error == "contact_not_own"
    ok = await ali.contact("989121234567", owner=ALI.user_id)  # Telegram sends it without the plus
    assert ok.step == "role" and ok.data["phone"] == "+989121234567"


async def test_stale_forged_and_typed_answers_to_button_steps(ali: Driver) -> None:
    await ali.start()
    assert (await ali.press("role", "grower")).error == "stale"  # pressed before its step
    await ali.text("علی رضایی")
    await ali.text("09121234567")
    assert (await ali.press("role", "hacker")).error == "unknown_choice"
    assert (await ali.text("تولیدکننده")).error == "use_buttons"
    await ali.press("role", "grower")
    assert (await ali.press("role", "trader")).error == "stale"  # double click on an old keyboard
    assert (await ali.press("cat", "nope")).error == "unknown_choice"
    assert (await ali.press("catdone")).error == "no_category"
    assert (await ali.press("bogus", "x")).error == "stale"


async def test_a_button_of_an_earlier_question_is_stale_even_at_the_same_step(ali: Driver) -> None:
    await ali.start()
    await ali.text("علی رضایی")
    await ali.text("09121234567")
    role_token = await ali.token()
    await ali.press("role", "grower", token=role_token)
    assert (await ali.press("cat", "cut", token=role_token)).error == "stale"  # the role keyboard's token
    assert (await ali.press("cat", "cut", token="")).error == "stale"  # an old-style button without one
    await ali.press("cat", "cut")
    await ali.press("catdone")
    await ali.press("place", "nimvar")
    summary_token = (await ali.press("areaskip")).token
    assert (await ali.press("fix", "role", token=summary_token)).step == "role"
    again = await ali.press("role", "trader", token=role_token)  # the first role keyboard, same step
    assert again.error == "stale" and again.data["role"] == "grower"
    assert (await ali.press("confirm", token=summary_token)).error == "stale"  # the summary before the fix
    assert (await ali.press("role", "trader")).step == "confirm"  # the role keyboard shown now
    done = await ali.press("confirm")
    assert done.finished == "registered" and done.member is not None and done.member.role == "trader"


@pytest.mark.parametrize(
    ("area", "code"),
    [
        ("-5", "area_not_number"),
        ("۱۲.۵", "area_not_number"),
        ("0", "area_out_of_range"),
        ("99999999999", "area_out_of_range"),
        ("x" * 5000, "area_not_number"),
    ],
)
async def test_bad_area(ali: Driver, area: str, code: str) -> None:
    await ali.start()
    await ali.text("علی رضایی")
    await ali.text("09121234567")
    await ali.press("role", "grower")
    await ali.press("cat", "cut")
    await ali.press("catdone")
    await ali.press("place", "nimvar")
    assert (await ali.text(area)).error == code


async def test_summary_edit_returns_to_summary(ali: Driver) -> None:
    await ali.start()
    for value in ("علی رضایی", "09121234567"):
        await ali.text(value)
    await ali.press("role", "grower")
    await ali.press("cat", "cut")
    await ali.press("catdone")
    await ali.press("place", "nimvar")
    await ali.press("areaskip")
    assert (await ali.press("fix", "full_name")).step == "full_name"
    back = await ali.text("علی رضایی‌نژاد")
    assert back.step == "confirm" and back.data["full_name"] == "علی رضایی‌نژاد"  # ZWNJ inside kept
    assert (await ali.press("fix", "place")).step == "place"
    assert (await ali.press("place", "other")).step == "place_other"
    assert (await ali.text("دلیجان")).step == "confirm"
    assert (await ali.press("fix", "categories")).data["cat_sel"] == ["cut"]
    await ali.press("cat", "bulb")
    final = await ali.press("catdone")
    assert final.step == "confirm" and final.data["categories"] == ["bulb", "cut"]


async def test_double_confirm_registers_once(ali: Driver, sessionmaker: Any) -> None:
    assert (await ali.register()).finished == "registered"
    second = await ali.press("confirm")
    assert second.error == "already_registered"
    assert await count(sessionmaker, Member) == 1
    again = await ali.start()
    assert again.member is not None and not again.in_flow


async def test_profile_edit_each_field(ali: Driver, sessionmaker: Any) -> None:
    await ali.register()
    assert (await ali.press("edit", "phone")).step == "phone"
    edited = await ali.text("09359998877")
    assert edited.finished == "edited" and edited.member is not None
    assert edited.member.phone == "+989359998877"
    await ali.press("edit", "categories")
    await ali.press("cat", "cactus")
    out = await ali.press("catdone")
    assert out.finished == "edited" and out.member is not None
    assert out.member.category_keys == ["cactus", "cut", "potted"]
    await ali.press("edit", "place")
    await ali.press("place", "other")
    assert (await ali.text("نراق")).finished == "edited"
    await ali.press("edit", "area")
    assert (await ali.text("1,200")).finished == "edited"
    assert (await ali.press("edit", "nope")).error == "unknown_choice"
    async with sessionmaker() as s:
        member = (await s.execute(select(Member))).scalar_one()
        assert (member.place, member.place_other, member.area_m2) == ("other", "نراق", 1200)
    assert await count(sessionmaker, MemberCategory) == 3


async def test_menu_abandons_edit_but_never_a_registration(
    ali: Driver, sessionmaker: Any, config: Config
) -> None:
    bob = Driver(sessionmaker, config, Identity("telegram", 2002, 2002))
    await bob.start()
    await bob.text("بابک صالحی")
    async with sessionmaker.begin() as s:
        assert (await dialog.open_menu(s, bob.who, now=NOW)).step == "phone"
    await ali.register()
    await ali.press("edit", "full_name")
    async with sessionmaker.begin() as s:
        assert not (await dialog.open_menu(s, ALI, now=NOW)).in_flow


async def test_a_menu_press_or_a_word_that_changes_nothing_is_read_only(
    ali: Driver, sessionmaker: Any, config: Config
) -> None:
    """peek_menu / peek_text answer from a read-only session (no SQLite write lock) unless there is
    something to write: a new account, a stale last_seen_at, a profile edit to abandon, a step."""
    soon, later = NOW + timedelta(minutes=1), NOW + LAST_SEEN_PRECISION
    async with sessionmaker() as s:
        assert await dialog.peek_menu(s, ALI, now=NOW) is None  # first contact: the account is created
        assert await dialog.flow_of(s, ALI) is None
    await ali.register()
    async with sessionmaker() as s:
        menu = await dialog.peek_menu(s, ALI, now=soon)
        word = await dialog.peek_text(s, ALI, now=soon)
        assert menu is not None and menu.member is not None and not menu.in_flow
        assert word is not None and word.member is not None and not word.in_flow
        assert await dialog.peek_menu(s, ALI, now=later) is None  # last seen long enough ago: write it
        moved = Identity("telegram", ALI.user_id, chat_id=7)
        assert await dialog.peek_text(s, moved, now=soon) is None
    async with sessionmaker.begin() as s:
        await dialog.open_menu(s, ALI, now=later)
        assert (await s.execute(select(Account.last_seen_at))).scalar_one() == later
    async with sessionmaker.begin() as s:
        await dialog.open_menu(s, ALI, now=later + timedelta(minutes=1))  # within the precision: kept
        assert (await s.execute(select(Account.last_seen_at))).scalar_one() == later
    await ali.press("edit", "full_name")
    async with sessionmaker() as s:
        assert await dialog.flow_of(s, ALI) == "edit"
        assert await dialog.peek_menu(s, ALI, now=soon) is None  # the menu abandons the edit: a write
        assert await dialog.peek_text(s, ALI, now=soon) is None  # an answer to the step: a write


async def test_cancel_and_erase(ali: Driver, sessionmaker: Any) -> None:
    await ali.start()
    await ali.text("علی رضایی")
    async with sessionmaker.begin() as s:
        assert (await dialog.cancel(s, ALI, now=NOW)).flow == "register"
    assert await count(sessionmaker, ConversationState) == 0
    await ali.register()
    async with sessionmaker.begin() as s:
        assert await dialog.erase_me(s, ALI, now=NOW + timedelta(minutes=1))
    assert await count(sessionmaker, Member) == 0
    assert await count(sessionmaker, MemberCategory) == 0
    assert await count(sessionmaker, Account) == 0
    async with sessionmaker.begin() as s:
        assert not await dialog.erase_me(s, ALI, now=NOW)
    assert (await ali.start()).step == "full_name"  # a fresh start after deletion


async def test_concurrent_first_contacts_create_one_account(sessionmaker: Any, config: Config) -> None:
    """Twenty updates from one new user at once (and twenty others) each read-then-write: none fails."""

    async def start(who: Identity) -> None:
        async with sessionmaker.begin() as s:
            await dialog.open_start(s, who, payload=None, now=NOW)

    others = [Identity("telegram", 5000 + i, 5000 + i) for i in range(20)]
    await asyncio.gather(*(start(ALI) for _ in range(20)), *(start(who) for who in others))
    assert await count(sessionmaker, Account) == 21
    assert await count(sessionmaker, ConversationState) == 21
