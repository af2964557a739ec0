"""The CDA's broadcast screens end to end: compose, audience, preview, schedule, manage — and refusals."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.delivery.sender import buttons_markup
from bot.emulator.driver import EmuUser
from bot.emulator.html_text import utf16_len
from bot.emulator.messages import EmuMessage
from bot.emulator.serialize import message_json
from bot.local_run import BotUnderTest, running_bot
from bot.persian import format_number
from bot.texts import broadcast as t
from models import Broadcast, Delivery
from tests.e2e_support import Clock, bot_on, having, replied_after, ticks_pass, wait_for
from tests.factories import NOW, add_member

ADMIN_ID = 9000
TEHRAN = ZoneInfo("Asia/Tehran")
STALE = texts.ERRORS["stale"]


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)  # 2026-11-26 11:30 Tehran = پنجشنبه ۵ آذر ۱۴۰۵


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config, clock: Clock) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, config, clock) as running:
        yield running


async def seed(engine: AsyncEngine, bot: BotUnderTest, specs: list[tuple[int, str]]) -> None:
    async with create_sessionmaker(engine).begin() as s:
        for user_id, role in specs:
            await add_member(s, user_id, role=role)
            bot.emu.user(user_id)


async def broadcasts(engine: AsyncEngine) -> list[Broadcast]:
    async with create_sessionmaker(engine)() as s:
        return list((await s.execute(select(Broadcast).order_by(Broadcast.id))).scalars())


async def open_compose(admin: EmuUser) -> None:
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(texts.BTN_ADMIN_BROADCAST)
    assert "پیام همگانی جدید" in (await admin.next_message()).plain_text


async def compose_text(admin: EmuUser, text: str = "اطلاعیهٔ خوشه", buttons: str | None = None) -> EmuMessage:
    """Content and buttons; returns the audience control message."""
    await open_compose(admin)
    await admin.send_text(text)
    assert t.BTN_BCAST_NO_BUTTONS in (await admin.next_message()).button_texts
    if buttons is None:
        await admin.press(t.BTN_BCAST_NO_BUTTONS)
    else:
        await admin.send_text(buttons)
    _, audience = await admin.expect(2)
    return audience


async def typed_time(admin: EmuUser, text: str) -> EmuMessage:
    """Type the time asked with the date picker: the answer comes, then the picker under it goes."""
    asked = next(m for m in reversed(admin.messages) if m.inline_buttons)
    await admin.send_text(text)
    answer, closed = await admin.expect(2)
    assert closed.message_id == asked.message_id and not closed.inline_buttons
    return answer


async def to_preview(admin: EmuUser) -> tuple[EmuMessage, EmuMessage]:
    await admin.press(t.BTN_BCAST_NEXT)
    closed, preview, controls = await admin.expect(3)
    assert closed.edited and not closed.inline_buttons
    return preview, controls


async def press_and_answer(user: EmuUser, message_id: int, data: str) -> str:
    await user.press_raw(message_id, data)
    return str((await user.answer()).get("text", ""))


async def send_sticker(bot: BotUnderTest, user: EmuUser) -> None:
    state = bot.emu.state
    message = state.add_message(user.chat, from_bot=False, sender_id=user.id, kind="sticker")
    payload = message_json(state, message)
    payload["sticker"] = {
        "file_id": "STICKER-1",
        "file_unique_id": "USTICKER1",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
    }
    bot.emu.push_update({"message": payload})


async def test_compose_audience_preview_schedule_list_reschedule_cancel(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    await seed(bot=bot, engine=engine, specs=[(11, "grower"), (12, "grower"), (13, "trader")])
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    body = "دورهٔ آموزشی کشت بدون خاک\nثبت‌نام در سایت"
    entities = [
        {"type": "bold", "offset": 0, "length": utf16_len("دورهٔ آموزشی")},
        {
            "type": "text_link",
            "offset": utf16_len(body) - utf16_len("سایت"),
            "length": utf16_len("سایت"),
            "url": "https://example.com/c",
        },
    ]
    await open_compose(admin)
    await admin.send_text(body, entities=entities)
    buttons_question = await admin.next_message()
    await admin.send_text("ثبت‌نام | https://example.com/reg")  # typed: «بدون دکمه» goes away
    saved, closed, audience = await admin.expect(3)
    assert saved.plain_text == t.BCAST_BUTTONS_SAVED.format(count="۱")
    assert closed.message_id == buttons_question.message_id and not closed.inline_buttons
    assert "همهٔ اعضای فعال" in audience.plain_text and "<b>۳</b>" in (audience.text or "")

    await admin.press("فعالیت‌ها")
    roles = await admin.next_message()
    assert roles.edited and roles.message_id == audience.message_id and t.BTN_BCAST_BACK in roles.button_texts
    await admin.press("تولیدکننده (گلخانه‌دار)")
    ticked = await admin.next_message()
    assert "✅ تولیدکننده (گلخانه‌دار)" in ticked.button_texts and "<b>۲</b>" in (ticked.text or "")
    assert "فعالیت: تولیدکننده (گلخانه‌دار)" in ticked.plain_text
    await admin.press(t.BTN_BCAST_BACK)
    main = await admin.next_message()
    assert "فعالیت‌ها (۱)" in main.button_texts and "<b>۲</b>" in (main.text or "")

    preview, controls = await to_preview(admin)
    [b] = await broadcasts(engine)
    assert b.status == "draft" and b.segment == {"roles": ["grower"]}
    assert preview.kind == "text" and preview.text == b.text_html  # exactly what members get
    html_sent = preview.text or ""
    assert "<b>دورهٔ آموزشی</b>" in html_sent and '<a href="https://example.com/c">سایت</a>' in html_sent
    assert preview.reply_markup == buttons_markup(b.buttons).to_dict()  # type: ignore[union-attr]
    assert preview.inline_buttons == [[{"text": "ثبت‌نام", "url": "https://example.com/reg"}]]
    assert "گیرندگان: ۲ نفر" in controls.plain_text and "فوری: خاموش" in controls.plain_text
    assert "شروع ارسال: همین حالا" in controls.plain_text
    assert "انتشار در کانال" not in controls.plain_text + " ".join(controls.button_texts)  # no channel set

    await admin.press(t.BTN_BCAST_SCHEDULE)
    when = await admin.next_message()
    assert "۱۴۰۵/۰۹/۰۶ ۱۰:۰۰" in when.plain_text and when.inline_buttons  # an example, and the picker
    await admin.send_text("۱۴۰۵/۰۹/۰۶ ۱۰:۳۰")
    done, closed = await admin.expect(2)  # scheduled: then the picker under the question goes
    assert closed.message_id == when.message_id and not closed.inline_buttons
    assert "زمان‌بندی شد" in done.plain_text and "جمعه ۶ آذر ۱۴۰۵، ساعت ۱۰:۳۰" in done.plain_text
    assert "برای ۲ نفر" in done.plain_text
    [b] = await broadcasts(engine)
    assert (b.status, b.due_at) == ("scheduled", datetime(2026, 11, 27, 10, 30, tzinfo=TEHRAN))

    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_BCAST_LIST)
    title, card = await admin.expect(2)
    assert "۱" in title.plain_text
    for expected in ("زمان‌بندی‌شده", "جمعه ۶ آذر ۱۴۰۵، ساعت ۱۰:۳۰", "گیرندگان: ۲ نفر", "دورهٔ آموزشی کشت"):
        assert expected in card.plain_text
    assert card.button_texts == [t.BTN_BCAST_RESCHEDULE, t.BTN_BCAST_CANCEL]

    await admin.press(t.BTN_BCAST_RESCHEDULE, message_id=card.message_id)
    ask = await admin.next_message()
    assert "فعلاً جمعه ۶ آذر" in ask.plain_text and ask.button_texts[0] == "آذر ۱۴۰۵"  # the date picker
    await admin.press("آذر ۱۴۰۵", message_id=ask.message_id)
    assert (await admin.next_message()).message_id == ask.message_id
    await admin.press("۷", message_id=ask.message_id)
    times = await admin.next_message()
    assert times.button_texts[0] == "🗓 شنبه ۷ آذر" and "۲۲:۰۰" not in times.button_texts  # quiet hours
    await admin.press("۰۹:۰۰", message_id=ask.message_id)
    closed, moved = await admin.expect(2)
    assert "✅ شنبه ۷ آذر ۱۴۰۵، ساعت ۰۹:۰۰" in closed.plain_text and not closed.inline_buttons
    assert "تغییر کرد" in moved.plain_text and "شنبه ۷ آذر ۱۴۰۵، ساعت ۰۹:۰۰" in moved.plain_text
    assert await press_and_answer(admin, ask.message_id, times.inline_buttons[1][0]["callback_data"]) == STALE
    [b] = await broadcasts(engine)
    assert (b.status, b.due_at) == ("scheduled", datetime(2026, 11, 28, 9, 0, tzinfo=TEHRAN))

    await admin.press(t.BTN_BCAST_CANCEL, message_id=card.message_id)
    cancelled = await admin.next_message()
    assert cancelled.message_id == card.message_id and "لغوشده" in cancelled.plain_text
    assert not cancelled.inline_buttons
    assert (await broadcasts(engine))[0].status == "cancelled"
    assert await press_and_answer(admin, card.message_id, f"bc:cancel:{b.id}") == STALE  # double press
    await admin.press_raw(card.message_id, f"bc:resched:{b.id}")
    assert (await admin.answer())["text"] == STALE
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_BCAST_LIST)
    assert (await admin.next_message()).plain_text == t.BCAST_LIST_EMPTY


async def test_photo_preview_is_what_members_get_and_a_double_send_sends_once(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    await seed(engine, bot, [(21, "grower"), (22, "trader")])
    admin = bot.emu.user(ADMIN_ID)
    await open_compose(admin)
    sent = await admin.send_photo(caption="نمایشگاه گل & گیاه <محلات>")
    await admin.next_message()
    await admin.press(t.BTN_BCAST_NO_BUTTONS)
    closed, audience = await admin.expect(2)
    assert t.BCAST_NO_BUTTONS_CHOSEN in closed.plain_text and not closed.inline_buttons
    assert "<b>۲</b>" in (audience.text or "")
    preview, controls = await to_preview(admin)
    assert preview.kind == "photo" and preview.file_id == sent["photo"][-1]["file_id"]
    assert preview.text == "نمایشگاه گل &amp; گیاه &lt;محلات&gt;" and preview.plain_text == sent["caption"]

    await admin.press(t.BTN_BCAST_SEND_NOW)
    started = await admin.next_message()
    assert started.message_id == controls.message_id and "از همین حالا ارسال می‌شود" in started.plain_text
    assert not started.inline_buttons
    [b] = await broadcasts(engine)
    assert await press_and_answer(admin, controls.message_id, f"bc:now:{b.id}") == STALE

    for user_id in (21, 22):
        for _ in range(100):
            if bot.emu.sent_to(user_id):
                break
            await asyncio.sleep(0.05)
        [got] = bot.emu.sent_to(user_id)
        assert (got.kind, got.file_id, got.text, got.reply_markup) == (
            preview.kind,
            preview.file_id,
            preview.text,
            preview.reply_markup,
        )
    async with create_sessionmaker(engine)() as s:
        assert (await s.execute(select(func.count()).select_from(Delivery))).scalar_one() == 2
    assert len(await broadcasts(engine)) == 1


async def test_bad_inputs_get_a_persian_reply_and_lose_nothing(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    await seed(engine, bot, [(31, "grower")])
    admin = bot.emu.user(ADMIN_ID)
    await open_compose(admin)
    await send_sticker(bot, admin)
    assert (await admin.next_message()).plain_text == t.ERRORS["bcast_unsupported"]
    await admin.send_text("خبر تازه")
    await admin.next_message()
    await admin.send_text("سایت https://example.com")
    assert "عنوان | https://example.com" in (await admin.next_message()).plain_text
    await admin.send_text("سایت | https://example.com")
    _, _, audience = await admin.expect(3)  # saved, the buttons question closed, the audience
    await admin.send_text("همه")
    assert (await admin.next_message()).plain_text == t.ERRORS["use_buttons"]

    await admin.press("محل‌ها", message_id=audience.message_id)
    await admin.next_message()
    await admin.press("نیمور")  # nobody lives there
    assert "<b>۰</b>" in ((await admin.next_message()).text or "")
    await admin.press(t.BTN_BCAST_BACK)
    assert "محل: نیمور" in (await admin.next_message()).plain_text
    await admin.press(t.BTN_BCAST_NEXT, message_id=audience.message_id)
    answer = await admin.answer()
    assert answer["text"] == t.ERRORS["bcast_no_audience"] and answer.get("show_alert")
    await replied_after(admin)
    await admin.expect_nothing(0)
    await admin.press(t.BTN_BCAST_ALL)
    assert "<b>۱</b>" in ((await admin.next_message()).text or "")
    await to_preview(admin)

    await admin.press(t.BTN_BCAST_SCHEDULE)
    await admin.next_message()
    bad = {
        "۱۴۰۵/۰۷/۳۱ ۱۰:۰۰": "مهر ۳۰ روز دارد؛ ۳۱ مهر ۱۴۰۵ وجود ندارد",
        "۱۴۰۵/۰۹/۰۴ ۱۰:۰۰": "این زمان گذشته است",
        "فردا صبح": "تاریخ را متوجه نشدیم",
        "۱۴۰۵/۰۹/۰۶": "ساعت را هم بنویسید",
    }
    for typed, expected in bad.items():
        await admin.send_text(typed)
        assert expected in (await admin.next_message()).plain_text
    [b] = await broadcasts(engine)
    assert (b.status, b.segment, b.buttons) == (
        "draft",
        {},
        [{"text": "سایت", "url": "https://example.com"}],
    )
    assert "زمان‌بندی شد" in (await typed_time(admin, "۱۴۰۵/۰۹/۰۶ ۰۸:۰۰")).plain_text
    assert (await broadcasts(engine))[0].status == "scheduled"

    await compose_text(admin, "پیش‌نویس رهاشده")  # /cancel mid-way leaves a harmless draft
    _, controls = await to_preview(admin)
    await admin.send_command("/cancel")
    assert (await admin.next_message()).plain_text == t.BCAST_FLOW_CANCELLED
    assert await press_and_answer(admin, controls.message_id, f"bc:now:{b.id + 1}") == STALE
    assert [x.status for x in await broadcasts(engine)] == ["scheduled", "draft"]


async def test_quiet_hours_notice_and_urgent(bot: BotUnderTest, engine: AsyncEngine, clock: Clock) -> None:
    await seed(engine, bot, [(41, "grower")])
    admin = bot.emu.user(ADMIN_ID)
    await compose_text(admin, "یادآوری شبانه")
    await to_preview(admin)
    await admin.press(t.BTN_BCAST_SCHEDULE)
    await admin.next_message()
    notice = (await typed_time(admin, "۱۴۰۵/۰۹/۰۵ ۲۳:۰۰")).plain_text
    assert "جمعه ۶ آذر ۱۴۰۵، ساعت ۰۷:۰۰" in notice and "پنجشنبه ۵ آذر ۱۴۰۵، ساعت ۲۳:۰۰" in notice
    assert "ساعت سکوت" in notice

    await compose_text(admin, "هشدار سرمازدگی")
    _, controls = await to_preview(admin)
    await admin.press("فوری: خاموش", message_id=controls.message_id)
    urgent = await admin.next_message()
    assert urgent.message_id == controls.message_id and "فوری: روشن" in urgent.button_texts
    assert "⚡️ فوری: روشن" in urgent.plain_text
    await admin.press(t.BTN_BCAST_SCHEDULE)
    await admin.next_message()
    scheduled = (await typed_time(admin, "۱۴۰۵/۰۹/۰۵ ۲۳:۰۰")).plain_text
    assert "پنجشنبه ۵ آذر ۱۴۰۵، ساعت ۲۳:۰۰" in scheduled and "ساعت سکوت" not in scheduled
    night, morning = datetime(2026, 11, 26, 23, 0, tzinfo=TEHRAN), datetime(2026, 11, 27, 7, 0, tzinfo=TEHRAN)
    assert [b.due_at for b in await broadcasts(engine)] == [morning, night]

    clock.now = night + timedelta(minutes=30)  # «ارسال همین حالا» in the middle of the night
    # the urgent one is due now: its progress and report reach the CDA first, then the next composition
    urgent_id = (await broadcasts(engine))[1].id
    report = f"گزارش پیام همگانی #{format_number(urgent_id)}"
    await wait_for(lambda: bool(having(admin, report)), timeout=20)
    admin.skip()
    await compose_text(admin, "خبر شب")
    _, controls = await to_preview(admin)
    assert "جمعه ۶ آذر ۱۴۰۵، ساعت ۰۷:۰۰ (پس از پایان ساعت سکوت)" in controls.plain_text
    await admin.press(t.BTN_BCAST_SEND_NOW, message_id=controls.message_id)
    told = await admin.next_message()
    assert "الان ساعت سکوت است" in told.plain_text and "ساعت ۰۷:۰۰" in told.plain_text
    assert (await broadcasts(engine))[-1].due_at == morning


async def test_non_admin_cannot_reach_any_of_it(bot: BotUnderTest, engine: AsyncEngine) -> None:
    await seed(engine, bot, [(51, "grower"), (52, "trader")])
    admin, grower = bot.emu.user(ADMIN_ID), bot.emu.user(51)
    audience = await compose_text(admin, "فقط برای مدیر")
    _, controls = await to_preview(admin)
    [draft] = await broadcasts(engine)
    await admin.send_command("/cancel")  # a second, scheduled one for the management forgeries
    await admin.next_message()
    await compose_text(admin, "زمان‌بندی‌شده")
    await to_preview(admin)
    await admin.press(t.BTN_BCAST_SCHEDULE)
    await admin.next_message()
    await admin.send_text("۱۴۰۵/۰۹/۰۶ ۱۰:۰۰")
    await admin.next_message()
    scheduled = (await broadcasts(engine))[1]
    before = [(b.status, b.segment, b.urgent, b.due_at) for b in await broadcasts(engine)]

    await grower.send_command("/admin")
    assert (await grower.next_message()).plain_text == texts.UNKNOWN_COMMAND
    forged = [
        (controls.message_id, f"bc:now:{draft.id}"),
        (controls.message_id, f"bc:when:{draft.id}"),
        (controls.message_id, f"bc:urg:{draft.id}"),
        (controls.message_id, f"bc:drop:{draft.id}"),
        (audience.message_id, f"bc:tg:{draft.id}:roles:trader"),
        (audience.message_id, f"bc:view:{draft.id}:roles"),
        (audience.message_id, f"bc:all:{draft.id}"),
        (audience.message_id, f"bc:next:{draft.id}"),
        (audience.message_id, f"bc:nobtn:{draft.id}"),
        (1, f"bc:cancel:{scheduled.id}"),
        (1, f"bc:resched:{scheduled.id}"),
        (1, f"bc:pause:{scheduled.id}"),
        (1, f"bc:resume:{scheduled.id}"),
        (1, "bc:now:x"),
        (1, "adm:bcast:"),
        (1, "adm:bclist:"),
    ]
    for message_id, data in forged:
        assert await press_and_answer(grower, message_id, data) == STALE, data
    await grower.send_text("عنوان | https://evil.example")  # not in any flow: the ordinary reply
    assert (await grower.next_message()).plain_text == texts.UNKNOWN_TEXT
    await replied_after(grower)
    await ticks_pass(bot)
    await grower.expect_nothing(0)
    assert [(b.status, b.segment, b.urgent, b.due_at) for b in await broadcasts(engine)] == before
    assert bot.emu.sent_to(52) == []


async def test_running_and_paused_cards(bot: BotUnderTest, engine: AsyncEngine) -> None:
    async with create_sessionmaker(engine).begin() as s:
        for status, reason, by in (("running", None, 0), ("paused", "broken_message", ADMIN_ID)):
            s.add(
                Broadcast(
                    status=status,
                    created_by=by,
                    admin_chat_id=ADMIN_ID,
                    kind="document",
                    text_html="<b>گزارش</b> فصل پاییز",
                    file_id="DOC",
                    buttons=[],
                    segment={},
                    due_at=NOW,
                    total=7,
                    pause_reason=reason,
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_BCAST_LIST)
    _, running, paused = await admin.expect(3)
    assert "در حال ارسال" in running.plain_text and "📎 فایل گزارش فصل پاییز" in running.plain_text
    assert running.button_texts == [t.BTN_BCAST_PAUSE, t.BTN_BCAST_CANCEL]
    assert "گیرندگان: ۷ نفر" in running.plain_text and "پیام خودکار ربات" in running.plain_text
    assert "پیام خودکار" not in paused.plain_text
    assert "متن پیام ایراد قالب‌بندی دارد" in paused.plain_text
    assert paused.button_texts == [t.BTN_BCAST_RESUME, t.BTN_BCAST_CANCEL]

    await admin.press(t.BTN_BCAST_PAUSE, message_id=running.message_id)
    now_paused = await admin.next_message()
    assert "متوقف" in now_paused.plain_text and now_paused.button_texts[0] == t.BTN_BCAST_RESUME
    await admin.press(t.BTN_BCAST_RESUME, message_id=paused.message_id)
    resumed = await admin.next_message()
    assert "در حال ارسال" in resumed.plain_text and "ایراد قالب‌بندی" not in resumed.plain_text
    assert resumed.button_texts[0] == t.BTN_BCAST_PAUSE
    statuses = [(b.status, b.pause_reason) for b in await broadcasts(engine)]
    assert statuses[0] == ("paused", None) and statuses[1][1] is None


async def test_document_with_the_channel_mirror_toggle(engine: AsyncEngine, config: Config) -> None:
    with_channel = dataclasses.replace(
        config, broadcasting=dataclasses.replace(config.broadcasting, channel_id="-1001234567890")
    )
    async with running_bot(
        with_channel, engine.url.render_as_string(hide_password=False), clock=Clock(NOW)
    ) as bot:
        await seed(engine, bot, [(61, "grower")])
        admin = bot.emu.user(ADMIN_ID)
        await open_compose(admin)
        sent = await admin.send_document("برنامه.pdf", caption="برنامهٔ نمایشگاه")
        await admin.next_message()
        await admin.press(t.BTN_BCAST_NO_BUTTONS)
        await admin.expect(2)
        preview, controls = await to_preview(admin)
        assert (preview.kind, preview.file_id) == ("document", sent["document"]["file_id"])
        assert "انتشار در کانال: خاموش" in controls.plain_text
        await admin.press("انتشار در کانال: خاموش", message_id=controls.message_id)
        mirrored = await admin.next_message()
        assert "انتشار در کانال: روشن" in mirrored.button_texts and "کانال: روشن" in mirrored.plain_text
        [b] = await broadcasts(engine)
        assert b.mirror_to_channel and b.status == "draft"
