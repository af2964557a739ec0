"""Persian copy of surveys: members answering, the CDA creating, launching and closing, file errors."""

from __future__ import annotations

from bot.texts import terms as g

YES, NO = "بله", "خیر"
TYPE_LABELS = {
    "single": "تک‌گزینه‌ای",
    "multi": "چندگزینه‌ای",
    "scale": "طیف ۱ تا ۵",
    "number": "عددی",
    "text": "متن کوتاه",
    "yesno": "بله/خیر",
}
STATUS_LABELS = {"draft": "پیش‌نویس", "scheduled": "زمان‌بندی‌شده", "open": "باز", "closed": "بسته"}

# --- definition files ----------------------------------------------------------------------------
PARSE_WHERE = "سؤال {n} ({key})"
PARSE = {
    "too_big": "فایل بزرگ‌تر از {max} کیلوبایت است.",
    "not_utf8": "فایل باید متنی با کدگذاری UTF-8 باشد.",
    "toml_syntax": "خط {line}: نگارش TOML درست نیست ({msg}).",
    "json_syntax": "خط {line}: نگارش JSON درست نیست ({msg}).",
    "json_not_object": "فایل JSON باید با { شروع شود و عنوان و سؤال‌ها را داشته باشد.",
    "bad_title": "عنوان (title) نوشته نشده یا بیش از {max} حرف است.",
    "bad_description": "توضیح (description) باید متن و حداکثر {max} حرف باشد.",
    "bad_anonymous": "anonymous باید true یا false باشد.",
    "no_questions": "هیچ سؤالی (questions) در فایل نیست.",
    "too_many_questions": "تعداد سؤال‌ها بیش از {max} است.",
    "bad_question": "سؤال {n}: باید جدولی با key، type و text باشد.",
    "unknown_field": "{where}: فیلد «{field}» شناخته نیست.",
    "bad_key": "{where}: key باید با حرف کوچک انگلیسی شروع شود و فقط a-z، 0-9 و _ داشته باشد (حداکثر ۲۰).",
    "duplicate_key": "{where}: key «{key}» تکراری است.",
    "bad_type": "{where}: نوع «{type}» شناخته نیست؛ یکی از این‌ها باشد: {types}.",
    "bad_text": "{where}: متن سؤال (text) نوشته نشده یا بیش از {max} حرف است.",
    "bad_required": "{where}: required باید true یا false باشد.",
    "no_choices": "{where}: گزینه‌ها (choices) نوشته نشده است.",
    "too_many_choices": "{where}: بیش از {max} گزینه دارد.",
    "bad_choice_key": "{where}: گزینهٔ {n} key درستی ندارد (حرف کوچک انگلیسی، عدد و _، حداکثر ۲۰).",
    "duplicate_choice": "{where}: key گزینهٔ «{key}» تکراری است.",
    "bad_choice_text": "{where}: متن گزینهٔ {n} نوشته نشده یا بیش از {max} حرف است.",
    "yesno_choices": "{where}: سؤال بله/خیر گزینهٔ جدا نمی‌خواهد؛ choices را حذف کنید.",
    "choices_not_allowed": "{where}: این نوع سؤال گزینه (choices) ندارد.",
    "range_not_allowed": "{where}: min و max فقط برای سؤال عددی (number) است.",
    "bad_range": "{where}: min و max باید عدد باشند.",
    "min_above_max": "{where}: min از max بزرگ‌تر است.",
    "bad_show_if": '{where}: show_if باید به شکل {{ question = "…", any_of = ["…"] }} باشد.',
    "too_deep": "ساختار فایل بیش از حد تودرتو است؛ یک پرسشنامه فقط عنوان، توضیح و فهرست سؤال‌ها دارد.",
    "number_too_long": "یک عدد در فایل بیش از حد طولانی است؛ عددها باید کوتاه باشند (مثلاً ۱۰۰۰).",
    "nul_char": "فایل حرف نامعتبر (NUL) دارد؛ آن را با یک ویرایشگر متن معمولی ذخیره کنید.",
    "show_if_unknown": "{where}: show_if به سؤال «{key}» اشاره می‌کند که پیش از این سؤال نیامده است.",
    "show_if_not_choice": "{where}: show_if فقط به سؤال گزینه‌ای یا بله/خیر اشاره می‌کند، نه «{key}».",
    "show_if_choice": "{where}: سؤال «{key}» گزینه‌ای به نام «{choice}» ندارد.",
}
FILE_REJECTED = (
    "❌ <b>فایل پذیرفته نشد</b>؛ چیزی ذخیره نشد. لطفاً این موارد را درست کنید و دوباره بفرستید:\n{lines}"
)
FILE_REJECTED_MORE = "… و {count} مورد دیگر."

