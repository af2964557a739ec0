"""Persian copy of the action plan and «📈 گزارش برنامه» (chat, .xlsx, charts and the monthly report)."""

from __future__ import annotations

from bot.texts import terms as g

BTN_ADMIN_PROGRAMME = "📈 گزارش برنامه"
BTN_THIS_MONTH = "🗓 این ماه"
BTN_LAST_MONTH = "🗓 ماه گذشته"
BTN_THIS_SEASON = "🍃 این فصل"
BTN_THIS_YEAR = "📆 امسال"
BTN_RANGE = "✍️ دو تاریخ دلخواه"
BTN_UPLOAD_PLAN = "📤 بارگذاری برنامهٔ عملیاتی"
BTN_SAMPLE = "📄 نمونهٔ فایل برنامه"

MENU = (
    "📈 <b>گزارش برنامه</b>\n"
    "شاخص‌های خوشه در یک بازه، کنار هدف‌های برنامهٔ عملیاتی سال.\n"
    "برنامهٔ سال {year}: {plan}\n\n"
    "بازه را انتخاب کنید:"
)
PLAN_NONE = "هنوز بارگذاری نشده"
PLAN_LINES = "{n} ردیف"
ASK_RANGE = (
    "تاریخ شروع و پایان را در دو خط بنویسید، مثلاً:\n{example_1}\n{example_2}\n"
    "هر دو روز جزو بازه‌اند. " + g.CANCEL_HINT + "."
)
RANGE_ONE_LINE = "دو تاریخ لازم است: شروع در خط اول و پایان در خط دوم."
ASK_PLAN = (
    "فایل برنامهٔ عملیاتی (‎.toml‎) را بفرستید. برای دیدن قالب، «📄 نمونهٔ فایل برنامه» را بزنید. "
    "بارگذاری دوباره برای همان سال، برنامهٔ آن سال را جایگزین می‌کند. " + g.CANCEL_HINT + "."
)
PLAN_SAVED = "✅ برنامهٔ سال {year} با {n} ردیف ذخیره شد."
PLAN_REJECTED = "⛔️ فایل برنامه پذیرفته نشد و چیزی ذخیره نشد:\n{lines}"
PLAN_NOT_A_FILE = "لطفاً فایل برنامه را به‌صورت سند (فایل) بفرستید."
SAMPLE_CAPTION = "📄 نمونهٔ فایل برنامهٔ عملیاتی: آن را ویرایش کنید و برگردانید."
SAMPLE_FILE_NAME = "نمونهٔ برنامهٔ عملیاتی.toml"
FLOW_CANCELLED = "لغو شد؛ چیزی تغییر نکرد."
WORKING = "⏳ در حال آماده‌سازی گزارش …"

PLAN_ERRORS = {  # HTML: the file's own names in <code>, what the CDA wrote escaped (reports/programme.py)
    "too_big": "فایل بزرگ‌تر از {max} کیلوبایت است.",
    "not_utf8": "فایل باید متنی با نویسه‌گذاری UTF-8 باشد.",
    "syntax": "قالب TOML درست نیست.",
    "unknown_field": "کلید ناشناخته «<code>{field}</code>».",
    "bad_year": "سال (<code>year</code>) باید یک سال شمسی باشد، مثلاً <code>year = 1405</code>؛ نه «{value}».",
    "no_lines": "هیچ ردیف <code>[[line]]</code> در فایل نیست.",
    "too_many_lines": "بیش از {max} ردیف.",
    "line_not_table": "ردیف باید یک جدول <code>[[line]]</code> باشد.",
    "bad_indicator": "شاخص «<code>{value}</code>» شناخته نیست.",
    "duplicate_indicator": "شاخص «<code>{value}</code>» دو بار آمده است.",
    "bad_target": "هدف (<code>target</code>) باید عددی درست و مثبت باشد.",
    "bad_percent": "هدف درصدی نمی‌تواند از ۱۰۰ بیشتر باشد.",
    "bad_label": "عنوان (<code>label</code>) لازم است و حداکثر {max} نویسه.",
}
AT_LINE = "خط {line}: {text}"

INDICATOR_LABELS = {
    "members_new": "عضو تازه",
    "courses_held": "دورهٔ آموزشی برگزارشده",
    "course_participants": "نفر-دوره",
    "tours_held": "تور بازدید",
    "exhibitions_held": "نمایشگاه",
    "exhibition_participants": "شرکت‌کننده در نمایشگاه و تور",
    "surveys_launched": "نظرسنجی",
    "survey_response_rate": "درصد پاسخ به نظرسنجی‌ها",
    "introductions_requested": "درخواست معرفی",
    "introductions_accepted": "معرفی پذیرفته‌شده",
    "consortia_registered": "کنسرسیوم در مرحلهٔ ثبت یا بالاتر",
    "consortia_exporting": "کنسرسیوم صادرکننده",
    "needs_solved": "نیاز فناورانهٔ رفع‌شده",
    "broadcasts_sent": "پیام همگانی",
}
KIND_LABELS = {"course": "دوره", "exhibition": "نمایشگاه", "tour": "تور"}
PERIOD_KINDS = {"month": "ماه", "season": "فصل", "year": "سال", "range": "بازه"}

