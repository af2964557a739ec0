"""Persian copy of «نیازهای فناورانهٔ خوشه»: the members' board, the CDA's needs and solution providers."""

from __future__ import annotations

from bot.texts import ERRORS as COMMON_ERRORS
from bot.texts import terms as g

NONE = "—"
SKIPPED = "✅ رد شد."  # under a question answered with «رد شدن»
BTN_MENU = "💡 نیازهای فناورانهٔ خوشه"
BTN_ADMIN_NEEDS = "💡 نیازهای فناورانه"

STATUS_LABELS = {
    "identified": "شناسایی‌شده",
    "searching": "در جست‌وجوی راه‌حل",
    "planned": "اقدام برنامه‌ریزی‌شده",
    "in_progress": "در حال اجرا",
    "solved": "رفع‌شده",
    "dropped": "کنارگذاشته",
}
STATUS_ICONS = {
    "identified": "🔎",
    "searching": "🧭",
    "planned": "🗓",
    "in_progress": "⚙️",
    "solved": "✅",
    "dropped": "⏸",
}
SOURCE_LABELS = {"survey": "از نظرسنجی", "cda": "افزودهٔ " + g.CDA, "self": "اعلام خود عضو"}
KIND_LABELS = {"company": "شرکت", "academic": "دانشگاه یا مرکز پژوهشی", "expert": "کارشناس"}
LINK_LABELS = {
    "course": "📚 دورهٔ آموزشی",
    "tour": "🚌 تور بازدید",
    "exhibition": "🌍 نمایشگاه",
    "consortium": "🤝 کنسرسیوم",
    "broadcast": "📣 پیام به اعضا",
}

# The members' board
BOARD_TITLE = "💡 <b>نیازهای فناورانهٔ خوشه</b>"
BOARD_INTRO = "نیازهایی که در خوشه شناسایی شده و کارهایی که برای رفع آن‌ها انجام می‌شود. اگر شما هم نیازی را دارید، آن را باز کنید و «🙋 من هم این نیاز را دارم» را بزنید."
BOARD_EMPTY = "هنوز نیاز فناورانه‌ای منتشر نشده است."
BOARD_LINE = "{icon} <b>{title}</b>\n    {status} | {count} عضو"
PAGE_OF = "صفحهٔ {page} از {pages}"
BTN_OPEN = "🔎 {title}"
NEED_VIEW = "💡 <b>{title}</b>\n🏷 {category}\n📍 وضعیت: <b>{status}</b>\n👥 {count} عضو این نیاز را دارند"
YOU_SHARE = "✅ این نیاز شما هم هست."
NOTICES_OFF_NOTE = "🔕 خبر تغییر وضعیت این نیاز برای شما فرستاده نمی‌شود."
PLANNED_HEAD = "🗓 <b>برنامه‌ها</b>"
PROVIDERS_HEAD = "🏭 <b>ارائه‌دهندگان راه‌حل</b>"
KNOWLEDGE_BASED = "دانش‌بنیان"
CONTACT_LINE = "☎️ {contact}"
BTN_SHARE = "🙋 من هم این نیاز را دارم"
BTN_NOTICES_OFF = "🔕 خبر تغییرها را نفرست"
BTN_NOTICES_ON = "🔔 خبر تغییرها را بفرست"
BTN_BOARD = "→ همهٔ نیازها"
SHARED = "ثبت شد؛ شما هم این نیاز را دارید. خبر تغییر وضعیت آن به شما می‌رسد."
ALREADY_SHARED = "پیش‌تر ثبت شده بود."
NOTICES_OFF = "دیگر خبر تغییر وضعیت این نیاز برای شما فرستاده نمی‌شود."
NOTICES_ON = "خبر تغییر وضعیت این نیاز برای شما فرستاده می‌شود."
NO_CHANGE = "تغییری لازم نبود."

# Notices
STATUS_NOTICE = "💡 نیاز فناورانهٔ «<b>{title}</b>» که شما هم دارید، اکنون «<b>{status}</b>» است."
STATUS_NOTICE_NOTE = "\n\n📝 {note}"
BTN_NOTICE_VIEW = "🔎 جزئیات نیاز"
MESSAGE_HEAD = "💡 دربارهٔ نیاز فناورانهٔ «<b>{title}</b>»:"
COURSE_FOR_NEED = (
    "💡 این دوره برای نیاز فناورانهٔ «<b>{title}</b>» که شما هم دارید برگزار می‌شود.\n\n{announcement}"
)

