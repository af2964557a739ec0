"""«همکاری و کنسرسیوم» end to end through the emulator: a member fills the export profile, sees
suggestions, one introduction accepted (contacts exchanged) and one declined (nothing exchanged),
the weekly limit; the CDA answers a buyer inquiry with a group and forms a consortium by invitation."""

from __future__ import annotations

import asyncio
import dataclasses
import io
from collections.abc import AsyncIterator
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.emulator.html_text import utf16_len
from bot.emulator.messages import EmuMessage
from bot.local_run import BotUnderTest
from bot.persian import to_persian_digits
from bot.services.consortium import export_profile as ep
from bot.services.members.accounts import Identity
from bot.texts import consortia as t
from tests.e2e_support import Clock, bot_on, fast_ticks, having, replied_after, ticks_pass, wait_for
from tests.factories import NOW, add_member

TEHRAN = ZoneInfo("Asia/Tehran")
NIGHT = datetime(2026, 11, 26, 23, 0, tzinfo=TEHRAN)  # quiet hours (22:00–07:00) hold what is queued
MORNING = datetime(2026, 11, 27, 7, 0, tzinfo=TEHRAN)

ADMIN_ID = 9000
PHONE_OF = {11: "۰۹۱۲ ۰۰۰ ۰۰۱۱", 12: "۰۹۱۲ ۰۰۰ ۰۰۱۲", 14: "۰۹۱۲ ۰۰۰ ۰۰۱۴"}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config, clock: Clock) -> AsyncIterator[BotUnderTest]:
    limited = dataclasses.replace(config, consortia=dataclasses.replace(config.consortia, weekly_requests=2))
    async with bot_on(engine, fast_ticks(limited), clock) as running:
        yield running


async def add_profile(
    engine: AsyncEngine,
    config: Config,
    user_id: int,
    product: tuple[str, int, str],
    *,
    offers: tuple[str, ...] = (),
    certs: tuple[str, ...] = (),
    opted_out: bool = False,
) -> None:
    """A member with a filled export profile targeting Iraq (made through the services)."""
    who = Identity("telegram", user_id, user_id)
    async with create_sessionmaker(engine).begin() as s:
        member = await add_member(s, user_id)
        await ep.toggle(s, who, config, "mk", "iraq", now=NOW)
        for key in offers:
            await ep.toggle(s, who, config, "of", key, now=NOW)
        for key in certs:
            await ep.toggle(s, who, config, "ce", key, now=NOW)
        category, capacity, unit = product
        await ep.add_product(
            s, member.id, config, category=category, crop=None, capacity=capacity, unit=unit, now=NOW
        )
        await ep.set_opt_out(s, who, opted_out, now=NOW)


async def one(user: EmuUser) -> EmuMessage:
    return (await user.expect(1))[-1]


async def last_of(user: EmuUser, n: int) -> EmuMessage:
    return (await user.expect(n))[-1]


async def fill_profile(user: EmuUser) -> None:
    """Every step as a grower would type it, with one mistake on the capacity."""
    await user.send_text(texts.BTN_CONSORTIUM)
    assert t.HOME_EMPTY in (await one(user)).plain_text
    await user.press(t.BTN_EXP_EDIT)
    assert (await one(user)).edited
    await user.press(t.BTN_EXP_ADD_PRODUCT)
    assert "زمینهٔ محصول" in (await one(user)).plain_text
    await user.press("گل شاخه‌بریده")
    assert "نام محصول" in (await last_of(user, 2)).plain_text
    await user.send_text("رز هلندی")
    assert "ظرفیت تولید ماهانه" in (await one(user)).plain_text
    await user.send_text("خیلی زیاد")
    assert (await one(user)).plain_text == t.ERRORS["exp_capacity_number"]
    await user.send_text("12,000")
    assert "واحد" in (await one(user)).plain_text
    await user.press("شاخه")
    saved = await last_of(user, 2)
    assert "گل شاخه‌بریده (رز هلندی): ۱۲٬۰۰۰ شاخه در ماه" in saved.plain_text
    for section, choice in ((t.BTN_EXP_SECTIONS["mk"], "عراق"), (t.BTN_EXP_SECTIONS["nd"], "سردخانه")):
        await user.press(section)
        await one(user)
        await user.press(choice)
        assert "✅ " + choice in (await one(user)).button_texts
        await user.press(t.BTN_EXP_SAVE)
        await one(user)
    assert "بازارهای هدف: عراق" in user.last.plain_text and "نیاز دارم: سردخانه" in user.last.plain_text
    await user.press(t.BTN_EXP_DONE)
    assert t.BTN_MCH_SUGGEST in (await one(user)).button_texts


