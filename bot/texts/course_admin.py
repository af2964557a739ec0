"""Persian copy of the CDA's course screens: create, preview, publish, manage, roster, attendance, exports."""

from __future__ import annotations

from bot.texts import ERRORS as COMMON_ERRORS
from bot.texts import terms as g

BTN_ADMIN_COURSES = "📚 دوره‌های آموزشی"

# The list of courses (admin)
CADM_LIST_TITLE = "📚 <b>دوره‌های آموزشی</b>\nبرای مدیریت هر دوره، دکمهٔ آن را بزنید."
CADM_LIST_EMPTY = "📚 هنوز دوره‌ای ساخته نشده است. با «➕ دورهٔ آموزشی جدید» شروع کنید."
CADM_LIST_LINE = "• <b>{title}</b> — {status}\n  🗓 {when} | 👥 {seats}"
CADM_LIST_MORE = "\n\n… و {count} دورهٔ قدیمی‌تر."
BTN_CADM_NEW = "➕ دورهٔ آموزشی جدید"
STATUS_LABELS = {
    "draft": "پیش‌نویس",
    "published": "ثبت‌نام باز",
    "closed": "ثبت‌نام بسته",
    "cancelled": "لغوشده",
}
SEATS_OF = "{taken} از {capacity}"
SEATS_NO_LIMIT = "{taken} نفر (بدون محدودیت)"

# Creating a course: one question at a time
CADM_FLOW_START = f"📚 <b>دورهٔ آموزشی جدید</b>\nچند سؤال کوتاه می‌پرسیم. {g.CANCEL_HINT}."
ASK = {
    "title": "عنوان دوره را بنویسید:",
    "description": "توضیح کوتاهی دربارهٔ دوره بنویسید (سرفصل‌ها، مخاطبان)، یا «رد شدن» را بزنید:",
    "instructor": "نام مدرس را بنویسید، یا «رد شدن» را بزنید:",
    "starts_at": "زمان شروع دوره را به تاریخ شمسی و ساعت تهران بنویسید؛ مثلاً «{example}»:",
    "sessions": "مدت یا جلسات دوره را بنویسید (مثلاً «۳ جلسه، هر جلسه ۲ ساعت»)، یا «رد شدن» را بزنید:",
    "place": (
        "محل برگزاری را بنویسید (مثلاً «سالن شهرک گلخانه‌ای محلات»)؛ "
        "برای دورهٔ آنلاین لینک آن را بفرستید (https://…)، یا «رد شدن» را بزنید:"
    ),
    "capacity": "ظرفیت دوره چند نفر است؟ یک عدد بنویسید (مثلاً ۳۰)، یا برای ظرفیت بدون محدودیت «رد شدن» را بزنید:",
    "deadline": (
        "مهلت ثبت‌نام تا کی است؟ تاریخ شمسی و ساعت بنویسید (مثلاً «{example}»)؛ "
        "اگر مهلت تا شروع دوره است، «رد شدن» را بزنید:"
    ),
}
ASK_TARGETS = (
    "🎯 این دوره برای کدام زمینه‌ها یا محل‌هاست؟ (اختیاری)\n"
    "اطلاعیهٔ دوره برای اعضای همین زمینه‌ها و محل‌ها فرستاده می‌شود؛ اگر چیزی انتخاب نکنید، برای همهٔ اعضا.\n\n"
    "{selection}\n" + g.AUDIENCE_COUNT
)
BTN_SKIP = g.BTN_SKIP
BTN_TARGETS_DONE = g.BTN_CONTINUE
SAVED = "✅ ثبت شد."
SKIPPED = "✅ رد شد."

# Preview and publishing
CADM_PREVIEW_TITLE = "👀 <b>پیش‌نمایش دوره</b> (پیش‌نویس #{id})\n\n"
CADM_CARD_TITLE = "🛠 <b>مدیریت دوره #{id}</b> — {status}\n\n"
CADM_FIELDS = (
    "📚 <b>{title}</b>\n"
    "{description}"
    "👤 مدرس: {instructor}\n"
    "🗓 شروع: {when}\n"
    "🕒 جلسات: {sessions}\n"
    "📍 محل: {place}\n"
    "👥 ظرفیت: {capacity}\n"
    "⏳ مهلت ثبت‌نام: {deadline}\n"
    "🎯 مخاطبان: {targets}"
)
CADM_COUNTS = (
    f"\n\n✅ {g.REGISTERED}: {{registered}} | ⏳ {g.WAITLIST}: {{waitlisted}} | "
    f"🎟 {g.OFFERED}: {{offered}} | ↩️ {g.LEAVE}: {{cancelled}}"
)
CADM_PREVIEW_AUDIENCE = "\n\n📣 «انتشار و اطلاع‌رسانی» این دوره را برای {count} نفر از مخاطبان آن می‌فرستد."
NOT_SET = "—"
UNLIMITED = g.UNLIMITED
CAPACITY_VALUE = "{count} نفر"
UNTIL_START = "تا شروع دوره"
TARGETS_ALL = "همهٔ اعضا"
TARGET_LINE_CATEGORIES = g.CATEGORY + ": {labels}"
TARGET_LINE_PLACES = g.PLACE + ": {labels}"
PLACE_OTHER = g.OTHER
ONLINE = "آنلاین — {link}"

