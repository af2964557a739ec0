"""Persian copy of the audit log «🧾 گزارش کارها»: who did what, when, in the admin screens."""

from __future__ import annotations

from bot.texts import MESSENGER_NAMES
from bot.texts import broadcast as tb
from bot.texts import consortia as tcn
from bot.texts import course_admin as tca
from bot.texts import exhibition_admin as texh
from bot.texts import needs as tn
from bot.texts import surveys as tsv
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

# An entry's summary is «<title> | <detail> | …» with details the services record in English (a status,
# «a → b», a file format, a field, «anonymous=True», «invite #12»): each is shown in its Persian words.
STATUSES = {  # by the object's kind
    "course": tca.STATUS_LABELS,
    "exhibition": texh.STATUS_LABELS,
    "survey": tsv.STATUS_LABELS,
    "need": tn.STATUS_LABELS | {"unpublished": "منتشرنشده"},
    "consortium": tcn.STAGE_LABELS,
    "broadcast": tb.STATUS_LABELS,
}
DETAILS = {
    "csv": g.CSV_FILE,
    "xlsx": g.EXCEL_FILE,
    "named": "با نام",
    "documents": "مدارک",
    "anonymous": "بی‌نام",
    "True": "بله",
    "False": "خیر",
    "reg": "ثبت‌نام‌شده‌ها",
    "abs": "غایبان",
    "all": "همهٔ پاسخ‌دهندگان",
    "nodocs": "بدون مدارک کامل",
    **MESSENGER_NAMES,
    **tca.FIELD_LABELS,
}
DETAIL_PAIR = "{name}: {value}"
INVITE = "دعوت عضو {id}"

EXPORT_SHEET = "گزارش کارها"
EXPORT_FILE = "گزارش کارها"
EXPORT_HEADERS = ("زمان", "انجام‌دهنده", "شناسهٔ کاربر", "کار", "نوع مورد", "شمارهٔ مورد", "شرح")
EXPORT_CAPTION = "🧾 گزارش کارها | {count} مورد"