async def test_member_profile_suggestions_and_introductions(
    bot: BotUnderTest, engine: AsyncEngine, config: Config
) -> None:
    await add_profile(engine, config, 12, ("potted", 3_000, "pot"), offers=("cold_storage",))  # complement
    await add_profile(engine, config, 13, ("cut", 4_000, "stem"))  # overlap
    await add_profile(engine, config, 14, ("bulb", 900, "kg"))
    await add_profile(engine, config, 15, ("potted", 9_000, "pot"), offers=("cold_storage",), opted_out=True)
    async with create_sessionmaker(engine).begin() as s:
        await add_member(s, 11)
    me, partner, overlap, bulbs, gone = (bot.emu.user(i) for i in (11, 12, 13, 14, 15))
    await fill_profile(me)

    await me.press(t.BTN_MCH_SUGGEST)
    page = await one(me)
    text = page.plain_text
    assert text.index("عضو ۱۲") < text.index("عضو ۱۴") < text.index("عضو ۱۳")
    assert "عضو ۱۵" not in text  # opted out: never appears
    assert "بازار هدف مشترک: عراق" in text and "آنچه شما نیاز دارید را ارائه می‌دهد: سردخانه" in text
    assert "با هم در گل شاخه‌بریده به ظرفیت ماهانهٔ ۱۶٬۰۰۰ شاخه می‌رسید" in text
    assert "۰۹۱۲" not in text

    # accepted: both get the other's contact, only then
    await me.press("📨 معرفی به عضو ۱۲")
    assert "۱ از ۲" in (await one(me)).plain_text
    request = await one(partner)
    assert "عضو ۱۱" in request.plain_text and "گل شاخه‌بریده" in request.plain_text
    assert "۰۹۱۲" not in request.plain_text
    await partner.press(t.BTN_MCH_ACCEPT)
    closed, contact = await partner.expect(2)
    assert closed.edited and not closed.inline_buttons and PHONE_OF[11] in contact.plain_text
    assert PHONE_OF[12] in (await one(me)).plain_text

    # declined: the requester hears no, and nothing is exchanged
    await me.press("📨 معرفی به عضو ۱۴", message_id=page.message_id)
    assert "۲ از ۲" in (await one(me)).plain_text
    await one(bulbs)
    await bulbs.press(t.BTN_MCH_DECLINE)
    assert t.MCH_DECLINED_TARGET in (await one(bulbs)).plain_text
    declined = await one(me)
    assert declined.plain_text == t.MCH_DECLINED_REQUESTER
    assert all(PHONE_OF[11] not in m.plain_text for m in bulbs.messages)
    assert all(PHONE_OF[14] not in m.plain_text for m in me.messages)

    # no repeated request to someone who declined; the weekly limit (2 here) holds
    await me.press("📨 معرفی به عضو ۱۴", message_id=page.message_id)
    assert (await me.answer())["text"] == t.ERRORS["mch_declined_before"]
    # the one who declined sees it their way, with no request button, and a forged request says so
    await bulbs.press(t.BTN_MCH_SUGGEST, message_id=(await _home(bulbs)).message_id)
    seen = await one(bulbs)
    assert t.MCH_ITEM_PAST["you_declined"].strip() in seen.plain_text
    assert "📨 معرفی به عضو ۱۱" not in seen.button_texts
    async with create_sessionmaker(engine)() as s:
        my_id = (await ep.member_of(s, Identity("telegram", 11, 11))).id
    await bulbs.press_raw(seen.message_id, f"mch:req:{my_id}")
    assert (await bulbs.answer())["text"] == t.ERRORS["mch_you_declined"]
    await me.press("📨 معرفی به عضو ۱۳", message_id=page.message_id)
    answer = await me.answer()
    assert answer["text"] == t.ERRORS["mch_weekly_limit"] and answer.get("show_alert")
    await replied_after(me)
    await overlap.expect_nothing(0)
    await gone.expect_nothing(0)

    await me.press(t.BTN_MCH_INBOX, message_id=(await _home(me)).message_id)
    box = await one(me)
    assert "عضو ۱۲: پذیرفته شد" in box.plain_text and "عضو ۱۴: پذیرفته نشد" in box.plain_text