BTN_PUBLISH = "✅ انتشار"
BTN_PUBLISH_ANNOUNCE = "📣 انتشار و اطلاع‌رسانی"
BTN_EDIT = "✏️ ویرایش …"
BTN_DISCARD = g.BTN_DISCARD_DRAFT
BTN_EDIT_FIELD = "✏️ {label}"
BTN_BACK = g.BTN_BACK
FIELD_LABELS = {
    "title": "عنوان",
    "description": "توضیح",
    "instructor": "مدرس",
    "starts_at": "زمان شروع",
    "sessions": "جلسات",
    "place": "محل یا لینک",
    "capacity": "ظرفیت",
    "deadline": "مهلت ثبت‌نام",
    "targets": g.AUDIENCE,
}
CADM_EDIT_CHOOSE = "کدام بخش دورهٔ «{title}» را ویرایش می‌کنید؟"
CADM_EDIT_ASK = "✏️ {label} تازه را بنویسید (فعلاً: {current})."
CADM_EDIT_SAVED = "✅ {label} دوره تغییر کرد."
CADM_EDIT_OFFERS = "\n🎟 با ظرفیت تازه، {count} جا به نفرات اول فهرست انتظار پیشنهاد شد."
CADM_EDIT_TARGETS = "🎯 مخاطبان دورهٔ «{title}»:\n\n{selection}\n" + g.AUDIENCE_COUNT
CADM_EDIT_START_HINT = (
    "برای تغییر زمان دورهٔ منتشرشده از «🗓 تغییر زمان» استفاده کنید تا به ثبت‌نام‌کنندگان خبر داده شود."
)

CADM_PUBLISHED = "✅ دورهٔ «{title}» منتشر شد و اعضا می‌توانند ثبت‌نام کنند."
CADM_PUBLISHED_ANNOUNCED = (
    "✅ دورهٔ «{title}» منتشر شد و اطلاعیهٔ آن (پیام همگانی #{broadcast}) برای {count} نفر در صف ارسال است."
)
CADM_PUBLISHED_NOBODY = (
    "✅ دورهٔ «{title}» منتشر شد؛ هیچ عضوی با مخاطبان این دوره نبود، پس اطلاعیه‌ای ارسال نشد."
)
CADM_DISCARDED = "🗑 پیش‌نویس دوره حذف شد."
CADM_GONE = "این دوره دیگر در وضعیتی نیست که این کار را بپذیرد؛ کار نیمه‌کاره لغو شد."
CADM_FLOW_CANCELLED = "ساخت یا ویرایش دوره لغو شد؛ چیزی منتشر نشد."
ANNOUNCEMENT = (
    "📚 <b>دورهٔ آموزشی تازه: {title}</b>\n\n"
    "{description}"
    "👤 مدرس: {instructor}\n"
    "🗓 شروع: {when}\n"
    "{sessions}"
    "📍 محل: {place}\n"
    "👥 ظرفیت: {capacity}\n"
    "⏳ مهلت ثبت‌نام: {deadline}\n\n"
    "برای دیدن جزئیات و ثبت‌نام، دکمهٔ زیر را بزنید."
)
ANNOUNCEMENT_SESSIONS = "🕒 جلسات: {sessions}\n"
BTN_VIEW_AND_ENROLL = "مشاهده و ثبت‌نام"

