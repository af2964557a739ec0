"""Whole flows over real HTTP: the real Application polls the emulator; we act as a grower and the CDA."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.cli import configure_logging
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator.driver import EmuUser
from bot.local_run import BotUnderTest, running_bot
from models import Account, Member
from tests.e2e_support import replied_after

ADMIN_ID = 9000


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with running_bot(config, str(engine.url.render_as_string(hide_password=False))) as running:
        yield running


async def members(engine: AsyncEngine) -> list[Member]:
    async with create_sessionmaker(engine)() as session:
        return list((await session.execute(select(Member).order_by(Member.id))).scalars())


async def register(bot: BotUnderTest, user_id: int, name: str = "علی رضایی") -> None:
    """The happy path as a grower drives it: text, contact button, inline buttons, confirm."""
    await register_user(bot.emu.user(user_id, first_name="علی"), name, f"+98912{user_id:07d}")


async def register_user(user: EmuUser, name: str, phone: str) -> None:
    """`register` for any emulator user and phone (e.g. one person on a second messenger)."""
    await user.send_command("/start")
    await user.expect(2)
    await user.send_text(name)
    await user.expect(1)
    await user.share_contact(phone)
    await user.expect(2)
    await user.press("تولیدکننده (گلخانه‌دار)")
    await user.expect(2)
    await user.press("گل شاخه‌بریده")
    await user.expect(1)
    await user.press(texts.BTN_CATEGORIES_DONE)
    await user.expect(2)
    await user.press("محلات")
    await user.expect(2)
    await user.press(texts.BTN_SKIP)
    await user.expect(2)
    await user.press(texts.BTN_CONFIRM)
    await user.expect(2)


async def test_grower_registers_end_to_end(bot: BotUnderTest, engine: AsyncEngine) -> None:
    user = bot.emu.user(1001, first_name="علی")
    await user.send_command("/start course_12")
    welcome, ask_name = await user.expect(2)
    assert "خوش آمدید" in welcome.plain_text
    assert ask_name.plain_text == texts.ASK_FULL_NAME

    await user.send_text("علي رضايي")
    ask_phone = await user.next_message()
    assert ask_phone.reply_keyboard == [[texts.BTN_SHARE_PHONE]]

    await user.share_contact("+989121234567")
    saved, ask_role = await user.expect(2)
    assert "۰۹۱۲ ۱۲۳ ۴۵۶۷" in saved.plain_text and saved.removes_keyboard
    assert "سایر" in ask_role.button_texts

    await user.press("بازرگان و صادرکننده")
    closed, _ = await user.expect(2)
    assert closed.edited and closed.message_id == ask_role.message_id and not closed.inline_buttons
    await user.press("گل شاخه‌بریده")
    ticked = await user.next_message()
    assert ticked.edited and "✅ گل شاخه‌بریده" in ticked.button_texts
    await user.press("✅ گل شاخه‌بریده")  # untick
    assert "✅ گل شاخه‌بریده" not in (await user.next_message()).button_texts
    await user.press("کاکتوس و ساکولنت")
    await user.next_message()
    await user.press(texts.BTN_CATEGORIES_DONE)
    _, ask_place = await user.expect(2)
    assert ask_place.plain_text == texts.ASK_PLACE

    await user.press(texts.BTN_PLACE_OTHER)
    _, ask_other = await user.expect(2)
    assert ask_other.plain_text == texts.ASK_PLACE_OTHER
    await user.send_text("نراق")
    ask_area = await user.next_message()
    assert texts.BTN_SKIP in ask_area.button_texts
    await user.send_text("۲٬۵۰۰")  # typed: the area question's «رد شدن» goes away before the summary
    closed, summary = await user.expect(2)
    assert closed.edited and closed.message_id == ask_area.message_id and not closed.inline_buttons
    assert closed.plain_text == texts.ASK_AREA  # only the buttons went; the question stays readable
    assert texts.BTN_CONFIRM in summary.button_texts
    for expected in (
        "علی رضایی",
        "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        "بازرگان و صادرکننده",
        "کاکتوس و ساکولنت",
        "نراق",
        "۲٬۵۰۰ متر مربع",
    ):
        assert expected in summary.plain_text
    await user.press(texts.BTN_CONFIRM)
    _, done = await user.expect(2)
    assert done.plain_text == texts.REGISTERED
    assert done.reply_keyboard is not None and any(texts.BTN_PROFILE in row for row in done.reply_keyboard)

    [member] = await members(engine)
    assert (member.full_name, member.phone, member.role, member.place_other, member.area_m2) == (
        "علی رضایی",
        "+989121234567",
        "trader",
        "نراق",
        2500,
    )
    assert member.category_keys == ["cactus"] and member.source == "course_12"


async def test_bad_inputs_get_persian_messages_and_lose_nothing(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    user = bot.emu.user(1002)
    await user.send_command("/start")
    await user.expect(2)
    await user.send_text("ک" * 500)  # huge
    assert "طولانی" in (await user.next_message()).plain_text
    await user.send_text("علی احمدی")
    await user.next_message()
    await user.share_contact("+989121111111", contact_user_id=4242)  # someone else's card
    refused = await user.next_message()
    assert "فقط شمارهٔ خودتان" in refused.plain_text and refused.reply_keyboard == [[texts.BTN_SHARE_PHONE]]
    await user.send_text("021-88776655")
    assert "معتبر نیست" in (await user.next_message()).plain_text
    await user.send_text("٠٩١٢٣٤٥٦٧٨٩")  # Arabic-Indic digits are fine
    _, role_question = await user.expect(2)
    await user.send_text("گلخانه‌دار هستم")  # typing where buttons are expected
    assert (await user.next_message()).plain_text == texts.ERRORS["use_buttons"]
    await user.press_raw(user.last.message_id, "reg:role:x" * 3)  # forged, without the step's token
    assert (await user.answer())["text"] == texts.ERRORS["stale"]
    token = str(role_question.button_data[0]).rsplit(":", 1)[1]  # the role buttons carry the step's token
    await user.press_raw(user.last.message_id, f"reg:role:x:{token}")  # a forged role at the right step
    assert (await user.answer())["text"] == texts.ERRORS["unknown_choice"]
    await replied_after(user)
    await user.expect_nothing(0)
    await user.send_photo()
    assert (await user.next_message()).plain_text == texts.UNKNOWN_TEXT
    await user.press("تولیدکننده (گلخانه‌دار)")
    await user.expect(2)
    await user.press(texts.BTN_CATEGORIES_DONE)  # nothing ticked
    assert (await user.answer())["text"] == texts.ERRORS["no_category"]
    await user.press("نشاء و قلمه")
    await user.next_message()
    await user.press(texts.BTN_CATEGORIES_DONE)
    await user.expect(2)
    await user.press("نیمور")
    await user.expect(2)
    await user.send_text("-۳۰")
    assert (await user.next_message()).plain_text.startswith("لطفاً مساحت را فقط با عدد")
    await user.send_text("۱۲۰۰")
    closed, _ = await user.expect(2)  # the area question's «رد شدن» closed, then the summary
    assert closed.edited and closed.plain_text == texts.ASK_AREA and not closed.inline_buttons
    await user.press(texts.BTN_CONFIRM)
    await user.expect(2)
    await user.press_raw(user.messages[-2].message_id, "reg:confirm:")  # double click on the old summary
    assert (await user.answer())["text"] == texts.ALREADY_REGISTERED
    await replied_after(user)
    await user.expect_nothing(0)
    [member] = await members(engine)
    assert (member.phone, member.area_m2, member.category_keys) == ("+989123456789", 1200, ["seedling"])


async def test_restart_mid_registration_keeps_answers(bot: BotUnderTest, engine: AsyncEngine) -> None:
    user = bot.emu.user(1003)
    await user.send_command("/start")
    await user.expect(2)
    await user.send_text("زهرا کریمی")
    await user.next_message()
    await user.send_text("09351234567")
    await user.expect(2)

    await bot.restart()

    await user.press("نهالستان و تولید نشاء و قلمه")  # the keyboard sent before the restart still works
    _, ask_cats = await user.expect(2)
    assert ask_cats.plain_text == texts.ASK_CATEGORIES
    await bot.restart()
    await user.send_command("/start")
    resume, closed, prompt = await user.expect(3)  # the question again; the old copy's buttons go
    assert resume.plain_text == texts.WELCOME_RESUME and prompt.plain_text == texts.ASK_CATEGORIES
    assert closed.message_id == ask_cats.message_id and not closed.inline_buttons
    await user.press("پیاز و غده گل", message_id=prompt.message_id)
    await user.next_message()
    await user.press(texts.BTN_CATEGORIES_DONE, message_id=prompt.message_id)
    await user.expect(2)
    await user.press("خورهه")
    await user.expect(2)
    await user.press(texts.BTN_SKIP)
    await user.expect(2)
    await user.press(texts.BTN_CONFIRM)
    await user.expect(2)
    [member] = await members(engine)
    assert (member.full_name, member.phone, member.role) == ("زهرا کریمی", "+989351234567", "nursery")


async def test_cancel_then_start_again(bot: BotUnderTest, engine: AsyncEngine) -> None:
    user = bot.emu.user(1004)
    await user.send_command("/start")
    await user.expect(2)
    await user.send_text("رضا محمدی")
    await user.next_message()
    await user.send_command("/cancel")
    assert (await user.next_message()).plain_text == texts.CANCELLED_REGISTRATION
    await user.send_text("سلام")
    assert (await user.next_message()).plain_text == texts.NOT_REGISTERED
    await user.send_command("/start")
    _, ask = await user.expect(2)
    assert ask.plain_text == texts.ASK_FULL_NAME
    assert await members(engine) == []


async def test_member_menu_profile_edit_and_delete(bot: BotUnderTest, engine: AsyncEngine) -> None:
    await register(bot, 1005)
    user = bot.emu.user(1005)
    await user.send_text(texts.BTN_EXHIBITIONS)
    assert "نمایشگاه یا تور بازدیدی اعلام نشده" in (await user.next_message()).plain_text
    await user.send_text(texts.BTN_COURSES)
    assert "دورهٔ آموزشی باز نداریم" in (await user.next_message()).plain_text
    await user.send_command("/help")
    assert "نظرسنجی‌ها" in (await user.next_message()).plain_text
    await user.send_text(texts.BTN_PROFILE)
    card = await user.next_message()
    assert "علی رضایی" in card.plain_text and "عضویت از:" in card.plain_text
    assert any(d in card.plain_text for d in "۱۲۳۴۵۶۷۸۹۰") and "1" not in card.plain_text

    await user.press("✏️ ویرایش نام")
    assert (await user.next_message()).plain_text == texts.ASK_FULL_NAME
    await user.send_text("علی رضایی‌پور")
    saved, new_card = await user.expect(2)
    assert saved.plain_text == texts.PROFILE_UPDATED and "علی رضایی‌پور" in new_card.plain_text

    await user.press("✏️ ویرایش مساحت")
    ask_area = await user.next_message()
    await user.send_text(texts.BTN_SURVEYS)  # a menu button abandons the edit …
    surveys, closed = await user.expect(2)
    assert "نظرسنجی بازی" in surveys.plain_text  # no open survey for them
    assert closed.message_id == ask_area.message_id and not closed.inline_buttons  # … and its «رد شدن»
    await user.send_text("۵۰۰")
    assert (await user.next_message()).plain_text == texts.UNKNOWN_TEXT

    await user.send_command("/delete_me")
    confirm = await user.next_message()
    await user.press(texts.BTN_DELETE_NO)
    await user.expect(1)
    assert len(await members(engine)) == 1
    await user.send_command("/delete_me")
    confirm = await user.next_message()
    await user.press(texts.BTN_DELETE_YES)
    deleted = await user.expect(2)
    assert deleted[-1].plain_text == texts.DELETED and deleted[-1].removes_keyboard
    assert await members(engine) == []
    await user.press_raw(confirm.message_id, "prf:delyes:")  # a second click on the closed confirmation
    await user.answer()
    assert (await user.next_message()).plain_text == texts.NOTHING_TO_DELETE


async def test_admin_only_for_admins_including_forged_presses(
    bot: BotUnderTest, engine: AsyncEngine, config: Config
) -> None:
    await register(bot, 1006)
    member = bot.emu.user(1006)
    await member.send_command("/admin")
    assert (await member.next_message()).plain_text == texts.UNKNOWN_COMMAND
    await member.send_command("/frobnicate")
    assert (await member.next_message()).plain_text == texts.UNKNOWN_COMMAND
    for forged in ("adm:stats:", "adm:admins:", "adm:bcast:", "zzz"):
        await member.press_raw(member.last.message_id, forged)
        assert (await member.answer())["text"] == texts.ERRORS["stale"]
        await replied_after(member)
        await member.expect_nothing(0)

    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    assert bot.emu.commands_for(scope_type="chat", chat_id=ADMIN_ID) == []  # unknown chat at start-up
    await admin.send_command("/admin")
    menu = await admin.next_message()
    assert texts.BTN_ADMIN_STATS in menu.button_texts
    assert ("admin", "منوی مدیر") in bot.emu.commands_for(scope_type="chat", chat_id=ADMIN_ID)
    assert bot.emu.commands_for(scope_type="chat", chat_id=1006) == []
    await admin.press(texts.BTN_ADMIN_STATS)
    stats = await admin.next_message()
    assert "کل اعضا: ۱" in stats.plain_text and "تولیدکننده (گلخانه‌دار): ۱" in stats.plain_text


async def test_command_menus_differ_for_members_and_admins(bot: BotUnderTest) -> None:
    bot.emu.user(ADMIN_ID)  # the admin has opened the bot before this start-up
    await bot.restart()
    member_cmds = [c for c, _ in bot.emu.commands_for(scope_type="default")]
    admin_cmds = [c for c, _ in bot.emu.commands_for(scope_type="chat", chat_id=ADMIN_ID)]
    assert "admin" not in member_cmds and "start" in member_cmds
    assert "admin" in admin_cmds
    descriptions = dict(bot.emu.commands_for(scope_type="default"))
    assert descriptions["cancel"] == "لغو کار جاری"


@pytest.fixture
def failing_config(config: Config) -> Config:
    return dataclasses.replace(config, admin_ids=frozenset({ADMIN_ID}))


async def test_errors_tell_the_user_and_notify_admins(
    bot: BotUnderTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.services.members import dialog

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database exploded")

    monkeypatch.setattr(dialog, "submit_text", broken)
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/start")
    await admin.expect(2)
    user = bot.emu.user(1007)
    await user.send_text("سلام")
    assert (await user.next_message()).plain_text == texts.SOMETHING_WENT_WRONG
    notice = (await admin.expect(1))[-1]
    # a Persian sentence with a code that matches the log; no class name, no English detail, no message body
    assert "کد خطا" in notice.plain_text and texts.ADMIN_ERROR_WHERE_UPDATE in notice.plain_text
    for leak in ("RuntimeError", "database exploded", "سلام"):
        assert leak not in notice.plain_text


async def test_429_is_waited_out_and_every_reply_arrives(bot: BotUnderTest) -> None:
    bot.emu.set_rate_limits(global_per_second=None, per_chat_per_second=1.0, retry_after=1)
    user = bot.emu.user(1011)
    for _ in range(3):
        await user.send_text("سلام")
    replies = await user.expect(3, timeout=10)
    assert [r.plain_text for r in replies] == [texts.NOT_REGISTERED] * 3
    assert bot.emu.stats.rate_limited >= 1
    assert bot.app is not None and bot.app.bot_data.pacer.stats.retry_after >= 1


async def test_blocked_user_is_marked_unreachable(bot: BotUnderTest, engine: AsyncEngine) -> None:
    await register(bot, 1012)
    bot.emu.block_user(1012)
    await bot.emu.user(1012).send_text(texts.BTN_HELP)
    for _ in range(50):
        async with create_sessionmaker(engine)() as session:
            account = (await session.execute(select(Account).where(Account.user_id == 1012))).scalar_one()
        if not account.is_reachable:
            break
        await asyncio.sleep(0.05)
    assert not account.is_reachable
    assert bot.emu.stats.forbidden == 1


async def test_logs_carry_no_phone_numbers_or_message_bodies(
    bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging()  # the production levels: INFO, with httpx (URLs carry the token) at WARNING
    caplog.set_level(logging.INFO)
    await register(bot, 1013, name="سیمین دانشور")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "update " in logged and "command:/start" in logged
    for secret in ("سیمین", "9121001013", "912 100 1013", bot.config.bot_token or "-"):
        assert secret not in logged
