"""Persian copy of the read-only web dashboard («🖥 داشبورد»): the chat link and the page."""

from __future__ import annotations

from bot.texts import terms as g

BTN_ADMIN_DASHBOARD = "🖥 داشبورد"
LINK = (
    "🖥 <b>داشبورد برنامه</b>\n"
    "این پیوند فقط یک بار باز می‌شود و تا ۱۵ دقیقه معتبر است؛ آن را به کسی ندهید:\n{url}"
)
NO_URL = "داشبورد وب روی این نصب فعال نیست (DASHBOARD_URL تنظیم نشده است)."

PAGE_TITLE = "داشبورد برنامهٔ خوشه"
PERIOD_NAMES = {"month": "این ماه", "season": "این فصل", "year": "امسال"}
PERIOD_LINE = "{first} تا {last}"
GENERATED = "تهیه‌شده در {at}"
READ_ONLY = "فقط نمایش؛ تغییرات از راه ربات انجام می‌شود."

SECTION_PLAN = "🎯 هدف‌های برنامهٔ سال {year}"
NO_PLAN = "برای سال {year} برنامه‌ای بارگذاری نشده است."
SECTION_NUMBERS = "📊 شاخص‌ها"
SECTION_CHARTS = "📈 نمودارها"
SECTION_EVENTS = "🎓 دوره‌ها، نمایشگاه‌ها و تورها ({n})"
SECTION_SURVEYS = "📝 نظرسنجی‌ها ({n})"
SECTION_NEEDS = "💡 نیازهای فناورانه ({n})"
SECTION_CONSORTIA = "🤝 کنسرسیوم‌ها ({n})"
SECTION_EXPORTS = "⬇️ دریافت فایل‌ها"
SHOWN_OF = "{shown} مورد تازه‌تر از {total} نشان داده شده است."
EMPTY = "موردی نیست."

CARDS = {
    "members_total": "عضو",
    "members_new": "عضو تازه",
    "courses_held": "دورهٔ برگزارشده",
    "course_seats": "نفر-دوره",
    "fill_rate": "پرشدن ظرفیت",
    "attendance_rate": "حضور",
    "trips_held": "نمایشگاه و تور",
    "trip_participants": "شرکت‌کننده",
    "surveys_launched": "نظرسنجی",
    "response_rate": "پاسخ",
    "introductions": "معرفی پذیرفته‌شده",
    "needs_solved": "نیاز رفع‌شده",
    "broadcasts": "پیام همگانی",
    "reach": "پیام رسیده",
}
EVENT_ROW = "{kind}" + g.SEPARATOR + "{date}" + g.SEPARATOR + "{registered} نفر"
SURVEY_ROW = "{date}" + g.SEPARATOR + "{completed} پاسخ از {invited} دعوت"

DOWNLOAD_PROGRAMME = f"📗 گزارش برنامه ({g.EXCEL_FILE})"
DOWNLOAD_AUDIT = f"📗 گزارش کارها ({g.EXCEL_FILE})"

REFUSED_TITLE = "دسترسی ممکن نیست"
REFUSED = {
    "forged": "این پیوند معتبر نیست. از ربات، در /admin، «🖥 داشبورد» را بزنید تا پیوند تازه بگیرید.",
    "used": "این پیوند یک بار باز شده است و دوباره باز نمی‌شود. پیوند تازه را از /admin بگیرید.",
    "expired": "این پیوند یا نشست منقضی شده است. پیوند تازه را از /admin بگیرید.",
    "not_admin": "این حساب دیگر مدیر نیست.",
}
UNAVAILABLE = "داشبورد هنوز آماده نیست؛ کمی بعد دوباره امتحان کنید."
