"""Persian copy of the CDA's broadcast screens: compose, audience, preview, schedule, manage (HTML)."""

from __future__ import annotations

from bot.texts import ERRORS as COMMON_ERRORS
from bot.texts import terms as g

BTN_ADMIN_BCAST_LIST = "📋 پیام‌های زمان‌بندی‌شده"

# Compose
BCAST_ASK_CONTENT = (
    "📣 <b>پیام همگانی جدید</b>\n"
    "متن پیام را بفرستید (قالب‌بندی پیام‌رسان مثل پررنگ و لینک حفظ می‌شود)، "
    "یا یک عکس، فایل یا ویدیو همراه با توضیح.\n"
    f"{g.CANCEL_HINT}."
)
BCAST_ASK_BUTTONS = (
    "دکمهٔ لینک می‌خواهید؟ هر دکمه را در یک خط به شکل «عنوان | https://…» بنویسید "
    "(حداکثر {max} دکمه)، یا «بدون دکمه» را بزنید."
)
BTN_BCAST_NO_BUTTONS = "بدون دکمه"
BCAST_NO_BUTTONS_CHOSEN = "✅ بدون دکمه"
BCAST_BUTTONS_SAVED = "✅ {count} دکمه ثبت شد."

# Audience
BCAST_AUDIENCE = (
    "👥 <b>گیرندگان پیام همگانی #{id}</b>\n"
    "{selection}\n\n"
    f"{g.AUDIENCE_COUNT}\n\n"
    "فعالیت، زمینه یا محل را انتخاب کنید و بعد «ادامه ←» را بزنید."
)
BCAST_AUDIENCE_CHOSEN = "👥 <b>گیرندگان پیام همگانی #{id}</b>\n{selection}\n\n✅ " + g.AUDIENCE_COUNT
BCAST_SEL_ALL = "همهٔ اعضای فعال"
BCAST_SEL_LINE = "• {dimension}: {labels}"
BCAST_SEL_HINT = "(عضو باید در هر بخش دست‌کم یکی از گزینه‌ها را داشته باشد.)"
DIMENSION_LABELS = {"roles": g.ROLE, "categories": g.CATEGORY, "places": g.PLACE}
BTN_BCAST_ALL = "همهٔ اعضا"
BTN_BCAST_DIMENSIONS = {"roles": g.ROLES, "categories": g.CATEGORIES, "places": g.PLACES}
BTN_BCAST_DIMENSION_COUNT = "{label} ({count})"
BTN_BCAST_BACK = g.BTN_BACK
BTN_BCAST_NEXT = g.BTN_CONTINUE
PLACE_OTHER = g.OTHER

# Preview and sending
BCAST_CONTROLS = (
    "👆 پیش‌نمایش بالا دقیقاً همان پیامی است که اعضا دریافت می‌کنند.\n\n"
    "👥 گیرندگان: {count} نفر\n"
    "⚡️ فوری: {urgent}\n"
    "{mirror}"
    "🕒 شروع ارسال: {start}"
)
BCAST_MIRROR_LINE = "📢 انتشار در کانال: {state}\n"
BCAST_ON = "روشن"
BCAST_OFF = "خاموش"
BCAST_START_NOW = "همین حالا"
BCAST_START_AFTER_QUIET = "{time} (پس از پایان ساعت سکوت)"
BTN_BCAST_SEND_NOW = "ارسال همین حالا"
BTN_BCAST_SCHEDULE = "زمان‌بندی"
BTN_BCAST_URGENT = "فوری: {state}"
BTN_BCAST_MIRROR = "انتشار در کانال: {state}"
BTN_BCAST_DROP = "لغو"
BCAST_ASK_TIME = (
    "🕒 زمان ارسال را به تاریخ شمسی و ساعت تهران بنویسید؛ مثلاً «{example}».\n"
    "ساعت سکوت {quiet_start} تا {quiet_end} است؛ پیام غیرفوری در این ساعت‌ها منتظر می‌ماند."
)
BCAST_STARTED_NOW = (
    "✅ پیام همگانی #{id} برای {count} نفر از همین حالا ارسال می‌شود. گزارش پیشرفت همین‌جا می‌آید."
)
BCAST_STARTS_AFTER_QUIET = (
    "✅ پیام همگانی #{id} برای {count} نفر ثبت شد. الان ساعت سکوت است؛ ارسال {time} شروع می‌شود."
)
BCAST_SCHEDULED = "✅ پیام همگانی #{id} زمان‌بندی شد: {time}، برای {count} نفر."
BCAST_RESCHEDULED = "✅ زمان ارسال پیام همگانی #{id} تغییر کرد: {time}."
BCAST_QUIET_MOVED = "\nℹ️ ساعتی که نوشتید ({wanted}) در ساعت سکوت است؛ ارسال {time} شروع می‌شود."
BCAST_RESCHEDULE_GONE = (
    "پیام همگانی #{id} دیگر در انتظار ارسال نیست (شروع یا لغو شده است)؛ زمان آن تغییر نکرد."
)
BCAST_DROPPED = "🗑 لغو شد؛ این پیام برای کسی ارسال نمی‌شود."
BCAST_FLOW_CANCELLED = "ساخت پیام همگانی لغو شد؛ پیش‌نویس برای کسی ارسال نمی‌شود."