# --- members ---------------------------------------------------------------------------------------
BTN_START = "▶️ شروع"
BTN_CONTINUE = "▶️ ادامهٔ نظرسنجی"
INVITATION = (
    "📝 <b>نظرسنجی: {title}</b>\n{description}\n"
    "نظر شما برای برنامه‌ریزی خوشه مهم است. هر سؤال در یک پیام می‌آید و هر زمان خواستید می‌توانید "
    "ادامه را به بعد بسپارید.\n{anonymous}\n\nبرای شروع، دکمهٔ «شروع» را بزنید."
)
INVITATION_ANONYMOUS = "🔒 پاسخ‌ها بی‌نام بررسی می‌شوند."
INVITATION_NAMED = "👤 پاسخ‌ها با نام شما ثبت می‌شوند."
REMINDER = (
    "⏰ <b>یادآوری نظرسنجی</b>\nهنوز پاسخ شما به نظرسنجی «{title}» کامل نشده است.{closes}\n"
    "برای ادامه از همان‌جا که ماندید، دکمهٔ زیر را بزنید."
)
REMINDER_CLOSES = "\nمهلت پاسخ: {when}"

QUESTION_HEAD = "📝 <b>{title}</b>\n{progress}{optional}\n\n<b>{text}</b>"
# Progress that never goes backwards (bot/services/surveys/logic.py): while a later question may still
# be switched on or off by an answer, the count is an upper bound and says so; the bar fills up.
PROGRESS = "{bar} سؤال {position} از {total}"
PROGRESS_AT_MOST = "{bar} سؤال {position} از حداکثر {total}"
PROGRESS_BAR_CELLS = 10
PROGRESS_FULL, PROGRESS_EMPTY = "▰", "▱"
OPTIONAL = " (اختیاری)"
HINTS = {
    "single": "",
    "yesno": "",
    "multi": "همهٔ موارد مرتبط را ✅ کنید و بعد «ثبت» را بزنید.",
    "scale": "یکی از عددهای ۱ تا ۵ را انتخاب کنید.",
    "number": "پاسخ را با عدد بنویسید{range}.",
    "text": "پاسخ را کوتاه بنویسید (حداکثر {max} حرف).",
}
RANGE_BOTH = " (از {min} تا {max})"
RANGE_MIN = " (دست‌کم {min})"
RANGE_MAX = " (حداکثر {max})"
CURRENT_ANSWER = "پاسخ فعلی شما: {answer}"
BTN_SUBMIT = "✔️ ثبت"
BTN_BACK = "→ بازگشت"
BTN_SKIP = g.BTN_SKIP
BTN_KEEP = "بدون تغییر ←"
ANSWERED = "✅ {answer}"
SKIPPED = "⏭ رد شد"
WENT_BACK = "→ بازگشت به سؤال قبل"
NO_ANSWER = "—"
FINISHED = (
    "🙏 سپاس! پاسخ‌های شما به نظرسنجی «{title}» ثبت شد.\n"
    "تا زمانی که نظرسنجی باز است، می‌توانید از «📝 نظرسنجی‌ها» در منوی اصلی پاسخ‌هایتان را ویرایش کنید."
)
ALREADY_DONE = "✅ شما نظرسنجی «{title}» را کامل کرده‌اید. اگر بخواهید، می‌توانید پاسخ‌هایتان را ویرایش کنید."
BTN_EDIT_ANSWERS = "✏️ ویرایش پاسخ‌ها"
PAUSED = "پاسخ‌های شما ذخیره شد؛ هر زمان خواستید، از «📝 نظرسنجی‌ها» از همان‌جا ادامه دهید."

MY_LIST_TITLE = "📝 <b>نظرسنجی‌های باز</b>\n"
MY_LIST_EMPTY = "📝 در حال حاضر نظرسنجی بازی برای شما نیست. از همراهی شما سپاسگزاریم. 🌷"
MY_LIST_LINE = "\n• <b>{title}</b>\n  {state}{closes}"
MY_LIST_CLOSES = "\n  ⏰ مهلت: {when}"
MY_STATE_NEW = "هنوز شروع نکرده‌اید"
MY_STATE_PROGRESS = "در حال پاسخ: {progress}"
MY_STATE_DONE = f"✅ {g.COMPLETED} (تا پایان مهلت قابل ویرایش است)"
BTN_MY_START = "▶️ شروع: {title}"
BTN_MY_CONTINUE = "▶️ ادامه: {title}"
BTN_MY_EDIT = "✏️ ویرایش: {title}"
SURVEY_NOT_FOUND = "این نظرسنجی پیدا نشد یا هنوز آغاز نشده است."

