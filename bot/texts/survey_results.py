"""Persian copy of a survey's results for the CDA: the chat summary, charts, exports, survey to action."""

from __future__ import annotations

from bot.texts import surveys as ts
from bot.texts import terms as g

YES_NO = {"yes": ts.YES, "no": ts.NO}
TYPE_LABELS = ts.TYPE_LABELS
STATUS_LABELS = ts.STATUS_LABELS
RESPONSE_STATUS = {"completed": g.COMPLETED, "in_progress": g.UNFINISHED}

# The results message(s)
RESULTS_HEAD = (
    "📊 <b>نتایج نظرسنجی «{title}»</b>{anonymous}\n"
    "وضعیت: {status}\n"
    f"دعوت‌شده: {{invited}} | شروع‌کرده: {{started}} | {g.COMPLETED}: {{completed}}\n"
    "نرخ پاسخ: <b>{rate}</b>\n"
    f"<i>در نتایج فقط پاسخ‌های {g.COMPLETED} شمرده می‌شوند.</i>"
)
RESULTS_ANONYMOUS = " (بی‌نام)"
RATE_NONE = "— (دعوت‌شده‌ای ثبت نشده است)"
RESULTS_CONTINUED = "📊 <b>ادامهٔ نتایج «{title}»</b>"
QUESTION_HEAD = "<b>{number}. {text}</b>\n<i>{kind} | {answered} پاسخ</i>"
NO_ANSWERS = "هنوز پاسخی ثبت نشده است."
CHOICE_LINE = "• {label}: {count} ({percent})"
MULTI_NOTE = "<i>(هر عضو می‌توانست چند گزینه بزند؛ جمع درصدها ممکن است از ۱۰۰ بیشتر شود.)</i>"
NUMBERS_LINE = "میانگین {mean} | میانه {median} | کمترین {min} | بیشترین {max}"
SCALE_LINE = "پراکندگی (امتیاز: تعداد): {points}"
SCALE_POINT = "{point}: {count}"
TEXT_LINE = "• {text}"
TEXT_LINE_NAMED = "• <b>{name}</b>: {text}"
TEXT_MORE = "… و {count} پاسخ دیگر " + g.FULL_LIST_IN_EXCEL
CHARTS_NONE = "<i>برای این نظرسنجی هنوز نموداری نیست.</i>"

BTN_XLSX = g.BTN_XLSX
BTN_CSV = g.BTN_CSV
BTN_ACTION = "🎯 از نتیجه تا اقدام"
BTN_BACK = g.BTN_BACK

CHART_CAPTION = "📊 {number}. {text}"
CHART_ANSWERED = "{count} پاسخ"

# Exports
EXPORT_CAPTION = "📎 پاسخ‌های نظرسنجی «{title}» ({count} ردیف)."
EXPORT_CAPTION_MOBILES = "\n" + g.MOBILES_IN_FILE  # named surveys: the file has the mobiles
XLSX_RESPONSES_SHEET = "پاسخ‌ها"
EXPORT_FILE = "پاسخ‌های نظرسنجی"  # «پاسخ‌های نظرسنجی - <عنوان> - <تاریخ شمسی>»
XLSX_SUMMARY_SHEET = "خلاصه"
EXPORT_HEADERS_NAMED = (g.FULL_NAME, g.MOBILE)
EXPORT_HEADERS = (g.STATUS, "زمان شروع", "زمان تکمیل")
SUMMARY_HEADERS = (
    "سؤال",
    "نوع",
    "تعداد پاسخ",
    "گزینه",
    "تعداد",
    "درصد",
    "میانگین",
    "میانه",
    "کمترین",
    "بیشترین",
)
SUMMARY_TOP = ("دعوت‌شده", "شروع‌کرده", g.COMPLETED, "نرخ پاسخ")
JOIN = "، "

# Survey to action
ACTION_PICK_QUESTION = (
    "🎯 <b>از نتیجه تا اقدام</b> — «{title}»\n"
    "سؤال را انتخاب کنید؛ بعد پاسخ را، تا ببینید چند عضو آن را انتخاب کرده‌اند و برایشان "
    "پیام (مثلاً اعلام یک دوره) بفرستید."
)
ACTION_PICK_CHOICE = "🎯 سؤال: <b>{question}</b>\nکدام پاسخ؟ (عدد کنار هر پاسخ: تعداد اعضا)"
BTN_CHOICE = "{label} ({count})"
ACTION_GROUP = (
    "👥 <b>{count}</b> عضو در نظرسنجی «{title}» به سؤال «{question}» پاسخ «<b>{choice}</b>» داده‌اند.\n"
    "می‌توانید همین حالا فقط برای آن‌ها پیام بفرستید."
)
ACTION_GROUP_EMPTY = "هیچ عضوی در نظرسنجی «{title}» پاسخ «{choice}» را انتخاب نکرده است."
BTN_MESSAGE_GROUP = "📣 پیام به این {count} عضو"
BCAST_PRESET = "📣 پیام به <b>{count}</b> عضوی که در نظرسنجی «{title}» پاسخ «{choice}» را انتخاب کرده‌اند."
SEGMENT_LINE = "• پاسخ نظرسنجی «{title}»: {choices}"
SEGMENT_UNKNOWN = "نظرسنجی حذف‌شده"

ERRORS = {
    "survey_anonymous": "این نظرسنجی بی‌نام است؛ برای حفظ حریم خصوصی اعضا نمی‌توان از پاسخ‌ها گروه ساخت.",
    "survey_no_choices": "این نظرسنجی سؤال گزینه‌ای ندارد.",
    "no_recipients": "هیچ عضوی این پاسخ را انتخاب نکرده است.",
}