# The CDA: list and card
ADMIN_TITLE = "💡 <b>نیازهای فناورانه</b>"
ADMIN_EMPTY = (
    "هنوز نیازی ثبت نشده است. با «➕ نیاز جدید» یا از نتایج نظرسنجی («🧩 ایجاد نیاز از این پاسخ») بسازید."
)
ADMIN_LINE = "{icon} <b>{title}</b> | {status} | {count} عضو{hidden}"
HIDDEN_MARK = " | 🙈 منتشرنشده"
BTN_NEW = "➕ نیاز جدید"
BTN_PROVIDERS = "🏭 ارائه‌دهندگان راه‌حل"
BTN_FROM_SURVEY = "🧩 ایجاد نیاز از این پاسخ"
BTN_BACK = g.BTN_BACK
CARD = (
    "💡 <b>{title}</b>\n🏷 {category}\n📍 وضعیت: <b>{status}</b> | {published}\n"
    "👥 اعضا: <b>{count}</b>{sources}"
)
PUBLISHED = "👁 منتشرشده برای اعضا"
NOT_PUBLISHED = "🙈 منتشرنشده"
HISTORY_HEAD = "🕓 <b>سابقه</b>"
HISTORY_LINE = "• {when}: {status}{note}"
ACTIONS_HEAD = "🔗 <b>اقدام‌ها</b>"
ACTION_LINE = "• {kind}: {title}{when}"
BTN_MOVE = "{icon} {status}"
BTN_PUBLISH = "👁 انتشار برای اعضا"
BTN_UNPUBLISH = "🙈 برداشتن از فهرست اعضا"
BTN_ROSTER = "👥 اعضای این نیاز"
BTN_LINK_PROVIDERS = "🏭 ارائه‌دهندگان"
BTN_LINK_ACTION = "🔗 پیوند به اقدام"
BTN_MESSAGE = "📣 پیام به اعضای این نیاز"
BTN_ANNOUNCE = "📣 اعلام «{title}» به اعضای این نیاز"
CREATED = "✅ نیاز «{title}» ثبت شد ({count} عضو). برای دیدن آن در فهرست اعضا، «👁 انتشار برای اعضا» را بزنید."
MOVED = "✅ وضعیت به «{status}» تغییر کرد."
MOVED_TOLD = "✅ وضعیت به «{status}» تغییر کرد و به {count} عضو خبر داده {sent}."
ROSTER_TITLE = "👥 <b>اعضای نیاز «{title}»</b> ({count} نفر)"
ROSTER_LINE = "{n}. {name} — {source}{off}"
ROSTER_OFF = " | 🔕"
ROSTER_EMPTY = "هنوز عضوی این نیاز را ندارد."
MESSAGE_QUEUED = "📣 پیام برای {count} عضو در صف ارسال است؛ گزارش ارسال همین‌جا می‌آید."
ANNOUNCED = "📣 اعلام دوره برای {count} عضو این نیاز {sent}."
PICK_KIND = "به کدام اقدام پیوند شود؟"
PICK_TARGET = "{kind} را انتخاب کنید:"
NO_TARGETS = "موردی برای پیوند نیست (دوره، تور یا نمایشگاه پیش‌رو، یا کنسرسیوم)."
LINKED = "✅ پیوند شد: {title}"
PICK_PROVIDERS = "🏭 ارائه‌دهندگانی را که برای نیاز «{title}» کمک می‌کنند انتخاب کنید (✅ یعنی پیوند شده):"
NO_PROVIDERS = "هنوز ارائه‌دهنده‌ای ثبت نشده است. از «🏭 ارائه‌دهندگان راه‌حل» اضافه کنید."

