"""Persian copy of the audit log «🧾 گزارش کارها»: who did what, when, in the admin screens."""

from __future__ import annotations

from bot.texts import terms as g

BTN_ADMIN_AUDIT = "🧾 گزارش کارها"
BTN_HISTORY = "🧾 سابقه"
BTN_PREV = g.BTN_PREV
BTN_NEXT = g.BTN_NEXT
BTN_XLSX = g.BTN_XLSX

TITLE = "🧾 <b>گزارش کارها</b>"
TITLE_OBJECT = "🧾 <b>سابقهٔ {kind} «{title}»</b>"
TITLE_OBJECT_NO_NAME = "🧾 <b>سابقهٔ {kind} شمارهٔ {id}</b>"
PAGE_LINE = "صفحهٔ {page} از {pages} | {total} مورد"
EMPTY = "هنوز کاری ثبت نشده است."
EMPTY_OBJECT = "برای این مورد هنوز کاری ثبت نشده است."
ENTRY = "▪️ {at}\n{who}: {what}{summary}"
ENTRY_SUMMARY = " | {summary}"
COMMAND_LINE = "خط فرمان سرور"
UNKNOWN_ADMIN = "مدیر {id}"

ACTIONS = {
    "create": "ساخت",
    "publish": "انتشار",
    "edit": "ویرایش",
    "reschedule": "تغییر زمان",
    "cancel": "لغو",
    "status_changed": "تغییر وضعیت",
    "broadcast_scheduled": "زمان‌بندی پیام",
    "broadcast_sent": "ارسال پیام",
    "export": "دریافت فایل",
    "member_data_viewed": "دیدن اطلاعات اعضا",
    "admin_added": "افزودن مدیر",
}
KINDS = {
    "course": "دوره",
    "exhibition": "نمایشگاه یا تور",
    "survey": "نظرسنجی",
    "consortium": "کنسرسیوم",
    "need": "نیاز فناورانه",
    "broadcast": "پیام همگانی",
    "member": "عضو",
    "admin": "مدیر",
    "audit_log": "گزارش کارها",
}

EXPORT_SHEET = "گزارش کارها"
EXPORT_FILE = "گزارش کارها"
EXPORT_HEADERS = ("زمان", "انجام‌دهنده", "شناسهٔ کاربر", "کار", "نوع مورد", "شمارهٔ مورد", "شرح")
EXPORT_CAPTION = "🧾 گزارش کارها | {count} مورد"
