"""Persian copy of the CDA's exhibition and tour screens: creation, preview, card, responses, documents."""

from __future__ import annotations

from bot.texts import course_admin as tca
from bot.texts import terms as g

BTN_ADMIN_EXHIBITIONS = "🌍 نمایشگاه‌ها و تورها"
STATUS_LABELS = tca.STATUS_LABELS | {"published": "پاسخ‌گیری باز", "closed": "پاسخ‌گیری بسته"}

LIST_TITLE = "🌍 <b>نمایشگاه‌ها و تورها</b>"
LIST_EMPTY = "🌍 <b>نمایشگاه‌ها و تورها</b>\nهنوز موردی ساخته نشده است."
LIST_LINE = "{icon} <b>{title}</b> — {status}\n   🗓 {when} | ✅ {taking_part} | ⭐️ {interested}"
BTN_NEW = "➕ نمایشگاه یا تور جدید"
BTN_BACK = g.BTN_BACK
BTN_SKIP = g.BTN_SKIP
BTN_TARGETS_DONE = g.BTN_CONTINUE
SKIPPED = "✅ رد شد."
FLOW_CANCELLED = "ساخت نمایشگاه/تور یا پیام لغو شد؛ پاسخ‌های نیمه‌کاره ذخیره نشد."

FLOW_START = f"➕ <b>نمایشگاه یا تور جدید</b>\nچند سؤال کوتاه می‌پرسیم؛ {g.CANCEL_HINT}."
ASK_KIND = "نوع برنامه را انتخاب کنید:"
ASK = {
    "title": "📝 نام نمایشگاه یا تور را بنویسید (مثلاً «نمایشگاه بین‌المللی گل و گیاه تهران»):",
    "where": "📍 شهر و کشور را بنویسید، با ویرگول جدا (مثلاً «اسن، آلمان»). برای داخل ایران نام شهر کافی است.",
    "venue": "🏛 محل برگزاری (مثلاً «محل دائمی نمایشگاه‌های بین‌المللی تهران»):",
    "starts_at": "🗓 زمان شروع را به تاریخ شمسی بنویسید؛ مثلاً «{example}».",
    "ends_at": "🗓 تاریخ پایان را بنویسید (مثلاً «{example}»)؛ برای برنامهٔ یک‌روزه «رد شدن» را بزنید.",
    "deadline": "⏳ مهلت اعلام آمادگی اعضا را بنویسید؛ مثلاً «{example}» (بدون ساعت = پایان همان روز).",
    "costs": "💰 هزینه‌ها برای هر شرکت‌کننده (مثلاً «بلیت و اقامت حدود ۸۵ میلیون تومان، غرفهٔ ۹ متری ۴۰ میلیون»):",
    "subsidy": "🤝 خوشه چه بخشی را حمایت می‌کند؟ (مثلاً «۵۰٪ هزینهٔ غرفه»)",
    "capacity": "👥 ظرفیت (تعداد نفرات تور یا سهم غرفهٔ مشترک) را بنویسید؛ بدون محدودیت: «رد شدن».",
    "documents": "📎 مدارکی که هر شرکت‌کننده باید بفرستد، هر کدام در یک خط (مثلاً «کپی گذرنامه»، «عکس ۴×۶»):",
    "docs_deadline": "⏳ مهلت ارسال مدارک را بنویسید؛ مثلاً «{example}». بدون مهلت جدا: «رد شدن» (تا شروع سفر).",
}
ASK_POSTER = "🖼 پوستر برنامه را به شکل عکس بفرستید؛ در اطلاعیه همراه متن فرستاده می‌شود. بدون پوستر: «رد شدن»."
POSTER_SAVED = "🖼 پوستر ذخیره شد."
ASK_TARGETS = (
    "🎯 اطلاعیه برای کدام زمینه‌ها یا محل‌ها فرستاده شود؟ (اختیاری؛ بدون انتخاب: همهٔ اعضا)\n\n"
    "انتخاب فعلی: {selection}\n" + g.AUDIENCE_COUNT
)

FIELDS = (
    "{icon} <b>{title}</b>\n"
    "🏷 نوع: {kind}\n"
    "📍 {where}\n"
    "🗓 {when}\n"
    "⏳ مهلت اعلام آمادگی: {deadline}\n"
    "💰 هزینه‌ها: {costs}\n"
    "🤝 حمایت خوشه: {subsidy}\n"
    "👥 ظرفیت: {capacity}\n"
    "📎 مدارک: {documents}\n"
    "🖼 پوستر: {poster}\n"
    "🎯 مخاطبان: {targets}\n"
)
PREVIEW_TITLE = "👁 <b>پیش‌نمایش</b> (پیش‌نویس #{id})\n\n"
PREVIEW_AUDIENCE = "\nاطلاعیه برای {count} نفر فرستاده می‌شود."
CARD_TITLE = "🌍 <b>#{id}</b> — {status}\n\n"
COUNTS = (
    "\n<b>پاسخ‌ها</b>\n"
    "⭐️ علاقه‌مند: {interested}\n"
    "✅ شرکت‌کننده: {registered}\n"
    f"⏳ {g.WAITLIST}: {{waitlisted}}\n"
    f"🎟 {g.OFFERED}: {{offered}}\n"
    f"↩️ {g.LEAVE}: {{cancelled}}\n"
)
COUNTS_DOCS = "📎 مدارک کامل: {complete} از {registered}\n"
NOT_SET = "—"
UNLIMITED = g.UNLIMITED
CAPACITY_VALUE = "{count} نفر"
POSTER_YES = "دارد"
POSTER_NO = "ندارد"
DOCS_UNTIL = " (تا {deadline})"

