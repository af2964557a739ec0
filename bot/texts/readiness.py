"""Persian copy of the knowledge-based (دانش‌بنیان) readiness self-check: the member's summary, the CDA's
score distribution and the near-ready group. Terms from bot/texts/terms.py and shared/glossary-fa.md."""

from __future__ import annotations

from bot.texts import terms as g

SELF_CHECK = "خودارزیابی آمادگی دانش‌بنیان"
BTN_SVA_READINESS = f"🧪 {SELF_CHECK} (آماده)"

CRITERIA = {
    "rd": "فعالیت تحقیق و توسعه",
    "staff": "نیروی متخصص دانشگاهی",
    "tech_level": "سطح فناوری محصول",
    "ip": "مالکیت فکری",
    "tech_revenue": "سهم فروش فناورانه",
    "quality": "گواهی کیفیت و استاندارد",
    "digital": "ابزارهای دیجیتال",
    "university": "همکاری با دانشگاه",
}
NEXT_STEPS = {
    "rd": "یک آزمایش کوچک و مستند (مثلاً مقایسهٔ دو بستر کشت) را با هزینه و نتیجهٔ ثبت‌شده شروع کنید.",
    "staff": "یک کارشناس فنی با مدرک دانشگاهی به کار بگیرید یا کارکنان را در دورهٔ تخصصی شرکت دهید.",
    "tech_level": "یک فناوری پیشرفته (کنترل اقلیم، کشت بدون خاک یا کشت بافت) را در بخشی از واحد اجرا کنید.",
    "ip": "نوآوری خود (رقم، روش یا طرح) را ثبت کنید؛ خوشه در ثبت راهنمایی می‌کند.",
    "tech_revenue": "فروش محصولات و خدمات فناورانه را جداگانه حساب کنید و سهم آن را بالا ببرید.",
    "quality": "برای یک گواهی کیفیت (مثلاً GlobalG.A.P. یا استاندارد ملی) اقدام کنید.",
    "digital": "ثبت داده‌های تولید و فروش را دیجیتال کنید؛ با حسگرهای ساده شروع کنید.",
    "university": "با یک دانشگاه یا مرکز تحقیقات یک طرح مشترک کوچک تعریف کنید.",
}
BANDS = {"ready": "آمادهٔ اقدام", "near": "نزدیک به آمادگی", "weak": "نیازمند تقویت"}
BAND_ICONS = {"ready": "🟢", "near": "🟡", "weak": "🔴"}
BAND_ADVICE = {
    "ready": "واحد شما در بیشتر معیارها آماده است؛ برای ارزیابی رسمی اقدام کنید.",
    "near": "فاصلهٔ کمی تا آمادگی دارید؛ با گام‌های زیر آن را کم کنید.",
    "weak": "برای رسیدن به آمادگی، از گام‌های زیر شروع کنید.",
}

# The member's summary when they finish (and «🧪 نتیجهٔ خودارزیابی من»)
SUMMARY_HEAD = (
    f"🧪 <b>نتیجهٔ {SELF_CHECK}</b>\n"
    "امتیاز شما: <b>{score} از ۱۰۰</b> — {icon} <b>{band}</b>\n"
    "{advice}"
)
STRENGTHS = "\n\n✅ <b>نقاط قوت:</b> {labels}"
GAPS = "\n\n📌 <b>گام‌های بعدی:</b>"
GAP_LINE = "\n• <b>{label}</b>: {step}"
GAPS_MORE = "\n• و {count} معیار دیگر: {labels}"
OFFICIAL_NOTE = (
    "\n\nℹ️ این خودارزیابی فقط برای آشنایی شماست و رسمی نیست. ارزیابی رسمی شرکت‌های دانش‌بنیان در "
    "«سامانهٔ ارزیابی شرکت‌های دانش‌بنیان» انجام می‌شود."
)
BTN_MY_RESULT = "🧪 نتیجهٔ خودارزیابی من"
JOIN = "، "

# The CDA's distribution on the results screen
DIST_HEAD = (
    f"🧪 <b>پراکندگی امتیاز {SELF_CHECK}</b>\n"
    f"«{{title}}» | {{count}} پاسخ {g.COMPLETED}\n"
    "میانگین {mean} | میانه {median}"
)
DIST_EMPTY = f"🧪 <b>پراکندگی امتیاز {SELF_CHECK}</b>\nهنوز پاسخ {g.COMPLETED}ی نیست."
DIST_BANDS = "\n\n<b>سطح‌ها:</b>"
DIST_BAND_LINE = "\n{icon} {band} ({low} تا {high}): <b>{count}</b> عضو ({percent})"
DIST_HISTOGRAM = "\n\n<b>نمودار امتیازها:</b>"
DIST_BIN_LINE = "\n{low} تا {high}: {bar} {count}"
DIST_CRITERIA = "\n\n<b>میانگین هر معیار (از ۱۰۰):</b>"
DIST_CRITERION_LINE = "\n• {label}: {share}"
DIST_ANONYMOUS = (
    "\n\n<i>این خودارزیابی بی‌نام اجرا شده است؛ برای حفظ حریم خصوصی اعضا گروه «نزدیک به آمادگی» "
    "ساخته نمی‌شود.</i>"
)
BTN_NEAR_GROUP = "👥 نزدیک به آمادگی ({low} تا {high}): {count} عضو"
CHART_TITLE = f"پراکندگی امتیاز {SELF_CHECK}"
CHART_NOTE = "{count} پاسخ"
CHART_CAPTION = f"📊 پراکندگی امتیاز {SELF_CHECK}"

# The near-ready group
GROUP = (
    "👥 <b>{count}</b> عضو در «{title}» امتیاز <b>{low} تا {high}</b> دارند (نزدیک به آمادگی).\n"
    "برای آن‌ها مشاوره یا دورهٔ آموزشی اعلام کنید؛ پیام فقط به همین اعضا می‌رسد."
)
GROUP_LINE = "\n• {name}: {score}"
GROUP_MORE = "\n… و {count} عضو دیگر"
GROUP_EMPTY = "هیچ عضوی در «{title}» امتیاز {low} تا {high} ندارد."
BTN_MESSAGE_GROUP = "📣 پیام به این {count} عضو"
BCAST_PRESET = "📣 پیام به <b>{count}</b> عضوی که در «{title}» امتیاز {low} تا {high} دارند."
SEGMENT_LINE = "• امتیاز " + SELF_CHECK + " (نظرسنجی {survey}): {low} تا {high}"

ERRORS = {
    "readiness_anonymous": (
        "این خودارزیابی بی‌نام اجرا شده است؛ برای حفظ حریم خصوصی اعضا نمی‌توان از امتیازها گروه ساخت."
    ),
    "no_recipients": "هیچ عضوی در این بازهٔ امتیاز نیست.",
    "readiness_not_done": "هنوز این خودارزیابی را کامل نکرده‌اید.",
}