async def _home(user: EmuUser) -> EmuMessage:
    await user.send_text(texts.BTN_CONSORTIUM)
    return await one(user)


async def test_opting_out_hides_the_member_and_blocks_suggestions(
    bot: BotUnderTest, engine: AsyncEngine, config: Config
) -> None:
    await add_profile(engine, config, 31, ("cut", 1_000, "stem"))
    await add_profile(engine, config, 32, ("potted", 1_000, "pot"))
    quitter, other = bot.emu.user(31), bot.emu.user(32)
    await _home(quitter)
    await quitter.press(t.BTN_EXP_OPT_OUT)
    assert t.HOME_OPTED_OUT in (await one(quitter)).plain_text
    await quitter.press(t.BTN_MCH_SUGGEST)
    assert (await quitter.answer())["text"] == t.ERRORS["exp_opted_out"]
    await _home(other)
    await other.press(t.BTN_MCH_SUGGEST)
    assert (await one(other)).plain_text == t.MCH_EMPTY


async def test_cda_answers_a_buyer_inquiry_and_forms_a_consortium(
    bot: BotUnderTest, engine: AsyncEngine, config: Config
) -> None:
    await add_profile(engine, config, 21, ("cut", 20_000, "stem"), certs=("phyto",))
    await add_profile(engine, config, 22, ("cut", 15_000, "stem"), certs=("phyto",))
    await add_profile(engine, config, 23, ("cut", 50_000, "stem"))  # no phytosanitary certificate
    await add_profile(engine, config, 24, ("potted", 500, "pot"), certs=("phyto",))
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    first, second = bot.emu.user(21), bot.emu.user(22)
    await admin.send_command("/admin")
    await one(admin)
    await admin.press(t.BTN_ADMIN_CONSORTIA)
    home = await one(admin)
    assert "اعضای دارای پروفایل صادراتی: ۴" in home.plain_text

    await admin.press(t.BTN_CNS_INQUIRY)
    await one(admin)
    await admin.press("عراق")
    await admin.expect(2)
    await admin.press("گل شاخه‌بریده")
    assert "✅ گل شاخه‌بریده" in (await one(admin)).button_texts
    await admin.press(t.BTN_CNS_CONTINUE)
    await admin.expect(2)
    await admin.send_text("سی هزار")
    assert (await one(admin)).plain_text == t.ERRORS["exp_capacity_number"]
    await admin.send_text("۳۰۰۰۰")
    await one(admin)
    await admin.press("شاخه")
    await admin.expect(2)
    await admin.press("گواهی بهداشت گیاهی")
    await one(admin)
    await admin.press(t.BTN_CNS_SHOW_GROUPS)
    groups = (await last_of(admin, 2)).plain_text
    best = groups.split("گروه ۲")[0]
    assert "عضو ۲۱" in best and "عضو ۲۲" in best and "عضو ۲۳" not in groups
    assert "ظرفیت ماهانهٔ مجموع: ۳۵٬۰۰۰ شاخه" in best and "درخواست را پوشش می‌دهد" in best

    await admin.press(t.BTN_CNS_NEW, message_id=home.message_id)
    await one(admin)
    await admin.send_text("کنسرسیوم رز محلات")
    await one(admin)
    await admin.press("عراق")
    await admin.expect(2)
    await admin.press("گل شاخه‌بریده")
    card = await last_of(admin, 2)
    assert "کنسرسیوم رز محلات" in card.plain_text and "در حال تشکیل" in card.plain_text

    await admin.press(t.BTN_CNS_INVITE)
    candidates = (await one(admin)).plain_text
    assert candidates.index("عضو ۲۳") < candidates.index("عضو ۲۱") < candidates.index("عضو ۲۲")
    assert "عضو ۲۴" not in candidates
    await admin.press("➕ عضو ۲۱")
    assert "دعوت برای عضو ۲۱ فرستاده شد" in (await one(admin)).plain_text
    await admin.press("➕ عضو ۲۲")
    await one(admin)
    assert "کنسرسیوم رز محلات" in (await one(first)).plain_text
    await one(second)
    await first.press(t.BTN_CNS_JOIN)
    assert "عضویت شما" in (await one(first)).plain_text
    await second.press(t.BTN_CNS_REFUSE)
    await one(second)
    await second.press_raw(second.last.message_id, "cns:yes:1")  # a forged second answer
    assert (await second.answer())["text"] == texts.ERRORS["stale"]
    await first.press_raw(first.last.message_id, "cns:stg:1:forming")  # a member forging an admin press
    assert (await first.answer())["text"] == texts.ERRORS["stale"]

    await admin.press(t.BTN_CNS_BACK)
    card = await one(admin)
    assert "عضو ۲۱: عضو" in card.plain_text and "عضو ۲۲: نپذیرفت" in card.plain_text
    await admin.press("⏭ مرحلهٔ بعد: توافق‌شده")
    assert "مرحله: توافق‌شده" in (await one(admin)).plain_text
    await admin.press(t.BTN_CNS_XLSX)
    xlsx = await one(admin)
    assert xlsx.kind == "document" and xlsx.document_bytes is not None
    assert xlsx.file_name == "اعضای کنسرسیوم - کنسرسیوم رز محلات - ۱۴۰۵-۰۹-۰۵.xlsx"
    assert "(۲ ردیف)" in xlsx.plain_text and "شماره موبایل اعضا" in xlsx.plain_text
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.document_bytes)).active
    assert sheet is not None and sheet["A2"].value == "عضو 21" and sheet["E2"].value == "عضو"

    # a message to the consortium goes through the broadcast engine to accepted members only
    await admin.press(t.BTN_CNS_MESSAGE)
    assert "۱ عضو" in (await one(admin)).plain_text
    await admin.send_text("جلسهٔ هماهنگی فردا ساعت ۱۰")
    news = await one(first)
    assert "جلسهٔ هماهنگی فردا" in news.plain_text and "کنسرسیوم رز محلات" in news.plain_text
    queued = t.CNS_MESSAGE_QUEUED.format(count="۱")
    for _ in range(100):  # the engine's progress report may come before the reply
        if any(m.plain_text == queued for m in admin.messages):
            break
        await asyncio.sleep(0.05)
    assert any(m.plain_text == queued for m in admin.messages)
    await ticks_pass(bot)
    await second.expect_nothing(0)


