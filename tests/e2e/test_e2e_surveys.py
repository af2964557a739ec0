"""Surveys end to end through the emulator: the CDA launches the shipped assessment to a segment, a member
answers with every question type, skip logic and «بازگشت», resumes after a bot restart, reminders reach
non-finishers only, the CDA closes it, and a bad definition file is rejected with nothing saved."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot import texts
from bot.config import Config
from bot.db import create_sessionmaker
from bot.emulator import EmuUser
from bot.emulator.messages import EmuMessage
from bot.local_run import BotUnderTest
from bot.services.surveys.parse import parse_definition
from bot.texts import surveys as t
from models import Broadcast, Survey, SurveyAnswer, SurveyResponse
from tests.e2e_support import Clock, bot_on, fast_ticks, having, replied_after, ticks_pass, wait_for
from tests.factories import NOW, add_member

LATIN = re.compile(r"[A-Za-z]")
CODE = re.compile(r"<code>.*?</code>|<[^>]+>")  # the file's own words, and tags

ADMIN_ID = 9000
GROWER = "👤 تولیدکننده (گلخانه‌دار)"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(engine: AsyncEngine, config: Config, clock: Clock) -> AsyncIterator[BotUnderTest]:
    async with bot_on(engine, fast_ticks(config), clock) as running:
        yield running


async def answer(user: EmuUser, button: str, expect_head: str) -> EmuMessage:
    """Press an answer: the question's buttons close (the answer stays under it) and the next one comes."""
    await user.press(button)
    closed, following = await user.expect(2)
    assert closed.edited and not closed.inline_buttons and "✅" in closed.plain_text
    assert expect_head in following.plain_text, following.plain_text
    return following


def current(user: EmuUser, message_id: int) -> EmuMessage:
    return next(m for m in user.messages if m.message_id == message_id)


async def typed(user: EmuUser, text: str, expect_head: str, *, taken: bool = True) -> EmuMessage:
    """Type an answer. Taken: the question's buttons («رد شدن», «بازگشت») go, then the next question
    comes (or, at the end, the thanks, after which they go). Refused: only the reason; they stay."""
    asked = next(m for m in reversed(user.messages) if "سؤال " in m.plain_text and m.inline_buttons)
    await user.send_text(text)
    if not taken:
        following = await user.next_message()
        assert current(user, asked.message_id).inline_buttons  # still open for another try
    elif "سؤال " in expect_head:
        closed, following = await user.expect(2)
        assert closed.message_id == asked.message_id and not closed.inline_buttons
    else:
        following, closed = await user.expect(2)
        assert closed.message_id == asked.message_id and not closed.inline_buttons
    assert expect_head in following.plain_text, following.plain_text
    return following


async def toggle(user: EmuUser, button: str, question: EmuMessage) -> EmuMessage:
    await user.press(button, message_id=question.message_id)
    edited = await user.next_message()
    assert edited.edited and edited.message_id == question.message_id
    return edited


async def launch_shipped(admin: EmuUser) -> EmuMessage:
    """The CDA: admin menu → surveys → new → the shipped assessment → audience «growers» → send now."""
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_SURVEYS)
    assert (await admin.next_message()).plain_text == t.SVA_LIST_EMPTY
    await admin.press(t.BTN_SVA_NEW)
    await admin.next_message()
    await admin.press(t.BTN_SVA_SHIPPED)
    await wait_for(lambda: bool(having(admin, "پیش‌نویس نظرسنجی ساخته شد")))
    preview = "".join(m.plain_text for m in having(admin, "سؤال‌های «نیازسنجی فناوری"))
    preview += "".join(m.plain_text for m in admin.messages if m.plain_text.startswith("\n"))
    assert "(۱۹ سؤال)" in preview and "کشت بدون خاک (هیدروپونیک)" in preview
    assert "↪️ فقط اگر پاسخ سؤال ۳ یکی از این‌ها باشد: هزینهٔ انرژی گرمایش و سرمایش" in preview
    card = having(admin, "پیش‌نویس نظرسنجی ساخته شد")[-1]
    assert "همهٔ اعضا — ۳ نفر" in card.plain_text
    admin.skip()
    await admin.press(t.BTN_SVA_AUDIENCE, message_id=card.message_id)
    audience = await admin.next_message()
    await admin.press(GROWER, message_id=audience.message_id)
    ticked = await admin.next_message()
    assert ticked.message_id == audience.message_id and "✅ تولیدکننده (گلخانه‌دار)" in ticked.button_texts
    assert "تعداد گیرندگان: ۲ نفر" in ticked.plain_text
    await admin.press(t.BTN_SVA_AUDIENCE_DONE, message_id=audience.message_id)
    card = await admin.next_message()
    assert "فعالیت: تولیدکننده (گلخانه‌دار) — ۲ نفر" in card.plain_text
    await admin.press(t.BTN_SVA_GO, message_id=card.message_id)
    launched = await admin.next_message()
    assert launched.message_id == card.message_id and "دعوت برای ۲ نفر در صف ارسال است" in launched.plain_text
    assert t.BTN_SVA_RESULTS in launched.button_texts and "وضعیت: باز" in launched.plain_text
    results = next(b for row in launched.inline_buttons for b in row if b["text"] == t.BTN_SVA_RESULTS)
    assert results["callback_data"].startswith("svr:res:")
    return launched