MEMBER_ERRORS = {
    "survey_closed": "این نظرسنجی بسته شده است و دیگر پاسخی نمی‌پذیرد. از همراهی شما سپاسگزاریم.",
    "survey_not_for_you": "این نظرسنجی برای گروه دیگری از اعضای خوشه است.",
    "number_invalid": "لطفاً فقط یک عدد بنویسید (مثلاً ۲۵۰۰).",
    "number_below": "عدد باید دست‌کم {min} باشد. لطفاً دوباره بنویسید.",
    "number_above": "عدد باید حداکثر {max} باشد. لطفاً دوباره بنویسید.",
    "text_too_long": "پاسخ طولانی است؛ لطفاً حداکثر {max} حرف بنویسید.",
    "empty": "پیام خالی است. لطفاً پاسخ را بنویسید.",
    "choose_at_least_one": "لطفاً دست‌کم یک گزینه را ✅ کنید و بعد «ثبت» را بزنید.",
    "use_buttons": "لطفاً پاسخ این سؤال را با دکمه‌های زیر آن انتخاب کنید.",
    "text_only": "لطفاً پاسخ را به صورت متن بنویسید.",
}

# --- the CDA ---------------------------------------------------------------------------------------
BTN_ADMIN_SURVEYS = "📝 نظرسنجی‌ها"
SVA_LIST_TITLE = "📝 <b>نظرسنجی‌ها</b>\nبرای مدیریت هر نظرسنجی، دکمهٔ آن را بزنید.\n"
SVA_LIST_EMPTY = "📝 هنوز نظرسنجی‌ای ساخته نشده است. با «➕ نظرسنجی جدید» شروع کنید."
SVA_LIST_LINE = (
    f"\n• <b>{{title}}</b> — {{status}}\n  ✅ {g.COMPLETED}: {{completed}} از {{invited}} دعوت‌شده | "
    f"⏳ {g.UNFINISHED}: {{in_progress}}"
)
BTN_SVA_NEW = "➕ نظرسنجی جدید"
SVA_NEW = "➕ <b>نظرسنجی جدید</b>\nچطور می‌خواهید نظرسنجی را بسازید؟"
BTN_SVA_SHIPPED = "🌱 نیازسنجی فناوری (آماده)"
BTN_SVA_FILE = "📄 ارسال فایل تعریف (TOML یا JSON)"
BTN_SVA_BUILD = f"✍️ ساخت در {g.CONVERSATION}"
ASK_FILE = (
    "📄 فایل تعریف نظرسنجی (<code>.toml</code> یا <code>.json</code>) را به صورت فایل بفرستید.\n"
    f"قالب فایل و یک نمونهٔ کامل در README پروژه آمده است. {g.CANCEL_HINT}."
)
ASK_B_TITLE = f"✍️ <b>ساخت نظرسنجی در {g.CONVERSATION}</b>\nعنوان نظرسنجی را بنویسید ({g.CANCEL_HINT}):"
ASK_B_TYPE = "سؤال {n}: نوع سؤال را انتخاب کنید{done}"
ASK_B_TYPE_DONE = "، یا اگر سؤال‌ها تمام است «پایان و پیش‌نمایش» را بزنید."
ASK_B_TEXT = "متن سؤال {n} ({kind}) را بنویسید:"
ASK_B_CHOICES = "گزینه‌ها را بنویسید، هر گزینه در یک خط (دست‌کم دو گزینه):"
BTN_B_DONE = "✅ پایان و پیش‌نمایش"
ASK_LAUNCH_AT = "🗓 زمان ارسال دعوت را به تاریخ شمسی و ساعت تهران بنویسید؛ مثلاً «{example}»:"
ASK_CLOSE_AT = "⏰ زمان بسته شدن نظرسنجی را به تاریخ شمسی و ساعت تهران بنویسید؛ مثلاً «{example}»:"
SVA_FLOW_CANCELLED = "ساخت یا تنظیم نظرسنجی لغو شد. پیش‌نویس‌های ساخته‌شده در فهرست نظرسنجی‌ها می‌مانند."