async def test_forged_presses_change_nothing(bot: BotUnderTest, engine: AsyncEngine, config: Config) -> None:
    await add_profile(engine, config, 41, ("cut", 1_000, "stem"))
    await add_profile(engine, config, 42, ("potted", 1_000, "pot"))
    grower, other = bot.emu.user(41), bot.emu.user(42)
    home = await _home(grower)
    forged = (
        *(
            "cns:new:",
            "cns:inq:",
            "cns:card:1",
            "cns:inv:1:2",
            "cns:xlsx:1",
            "cns:gmk:iraq",
            "cns:stg:1:forming",
        ),
        *("cns:nmk:iraq", "cns:iceok:", "cns:yes:1", "cns:yes:abc", "mch:acc:999", "mch:dec:x", "mch:req:41"),
        *("exp:t:mk:mars", "exp:t:zz:iraq", "exp:xp:expert", "exp:pdel:999", "exp:pc:cut", "exp:pu:stem"),
        *("exp:scr:zz", "exp:nonsense:1", "mch:", "cns"),
    )
    for data in forged:
        await grower.press_raw(home.message_id, data)
        answer = await grower.answer()
        assert answer["text"] == texts.ERRORS["stale"], data
    await replied_after(grower)
    await grower.expect_nothing(0)
    await other.expect_nothing(0)
    async with create_sessionmaker(engine)() as s:
        profile = await ep.get_profile(s, (await ep.member_of(s, Identity("telegram", 41, 41))).id)
        assert profile is not None and profile.markets == ["iraq"] and profile.experience == "none"
        assert len(profile.products) == 1


