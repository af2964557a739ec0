"""Telegram and Bale in one process (`khooshe run` with BOT_TOKEN and BALE_BOT_TOKEN), each on its emulator.

A person registered on both with the same shared contact is one member; a broadcast to everyone
reaches that person once, on the messenger they used last, and the CDA's counts are people.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.error import BadRequest

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.delivery import files
from bot.emulator import BotApiEmulator
from bot.local_run import MessengersUnderTest
from bot.texts import broadcast as t
from models import Account, Delivery, Member
from tests.e2e.test_e2e_registration import register_user
from tests.e2e_support import Clock, fast_ticks, having, wait_for
from tests.factories import add_member

ADMIN_ID = 9000
SARA_TG, SARA_BALE = 3001, 880001
PHONE = "+989121110000"


@pytest.fixture
async def both(engine: AsyncEngine, config: Config) -> AsyncIterator[MessengersUnderTest]:
    url = engine.url.render_as_string(hide_password=False)
    async with (
        BotApiEmulator() as telegram,
        BotApiEmulator(profile="bale", bot_username="khooshe_bale_bot", bot_id=778000) as bale,
    ):
        config = dataclasses.replace(fast_ticks(config), database_url=url)
        running = MessengersUnderTest(telegram, bale, config, Clock())
        await running.start()
        try:
            yield running
        finally:
            await running.stop()


async def test_one_person_on_two_messengers_is_one_member_and_gets_a_broadcast_once(
    both: MessengersUnderTest, engine: AsyncEngine
) -> None:
    telegram, bale = both.emus["telegram"], both.emus["bale"]
    sara_tg = telegram.user(SARA_TG, first_name="سارا")
    await register_user(sara_tg, "سارا محمدی", PHONE)
    assert any(m.plain_text == texts.REGISTERED for m in sara_tg.messages)

    assert isinstance(both.clock, Clock)
    both.clock.now += timedelta(minutes=5)  # she opens Bale a little later
    sara_bale = bale.user(SARA_BALE, first_name="سارا")
    await sara_bale.send_command("/start")
    welcome, ask_name = await sara_bale.expect(2)  # the same welcome and questions as on Telegram
    assert "خوش آمدید" in welcome.plain_text and ask_name.plain_text == texts.ASK_FULL_NAME
    await sara_bale.send_text("سارا")
    await sara_bale.expect(1)
    await sara_bale.share_contact(PHONE)
    linked = await sara_bale.next_message()
    assert "به عضویتتان در خوشه پیوست" in linked.plain_text and "بله" in linked.plain_text
    assert any(texts.BTN_PROFILE in row for row in linked.reply_keyboard or [])  # the member menu

    sm = create_sessionmaker(engine)
    async with sm.begin() as s:
        [sara] = (await s.execute(select(Member))).scalars()
        accounts = sorted((await s.execute(select(Account.platform, Account.member_id))).all())
        assert accounts == [("bale", sara.id), ("telegram", sara.id)]
        await add_member(s, 3002, platform="telegram")  # Ali, Telegram only
        await add_member(s, 880002, platform="bale")  # Reza, Bale only
    ali, reza = telegram.user(3002), bale.user(880002)  # Telegram only, Bale only

    # The profile on Bale is the one made on Telegram.
    await sara_bale.send_text(texts.BTN_PROFILE)
    card = await sara_bale.next_message()
    assert "سارا محمدی" in card.plain_text

    admin = telegram.user(ADMIN_ID, first_name="عامل توسعه")
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(texts.BTN_ADMIN_BROADCAST)
    await admin.next_message()
    await admin.send_text("بازدید از گلخانهٔ نمونه، پنج‌شنبه")
    await admin.next_message()
    await admin.press(t.BTN_BCAST_NO_BUTTONS)
    audience = (await admin.expect(2))[-1]
    assert "تعداد گیرندگان: ۳ نفر" in audience.plain_text, audience.plain_text  # 3 people, 4 accounts
    await admin.press(t.BTN_BCAST_NEXT)
    await admin.expect(3)
    await admin.press(t.BTN_BCAST_SEND_NOW)
    await admin.next_message()

    await wait_for(lambda: any("گزارش پیام همگانی" in m.plain_text for m in admin.messages), timeout=15)
    report = next(m for m in admin.messages if "گزارش پیام همگانی" in m.plain_text)
    assert "رسیده: ۳ از ۳" in report.plain_text  # people, not accounts
    assert [len(having(u, "گلخانهٔ نمونه")) for u in (ali, reza)] == [1, 1]
    got_tg = [m for m in sara_tg.messages if "گلخانهٔ نمونه" in m.plain_text]
    got_bale = [m for m in sara_bale.messages if "گلخانهٔ نمونه" in m.plain_text]
    assert (len(got_tg), len(got_bale)) == (0, 1)  # once, on Bale: the messenger she used last
    async with sm() as s:
        rows = sorted((await s.execute(select(Delivery.messenger, Delivery.status))).all())
    assert rows == [("bale", "sent"), ("bale", "sent"), ("telegram", "sent")]


async def test_a_photo_from_telegram_reaches_bale_members_uploaded_once(
    both: MessengersUnderTest, engine: AsyncEngine
) -> None:
    """File ids are per messenger: the poster is fetched once from Telegram and uploaded to Bale once."""
    telegram, bale = both.emus["telegram"], both.emus["bale"]
    async with create_sessionmaker(engine).begin() as s:
        await add_member(s, 3002, platform="telegram")
        for user_id in (880002, 880003, 880004):
            await add_member(s, user_id, platform="bale")
    ali = telegram.user(3002)
    on_bale = [bale.user(u) for u in (880002, 880003, 880004)]
    poster = b"\xff\xd8\xff\xe0" + b"poster of the cluster's open day" * 40
    admin = telegram.user(ADMIN_ID, first_name="عامل توسعه")
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(texts.BTN_ADMIN_BROADCAST)
    await admin.next_message()
    await admin.send_photo(caption="روز درهای باز خوشه", data=poster)
    await admin.next_message()
    await admin.press(t.BTN_BCAST_NO_BUTTONS)
    await admin.expect(2)
    await admin.press(t.BTN_BCAST_NEXT)
    await admin.expect(3)
    await admin.press(t.BTN_BCAST_SEND_NOW)
    await admin.next_message()
    await wait_for(lambda: any("گزارش پیام همگانی" in m.plain_text for m in admin.messages), timeout=15)
    report = next(m for m in admin.messages if "گزارش پیام همگانی" in m.plain_text)
    assert "رسیده: ۴ از ۴" in report.plain_text
    [tg_photo] = telegram.sent_to(ali.id)
    assert tg_photo.kind == "photo"
    bale_photos = [m for user in on_bale for m in bale.sent_to(user.id)]
    assert [m.kind for m in bale_photos] == ["photo"] * 3
    assert all(m.plain_text == "روز درهای باز خوشه" for m in bale_photos)
    assert len({m.file_id for m in bale_photos}) == 1  # one Bale file, reused
    stored = bale.state.files[bale_photos[0].file_id or ""]
    assert stored.data == poster  # the very bytes the CDA uploaded on Telegram
    assert len(telegram.calls_to("getFile")) == 1


async def test_a_typed_number_links_with_a_code_and_the_member_chooses_the_messenger(
    both: MessengersUnderTest, engine: AsyncEngine
) -> None:
    telegram, bale = both.emus["telegram"], both.emus["bale"]
    sara_tg = telegram.user(SARA_TG, first_name="سارا")
    await sara_tg.send_command("/start")
    await sara_tg.expect(2)
    await sara_tg.send_text("سارا محمدی")
    await sara_tg.expect(1)
    await sara_tg.send_text("09121110000")  # typed: the messenger does not vouch for it
    await sara_tg.expect(2)
    for button in ("تولیدکننده (گلخانه‌دار)", "گل شاخه‌بریده", texts.BTN_CATEGORIES_DONE, "محلات"):
        await sara_tg.press(button)
        await sara_tg.expect(1 if button == "گل شاخه‌بریده" else 2)
    await sara_tg.press(texts.BTN_SKIP)
    await sara_tg.expect(2)
    await sara_tg.press(texts.BTN_CONFIRM)
    await sara_tg.expect(2)

    sara_bale = bale.user(SARA_BALE, first_name="سارا")
    await sara_bale.send_command("/start")
    await sara_bale.expect(2)
    await sara_bale.send_text("سارا")
    await sara_bale.expect(1)
    await sara_bale.share_contact(PHONE)
    _, offer = await sara_bale.expect(2)
    assert "تلگرام" in offer.plain_text and "کد" in offer.plain_text  # never linked by itself
    await sara_bale.press(texts.BTN_LINK_SEND.format(other="تلگرام"))
    offer_closed, ask_code = await sara_bale.expect(2)
    assert offer_closed.message_id == offer.message_id and "کد ۶ رقمی" in ask_code.plain_text
    code_message = await sara_tg.next_message(timeout=10)  # on Telegram, where she is registered
    code = re.search(r"[۰-۹]{6}", code_message.plain_text)
    assert code and "بله" in code_message.plain_text
    await sara_bale.send_text("۰۰۰۰۰۰" if code.group() != "۰۰۰۰۰۰" else "۱۱۱۱۱۱")
    assert (await sara_bale.next_message()).plain_text == texts.ERRORS["link_wrong"]
    await sara_bale.send_text(code.group())
    linked, closed = await sara_bale.expect(2)  # then the code question's buttons go
    assert "به عضویتتان در خوشه پیوست" in linked.plain_text
    assert closed.message_id == ask_code.message_id and not closed.inline_buttons

    await sara_bale.send_text(texts.BTN_PROFILE)
    card = await sara_bale.next_message()
    assert texts.MESSENGER_AUTO in card.plain_text
    await sara_bale.press(texts.BTN_MESSENGER.format(name="تلگرام"))
    answer = await sara_bale.answer()
    assert answer["text"] == texts.MESSENGER_CHOSEN.format(where="تلگرام")
    await wait_for(lambda: "📨 پیام‌های خوشه: تلگرام" in sara_bale.messages[-1].plain_text)
    before = len(sara_bale.callback_answers)
    await sara_bale.press_raw(card.message_id, "prf:msgr:whatsapp")  # forged: not her messenger
    await wait_for(lambda: len(sara_bale.callback_answers) > before)
    assert sara_bale.callback_answers[-1]["text"] == texts.ERRORS["unknown_choice"]

    admin = telegram.user(ADMIN_ID, first_name="عامل توسعه")
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(texts.BTN_ADMIN_BROADCAST)
    await admin.next_message()
    await admin.send_text("خبر تازهٔ خوشه")
    await admin.next_message()
    await admin.press(t.BTN_BCAST_NO_BUTTONS)
    await admin.expect(2)
    await admin.press(t.BTN_BCAST_NEXT)
    await admin.expect(3)
    await admin.press(t.BTN_BCAST_SEND_NOW)
    await admin.next_message()
    await wait_for(lambda: any("گزارش پیام همگانی" in m.plain_text for m in admin.messages), timeout=15)
    assert (len(having(sara_tg, "خبر تازهٔ خوشه")), len(having(sara_bale, "خبر تازهٔ خوشه"))) == (1, 0)


async def test_a_file_id_from_the_other_messenger_is_fetched_from_there(both: MessengersUnderTest) -> None:
    """A member's document sent on Bale, opened by the CDA on Telegram (handlers/kit.send_media)."""
    telegram, bale = both.emus["telegram"], both.emus["bale"]
    document = b"%PDF-1.4 passport scan"
    stored = bale.state.add_file("document", document, "passport.pdf", "application/pdf")
    tg_bot = both.app("telegram").bot
    telegram.user(ADMIN_ID)
    with pytest.raises(BadRequest) as refused:
        await tg_bot.send_document(ADMIN_ID, stored.file_id)
    assert files.is_foreign_file_error(refused.value.message)
    upload = await files.fetch_elsewhere(tg_bot, stored.file_id)
    assert upload is not None
    sent = await tg_bot.send_document(ADMIN_ID, upload)
    assert sent.document is not None
    assert telegram.state.files[sent.document.file_id].data == document
    assert await files.fetch_elsewhere(tg_bot, "no-such-file-anywhere") is None
