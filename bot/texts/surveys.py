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
# Lines are HTML: the file's own words (field names, keys, values) are in <code>, escaped by parse.py.
PARSE_WHERE = "سؤال {n} (<code>{key}</code>)"
TRUE_FALSE = "<code>true</code> (بله) یا <code>false</code> (خیر)"
PARSE = {
    "too_big": "فایل بزرگ‌تر از {max} کیلوبایت است.",
    "not_utf8": "فایل باید متنی با کدگذاری UTF-8 باشد؛ در ویرایشگر متن آن را با «UTF-8» ذخیره کنید.",
    "syntax": "خط {line}، ستون {column}: {reason}",
    "json_not_object": "فایل JSON باید با «{» شروع شود و عنوان و سؤال‌ها را داشته باشد.",
    "bad_title": "عنوان نظرسنجی (<code>title</code>) نوشته نشده یا بیش از {max} حرف است.",
    "bad_description": "توضیح نظرسنجی (<code>description</code>) باید متن و حداکثر {max} حرف باشد.",
    "bad_anonymous": f"بی‌نام بودن نظرسنجی (<code>anonymous</code>) باید {TRUE_FALSE} باشد.",
    "no_questions": "هیچ سؤالی در فایل نیست؛ هر سؤال با <code>[[questions]]</code> شروع می‌شود.",
    "too_many_questions": "تعداد سؤال‌ها بیش از {max} است.",
    "bad_question": "سؤال {n}: باید شناسه (<code>key</code>)، نوع (<code>type</code>) و متن (<code>text</code>) داشته باشد.",
    "unknown_field": "{where}: بخشی به نام «<code>{field}</code>» شناخته نیست.",
    "bad_key": "{where}: شناسهٔ سؤال (<code>key</code>) باید با حرف کوچک انگلیسی شروع شود و فقط حرف کوچک انگلیسی، "
    "رقم و _ داشته باشد (حداکثر ۲۰ حرف).",
    "duplicate_key": "{where}: شناسهٔ «<code>{key}</code>» تکراری است.",
    "bad_type": "{where}: نوع «<code>{type}</code>» شناخته نیست؛ یکی از این‌ها را بنویسید: {types}.",
    "bad_text": "{where}: متن سؤال (<code>text</code>) نوشته نشده یا بیش از {max} حرف است.",
    "bad_required": f"{{where}}: اجباری بودن پاسخ (<code>required</code>) باید {TRUE_FALSE} باشد.",
    "no_choices": "{where}: گزینه‌ها (<code>choices</code>) نوشته نشده است.",
    "too_many_choices": "{where}: بیش از {max} گزینه دارد.",
    "bad_choice_key": "{where}: گزینهٔ {n} شناسهٔ (<code>key</code>) درستی ندارد (حرف کوچک انگلیسی، رقم و _، "
    "حداکثر ۲۰ حرف).",
    "duplicate_choice": "{where}: شناسهٔ گزینهٔ «<code>{key}</code>» تکراری است.",
    "bad_choice_text": "{where}: متن گزینهٔ {n} نوشته نشده یا بیش از {max} حرف است.",
    "yesno_choices": "{where}: سؤال بله/خیر گزینهٔ جدا نمی‌خواهد؛ بخش <code>choices</code> را حذف کنید.",
    "choices_not_allowed": "{where}: این نوع سؤال گزینه (<code>choices</code>) ندارد.",
    "range_not_allowed": "{where}: کمینه و بیشینه (<code>min</code> و <code>max</code>) فقط برای سؤال عددی "
    "(<code>number</code>) است.",
    "bad_range": "{where}: کمینه و بیشینه (<code>min</code> و <code>max</code>) باید عدد باشند.",
    "min_above_max": "{where}: کمینه (<code>min</code>) از بیشینه (<code>max</code>) بزرگ‌تر است.",
    "bad_show_if": "{where}: شرط نمایش (<code>show_if</code>) باید به این شکل باشد: "
    '<code>{{ question = "…", any_of = ["…"] }}</code>',
    "too_deep": "ساختار فایل بیش از حد تودرتو است؛ یک پرسشنامه فقط عنوان، توضیح و فهرست سؤال‌ها دارد.",
    "number_too_long": "یک عدد در فایل بیش از حد طولانی است؛ عددها باید کوتاه باشند (مثلاً ۱۰۰۰).",
    "nul_char": "فایل یک حرف نامرئی نامعتبر دارد؛ آن را با یک ویرایشگر متن معمولی دوباره ذخیره کنید.",
    "show_if_unknown": "{where}: شرط نمایش به سؤال «<code>{key}</code>» اشاره می‌کند که پیش از این سؤال نیامده است.",
    "show_if_not_choice": "{where}: شرط نمایش فقط به سؤال گزینه‌ای یا بله/خیر اشاره می‌کند، نه «<code>{key}</code>».",
    "show_if_choice": "{where}: سؤال «<code>{key}</code>» گزینه‌ای به شناسهٔ «<code>{choice}</code>» ندارد.",
}
# What the TOML / JSON readers say (English, kept in the log), as the CDA reads it: the first entry whose
# English text starts the reader's message wins; else SYNTAX_OTHER.
_QUOTE = '«<code>"</code>»'
_BACKSLASH = "«\\» درون متن درست به کار نرفته است؛ برای خود این علامت دو بار بنویسید: «\\\\»."
TOML_ERRORS: tuple[tuple[str, str], ...] = (
    (
        "Expected ']]' at the end of an array",
        "پس از نام جدول باید «]]» بیاید؛ مثلاً <code>[[questions]]</code>.",
    ),
    ("Expected ']' at the end of a table", "پس از نام جدول باید «]» بیاید."),
    ("Invalid statement", "این خط نه «نام = مقدار» است و نه سرِ جدول مثل <code>[[questions]]</code>."),
    (
        "Expected newline or end of document",
        "پس از مقدار چیز دیگری در همان خط آمده است؛ هر «نام = مقدار» خط خودش را می‌خواهد.",
    ),
    ("Expected '=' after a key", 'پس از نام باید «=» بیاید؛ مثلاً <code>title = "…"</code>.'),
    (
        "Invalid initial character for a key",
        "نام با حرف نادرستی شروع شده است؛ نام‌ها انگلیسی‌اند، مثل <code>title</code> یا <code>text</code>.",
    ),
    ("Unclosed array", "فهرستی که با «[» باز شده بسته نشده است؛ شاید «,» یا «]» جا افتاده است."),
    ("Unclosed inline table", "جدولی که با «{» باز شده بسته نشده است؛ شاید «,» یا «}» جا افتاده است."),
    ("Illegal character '\\n'", f"متن در همان خط بسته نشده است؛ {_QUOTE} پایانی جا افتاده است."),
    ("Unterminated string", f"متنی که با {_QUOTE} شروع شده بسته نشده است."),
    ("Unescaped '\\'", _BACKSLASH),
    ("Invalid hex value", _BACKSLASH),
    ("Escaped character", _BACKSLASH),
    ("Cannot ", "یک نام دو بار آمده است؛ هر نام در هر جدول یک بار می‌آید."),
    ("Duplicate inline table key", "یک نام دو بار آمده است؛ هر نام در هر جدول یک بار می‌آید."),
    ("Invalid date", "تاریخ نوشته‌شده درست نیست."),
    ("Invalid value", f"مقدار درست نیست؛ متن را میان {_QUOTE} بنویسید و عدد را بدون آن."),
    ("Illegal character", "یک حرف غیرمجاز (مثلاً حرف کنترلی) در فایل آمده است."),
    ("Found invalid character", "یک حرف غیرمجاز (مثلاً حرف کنترلی) در فایل آمده است."),
)
JSON_ERRORS: tuple[tuple[str, str], ...] = (
    ("Expecting value", "اینجا یک مقدار لازم است (متن، عدد، فهرست یا جدول)؛ شاید یک «,» اضافه آمده است."),
    ("Expecting ',' delimiter", "میان دو مورد «,» جا افتاده است."),
    ("Expecting ':' delimiter", "پس از نام باید «:» بیاید."),
    (
        "Expecting property name",
        f"نام‌ها باید میان {_QUOTE} باشند؛ شاید پس از آخرین مورد یک «,» اضافه آمده است.",
    ),
    ("Illegal trailing comma", "پیش از بسته شدن، یک «,» اضافه آمده است."),
    ("Unterminated string", f"متنی که با {_QUOTE} شروع شده بسته نشده است."),
    (
        "Invalid control character",
        "درون متن خط تازه یا حرف کنترلی آمده است؛ برای خط تازه <code>\\n</code> بنویسید.",
    ),
    ("Invalid \\", _BACKSLASH),
    ("Extra data", "پس از بسته شدن جدول اصلی چیز اضافه‌ای آمده است."),
)
SYNTAX_OTHER = {"toml": "نگارش فایل TOML درست نیست.", "json": "نگارش فایل JSON درست نیست."}
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
    "قالب فایل را در «📄 نمونهٔ فایل تعریف نظرسنجی» ببینید: نمونه را ویرایش کنید و همان را بفرستید. "
    f"{g.CANCEL_HINT}."
)
BTN_SVA_SAMPLE = "📄 نمونهٔ فایل تعریف نظرسنجی"
SVA_SAMPLE_FILE_NAME = "نمونهٔ نظرسنجی.toml"
SVA_SAMPLE_CAPTION = (
    "📄 نمونهٔ فایل تعریف نظرسنجی، با توضیح هر بخش. آن را با یک ویرایشگر متن باز کنید، "
    "سؤال‌های خود را جای سؤال‌های نمونه بنویسید و فایل را همین‌جا بفرستید."
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
    "survey_title_too_long": "عنوان طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر {max} حرف).",
    "survey_question_too_long": "متن سؤال طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر {max} حرف).",
    "survey_choice_too_long": "یکی از گزینه‌ها طولانی است؛ هر گزینه حداکثر {max} حرف باشد. گزینه‌ها را دوباره بفرستید.",
    "survey_too_many_choices": "حداکثر {max} گزینه ممکن است؛ گزینه‌ها را دوباره بفرستید.",
    "empty": "پیام خالی است. لطفاً دوباره بنویسید.",
    "use_buttons": "لطفاً یکی از دکمه‌های پیام بالا را انتخاب کنید.",
    "unknown_choice": "این گزینه معتبر نیست.",
    "file_unreadable": "فایل دریافت نشد؛ لطفاً دوباره بفرستید.",
}