async def test_cda_sees_suggested_groups_for_a_market(
    bot: BotUnderTest, engine: AsyncEngine, config: Config
) -> None:
    for user_id, product in (
        (51, ("cut", 9_000, "stem")),
        (52, ("potted", 800, "pot")),
        (53, ("bulb", 70, "kg")),
    ):
        await add_profile(engine, config, user_id, product)
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    await one(admin)
    await admin.press(t.BTN_ADMIN_CONSORTIA)
    await one(admin)
    await admin.press(t.BTN_CNS_GROUPS)
    await one(admin)
    await admin.press("ترکیه")
    assert "هنوز ۳ عضو" in (await one(admin)).plain_text
    await admin.press("عراق")
    groups = (await one(admin)).plain_text
    assert "گروه ۱" in groups and "(۳ عضو)" in groups
    assert "۹٬۰۰۰ شاخه + ۸۰۰ گلدان + ۷۰ کیلوگرم" in groups
    assert "عضو ۵۱" in groups and "گیاهان آپارتمانی و گلدانی — ۸۰۰ گلدان" in groups


async def test_suggested_groups_for_forty_members_arrive_in_parts_under_the_limit(
    bot: BotUnderTest, engine: AsyncEngine, config: Config
) -> None:
    """40 experienced exporters, three products each, all in Iraq: the groups text is far over 4,096
    characters (Telegram's 400 "message is too long" before); it now arrives split, nobody lost."""
    products = (
        ("cut", "رز هلندی صادراتی", "stem"),
        ("potted", "سانسوریا و بنجامین", "pot"),
        ("bulb", "لیلیوم", "kg"),
    )
    async with create_sessionmaker(engine).begin() as s:
        for user_id in range(1001, 1041):
            who = Identity("telegram", user_id, user_id)
            member = await add_member(s, user_id)
            await ep.toggle(s, who, config, "mk", "iraq", now=NOW)
            await ep.toggle(s, who, config, "of", "cold_storage", now=NOW)
            await ep.set_experience(s, who, "regular", now=NOW)
            for i, (category, crop, unit) in enumerate(products):
                await ep.add_product(
                    s, member.id, config, category=category, crop=crop, capacity=1_000 * (i + 1) + user_id,
                    unit=unit, now=NOW,
                )  # fmt: skip
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    await one(admin)
    await admin.press(t.BTN_ADMIN_CONSORTIA)
    await one(admin)
    await admin.press(t.BTN_CNS_GROUPS)
    await one(admin)
    before = len(admin.messages)
    await admin.press("عراق")
    await admin.send_command("/admin")  # handled after the press in this chat: its menu marks the end
    menu = "منوی مدیر"
    await wait_for(lambda: any(menu in m.plain_text for m in admin.messages[before:]))
    parts = [m for m in admin.messages[before:] if menu not in m.plain_text]

    assert len(parts) >= 2
    assert all(utf16_len(m.plain_text) <= 4096 for m in parts)
    assert sum(utf16_len(m.plain_text) for m in parts) > 4096
    shown = "\n".join(m.plain_text for m in parts)
    assert all(f"عضو {to_persian_digits(user_id)}" in shown for user_id in range(1001, 1041))
    assert "گروه ۶" in shown and parts[0].plain_text.startswith("🧩 گروه‌های پیشنهادی برای عراق")
    assert not having(admin, "خطا در ربات") and not having(admin, texts.SOMETHING_WENT_WRONG)


