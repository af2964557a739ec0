"""The glossary in code: one Persian term per concept (shared/glossary-fa.md), defined once here.

Every texts module builds its copy from these names instead of spelling a shared term again, so a
button, a column header or a prompt cannot drift into a second wording. tests/unit/test_glossary.py
lists the variant spellings once used (a space for a half-space, a second word for the same list, …)
and fails on any of them anywhere in the copy, and on an export button, export header or /cancel
mention that is not one of these terms.
"""

from __future__ import annotations

# Between items on one line («حاضر: ۳ | غایب: ۲»). Not «·»: next to Persian digits it reads as a zero
# («۰ · ↩»); not «–»: between numbers it reads as a range or a minus; not «،»: the items themselves are
# often lists joined by «،» («بازار: عراق، ترکیه | زمینه‌ها: رز، ژربرا»).
SEPARATOR = " | "

# Files the CDA downloads
EXCEL_FILE = "فایل اکسل"
CSV_FILE = "فایل CSV"
BTN_XLSX = f"📗 {EXCEL_FILE}"
BTN_CSV = f"📄 {CSV_FILE}"
FULL_LIST_IN_EXCEL = f"(فهرست کامل در {EXCEL_FILE})"
MOBILES_IN_FILE = "🔒 این فایل شماره موبایل اعضا را دارد؛ لطفاً آن را فقط با افراد مجاز به اشتراک بگذارید."

# /cancel: what the command menu and /help call it, and how a prompt mentions it
CANCEL_COMMAND = "لغو کار جاری"
CANCEL_HINT = "برای لغو /cancel را بزنید"

# The member's seed lists (config.toml: roles, categories, places); «زمینه» is the categories list
# everywhere (registration, profile, audiences, export products, consortia).
ROLE, ROLES = "فعالیت", "فعالیت‌ها"
CATEGORY, CATEGORIES = "زمینه", "زمینه‌ها"
PLACE, PLACES = "محل", "محل‌ها"
OTHER = "سایر"

# Column headers shared by every export
FULL_NAME = "نام و نام خانوادگی"
MOBILE = "شماره موبایل"
STATUS = "وضعیت"
WAITLIST_POSITION = "نوبت در فهرست انتظار"

# States and counts (adjectives are written joined: ثبت‌نام‌شده، تکمیل‌شده)
WAITLIST = "فهرست انتظار"
REGISTERED = "ثبت‌نام‌شده"
COMPLETED = "تکمیل‌شده"
UNFINISHED = "نیمه‌کاره"
LEAVE = "انصراف"  # cancelling one's own sign-up (glossary: cancel a sign-up)
OFFERED = "جای پیشنهادشده"
OFFER_EXPIRED = "مهلت پذیرش گذشته"
UNLIMITED = "بدون محدودیت"
AUDIENCE = "مخاطبان"
AUDIENCE_COUNT = "تعداد گیرندگان: <b>{count}</b> نفر"
CONVERSATION = "گفت‌وگو"
QUESTION, QUESTIONS = "سؤال", "سؤال‌ها"
CDA = "عامل توسعه خوشه"

# Buttons several features show
BTN_SKIP = "رد شدن"
BTN_BACK = "بازگشت"
BTN_PREV = "→ قبلی"
BTN_NEXT = "بعدی ←"
BTN_CONTINUE = "ادامه ←"
BTN_KEEP = "نه، منصرف شدم"
BTN_DISCARD_DRAFT = "🗑 حذف پیش‌نویس"