async def test_launch_answer_every_type_resume_after_restart_remind_and_close(
    bot: BotUnderTest, engine: AsyncEngine, clock: Clock
) -> None:
    sm = create_sessionmaker(engine)
    async with sm.begin() as s:
        for uid, role in ((11, "grower"), (12, "grower"), (13, "trader")):
            await add_member(s, uid, role=role)
    member, waiting, other = (bot.emu.user(u) for u in (11, 12, 13))
    admin = bot.emu.user(ADMIN_ID, first_name="عامل توسعه")
    card = await launch_shipped(admin)

    await wait_for(
        lambda: bool(having(member, "نظرسنجی: نیازسنجی فناوری")) and bool(having(waiting, "نظرسنجی:"))
    )
    invitation = having(member, "نظرسنجی: نیازسنجی فناوری")[0]
    assert invitation.button_texts == [t.BTN_START] and "با نام شما ثبت" in invitation.plain_text
    await replied_after(admin)
    await ticks_pass(bot)
    await other.expect_nothing(0)  # a trader: not in the segment
    member.skip()

    await member.press(t.BTN_START)
    q = await member.next_message()
    assert (
        "▱▱▱▱▱▱▱▱▱▱ سؤال ۱ از حداکثر ۱۹" in q.plain_text  # 7 questions hang on answers
        and "گلخانهٔ اصلی شما" in q.plain_text
        and t.BTN_BACK not in q.button_texts
    )
    q = await answer(member, "فلزی با پوشش پلاستیک", "سؤال ۲ از حداکثر ۱۹")  # single
    assert (
        "(اختیاری)" in q.plain_text and "(از ۰ تا ۱٬۰۰۰٬۰۰۰)" in q.plain_text and t.BTN_SKIP in q.button_texts
    )
    assert (await typed(member, "دو هزار", "لطفاً فقط یک عدد", taken=False)).plain_text == t.MEMBER_ERRORS[
        "number_invalid"
    ]
    q = await typed(member, "۲٬۵۰۰", "سؤال ۳ از حداکثر ۱۹")  # number, Persian digits
    q = await toggle(member, "هزینهٔ انرژی گرمایش و سرمایش", q)  # multi
    q = await toggle(member, "آفات و بیماری‌ها", q)
    assert "✅ هزینهٔ انرژی گرمایش و سرمایش" in q.button_texts and "✅ آفات و بیماری‌ها" in q.button_texts
    q = await answer(member, t.BTN_SUBMIT, "سؤال ۴ از حداکثر ۱۷")  # water and loss questions will not come
    assert "(۱: کم — ۵: بسیار زیاد)" in q.plain_text and q.button_texts[:5] == ["۱", "۲", "۳", "۴", "۵"]
    q = await answer(member, "۴", "سؤال ۵ از حداکثر ۱۷")  # scale
    assert "گرم می‌کنید" in q.plain_text

    await member.press(t.BTN_BACK)  # back to the scale, its answer shown
    _, q = await member.expect(2)
    assert "سؤال ۴ از حداکثر ۱۷" in q.plain_text and "✅ ۴" in q.button_texts
    await member.press(t.BTN_BACK, message_id=q.message_id)
    _, q = await member.expect(2)
    assert "سؤال ۳ از حداکثر ۱۹" in q.plain_text and "✅ هزینهٔ انرژی گرمایش و سرمایش" in q.button_texts
    q = await toggle(member, "✅ هزینهٔ انرژی گرمایش و سرمایش", q)  # energy is not a limit after all
    q = await answer(member, t.BTN_SUBMIT, "سؤال ۴ از حداکثر ۱۵")
    assert "آب آبیاری شما بیشتر از کجا" in q.plain_text  # the two energy questions are skipped now
    async with sm() as s:
        burden = (
            select(func.count()).select_from(SurveyAnswer).where(SurveyAnswer.question == "energy_burden")
        )
        assert (await s.execute(burden)).scalar_one() == 0  # its answer no longer applies: dropped

    await bot.restart()  # mid-survey: nothing is lost
    member.skip()
    left = next(m for m in reversed(member.messages) if m.inline_buttons)
    await member.send_text(texts.BTN_SURVEYS)  # the menu: the open question's buttons go with the flow
    listing, closed = await member.expect(2)
    assert closed.message_id == left.message_id and not closed.inline_buttons
    assert "در حال پاسخ: ▰▰▱▱▱▱▱▱▱▱ سؤال ۴ از حداکثر ۱۵" in listing.plain_text  # 3 of 15 answered
    await member.press("▶️ ادامه: ")
    q = await member.next_message()
    assert (
        "سؤال ۴ از حداکثر ۱۵" in q.plain_text and "آب آبیاری" in q.plain_text and t.BTN_BACK in q.button_texts
    )

    q = await answer(member, "چاه", "سؤال ۵ از حداکثر ۱۵")
    assert "آفت یا بیماری" in q.plain_text  # shown because «آفات و بیماری‌ها» was ticked
    too_long = await typed(member, "ت" * 501, "پاسخ طولانی است", taken=False)
    assert "۵۰۰" in too_long.plain_text
    q = await typed(member, "تریپس و سفیدک پودری", "سؤال ۶ از حداکثر ۱۵")  # text
    q = await answer(member, t.YES, "سؤال ۷ از حداکثر ۱۵")  # yes/no
    await member.press(t.BTN_SKIP)  # optional single: skipped
    _, q = await member.expect(2)
    assert "سؤال ۸ از حداکثر ۱۵" in q.plain_text
    await member.press(t.BTN_SUBMIT)  # a required multi with nothing ticked
    assert "دست‌کم یک گزینه" in (await member.answer())["text"]
    q = await toggle(member, "کشت بدون خاک (هیدروپونیک)", q)
    q = await answer(member, t.BTN_SUBMIT, "سؤال ۹ از حداکثر ۱۵")  # «اولویت اول» applies now
    q = await answer(member, "کشت بدون خاک (هیدروپونیک)", "سؤال ۱۰ از حداکثر ۱۵")
    q = await toggle(member, "تغذیه و کوددهی", q)
    q = await answer(member, t.BTN_SUBMIT, "سؤال ۱۱ از حداکثر ۱۵")
    q = await answer(member, "کلاس آنلاین", "سؤال ۱۲ از حداکثر ۱۵")
    q = await answer(member, "۵", "سؤال ۱۳ از حداکثر ۱۵")
    q = await answer(member, t.YES, "سؤال ۱۴ از ۱۵")  # yes → the amount question applies: now exact
    assert "میلیون تومان" in q.plain_text
    q = await typed(member, "٣٠٠", "سؤال ۱۵ از ۱۵")  # Arabic-Indic digits
    done = await typed(member, "از برگزاری دوره‌ها ممنونیم", "سپاس")
    assert "نیازسنجی فناوری" in done.plain_text

    async with sm() as s:
        response = (await s.execute(select(SurveyResponse))).scalar_one()
        assert response.status == "completed" and response.current is None
        rows = (
            await s.execute(
                select(SurveyAnswer.question, SurveyAnswer.choice, SurveyAnswer.number, SurveyAnswer.text)
            )
        ).all()
        answered = {(r[0], r[1] or r[2] or r[3]) for r in rows}
        assert answered == {
            ("greenhouse", "metal"),
            ("area", 2500.0),
            ("limits", "pests"),
            ("water_source", "well"),
            ("pest_main", "تریپس و سفیدک پودری"),
            ("exports", "yes"),
            ("tech", "soilless"),
            ("tech_first", "soilless"),
            ("training", "nutrition"),
            ("training_format", "online"),
            ("invest_ready", 5.0),
            ("invest_loan", "yes"),
            ("invest_amount", 300.0),
            ("comments", "از برگزاری دوره‌ها ممنونیم"),
        }
        survey = (await s.execute(select(Survey))).scalar_one()
        assert survey.invited == 2

    member.skip()
    admin.skip()
    clock.now = NOW + timedelta(hours=48)  # the first reminder: to the grower who never started only
    await wait_for(lambda: bool(having(waiting, "یادآوری نظرسنجی")))
    reminder = having(waiting, "یادآوری نظرسنجی")[0]
    assert reminder.button_texts == [t.BTN_CONTINUE]
    await ticks_pass(bot)
    await member.expect_nothing(0)
    assert having(other, "یادآوری") == []
    async with sm() as s:
        origins = (
            (await s.execute(select(Broadcast.origin).where(Broadcast.origin.is_not(None)))).scalars().all()
        )
        assert origins == [f"survey:{survey.id}:remind:0"]

    waiting.skip()
    await waiting.send_command(f"/start survey_{survey.id}")  # the deep link starts it too
    first = await waiting.next_message()
    assert "سؤال ۱ از حداکثر ۱۹" in first.plain_text

    await admin.press(t.BTN_SVA_CLOSE, message_id=card.message_id)
    closed = await admin.next_message()
    assert "نظرسنجی بسته شد" in closed.plain_text and "وضعیت: بسته" in closed.plain_text
    assert "دعوت‌شده: ۲ | ✅ تکمیل‌شده: ۱ | ⏳ نیمه‌کاره: ۱" in closed.plain_text
    assert t.BTN_SVA_CLOSE not in closed.button_texts

    await waiting.press("فلزی با پوشش پلاستیک", message_id=first.message_id)  # a closed survey's question
    assert (await waiting.answer())["text"] == t.MEMBER_ERRORS["survey_closed"]
    await waiting.press(t.BTN_CONTINUE)  # and its reminder: told, nothing changes
    assert (await waiting.answer())["text"] == t.MEMBER_ERRORS["survey_closed"]
    await waiting.send_text("۱۲")  # a typed answer after the close: told, and the question closes
    refused, gone = await waiting.expect(2)
    assert refused.plain_text == t.MEMBER_ERRORS["survey_closed"]
    assert gone.message_id == first.message_id and not gone.inline_buttons
    await waiting.send_text("سلام")  # and the survey no longer takes their messages
    assert (await waiting.next_message()).plain_text == texts.UNKNOWN_TEXT
    clock.now = NOW + timedelta(hours=121)
    await ticks_pass(bot)
    assert len(having(waiting, "یادآوری نظرسنجی")) == 1  # never after close
    async with sm() as s:
        statuses = select(SurveyResponse.status).order_by(SurveyResponse.id)
        assert (await s.execute(statuses)).scalars().all() == ["completed", "in_progress"]
        assert (await s.execute(select(func.count()).select_from(SurveyAnswer))).scalar_one() == 14
    await member.send_text(texts.BTN_SURVEYS)
    assert (await member.next_message()).plain_text == t.MY_LIST_EMPTY


