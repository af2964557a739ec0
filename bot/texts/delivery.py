"""Persian copy of the delivery engine: progress, final report, pauses and expiries (to the CDA)."""

from __future__ import annotations

PROGRESS = "📣 پیام همگانی #{id}: در حال ارسال…\n{done} از {total} ({percent}٪)"
PROGRESS_DONE = "📣 پیام همگانی #{id}: ارسال تمام شد ({done} از {total})."
REPORT = (
    "✅ <b>گزارش پیام همگانی #{id}</b>\n"
    "رسیده: {sent} از {total}\n"
    "ربات را مسدود کرده‌اند: {blocked}\n"
    "ناموفق: {failed}{reasons}\n"
    "مدت ارسال: {duration}"
)
REPORT_REASON = "\n  • {reason}: {count}"
REPORT_DUPLICATES = (
    "\nاحتمال تکرار: {count} — این پیام دوباره برایشان فرستاده شد و شاید دو بار دریافت کرده باشند:"
)
REPORT_DUPLICATE_CAUSES = {
    "answer_lost": "پاسخ پیام‌رسان به ارسال اول نرسید (شاید رسیده بود)",
    "stopped": "ربات وسط ارسال متوقف شد",
}
DURATION = "{minutes} دقیقه و {seconds} ثانیه"
PAUSED_BROKEN = (
    "⏸ پیام همگانی #{id} متوقف شد: پیام‌رسان این پیام را نپذیرفت، حتی بدون قالب‌بندی.\n"
    "علت: {reason}\nپیام را اصلاح کنید و دوباره بفرستید؛ این پیام به کسی ارسال نمی‌شود تا ادامه دهید."
)
EXPIRED = (
    "⌛️ پیام همگانی #{id} منقضی شد: در زمان خود ارسال نشد (ربات در دسترس نبود) و مهلت ارسال آن گذشته است. "
    "در صورت نیاز دوباره زمان‌بندی کنید."
)
MIRROR_FAILED = "⚠️ انتشار پیام همگانی #{id} در کانال انجام نشد: {reason}."

ERROR_REASONS = {
    "blocked": "ربات را مسدود کرده‌اند",
    "deactivated": "حساب حذف‌شده",
    "chat_not_found": "گفت‌وگو پیدا نشد",
    "timeout": "پاسخ نداد (وقفه)",
    "network": "خطای شبکه",
    "answer_lost": "پاسخ پیام‌رسان نرسید و بیش از یک بار فرستاده نشد",
    "flood": "محدودیت سرعت پیام‌رسان",
    "file_unavailable": "فایل پیام از پیام‌رسان دیگر گرفته نشد",
}
# Telegram's English refusals (kept in deliveries.error and in the log) as the CDA reads them: the first
# entry with a phrase found in the lower-cased text wins; anything else reads REFUSAL_OTHER.
REFUSAL_REASONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("caption is too long",), "توضیح زیر تصویر یا فایل بیش از حد طولانی است"),
    (("too long",), "متن پیام بیش از حد طولانی است"),
    (
        (
            "wrong file identifier",
            "file reference",
            "wrong remote file",
            "http url content",
            "web page content",
        ),
        "فایل یا تصویر پیام دیگر در دسترس پیام‌رسان نیست",
    ),
    (
        ("button", "reply markup", "url host", "url protocol"),
        "یکی از دکمه‌ها یا پیوندهای پیام را پیام‌رسان نپذیرفت",
    ),
    (("entit", "parse", "start tag", "end tag"), "قالب‌بندی پیام (پررنگ، پیوند و …) را پیام‌رسان نخواند"),
    (("not enough rights", "have no rights", "administrator"), "ربات اجازهٔ فرستادن پیام در آنجا را ندارد"),
    (("kicked", "not a member"), "ربات عضو آن گفت‌وگو یا کانال نیست"),
    (("chat not found", "user not found"), "گفت‌وگو یا کانال پیدا نشد"),
    (("is empty", "must be non-empty"), "پیام خالی است"),
)
REFUSAL_OTHER = "پیام‌رسان پیام را نپذیرفت (جزئیات فنی در لاگ ربات)"

DIGEST = "🗓 <b>برنامه‌های پیش رو در خوشه</b>\n\n{lines}\n\nبرای ثبت‌نام از منوی ربات استفاده کنید."
DIGEST_LINE = "• {kind} <b>{title}</b> — {when}"
DIGEST_KINDS = {"course": "📚", "exhibition": "🌍", "tour": "🚌"}

# When a message queued now goes out (handlers/kit.py): quiet hours hold the non-urgent ones
SENT_NOW = "فرستاده شد"
SENT_LATER = "ثبت شد و {when} فرستاده می‌شود"
QUIET_NOTE = "\n🌙 الان ساعت سکوت است؛ {when} فرستاده می‌شود."
TOMORROW = "فردا"
AT_CLOCK = "ساعت {clock} {period}"
DAY_PERIODS = ((5, "بامداد"), (12, "صبح"), (14, "ظهر"), (17, "بعدازظهر"), (20, "عصر"), (24, "شب"))