# The CDA's questions
ASK = {
    "title": "عنوان نیاز را بنویسید (مثلاً «زنجیرهٔ سرد گل شاخه‌بریده»).",
    "title_from": (
        "نیاز از پاسخ «{suggest}» در نظرسنجی «{survey}» ({count} عضو).\n"
        "عنوان نیاز را بنویسید یا همین پاسخ را عنوان کنید."
    ),
    "category": f"{g.CATEGORY} نیاز را انتخاب کنید:",
    "description": "توضیح کوتاهی از نیاز بنویسید، یا «رد شدن» را بزنید.",
    "note": "نیاز «{title}»: «{from_}» ← «{to}».\nیادداشتی برای این تغییر بنویسید (به اعضا هم نشان داده می‌شود)، یا «بدون یادداشت» را بزنید.",
    "msg": "پیام خود را برای {count} عضو نیاز «{title}» بنویسید. " + g.CANCEL_HINT + ".",
    "name": "نام ارائه‌دهندهٔ راه‌حل را بنویسید (شرکت، دانشگاه یا مرکز پژوهشی، یا کارشناس).",
    "kind": "نوع ارائه‌دهنده را انتخاب کنید:",
    "pfield": "زمینهٔ کار او را بنویسید (مثلاً «سردخانه و زنجیرهٔ سرد»).",
    "city": "شهر را بنویسید.",
    "contact": "راه تماس را بنویسید (تلفن، نشانی وب یا ایمیل).",
    "kb": "آیا دانش‌بنیان است؟",
    "public": "راه تماس به اعضا نشان داده شود؟",
    "edit": "مقدار تازه را بنویسید.",
}
BTN_USE_ANSWER = "✅ {suggest}"
BTN_NO_NOTE = "بدون یادداشت"
BTN_YES, BTN_NO = "بله", "خیر"
FLOW_CANCELLED = "لغو شد؛ چیزی ثبت نشد."
GONE = "این گفت‌وگو دیگر فعال نیست. از منوی مدیر دوباره شروع کنید."

# Providers
PROVIDERS_TITLE = "🏭 <b>ارائه‌دهندگان راه‌حل</b>"
PROVIDERS_EMPTY = "هنوز ارائه‌دهنده‌ای ثبت نشده است."
PROVIDER_LINE = "• <b>{name}</b> — {kind}، {field} ({city}){kb}"
BTN_PROVIDER_NEW = "➕ ارائه‌دهندهٔ جدید"
PROVIDER_CARD = "🏭 <b>{name}</b>\n{kind}{kb}\n🧰 {field}\n📍 {city}\n☎️ {contact}\n{public}"
CONTACT_PUBLIC = "👁 راه تماس به اعضا نشان داده می‌شود."
CONTACT_PRIVATE = "🔒 راه تماس فقط برای مدیران است."
PROVIDER_SAVED = "✅ ثبت شد."
FIELD_LABELS = {"name": "نام", "field": "زمینهٔ کار", "city": "شهر", "contact": "راه تماس"}
BTN_EDIT_FIELD = "✏️ {label}"
BTN_KB_ON = "⭐️ دانش‌بنیان: بله"
BTN_KB_OFF = "⭐️ دانش‌بنیان: خیر"
BTN_PUBLIC_ON = "👁 تماس عمومی: بله"
BTN_PUBLIC_OFF = "🔒 تماس عمومی: خیر"