# Managing a published course
BTN_ROSTER = "👥 فهرست ثبت‌نام"
BTN_XLSX = g.BTN_XLSX
BTN_CSV = g.BTN_CSV
BTN_ATTENDANCE = "✅ حضور و غیاب"
BTN_MSG_REGISTERED = "✉️ پیام به ثبت‌نام‌شده‌ها"
BTN_MSG_ABSENT = "✉️ پیام به غایبان"
BTN_FEEDBACK = "⭐️ نظر شرکت‌کنندگان"
BTN_EDIT_COURSE = "✏️ ویرایش"
BTN_RESCHEDULE = "🗓 تغییر زمان"
BTN_CLOSE = "🔒 بستن ثبت‌نام"
BTN_REOPEN = "🔓 بازگشایی ثبت‌نام"
BTN_CANCEL_COURSE = "❌ لغو دوره"
BTN_CANCEL_CONFIRM = "بله، دوره لغو شود"
BTN_CANCEL_KEEP = g.BTN_KEEP
BTN_PREVIEW = "👀 پیش‌نمایش و انتشار"

CADM_ASK_RESCHEDULE = (
    "🗓 زمان تازهٔ شروع دورهٔ «{title}» را بنویسید (فعلاً {when})؛ مثلاً «{example}».\n"
    "به {count} نفر ثبت‌نام‌شده خبر می‌دهیم."
)
CADM_RESCHEDULED = "✅ زمان دورهٔ «{title}» به {when} تغییر کرد؛ به {count} نفر ثبت‌نام‌شده خبر داده می‌شود."
CADM_DEADLINE_DROPPED = "\nℹ️ مهلت ثبت‌نام بعد از زمان تازه بود؛ ثبت‌نام اکنون تا شروع دوره باز است."
CADM_CLOSED = "🔒 ثبت‌نام دورهٔ «{title}» بسته شد."
CADM_REOPENED = "🔓 ثبت‌نام دورهٔ «{title}» دوباره باز شد."
CADM_CANCEL_CONFIRM = "❌ آیا دورهٔ «{title}» لغو شود؟ به {count} نفر (ثبت‌نام‌شده و فهرست انتظار) خبر می‌دهیم. این کار برگشت ندارد."
CADM_CANCELLED = "❌ دورهٔ «{title}» لغو شد؛ به {count} نفر خبر داده می‌شود."
CADM_CANCEL_KEPT = "دوره لغو نشد."

# Notifications to members (through the delivery engine)
RESCHEDULED_NOTICE = (
    "🗓 <b>تغییر زمان دورهٔ «{title}»</b>\nزمان تازه: {when}\n(زمان قبلی: {old})\n📍 {place}\n\n"
    "اگر نمی‌توانید شرکت کنید، لطفاً از «دوره‌های من» انصراف دهید تا جا به نفر دیگری برسد."
)
CANCELLED_NOTICE = (
    "❌ <b>دورهٔ «{title}» لغو شد</b>\n(زمان: {when})\n"
    "از همراهی شما سپاسگزاریم؛ دوره‌های بعدی را به شما اطلاع می‌دهیم. 🌱"
)
MESSAGE_HEAD = "📚 <b>دربارهٔ دورهٔ «{title}»</b>"

# Messages to registered / absent members
CADM_ASK_MESSAGE = {
    "reg": f"✉️ متن پیام به {{count}} نفر ثبت‌نام‌شدهٔ دورهٔ «{{title}}» را بنویسید ({g.CANCEL_HINT}):",
    "abs": f"✉️ متن پیام به {{count}} نفر غایب دورهٔ «{{title}}» را بنویسید ({g.CANCEL_HINT}):",
}
CADM_MESSAGE_QUEUED = "✅ پیام شما برای {count} نفر در صف ارسال قرار گرفت."

# Roster
ROSTER = (
    "👥 <b>فهرست ثبت‌نام «{title}»</b>\n"
    f"✅ {g.REGISTERED}: {{registered}}{{capacity}}\n"
    f"⏳ {g.WAITLIST}: {{waitlisted}}\n"
    f"🎟 {g.OFFERED}: {{offered}}\n"
    f"↩️ {g.LEAVE}: {{cancelled}}"
)
ROSTER_CAPACITY = " از {capacity}"
ROSTER_SECTION = "\n\n<b>{label}</b>\n{lines}"
ROSTER_SECTIONS = {
    "registered": f"{g.REGISTERED}‌ها",
    "offered": f"{g.OFFERED} (منتظر پاسخ)",
    "waitlisted": f"{g.WAITLIST} (به ترتیب نوبت)",
}
ROSTER_LINE = "{n}. {name} — {place}"
ROSTER_MORE = "… و {count} نفر دیگر " + g.FULL_LIST_IN_EXCEL
ROSTER_EMPTY = "\n\nهنوز کسی ثبت‌نام نکرده است."

