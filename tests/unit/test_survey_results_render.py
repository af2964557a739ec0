"""The results text: Persian digits and «۴۲٪», escaping, free text capped, long results split under 4096."""

from __future__ import annotations

from bot.emulator.html_text import strip_html
from bot.outgoing import visible_length
from bot.services.surveys.definition import Choice, Question
from bot.services.surveys.results import ChoiceCount, NumberSummary, QuestionResult, Results, TextAnswer
from bot.texts import survey_results as t
from handlers.surveys import results_keyboards as kb
from handlers.surveys import results_render as render
from models import Survey

TELEGRAM_MAX = 4096


def survey(**kwargs: object) -> Survey:
    values: dict[str, object] = {
        "id": 7,
        "title": "نیازسنجی <فناوری>",
        "status": "closed",
        "anonymous": False,
    }
    return Survey(**{**values, **kwargs})


def text_question(count: int, chars: int = 250) -> QuestionResult:
    answers = [TextAnswer(f"پاسخ {i} " + "ب" * chars, f"عضو {i}") for i in range(count)]
    return QuestionResult(Question("t", "text", "چه آموزشی نیاز دارید؟"), count, texts=answers)


def test_head_rate_and_no_invitations() -> None:
    results = Results(survey(), invited=0, started=0, completed=0, questions=[])
    [text] = render.results_messages(results)
    assert "«نیازسنجی &lt;فناوری&gt;»" in text and t.RATE_NONE in text and "وضعیت: بسته" in text
    results = Results(survey(anonymous=True), invited=7, started=5, completed=3, questions=[])
    assert "نرخ پاسخ: <b>۴۳٪</b>" in render.head(results) and t.RESULTS_ANONYMOUS in render.head(results)


def test_numbers_percentages_and_empty_questions() -> None:
    single = QuestionResult(
        Question("w", "single", "آب؟", choices=(Choice("a", "چاه"), Choice("b", "قنات"))),
        3,
        choices=[ChoiceCount("a", "چاه", 2, 200 / 3), ChoiceCount("b", "قنات", 1, 100 / 3)],
    )
    number = QuestionResult(
        Question("n", "number", "مساحت؟"), 2, numbers=NumberSummary(2, 1250.5, 1250.5, 1000, 1501)
    )
    empty = QuestionResult(Question("e", "scale", "رضایت؟"), 0)
    text = render.results_messages(Results(survey(), 5, 4, 3, [single, number, empty]))[0]
    assert "• چاه: ۲ (۶۷٪)" in text and "• قنات: ۱ (۳۳٪)" in text
    assert "میانگین ۱٬۲۵۰٫۵ | میانه ۱٬۲۵۰٫۵ | کمترین ۱٬۰۰۰ | بیشترین ۱٬۵۰۱" in text
    assert f"<b>۳. رضایت؟</b>\n<i>طیف ۱ تا ۵ | ۰ پاسخ</i>\n{t.NO_ANSWERS}" in text


def test_free_text_capped_with_the_rest_counted() -> None:
    [text] = render.results_messages(Results(survey(), 30, 30, 25, [text_question(25)]))
    assert text.count("• <b>عضو") == render.TEXTS_SHOWN
    assert t.TEXT_MORE.format(count="۱۵") in text and len(text) < TELEGRAM_MAX


def test_long_results_split_under_the_limit() -> None:
    questions = [text_question(10, chars=290) for _ in range(6)]
    messages = render.results_messages(Results(survey(), 30, 30, 25, questions))
    assert len(messages) >= 4
    assert render.MESSAGE_MAX == TELEGRAM_MAX
    assert all(visible_length(m) <= TELEGRAM_MAX for m in messages)
    assert messages[1].startswith("📊 <b>ادامهٔ نتایج")
    assert sum(strip_html(m).count("عضو ") for m in messages) == 60  # nothing lost between messages


def test_callback_data_round_trip_and_forgeries() -> None:
    assert kb.parse(kb.cb("c", 12, 2, 3)) == ("c", 12, [2, 3])
    assert kb.parse("svr:res:12") == ("res", 12, [])
    for bad in ("svr:res", "svr:c:1:2", "svr:q:1", "svr:res:-1", "svr:res:۱", "cadm:res:1", None, "svr:x:1"):
        assert kb.parse(bad) is None, bad
    assert len(kb.cb("bc", 999_999_999, 99, 99).encode()) <= 64