# The CDA's needs report (text, chart, .xlsx)
BTN_REPORT = "📊 گزارش نیازها"
REPORT_TITLE = "📊 <b>گزارش نیازهای فناورانه</b> | {date}"
REPORT_EMPTY = "هنوز نیازی ثبت نشده است؛ گزارش پس از ثبت نخستین نیاز ساخته می‌شود."
REPORT_TOTAL = "💡 نیازها: <b>{count}</b>"
REPORT_BY_STATUS = "📍 <b>به تفکیک وضعیت</b>"
REPORT_STATUS_LINE = "{icon} {status}: {count}"
REPORT_BY_CATEGORY = f"🏷 <b>به تفکیک {g.CATEGORY}</b>"
REPORT_CATEGORY_LINE = "• {category}: {count}"
REPORT_CATEGORIES_MORE = f"• {{count}} {g.CATEGORY} دیگر: {{needs}} نیاز"
REPORT_MEMBERS = "👥 <b>اعضای درگیر</b>: {count} نفر (هر عضو یک بار شمرده شده)"
REPORT_MEMBERS_LINE = "{icon} {status}: {count} نفر"
REPORT_DAYS = "⏱ <b>از شناسایی تا رفع</b> ({count} نیاز رفع‌شده): میانه {median} روز | میانگین {mean} روز"
REPORT_DAYS_NONE = "⏱ <b>از شناسایی تا رفع</b>: هنوز نیازی رفع نشده است."
REPORT_PROVIDERS = "🏭 <b>ارائه‌دهندگان درگیر</b>: {count} | دانش‌بنیان: {kb}"
REPORT_PROVIDERS_NONE = "🏭 <b>ارائه‌دهندگان درگیر</b>: هنوز ارائه‌دهنده‌ای به نیازی پیوند نشده است."
REPORT_CHART_TITLE = "نیازهای فناورانه به تفکیک وضعیت"
REPORT_CHART_NOTE = "{count} نیاز"
REPORT_CHART_CAPTION = "📊 نیازهای فناورانه به تفکیک وضعیت"
REPORT_FILE = "گزارش نیازهای فناورانه"
REPORT_CAPTION = f"📗 {g.EXCEL_FILE} گزارش نیازها ({{count}} نیاز)"
SHEET_SUMMARY, SHEET_NEEDS, SHEET_PROVIDERS = "خلاصه", "نیازها", "ارائه‌دهندگان"
SUMMARY_HEADERS = ("شاخص", "مقدار")
SUMMARY_TOTAL = "نیازها"
SUMMARY_STATUS = f"{g.STATUS}: {{label}}"
SUMMARY_CATEGORY = f"{g.CATEGORY}: {{label}}"
SUMMARY_MEMBERS = "اعضای درگیر (هر عضو یک بار)"
SUMMARY_MEMBERS_STATUS = "اعضای درگیر، {label}"
SUMMARY_SOLVED = "نیازهای رفع‌شده"
SUMMARY_MEDIAN = "میانهٔ روز از شناسایی تا رفع"
SUMMARY_MEAN = "میانگین روز از شناسایی تا رفع"
SUMMARY_PROVIDERS = "ارائه‌دهندگان درگیر"
SUMMARY_KB = "ارائه‌دهندگان دانش‌بنیان درگیر"
NEEDS_HEADERS = (
    "عنوان نیاز", g.CATEGORY, g.STATUS, "منتشرشده", "اعضا", "ارائه‌دهندگان", "ارائه‌دهندگان دانش‌بنیان",
    "تاریخ شناسایی", "تاریخ رفع", "روز تا رفع",
)  # fmt: skip
PROVIDER_HEADERS = ("نام ارائه‌دهنده", "نوع", "زمینهٔ کار", "شهر", "دانش‌بنیان", "نیازها")
YES_NO = {True: BTN_YES, False: BTN_NO}

ERRORS = {
    **COMMON_ERRORS,
    "need_title_empty": "عنوان خالی است. لطفاً بنویسید.",
    "need_title_long": "عنوان طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۲۰۰ حرف).",
    "need_text_empty": "متن خالی است. لطفاً بنویسید.",
    "need_description_long": "توضیح طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۱۵۰۰ حرف).",
    "need_note_long": "یادداشت طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۵۰۰ حرف).",
    "need_text_only": "لطفاً پاسخ را به صورت متن بنویسید.",
    "need_no_members": "این نیاز هنوز عضوی (با حساب در دسترس) ندارد.",
    "need_already_announced": "این دوره پیش‌تر به اعضای این نیاز اعلام شده است.",
    "prov_name_long": "نام طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۱۲۰ حرف).",
    "prov_field_long": "متن طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۲۰۰ حرف).",
    "prov_city_long": "نام شهر طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۶۰ حرف).",
    "prov_contact_long": "راه تماس طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۲۰۰ حرف).",
    "survey_anonymous": "این نظرسنجی بی‌نام است؛ برای حفظ حریم خصوصی اعضا، نیاز با اعضای آن ساخته نمی‌شود.",
    "survey_no_choices": "این نظرسنجی سؤال گزینه‌ای ندارد.",
}