BAD = b"""title = "\xd9\x86\xd8\xb8\xd8\xb1\xd8\xb3\xd9\x86\xd8\xac\xdb\x8c"

[[questions]]
key = "area"
type = "number"
text = "x"
min = 10
max = 1

[[questions]]
key = "kind"
type = "rating"
text = "y"
"""


async def test_a_bad_definition_file_is_rejected_with_a_persian_list_and_nothing_saved(
    bot: BotUnderTest, engine: AsyncEngine
) -> None:
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_SURVEYS)
    await admin.next_message()
    await admin.press(t.BTN_SVA_NEW)
    await admin.next_message()
    await admin.press(t.BTN_SVA_FILE)
    _, ask = await admin.expect(2)
    assert "فایل تعریف نظرسنجی" in ask.plain_text and "README" not in ask.plain_text
    assert ask.button_texts == [t.BTN_SVA_SAMPLE]
    await admin.press(t.BTN_SVA_SAMPLE, message_id=ask.message_id)  # the sample instead of the README
    sample = await admin.next_message()
    assert (sample.kind, sample.file_name) == ("document", t.SVA_SAMPLE_FILE_NAME)
    assert (
        sample.document_bytes is not None and "# نمونهٔ فایل تعریف نظرسنجی" in sample.document_bytes.decode()
    )
    assert len(parse_definition(sample.document_bytes, sample.file_name).questions) == 6
    await admin.send_text("title = 'x'")
    assert (await admin.next_message()).plain_text == t.ADMIN_ERRORS["survey_send_file"]
    await admin.send_document("survey.toml", data=BAD, mime_type="application/toml")
    rejected = await admin.next_message()
    assert "فایل پذیرفته نشد" in rejected.plain_text and rejected.button_texts == [t.BTN_SVA_SAMPLE]
    assert "• سؤال ۱ (area): کمینه (min) از بیشینه (max) بزرگ‌تر است." in rejected.plain_text
    assert "• سؤال ۲ (kind): نوع «rating» شناخته نیست" in rejected.plain_text
    assert not LATIN.search(CODE.sub("", rejected.text or "")), (
        rejected.text
    )  # English only as the file's words
    await admin.send_document(
        "survey.toml", data=b'title = "x"\n[[questions]\n', mime_type="application/toml"
    )
    syntax = await admin.next_message()
    assert "• خط ۲، ستون ۱۲: پس از نام جدول باید «]]» بیاید" in syntax.plain_text
    assert "Expected" not in syntax.plain_text and not LATIN.search(CODE.sub("", syntax.text or ""))
    async with create_sessionmaker(engine)() as s:
        assert (await s.execute(select(func.count()).select_from(Survey))).scalar_one() == 0
    fixed = BAD.replace(b"min = 10", b"min = 0").replace(b"rating", b"scale")
    await admin.send_document("survey.toml", data=fixed, mime_type="application/toml")
    await wait_for(lambda: bool(having(admin, "پیش‌نویس نظرسنجی ساخته شد")))
    async with create_sessionmaker(engine)() as s:
        [survey] = (await s.execute(select(Survey))).scalars().all()
        assert survey.status == "draft" and survey.title == "نظرسنجی"
    # another member cannot open the CDA's screens by forging the data
    async with create_sessionmaker(engine).begin() as s:
        await add_member(s, 11)
    grower = bot.emu.user(11)
    await grower.press_raw(1, f"sva:go:{survey.id}")
    assert (await grower.answer())["text"] == texts.ERRORS["stale"]
    await grower.press_raw(1, "sva:sample:0")  # the sample is for admins too
    assert (await grower.answer())["text"] == texts.ERRORS["stale"]
    await replied_after(grower)
    assert not any(m.kind == "document" for m in grower.messages)
    async with create_sessionmaker(engine)() as s:
        assert (await s.get(Survey, survey.id)).status == "draft"  # type: ignore[union-attr]


