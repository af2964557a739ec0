"""Exhibitions end to end through the emulator, as the CDA and members would: the CDA creates a foreign
exhibition by conversation (poster, documents, target segment), announces it; the announcement reaches
the segment with working buttons; members respond, answer the short questions, send documents and see
the checklist; the CDA sees counts, exports .xlsx/CSV, messages those missing documents and receives
the documents — which a member forging the admin button never gets."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.emulator.messages import EmuMessage
from bot.local_run import BotUnderTest
from bot.texts import exhibition_admin as t
from bot.texts import exhibitions as tm
from models import Event, ExhibitionDetails, ExhibitionResponse, ParticipantDocument, Seat
from tests.e2e_support import Clock, bot_on, fast_ticks, having, replied_after, ticks_pass, wait_for
from tests.factories import add_member

ADMIN_ID = 9000
STALE = texts.ERRORS["stale"]
TITLE = "نمایشگاه بین‌المللی IPM اسن"


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), Clock()) as running:
        yield running


async def typed(admin: EmuUser, text: str) -> EmuMessage:
    """Answer by typing a question shown with buttons («رد شدن», the date picker): they go, then the
    next question comes."""
    asked = next(m for m in reversed(admin.messages) if m.inline_buttons)
    await admin.send_text(text)
    closed, question = await admin.expect(2)
    assert closed.message_id == asked.message_id and closed.edited and not closed.inline_buttons
    return question


async def create_by_conversation(admin: EmuUser) -> tuple[EmuMessage, str]:
    """Every question answered as the CDA would, with a mistake on the place, deadline and poster."""
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_EXHIBITIONS)
    assert (await admin.next_message()).plain_text == t.LIST_EMPTY.replace("<b>", "").replace("</b>", "")
    await admin.press(t.BTN_NEW)
    start, kinds = await admin.expect(2)
    assert "/cancel" in start.plain_text and "✈️ نمایشگاه خارجی" in kinds.button_texts
    await admin.press("✈️ نمایشگاه خارجی")
    closed, ask = await admin.expect(2)
    assert closed.edited and not closed.inline_buttons and "نام نمایشگاه" in ask.plain_text
    await admin.send_text(TITLE)
    assert "شهر و کشور" in (await admin.next_message()).plain_text
    await admin.send_text("اسن")  # a foreign trip needs the country
    assert (await admin.next_message()).plain_text == t.ERRORS["where_format"]
    await admin.send_text("اسن، آلمان")
    assert t.BTN_SKIP in (await admin.next_message()).button_texts  # the venue is optional
    await typed(admin, "Messe Essen")  # its «رد شدن» goes once answered
    assert "تاریخ پایان" in (await typed(admin, "۱۴۰۵/۱۰/۰۷ ۱۰:۰۰")).plain_text
    assert "مهلت اعلام آمادگی" in (await typed(admin, "1405/10/10")).plain_text
    await admin.send_text("۱۴۰۵/۱۰/۱۵")  # after the start
    assert "پیش از شروع برنامه" in (await admin.next_message()).plain_text
    await typed(admin, "١٤٠٥/٩/٢٠")  # Arabic-Indic digits, no time: the end of that day
    await typed(admin, "بلیت و اقامت حدود ۸۵ میلیون تومان")
    assert "ظرفیت" in (await typed(admin, "۵۰٪ هزینهٔ غرفه")).plain_text
    await admin.press(t.BTN_SKIP)
    closed, documents = await admin.expect(2)
    assert "مدارکی" in documents.plain_text
    assert "مهلت ارسال مدارک" in (await typed(admin, "کپی گذرنامه\nعکس ۴×۶")).plain_text
    assert "پوستر" in (await typed(admin, "۱۴۰۵/۰۹/۲۵")).plain_text
    await admin.send_text("پوستر بعداً")
    assert (await admin.next_message()).plain_text == t.ERRORS["poster_expected"]
    poster = await admin.send_photo()  # a photo answers the poster question: its «رد شدن» goes too
    saved, closed, targets = await admin.expect(3)
    assert saved.plain_text == t.POSTER_SAVED and "<b>۳</b>" in (targets.text or "")
    assert closed.edited and "پوستر" in closed.plain_text and not closed.inline_buttons
    await admin.press("🌱 گل شاخه‌بریده")
    ticked = await admin.next_message()
    assert ticked.message_id == targets.message_id and "<b>۲</b>" in (ticked.text or "")
    await admin.press(t.BTN_TARGETS_DONE)
    closed, preview = await admin.expect(2)
    return preview, str(poster["photo"][-1]["file_id"])


async def test_the_cda_announces_an_exhibition_members_respond_and_send_documents(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    async with create_sessionmaker(engine).begin() as s:
        for user_id, category in ((11, "cut"), (12, "cut"), (13, "potted")):
            await add_member(s, user_id, categories=(category,))
    u11, u12, u13 = (bot.emu.user(u) for u in (11, 12, 13))
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")

    preview, poster_id = await create_by_conversation(admin)
    for expected in (TITLE, "اسن، آلمان — Messe Essen", "کپی گذرنامه، عکس ۴×۶", "پیش‌نویس", "برای ۲ نفر"):
        assert expected in preview.plain_text, expected
    assert "جمعه ۲۰ آذر ۱۴۰۵، ساعت ۲۳:۵۹" in preview.plain_text  # Jalali, Tehran

    await admin.press(t.BTN_PUBLISH_ANNOUNCE, message_id=preview.message_id)
    card = await admin.next_message()
    assert card.edited and "در صف ارسال" in card.plain_text and t.BTN_XLSX in card.button_texts

    # the announcement reaches the segment (two growers of cut flowers) as the poster with buttons
    await wait_for(lambda: bool(u11.messages) and bool(u12.messages))
    announcement = u11.messages[-1]
    assert announcement.kind == "photo" and announcement.file_id == poster_id
    assert TITLE in announcement.plain_text and "۵۰٪ هزینهٔ غرفه" in announcement.plain_text
    assert announcement.button_texts == [tm.BTN_INTERESTED, tm.BTN_PARTICIPATE, tm.BTN_DETAILS]
    await ticks_pass(bot)
    await u13.expect_nothing(0)  # not in the segment

    event_id = int(str(announcement.button_data[0]).rsplit(":", 1)[1])
    u11.skip()
    await u11.press(tm.BTN_INTERESTED)
    assert "علاقهٔ شما" in (await u11.answer())["text"]
    await u11.press(tm.BTN_INTERESTED)  # a double tap changes nothing
    assert (await u11.answer())["text"] == tm.ALREADY_INTERESTED

    u12.skip()
    await u12.press(tm.BTN_PARTICIPATE)
    products = await u12.next_message()
    assert "محصولات کدام زمینه‌ها" in products.plain_text
    await u12.press(tm.BTN_PRODUCTS_DONE)  # nothing chosen yet
    assert (await u12.answer())["text"] == tm.NO_PRODUCT
    await u12.press("🌱 گل شاخه‌بریده")
    assert "✅ گل شاخه‌بریده" in (await u12.next_message()).button_texts
    await u12.press(tm.BTN_PRODUCTS_DONE)
    closed, booth = await u12.expect(2)
    assert "✅ گل شاخه‌بریده" in closed.plain_text and tm.BOOTH_LABELS["9"] in booth.button_texts
    await u12.press(tm.BOOTH_LABELS["9"])
    closed, notice, member_card = await u12.expect(3)
    assert "شرکت شما" in notice.plain_text and "مدارک من" in notice.plain_text
    assert tm.MINE_REGISTERED.strip() in member_card.plain_text

    await u12.press(tm.BTN_DOCUMENTS)
    checklist = await u12.next_message()
    assert "⬜️ کپی گذرنامه" in checklist.plain_text and "⬜️ عکس ۴×۶" in checklist.plain_text
    await u12.press("📎 کپی گذرنامه")
    assert "کپی گذرنامه" in (await u12.next_message()).plain_text
    await u12.send_text("گذرنامه را فردا می‌فرستم")
    assert (await u12.next_message()).plain_text == tm.DOCUMENT_EXPECTED
    passport = await u12.send_photo()
    saved, checklist = await u12.expect(2)
    assert "دریافت شد" in saved.plain_text
    assert "✅ کپی گذرنامه" in checklist.plain_text and "⬜️ عکس ۴×۶" in checklist.plain_text

    # someone outside the segment opens the deep link and sees the card
    await u13.send_command(f"/start exh_{event_id}")
    assert TITLE in (await u13.next_message()).plain_text

    # the CDA: counts, exports, a message to those missing documents, the documents themselves
    admin.skip()
    await admin.press(t.BTN_BACK, message_id=card.message_id)
    await admin.next_message()
    await admin.press(TITLE[:40])
    card = await admin.next_message()
    for expected in ("علاقه‌مند: ۱", "شرکت‌کننده: ۱", "مدارک کامل: ۰ از ۱", f"exh_{event_id}"):
        assert expected in card.plain_text, expected

    await admin.press(t.BTN_XLSX, message_id=card.message_id)
    xlsx = await admin.next_message()
    assert xlsx.kind == "document" and xlsx.file_name == f"پاسخ‌ها - {TITLE} - ۱۴۰۵-۰۹-۰۵.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.document_bytes or b"")).active
    assert sheet is not None and sheet.sheet_view.rightToLeft
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == list(t.EXPORT_HEADERS)
    assert rows[1][:2] == ["عضو 12", "09120000012"] and rows[1][4] == "شرکت‌کننده"
    assert "گل شاخه‌بریده" in str(rows[1][6]) and "غرفهٔ ۹ متری" in str(rows[1][6]) and rows[1][7] == "۱/۲"
    assert rows[2][4] == "علاقه‌مند" and len(rows) == 3
    await admin.press(t.BTN_CSV, message_id=card.message_id)
    table = list(
        csv.reader(io.StringIO(((await admin.next_message()).document_bytes or b"").decode("utf-8-sig")))
    )
    assert table[0] == list(t.EXPORT_HEADERS) and len(table) == 3

    await admin.press(t.BTN_MSG_NODOCS, message_id=card.message_id)
    assert "۱ شرکت‌کننده" in (await admin.next_message()).plain_text
    await admin.send_text("لطفاً عکس ۴×۶ را تا هفتهٔ بعد بفرستید.")
    assert (await admin.next_message()).plain_text == t.MESSAGE_QUEUED.format(count="۱")
    await wait_for(lambda: bool(having(u12, "عکس ۴×۶ را تا هفتهٔ بعد")))
    assert having(u12, "عکس ۴×۶ را تا هفتهٔ بعد")[-1].button_texts == [t.BTN_MEMBER_DOCS]
    assert not having(u11, "هفتهٔ بعد")

    admin.skip()
    await admin.press(t.BTN_DOCS, message_id=card.message_id)
    head, photo = await admin.expect(2)
    assert "۱ مدرک" in head.plain_text
    assert photo.kind == "photo" and photo.file_id == passport["photo"][-1]["file_id"]  # the same file id
    assert photo.plain_text == "📎 عضو ۱۲ — کپی گذرنامه"

    # a member forging the CDA's buttons gets nothing
    u11.skip()
    for forged in (f"exha:docs:{event_id}", f"exha:xlsx:{event_id}", f"exha:cncl:{event_id}"):
        await u11.press_raw(announcement.message_id, forged)
        assert (await u11.answer())["text"] == STALE
    await replied_after(u11)
    await u11.expect_nothing(0)

    async with create_sessionmaker(engine)() as s:
        details = await s.get(ExhibitionDetails, event_id)
        assert details is not None and details.poster_file_id == poster_id
        # stored normalised (ASCII digits); shown «عکس ۴×۶», as checked above
        assert [d["label"] for d in details.documents] == ["کپی گذرنامه", "عکس 4×6"]
        event = await s.get(Event, event_id)
        assert event is not None and event.kind == "exhibition" and event.segment == {"categories": ["cut"]}
        stored = (await s.execute(select(ParticipantDocument))).scalars().all()
        assert [(d.doc_key, d.file_kind) for d in stored] == [("d1", "photo")]
        choices = (await s.execute(select(ExhibitionResponse.choice))).scalars().all()
        assert sorted(choices) == ["interested", "participate"]
        statuses = (await s.execute(select(Seat.status))).scalars().all()
        assert statuses == ["registered"]