SVA_CARD = "📝 <b>{title}</b>\nوضعیت: {status} | شمارهٔ {id}\n{anonymous}\n{audience}{counts}{times}"
SVA_ANONYMOUS = "🔒 بی‌نام"
SVA_NAMED = "👤 با نام"
SVA_AUDIENCE = f"🎯 {g.AUDIENCE}: {{segment}} — <b>{{count}}</b> نفر\n"
SVA_COUNTS = (
    f"📨 دعوت‌شده: {{invited}} | ✅ {g.COMPLETED}: {{completed}} | ⏳ {g.UNFINISHED}: {{in_progress}}\n"
)
SVA_OPENS = "🗓 شروع: {when}\n"
SVA_CLOSES = "⏰ پایان: {when}\n"
SVA_CLOSES_NONE = "⏰ پایان: با دست شما\n"
SVA_CLOSED_AT = "🔒 بسته شد: {when}\n"
SEGMENT_ALL = "همهٔ اعضا"
SEGMENT_PARTS = {"roles": g.ROLE, "categories": g.CATEGORY, "places": g.PLACE}
PLACE_OTHER = g.OTHER
SVA_QUESTIONS_TITLE = "👀 <b>سؤال‌های «{title}»</b> ({count} سؤال)\n"
SVA_QUESTION_LINE = "\n<b>{n}. {text}</b>\n<i>{kind}{optional}</i>"
SVA_QUESTION_CHOICES = "\n   گزینه‌ها: {choices}"
SVA_QUESTION_RANGE = "\n   بازه: {min} تا {max}"
SVA_QUESTION_SHOW_IF = "\n   ↪️ فقط اگر پاسخ سؤال {n} یکی از این‌ها باشد: {choices}"
SVA_NO_LIMIT = "—"
BTN_SVA_AUDIENCE = f"🎯 {g.AUDIENCE}"
BTN_SVA_ANON = "بی‌نام: {state}"
ON, OFF = "روشن", "خاموش"
BTN_SVA_CLOSE_AT = "⏰ زمان بستن"
BTN_SVA_GO = "🚀 ارسال همین حالا"
BTN_SVA_WHEN = "🗓 زمان‌بندی ارسال"
BTN_SVA_QUESTIONS = f"👀 {g.QUESTIONS}"
BTN_SVA_DROP = "🗑 حذف پیش‌نویس"
BTN_SVA_RESULTS = "📊 نتایج"
BTN_SVA_CLOSE = "🔒 بستن نظرسنجی"
BTN_SVA_REFRESH = "🔄 به‌روزرسانی"
BTN_SVA_LIST = "📋 همهٔ نظرسنجی‌ها"
BTN_SVA_ALL = "همهٔ اعضا"
BTN_SVA_AUDIENCE_DONE = g.BTN_CONTINUE
ASK_AUDIENCE = (
    "🎯 دعوت این نظرسنجی برای چه کسانی فرستاده شود؟ (👤 فعالیت، 🌱 زمینه، 📍 محل)\n{segment}\n"
    + g.AUDIENCE_COUNT
)
SVA_CREATED = "✅ پیش‌نویس نظرسنجی ساخته شد. سؤال‌ها را بررسی کنید، مخاطبان را انتخاب کنید و بعد ارسال کنید."
SVA_LAUNCHED = "🚀 دعوت برای {count} نفر در صف ارسال است."
SVA_SCHEDULED = "🗓 دعوت در {when} برای مخاطبان فرستاده می‌شود."
SVA_CLOSING_SET = "⏰ نظرسنجی در {when} بسته می‌شود."
SVA_CLOSED = "🔒 نظرسنجی بسته شد؛ دیگر پاسخی پذیرفته نمی‌شود."
SVA_DROPPED = "🗑 پیش‌نویس «{title}» حذف شد."
SVA_GONE = "این نظرسنجی دیگر در آن وضعیت نیست؛ از فهرست نظرسنجی‌ها دوباره باز کنید."

ADMIN_ERRORS = {
    "survey_no_audience": "هیچ عضوی با این مخاطبان پیدا نشد؛ لطفاً مخاطبان را تغییر دهید.",
    "survey_closes_before_open": "زمان بستن باید بعد از زمان شروع نظرسنجی باشد.",
    "survey_close_in_past": "این زمان گذشته است؛ لطفاً زمانی در آینده بنویسید.",
    "bcast_in_past": "این زمان گذشته است؛ لطفاً زمانی در آینده بنویسید.",
    "survey_file_unexpected": "الان منتظر فایل نیستم.",
    "survey_send_file": "لطفاً تعریف نظرسنجی را به صورت «فایل» (.toml یا .json) بفرستید، نه متن.",
    "survey_two_choices": "دست‌کم دو گزینه لازم است؛ هر گزینه را در یک خط بنویسید.",
    "survey_builder_full": f"با «ساخت در {g.CONVERSATION}» حداکثر ۱۵ سؤال ممکن است؛ برای بیشتر، فایل تعریف بفرستید.",
    "empty": "پیام خالی است. لطفاً دوباره بنویسید.",
    "use_buttons": "لطفاً یکی از دکمه‌های پیام بالا را انتخاب کنید.",
    "unknown_choice": "این گزینه معتبر نیست.",
    "file_unreadable": "فایل دریافت نشد؛ لطفاً دوباره بفرستید.",
}