async def test_suggestion_pages_edit_in_place_both_ways(
    bot: BotUnderTest, engine: AsyncEngine, config: Config
) -> None:
    """«بعدی ←» and «→ قبلی» (back to page 1 too) edit the list; only the home button opens a new one."""
    await add_profile(engine, config, 61, ("cut", 1_000, "stem"))
    for user_id in range(62, 69):  # seven partners: two pages of five
        await add_profile(engine, config, user_id, ("potted", 100, "pot"))
    me = bot.emu.user(61)
    home = await _home(me)
    await me.press(t.BTN_MCH_SUGGEST)
    first = await one(me)
    assert not first.edited and "صفحهٔ ۱ از ۲" in first.plain_text
    await me.press(t.BTN_NEXT)
    second = await one(me)
    assert second.edited and second.message_id == first.message_id and "صفحهٔ ۲ از ۲" in second.plain_text
    await me.press(t.BTN_PREV)
    back = await one(me)
    assert back.edited and back.message_id == first.message_id and "صفحهٔ ۱ از ۲" in back.plain_text
    assert t.BTN_NEXT in back.button_texts
    await me.press(t.BTN_MCH_SUGGEST, message_id=home.message_id)
    again = await one(me)
    assert not again.edited and again.message_id > first.message_id


async def test_at_night_requests_and_invitations_say_when_they_go(
    bot: BotUnderTest, engine: AsyncEngine, config: Config, clock: Clock
) -> None:
    """Quiet hours hold an introduction request and a consortium invitation until 07:00: the member
    and the CDA are told so («فردا ساعت ۷ صبح»), not «فرستاده شد»; by day they are told «فرستاده شد»."""
    await add_profile(engine, config, 71, ("cut", 1_000, "stem"))
    await add_profile(engine, config, 72, ("potted", 500, "pot"))
    await add_profile(engine, config, 73, ("cut", 9_000, "stem"))
    asker, target, invited = bot.emu.user(71), bot.emu.user(72), bot.emu.user(73)
    clock.now = NIGHT
    await _home(asker)
    await asker.press(t.BTN_MCH_SUGGEST)
    await one(asker)
    await asker.press("📨 معرفی به عضو ۷۲")
    reply = (await one(asker)).plain_text
    assert "درخواست معرفی ثبت شد و فردا ساعت ۷ صبح فرستاده می‌شود" in reply
    assert "فرستاده شد" not in reply

    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    await one(admin)
    await admin.press(t.BTN_ADMIN_CONSORTIA)
    await one(admin)
    await admin.press(t.BTN_CNS_NEW)
    await one(admin)
    await admin.send_text("کنسرسیوم شبانه")
    await one(admin)
    await admin.press("عراق")
    await admin.expect(2)
    await admin.press("گل شاخه‌بریده")
    await admin.expect(2)
    await admin.press(t.BTN_CNS_INVITE)
    await one(admin)
    await admin.press("➕ عضو ۷۳")
    note = (await one(admin)).plain_text
    assert "دعوت برای عضو ۷۳ ثبت شد و فردا ساعت ۷ صبح فرستاده می‌شود" in note

    await ticks_pass(bot)
    await target.expect_nothing(0)  # held by quiet hours, as the replies said
    await invited.expect_nothing(0)
    clock.now = MORNING
    assert "درخواست معرفی" in (await one(target)).plain_text
    # accepted the next night: the accepter gets the contact now; theirs goes to the asker at 07:00
    clock.now = NIGHT.replace(day=27)
    await target.press(t.BTN_MCH_ACCEPT)
    _, contact = await target.expect(2)
    assert "اطلاعات تماس شما فردا ساعت ۷ صبح برای او فرستاده می‌شود" in contact.plain_text
    await ticks_pass(bot)
    assert not having(asker, "پذیرفته شد")
    clock.now = MORNING.replace(day=28)
    await wait_for(lambda: bool(having(asker, "درخواست معرفی شما پذیرفته شد")))
    asker.skip()
    assert "کنسرسیوم شبانه" in (await one(invited)).plain_text

    # by day the same replies say it was sent
    await admin.press("➕ عضو ۷۱")
    assert "دعوت برای عضو ۷۱ فرستاده شد." in (await one(admin)).plain_text
    await asker.press(t.BTN_MCH_SUGGEST, message_id=(await _home(asker)).message_id)
    await one(asker)
    await asker.press("📨 معرفی به عضو ۷۳")
    assert "📨 درخواست معرفی فرستاده شد." in (await one(asker)).plain_text