async def test_build_in_chat_set_times_and_the_scheduled_launch_opens_on_time(
    bot: BotUnderTest, engine: AsyncEngine, clock: Clock
) -> None:
    async with create_sessionmaker(engine).begin() as s:
        await add_member(s, 11)
    member = bot.emu.user(11)
    admin = bot.emu.user(ADMIN_ID)
    await admin.send_command("/admin")
    await admin.next_message()
    await admin.press(t.BTN_ADMIN_SURVEYS)
    await admin.next_message()
    await admin.press(t.BTN_SVA_NEW)
    await admin.next_message()
    await admin.press(t.BTN_SVA_BUILD)
    _, ask = await admin.expect(2)
    assert "عنوان نظرسنجی" in ask.plain_text
    await admin.send_text("نیاز به آموزش")
    types = await admin.next_message()
    assert "سؤال ۱: نوع سؤال" in types.plain_text and t.BTN_B_DONE not in types.button_texts
    await admin.press(t.TYPE_LABELS["single"])
    _, ask = await admin.expect(2)
    assert "متن سؤال ۱ (تک‌گزینه‌ای)" in ask.plain_text
    await admin.send_text("کدام آموزش برایتان مهم‌تر است؟")
    assert "هر گزینه در یک خط" in (await admin.next_message()).plain_text
    await admin.send_text("مدیریت آفات")
    assert (await admin.next_message()).plain_text == t.ADMIN_ERRORS["survey_two_choices"]
    await admin.send_text("مدیریت آفات\nتغذیه\nبسته‌بندی")
    types = await admin.next_message()
    assert "سؤال ۲: نوع سؤال" in types.plain_text and t.BTN_B_DONE in types.button_texts
    second = types
    old_done = str(second.button_data[-1])  # «پایان» under the second question (closed once pressed)
    await admin.press(t.TYPE_LABELS["yesno"], message_id=types.message_id)
    await admin.expect(2)
    await admin.send_text("در دورهٔ حضوری شرکت می‌کنید؟")
    types = await admin.next_message()
    await admin.press_raw(second.message_id, old_done)  # an old step's button: stale, nothing made
    assert (await admin.answer())["text"] == texts.ERRORS["stale"]
    await admin.press(t.BTN_B_DONE, message_id=types.message_id)
    await wait_for(lambda: bool(having(admin, "پیش‌نویس نظرسنجی ساخته شد")))
    preview = having(admin, "سؤال‌های «نیاز به آموزش»")[0].plain_text
    assert (
        "۱. کدام آموزش برایتان مهم‌تر است؟" in preview and "گزینه‌ها: مدیریت آفات، تغذیه، بسته‌بندی" in preview
    )
    card = having(admin, "پیش‌نویس نظرسنجی ساخته شد")[-1]
    admin.skip()

    await admin.press(t.BTN_SVA_CLOSE_AT, message_id=card.message_id)
    ask = await admin.next_message()
    assert "زمان بسته شدن" in ask.plain_text and ask.button_texts[0] == "آذر ۱۴۰۵"  # the date picker
    await admin.send_text("۱۴۰۵/۰۷/۳۱ ۱۰:۰۰")  # no such day
    assert "مهر ۳۰ روز دارد؛ ۳۱ مهر ۱۴۰۵ وجود ندارد" in (await admin.next_message()).plain_text
    await admin.press("آذر ۱۴۰۵", message_id=ask.message_id)  # chosen instead of typed
    days = await admin.next_message()
    await admin.press("۲۰", message_id=days.message_id)
    times = await admin.next_message()
    assert times.message_id == ask.message_id and times.button_texts[0] == "🗓 جمعه ۲۰ آذر"
    await admin.press("۲۰:۰۰", message_id=ask.message_id)
    closed, card = await admin.expect(2)
    assert "✅ جمعه ۲۰ آذر ۱۴۰۵، ساعت ۲۰:۰۰" in closed.plain_text and not closed.inline_buttons
    assert "نظرسنجی در جمعه ۲۰ آذر ۱۴۰۵، ساعت ۲۰:۰۰ بسته می‌شود" in card.plain_text
    await admin.press(t.BTN_SVA_WHEN, message_id=card.message_id)
    await admin.next_message()
    await admin.send_text("١٤٠٥/٠٩/٠٦ ١٠:٠٠")  # Arabic-Indic digits
    card = await admin.next_message()
    assert "دعوت در جمعه ۶ آذر ۱۴۰۵، ساعت ۱۰:۰۰ برای مخاطبان فرستاده می‌شود" in card.plain_text
    assert "وضعیت: زمان‌بندی‌شده" in card.plain_text
    await member.expect_nothing(0.5)

    clock.now = NOW + timedelta(hours=23)  # ۱۰:۳۰ the next day, Tehran
    await wait_for(lambda: bool(having(member, "نظرسنجی: نیاز به آموزش")))
    member.skip()
    await member.press(t.BTN_START)
    q = await member.next_message()
    assert "سؤال ۱ از ۲" in q.plain_text and "⏰" not in q.plain_text
    await member.send_text(texts.BTN_SURVEYS)  # the menu works in the middle of a survey
    listing = await member.next_message()
    assert "مهلت: جمعه ۲۰ آذر ۱۴۰۵، ساعت ۲۰:۰۰" in listing.plain_text
    clock.now = datetime(2026, 12, 11, 16, 30, tzinfo=NOW.tzinfo)  # ۲۰:۰۰ on ۲۰ آذر, Tehran
    async with create_sessionmaker(engine)() as s:
        await wait_for_status(s, "closed")


async def wait_for_status(s: AsyncSession, status: str) -> None:
    """The tick closes the survey at its time (polled: the bot runs in the same event loop)."""
    for _ in range(100):
        survey = (await s.execute(select(Survey).execution_options(populate_existing=True))).scalar_one()
        if survey.status == status:
            return
        await s.rollback()
        await asyncio.sleep(0.1)
    raise AssertionError(f"survey never became {status}")