# Exports
XLSX_SHEET = "ثبت‌نام"
EXPORT_FILE = "فهرست ثبت‌نام"  # the file is named «فهرست ثبت‌نام - <عنوان دوره> - <تاریخ شمسی>»
EXPORT_HEADERS = (
    g.FULL_NAME,
    g.MOBILE,
    g.ROLE,
    g.PLACE,
    g.STATUS,
    g.WAITLIST_POSITION,
    "زمان ثبت‌نام",
    "حضور",
)
REG_STATUS_LABELS = {
    "registered": g.REGISTERED,
    "waitlisted": g.WAITLIST,
    "offered": g.OFFERED,
    "cancelled": g.LEAVE,
    "expired": g.OFFER_EXPIRED,
}
ATTENDED_LABELS = {True: "حاضر", False: "غایب", None: ""}
EXPORT_CAPTION = "📎 فهرست ثبت‌نام «{title}» ({count} ردیف).\n" + g.MOBILES_IN_FILE

# Attendance
ATTENDANCE = (
    "✅ <b>حضور و غیاب «{title}»</b>{page}\n"
    "حاضر: {present} | غایب: {absent} | علامت‌نخورده: {unmarked}\n"
    "روی نام هر نفر بزنید: ⬜️ ← ✅ حاضر ← ❌ غایب ← ⬜️"
)
ATTENDANCE_PAGE = " (صفحهٔ {page} از {pages})"
ATTENDANCE_EMPTY = "✅ <b>حضور و غیاب «{title}»</b>\nهنوز کسی در این دوره ثبت‌نام نکرده است."
ATTENDANCE_MARKS = {True: "✅", False: "❌", None: "⬜️"}
BTN_REST_ABSENT = "❌ بقیه غایب"
BTN_PREV = g.BTN_PREV
BTN_NEXT = g.BTN_NEXT

# Feedback
FEEDBACK = (
    "⭐️ <b>نظر شرکت‌کنندگان «{title}»</b>\n"
    "میانگین امتیاز: <b>{average}</b> از ۵ ({count} نظر از {present} نفر حاضر)\n"
    "{distribution}"
)
FEEDBACK_NONE = "⭐️ <b>نظر شرکت‌کنندگان «{title}»</b>\nهنوز نظری ثبت نشده است ({present} نفر حاضر)."
FEEDBACK_DISTRIBUTION = "{score}⭐️: {count}"
FEEDBACK_COMMENTS = "\n\n💬 <b>نظرها</b>\n{lines}"
FEEDBACK_COMMENT = "• ({score}) {comment}"
FEEDBACK_MORE = "… و {count} نظر دیگر"

ERRORS = {
    "title_empty": "عنوان دوره خالی است. لطفاً عنوان را بنویسید.",
    "too_long": "این متن طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر {max} حرف).",
    "starts_in_past": "این زمان گذشته است. لطفاً زمانی در آینده بنویسید؛ مثلاً «{example}».",
    "deadline_after_start": "مهلت ثبت‌نام باید پیش از شروع دوره ({start}) باشد. لطفاً دوباره بنویسید.",
    "deadline_in_past": "این مهلت گذشته است. لطفاً زمانی در آینده بنویسید.",
    "capacity_not_positive": "ظرفیت باید یک عدد مثبت باشد (مثلاً ۳۰)؛ برای ظرفیت بدون محدودیت «رد شدن» را بزنید.",
    "capacity_too_large": "این عدد برای ظرفیت زیاد است؛ لطفاً عددی تا {max} بنویسید.",
    "capacity_below_taken": "اکنون {taken} نفر جا دارند؛ ظرفیت را کمتر از این نمی‌توان گذاشت.",
    "bad_link": "این لینک معتبر نیست. لینک دورهٔ آنلاین باید با https:// یا http:// شروع شود.",
    "not_optional": "این بخش اجباری است؛ لطفاً آن را بنویسید.",
    "no_recipients": "کسی برای دریافت این پیام نیست.",
    "text_only": "لطفاً فقط متن بفرستید.",
    "use_reschedule": CADM_EDIT_START_HINT,
    "use_buttons": f"لطفاً از دکمه‌های پیام بالا استفاده کنید، یا {g.CANCEL_HINT}.",
    "empty": COMMON_ERRORS["empty"],
    "message_too_long": COMMON_ERRORS["message_too_long"],
    "unknown_choice": COMMON_ERRORS["unknown_choice"],
    "stale": COMMON_ERRORS["stale"],
}