TITLE = "📈 <b>گزارش برنامهٔ خوشه</b>\n{first} تا {last}"
SECTION_PLAN = "🎯 <b>هدف‌های برنامهٔ سال {year}</b>"
PLAN_ROW = "• {label}: {value} از {target} — {share}"
NO_PLAN = "🎯 برای سال {year} برنامه‌ای بارگذاری نشده است."
SECTION_MEMBERS = "👥 <b>اعضا</b>"
MEMBERS_ROW = "تازه: {new} | کل: {total} | در دسترس: {reachable} | ربات را بسته‌اند: {blocked}"
BY_ROLE = "بر پایهٔ نقش: {items}"
BY_PLACE = "بر پایهٔ محل: {items}"
BY_CATEGORY = "بر پایهٔ محصول: {items}"
SECTION_COURSES = "📚 <b>دوره‌های آموزشی</b>"
COURSES_ROW = "برگزارشده: {held} | نفر-دوره: {seats} | پرشدن ظرفیت: {fill} | حضور: {attendance} | میانگین نظر: {feedback}"
SECTION_TRIPS = "🌍 <b>نمایشگاه‌ها و تورها</b>"
TRIPS_ROW = "نمایشگاه: {exhibitions} | تور: {tours} | شرکت‌کننده: {participants} | مدارک کامل: {documents}"
SECTION_SURVEYS = "📝 <b>نظرسنجی‌ها</b>"
SURVEYS_ROW = "آغازشده: {launched} | دعوت‌شده: {invited} | پاسخ کامل: {completed} | نرخ پاسخ: {rate}"
SECTION_LINKS = "🤝 <b>معرفی‌ها و کنسرسیوم‌ها</b>"
LINKS_ROW = "درخواست معرفی: {requested} | پذیرفته: {accepted}"
STAGES_ROW = "کنسرسیوم‌ها: {items}"
SECTION_BROADCASTS = "📣 <b>پیام‌های همگانی</b>"
BROADCASTS_ROW = "فرستاده: {sent} | پیام رسیده: {reach}"
SECTION_NEEDS = "💡 <b>نیازهای فناورانه</b>"
NEEDS_ROW = "رفع‌شده در این بازه: {solved}\n{items}"
NONE = "—"
RULE_NOTE = (
    "ℹ️ دوره، نمایشگاه و تور اگر در این بازه آغاز شده باشد شمرده می‌شود و نظرسنجی اگر در آن آغاز شده باشد؛ "
    "شمار کل اعضا و مرحلهٔ کنسرسیوم‌ها و وضعیت نیازها، وضعیت کنونی‌شان تا پایان بازه است."
)

MONTHLY_TITLE = "🗓 <b>گزارش ماهانهٔ برنامه</b>"
MONTHLY_FOOTER = f"برای نمودارها و {g.EXCEL_FILE}: /admin ← «📈 گزارش برنامه»."

# charts and the workbook
CHART_MEMBERS = "شمار اعضا"
CHART_PARTICIPATION = "شرکت‌کنندگان هر برنامه"
CHART_NOTE = "{first} تا {last}"
CHART_CAPTION = "📊 {title}"
XLSX_KIND = "گزارش برنامه"
XLSX_CAPTION = f"📗 گزارش برنامه در {g.EXCEL_FILE}: یک برگه برای هر بخش."
SHEET_SUMMARY = "خلاصه و هدف‌ها"
SHEET_MEMBERS = "اعضا"
SHEET_EVENTS = "دوره‌ها، نمایشگاه‌ها و تورها"
SHEET_SURVEYS = "نظرسنجی‌ها"
SHEET_OTHER = "معرفی، کنسرسیوم، پیام، نیاز"
H_SUMMARY = ("شاخص", "کلید", "مقدار در بازه", "هدف سال", "درصد تحقق")
H_MEMBERS = ("گروه", "مقدار", "شمار")
H_EVENTS = ("نوع", "عنوان", "تاریخ آغاز", "ظرفیت", "ثبت‌نام", "حاضر", "میانگین نظر", "مدارک کامل")
H_SURVEYS = ("عنوان", "تاریخ آغاز", "دعوت‌شده", "پاسخ کامل", "نرخ پاسخ")
H_OTHER = ("بخش", "مورد", "شمار")
G_PERIOD = "بازه"
G_TOTALS = "کل"
G_ROLE, G_PLACE, G_CATEGORY, G_DATE = "نقش", "محل", "محصول", "تا پایان روز"
M_NEW, M_TOTAL, M_REACHABLE, M_BLOCKED = "عضو تازه", "کل اعضا", "در دسترس", "ربات را بسته‌اند"
O_INTRO, O_CONSORTIA, O_BROADCASTS, O_NEEDS = "معرفی", "کنسرسیوم", "پیام همگانی", "نیاز فناورانه"
O_REQUESTED, O_ACCEPTED, O_SENT, O_REACH, O_SOLVED = (
    "درخواست",
    "پذیرفته",
    "فرستاده",
    "پیام رسیده",
    "رفع‌شده در بازه",
)

# A plan file that itself parses (tests/unit/test_programme_plan.py keeps it so).
SAMPLE_PLAN = """\
# برنامهٔ عملیاتی خوشه — مصوب شورای راهبری
# year: سال شمسی برنامه. هر [[line]] یک ردیف برنامه است:
#   indicator: یکی از کلیدهای زیر (آنچه ربات می‌شمارد)
#   target: هدف عددی سال   label: عنوانی که در گزارش می‌آید
# کلیدها: members_new, courses_held, course_participants, tours_held,
#   exhibitions_held, exhibition_participants, surveys_launched,
#   survey_response_rate (درصد), introductions_requested, introductions_accepted,
#   consortia_registered, consortia_exporting, needs_solved, broadcasts_sent

year = 1405

[[line]]
indicator = "courses_held"
target = 12
label = "دورهٔ آموزشی"

[[line]]
indicator = "course_participants"
target = 300
label = "نفر-دوره"

[[line]]
indicator = "tours_held"
target = 2
label = "تور بازدید خارجی"

[[line]]
indicator = "consortia_registered"
target = 3
label = "کنسرسیوم در مرحلهٔ ثبت"

[[line]]
indicator = "needs_solved"
target = 20
label = "نیاز فناورانهٔ رفع‌شده"
"""