# Management
BCAST_LIST_EMPTY = "هیچ پیام همگانی زمان‌بندی‌شده، در حال ارسال یا متوقفی وجود ندارد."
BCAST_LIST_TITLE = "📋 <b>پیام‌های همگانی فعال</b>: {count}"
BCAST_CARD = (
    "📣 <b>پیام همگانی #{id}</b> — {status}\n🕒 زمان ارسال: {due}\n👥 گیرندگان: {count} نفر\n📝 {preview}"
)
BCAST_CARD_REASON = "\n⚠️ {reason}"
BCAST_CARD_AUTO = "\n🤖 پیام خودکار ربات"
BCAST_LIST_MORE = "… و {count} پیام دیگر؛ پس از پایان یا لغو این‌ها، دوباره فهرست را باز کنید."
BCAST_CARD_NOTE = {
    "cancel": "\n\n✅ لغو شد؛ برای بقیهٔ اعضا ارسال نمی‌شود.",
    "pause": "\n\n⏸ ارسال متوقف شد.",
    "resume": "\n\n▶️ ارسال ادامه می‌یابد.",
}
BCAST_ASK_RESCHEDULE = "🕒 زمان تازهٔ ارسال پیام همگانی #{id} را بنویسید (فعلاً {due})؛ مثلاً «{example}»."
BCAST_NO_TIME = "—"
STATUS_LABELS = {
    "draft": "پیش‌نویس",
    "scheduled": "زمان‌بندی‌شده",
    "running": "در حال ارسال",
    "paused": "متوقف",
    "done": "ارسال‌شده",
    "cancelled": "لغوشده",
    "expired": "منقضی",
}
PAUSE_REASONS = {"broken_message": "متن پیام ایراد قالب‌بندی دارد"}
KIND_LABELS = {"photo": "🖼 عکس", "document": "📎 فایل", "video": "🎬 ویدیو"}
BTN_BCAST_CANCEL = "لغو"
BTN_BCAST_RESCHEDULE = "تغییر زمان"
BTN_BCAST_PAUSE = "توقف"
BTN_BCAST_RESUME = "ادامه"

ERRORS = {
    "bcast_bad_button": (
        "این دکمه را متوجه نشدیم. هر دکمه را در یک خط به شکل «عنوان | https://example.com» بنویسید، "
        "یا «بدون دکمه» را بزنید."
    ),
    "bcast_button_long": "عنوان دکمه طولانی است؛ لطفاً حداکثر {max} حرف بنویسید.",
    "bcast_too_many_buttons": "حداکثر {max} دکمه می‌توانید بگذارید.",
    "bcast_in_past": "این زمان گذشته است. لطفاً زمانی در آینده بنویسید؛ مثلاً «{example}».",
    "bcast_no_audience": "با این انتخاب هیچ عضوی پیام را دریافت نمی‌کند. لطفاً گیرندگان را تغییر دهید.",
    "bcast_unsupported": "این نوع پیام پشتیبانی نمی‌شود. لطفاً متن، عکس، فایل یا ویدیو بفرستید.",
    "unknown_choice": COMMON_ERRORS["unknown_choice"],
    "empty": "پیام خالی است. لطفاً متن پیام همگانی را بفرستید.",
    "use_buttons": f"لطفاً از دکمه‌های پیام بالا استفاده کنید، یا {g.CANCEL_HINT}.",
    "stale": COMMON_ERRORS["stale"],
}