BTN_PUBLISH = "✅ انتشار بدون اطلاعیه"
BTN_PUBLISH_ANNOUNCE = "📣 انتشار و ارسال اطلاعیه"
BTN_DISCARD = g.BTN_DISCARD_DRAFT
BTN_XLSX = g.BTN_XLSX
BTN_CSV = g.BTN_CSV
BTN_MSG_ALL = "✉️ پیام به همهٔ پاسخ‌دهندگان"
BTN_MSG_NODOCS = "✉️ پیام به کسانی که مدارک نفرستاده‌اند"
BTN_DOCS = "📎 دیدن مدارک رسیده"
BTN_CLOSE = "🔒 بستن پاسخ‌گیری"
BTN_REOPEN = "🔓 بازکردن پاسخ‌گیری"
BTN_CANCEL = "❌ لغو برنامه"
BTN_CANCEL_CONFIRM = "بله، لغو شود"
BTN_CANCEL_KEEP = g.BTN_KEEP
BTN_MEMBER_DOCS = "📎 مدارک من"

PUBLISHED = "\n\n✅ «{title}» منتشر شد (بدون اطلاعیه)."
PUBLISHED_ANNOUNCED = "\n\n📣 «{title}» منتشر شد و اطلاعیه (#{broadcast}) برای {count} نفر در صف ارسال است."
PUBLISHED_NOBODY = "\n\n✅ «{title}» منتشر شد؛ در مخاطبان انتخاب‌شده کسی نبود که اطلاعیه بگیرد."
CLOSED = "\n\n🔒 پاسخ‌گیری «{title}» بسته شد."
REOPENED = "\n\n🔓 پاسخ‌گیری «{title}» دوباره باز شد."
OFFERS_MADE = " جای خالی به {count} نفر از فهرست انتظار پیشنهاد شد."
CANCELLED = "\n\n❌ «{title}» لغو شد و {count} نفر از پاسخ‌دهندگان باخبر می‌شوند."
DISCARDED = "🗑 پیش‌نویس حذف شد."
CANCEL_CONFIRM = "«{title}» لغو شود؟ به {count} نفر از پاسخ‌دهندگان خبر می‌دهیم."
CANCEL_KEPT = "لغو نشد."
CANCELLED_NOTICE = "❌ <b>لغو برنامه</b>: «{title}» ({when}) لغو شد. از همراهی شما سپاسگزاریم."

ASK_MESSAGE = {
    "all": f"✉️ پیام خود به {{count}} نفر از پاسخ‌دهندگان «{{title}}» را بنویسید ({g.CANCEL_HINT}):",
    "nodocs": f"✉️ پیام خود به {{count}} شرکت‌کننده‌ای که مدارک «{{title}}» را کامل نفرستاده‌اند بنویسید ({g.CANCEL_HINT}):",
}
MESSAGE_QUEUED = "✅ پیام برای {count} نفر در صف ارسال است."
MESSAGE_HEAD = "🌍 <b>{title}</b>"

DOCS_NONE = "هنوز مدرکی نرسیده است."
DOCS_SENDING = "📎 {count} مدرک رسیده؛ در پیام‌های بعدی فرستاده می‌شود (فقط برای شما):"
DOC_CAPTION = "📎 {name} — {label}"

XLSX_SHEET = "پاسخ‌ها"
EXPORT_FILE = "پاسخ‌ها"  # «پاسخ‌ها - <نام نمایشگاه یا تور> - <تاریخ شمسی>»
EXPORT_HEADERS = (
    g.FULL_NAME,
    g.MOBILE,
    g.ROLE,
    g.PLACE,
    "پاسخ",
    g.WAITLIST_POSITION,
    "پاسخ به سؤال‌ها",
    "مدارک",
    "زمان پاسخ",
)
RESPONSE_LABELS = {
    "interested": "علاقه‌مند",
    "registered": "شرکت‌کننده",
    "waitlisted": g.WAITLIST,
    "offered": g.OFFERED,
    "cancelled": g.LEAVE,
    "expired": g.OFFER_EXPIRED,
    "withdrawn": g.LEAVE,
}
EXPORT_CAPTION = "📎 پاسخ‌های «{title}» ({count} ردیف).\n" + g.MOBILES_IN_FILE

ERRORS = tca.ERRORS | {
    "title_empty": "نام برنامه خالی است. لطفاً آن را بنویسید.",
    "deadline_after_start": "این مهلت باید پیش از شروع برنامه ({start}) باشد. لطفاً دوباره بنویسید.",
    "where_format": "لطفاً شهر و کشور را با ویرگول جدا بنویسید؛ مثلاً «اسن، آلمان».",
    "too_many_documents": "حداکثر ۸ مدرک؛ لطفاً فهرست را کوتاه‌تر کنید.",
    "ends_before_start": "تاریخ پایان نمی‌تواند پیش از شروع باشد.",
    "poster_expected": "لطفاً پوستر را به شکل عکس بفرستید، یا «رد شدن» را بزنید.",
    "text_only": "لطفاً فقط متن بفرستید.",
}
