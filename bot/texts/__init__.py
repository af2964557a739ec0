"""All user-facing Persian copy. HTML parse mode: escape every user value before putting it in."""

from __future__ import annotations

from bot.texts.terms import (
    BTN_KEEP,
    CANCEL_COMMAND,
    CANCEL_HINT,
    CATEGORIES,
    OTHER,
    PLACE,
    QUESTION,
    ROLE,
)
from bot.texts.terms import BTN_SKIP as BTN_SKIP  # the registration's «رد شدن» (handlers use texts.BTN_SKIP)
from bot.texts.terms import SEPARATOR as SEPARATOR  # between items on one line (handlers join with it)

CLUSTER_NAME = "خوشه گل و گیاهان زینتی محلات"

# Main menu (reply keyboard) labels; the layout is built from the feature registry (handlers/registry.py).
BTN_COURSES = "📚 دوره‌های آموزشی"
BTN_EXHIBITIONS = "🌍 نمایشگاه‌ها و تورها"
BTN_SURVEYS = "📝 نظرسنجی‌ها"
BTN_CONSORTIUM = "🤝 همکاری و کنسرسیوم"
BTN_PROFILE = "👤 پروفایل من"
BTN_HELP = "❓ راهنما"

WELCOME_NEW = (
    "سلام! 🌷 به ربات <b>{cluster}</b> خوش آمدید.\n"
    "اینجا از دوره‌های آموزشی، نمایشگاه‌ها، تورهای بازدید و نظرسنجی‌های خوشه باخبر می‌شوید.\n"
    "برای شروع، چند سؤال کوتاه می‌پرسیم (کمتر از یک دقیقه)."
)
WELCOME_RESUME = "خوش برگشتید! ثبت‌نام شما نیمه‌کاره مانده بود؛ از همان‌جا ادامه می‌دهیم."
WELCOME_MEMBER = "سلام {name}، خوش آمدید! 🌷\nاز منوی پایین صفحه بخش مورد نظرتان را انتخاب کنید."
FLOW_KEPT = f"کار نیمه‌کاره‌ای که داشتید محفوظ است: برای ادامه پاسخ را بفرستید، یا {CANCEL_HINT}."

ASK_FULL_NAME = "نام و نام خانوادگی خود را بنویسید:"
ASK_PHONE = "شماره موبایل خود را با دکمهٔ «ارسال شماره من» بفرستید،\nیا آن را بنویسید (مثلاً ۰۹۱۲۳۴۵۶۷۸۹)."
BTN_SHARE_PHONE = "📱 ارسال شماره من"
PHONE_SAVED = "شماره {phone} ثبت شد ✅"
ASK_ROLE = "فعالیت اصلی شما در خوشه چیست؟"
ASK_CATEGORIES = "در چه زمینه‌هایی فعالیت دارید؟ همهٔ موارد مرتبط را انتخاب کنید و بعد «ثبت انتخاب‌ها» را بزنید."
BTN_CATEGORIES_DONE = "✔️ ثبت انتخاب‌ها"
ASK_PLACE = "محل فعالیت شما کجاست؟"
BTN_PLACE_OTHER = OTHER
ASK_PLACE_OTHER = "نام محل فعالیت خود را بنویسید:"
ASK_AREA = "مساحت گلخانه یا مزرعهٔ شما چند متر مربع است؟ (اختیاری؛ مثلاً ۲۵۰۰)"
SUMMARY_TITLE = "لطفاً اطلاعات خود را بررسی کنید:"
BTN_CONFIRM = "✅ تأیید و ثبت"
BTN_FIX = "✏️ ویرایش {field}"
REGISTERED = "ثبت‌نام شما با موفقیت انجام شد. 🎉\nاز منوی پایین صفحه می‌توانید بخش‌های مختلف را ببینید."
NOT_REGISTERED = "هنوز ثبت‌نام نکرده‌اید. برای ثبت‌نام /start را بزنید."
ALREADY_REGISTERED = "شما قبلاً ثبت‌نام کرده‌اید."

# One member per person: an account on a second messenger joins the member (bot/services/members/linking.py)
MESSENGER_NAMES = {"telegram": "تلگرام", "bale": "بله"}
OTHER_MESSENGER = "پیام‌رسان دیگر"
ASK_LINK = (
    "این شماره پیش‌تر در {other} عضو خوشه شده است.\n"
    "اگر آن حساب مال خودتان است، یک کد یک‌بارمصرف به همان‌جا می‌فرستیم؛ با نوشتن آن در اینجا، "
    "دو حساب یکی می‌شوند و همان نمایه، دوره‌ها و نظرسنجی‌ها را اینجا هم دارید."
)
BTN_LINK_SEND = "📨 فرستادن کد به {other}"
BTN_LINK_ALONE = "ثبت‌نام جداگانه"
ASK_LINK_CODE = (
    "کد {digits} رقمی را که در {other} برایتان فرستادیم اینجا بنویسید (تا {minutes} دقیقه معتبر است)."
)
LINKED = (
    "حساب {here} شما به عضویتتان در خوشه پیوست ✅\n"
    "نمایه، دوره‌ها، نظرسنجی‌ها و معرفی‌هایتان همان است که در {other} دارید؛ پیام‌های خوشه یک بار به "
    "پیام‌رسانی می‌رسد که آخر از همه به کار برده‌اید (از «پروفایل من» می‌توانید یکی را انتخاب کنید)."
)
LINK_CODE_NOTICE = (
    "🔐 کد پیوند حساب: <b>{code}</b>\n"
    "کسی در {new} می‌خواهد حسابش را به عضویت شما در خوشه پیوند دهد. اگر خودتان هستید، این کد را در {new} "
    "بنویسید. اگر نه، این پیام را نادیده بگیرید و کد را به کسی ندهید."
)
# Where messages go when a member has accounts on two messengers (profile card)
PROFILE_MESSENGERS = "📨 پیام‌های خوشه: {where}"
MESSENGER_AUTO = "پیام‌رسانی که آخر از همه به کار برده‌اید"
BTN_MESSENGER = "📨 دریافت پیام‌ها در {name}"
BTN_MESSENGER_AUTO = "📨 پیام‌رسانی که آخر به کار برده‌ام"
MESSENGER_CHOSEN = "از این پس پیام‌های خوشه در {where} به شما می‌رسد."

FIELD_LABELS = {
    "full_name": "نام",
    "phone": "موبایل",
    "role": ROLE,
    "categories": CATEGORIES,
    "place": PLACE,
    "area": "مساحت",
}
PROFILE_LINES = (
    "👤 <b>{full_name}</b>\n"
    "📱 موبایل: {phone}\n"
    "🏷 فعالیت: {role}\n"
    "🌱 زمینه‌ها: {categories}\n"
    "📍 محل: {place}\n"
    "📐 مساحت: {area}"
)
AREA_VALUE = "{area} متر مربع"
AREA_NONE = "ثبت نشده"
PROFILE_TITLE = "پروفایل شما"
PROFILE_JOINED = "🗓 عضویت از: {date}"
PROFILE_HINT = "برای ویرایش هر بخش، دکمهٔ آن را بزنید."
BTN_DELETE_ME = "🗑 حذف اطلاعات من"
PROFILE_UPDATED = "تغییرات ذخیره شد ✅"

DELETE_CONFIRM = (
    "آیا مطمئن هستید؟ همهٔ اطلاعات شما (نام، شماره، فعالیت و …) برای همیشه حذف می‌شود "
    "و دیگر پیامی از خوشه دریافت نمی‌کنید."
)
BTN_DELETE_YES = "بله، حذف شود"
BTN_DELETE_NO = BTN_KEEP
DELETED = "اطلاعات شما حذف شد. هر زمان خواستید، با /start دوباره عضو شوید. 🌷"
DELETE_KEPT = "اطلاعات شما حذف نشد."
NOTHING_TO_DELETE = "اطلاعاتی از شما ثبت نشده است."

CANCELLED_REGISTRATION = "ثبت‌نام لغو شد. هر زمان خواستید، با /start دوباره شروع کنید."
CANCELLED = "لغو شد. به منوی اصلی برگشتید."
NOTHING_TO_CANCEL = "کاری در جریان نیست که لغو شود."

COMING_SOON = "بخش «{section}» به‌زودی راه‌اندازی می‌شود. از صبر شما سپاسگزاریم. 🌱"
HELP = (
    "<b>راهنمای ربات {cluster}</b>\n\n"
    "📚 <b>دوره‌های آموزشی</b>: فهرست دوره‌ها و ثبت‌نام در آن‌ها.\n"
    "🌍 <b>نمایشگاه‌ها و تورها</b>: نمایشگاه‌های داخلی و خارجی و تورهای بازدید؛ اعلام آمادگی.\n"
    "📝 <b>نظرسنجی‌ها</b>: پاسخ به نیازسنجی فناوری و نظرسنجی‌های خوشه.\n"
    "🤝 <b>همکاری و کنسرسیوم</b>: یافتن شریک و پیوستن به کنسرسیوم صادراتی.\n"
    "👤 <b>پروفایل من</b>: دیدن و ویرایش مشخصات، یا حذف اطلاعات.\n\n"
    "دستورها: /start شروع" + SEPARATOR + "/cancel " + CANCEL_COMMAND + SEPARATOR + "/delete_me حذف اطلاعات من"
)
UNKNOWN_COMMAND = "این دستور را نمی‌شناسم. از منوی پایین صفحه یا /help کمک بگیرید."
UNKNOWN_TEXT = "متوجه نشدم. لطفاً از دکمه‌های منو استفاده کنید یا /help را بزنید."
ONLY_PRIVATE = "لطفاً در گفت‌وگوی خصوصی با ربات پیام دهید."

ERRORS = {
    "empty": "پیام خالی است. لطفاً دوباره بنویسید.",
    "link_wrong": "این کد درست نیست؛ لطفاً دوباره بنویسید.",
    "link_expired": "این کد دیگر معتبر نیست؛ کد تازه بخواهید یا جداگانه ثبت‌نام کنید.",
    "link_locked": "کد چند بار نادرست نوشته شد؛ برای امنیت، کد تازه بخواهید یا جداگانه ثبت‌نام کنید.",
    # a message to a roster (course, exhibition, consortium): bot/services/common/audience_message.py
    "message_too_long": "پیام طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر {max} حرف).",
    "name_too_long": "نام طولانی است. لطفاً کوتاه‌تر بنویسید (حداکثر {max} حرف).",
    "name_invalid": "لطفاً نام و نام خانوادگی را با حروف بنویسید.",
    "bad_mobile": "شماره موبایل معتبر نیست. لطفاً به شکل ۰۹۱۲۳۴۵۶۷۸۹ بنویسید یا دکمهٔ «ارسال شماره من» را بزنید.",
    "contact_not_own": "فقط شمارهٔ خودتان پذیرفته می‌شود. لطفاً دکمهٔ «ارسال شماره من» را بزنید.",
    "contact_unexpected": "الان به شماره موبایل نیازی نیست.",
    "unknown_choice": "این گزینه معتبر نیست. لطفاً یکی از دکمه‌ها را انتخاب کنید.",
    "no_category": "لطفاً دست‌کم یک زمینه را انتخاب کنید.",
    "place_too_long": "نام محل طولانی است. لطفاً کوتاه‌تر بنویسید (حداکثر {max} حرف).",
    "place_invalid": "لطفاً نام محل را با حروف بنویسید.",
    "area_not_number": "لطفاً مساحت را فقط با عدد بنویسید (مثلاً ۲۵۰۰)، یا «رد شدن» را بزنید.",
    "area_out_of_range": "این عدد برای مساحت درست به نظر نمی‌رسد. لطفاً دوباره بنویسید.",
    "use_buttons": "لطفاً یکی از دکمه‌های پیام بالا را انتخاب کنید.",
    "stale": "این دکمه دیگر فعال نیست.",
    "not_allowed": "شما اجازهٔ این کار را ندارید.",
    "already_registered": ALREADY_REGISTERED,
    "not_registered": NOT_REGISTERED,
}
EDITS_NOT_READ = (
    "ویرایش پیام خوانده نمی‌شود و پاسخ قبلی شما همان‌طور ثبت مانده است. لطفاً به "
    + QUESTION
    + " فعلی پاسخ دهید."
)
SLOW_DOWN = "لطفاً کمی صبر کنید؛ پیام‌های شما خیلی پشت سر هم رسید و بعضی از آن‌ها خوانده نشد. چند لحظه بعد دوباره بفرستید."
SOMETHING_WENT_WRONG = "متأسفانه خطایی پیش آمد. لطفاً کمی بعد دوباره تلاش کنید؛ اطلاعات شما محفوظ است."

# Admin
# Links the CDA forwards (bot/links.py): one line per messenger the bot runs on (MESSENGER_NAMES above),
# each link ready to copy.
SHARE_LINKS_TITLE = "🔗 لینک برای فرستادن به اعضا:"
SHARE_LINK_LINE = "{messenger}: <code>{url}</code>"

ADMIN_MENU = "🛠 <b>منوی مدیر</b>\nیکی از گزینه‌ها را انتخاب کنید:"
BTN_ADMIN_STATS = "📊 آمار اعضا"
BTN_ADMIN_BROADCAST = "📣 پیام همگانی جدید"
BTN_ADMIN_LIST = "👥 فهرست مدیران"
ADMIN_STATS = (
    "📊 <b>آمار اعضا</b>\n"
    "کل اعضا: {total}\n"
    "عضو جدید در ۷ روز گذشته: {recent}\n\n"
    "<b>بر اساس فعالیت</b>\n{roles}\n\n"
    "<b>بر اساس محل</b>\n{places}\n\n"
    "<b>بر اساس زمینه</b>\n{categories}"
)
ADMIN_STATS_LINE = "• {label}: {count}"
ADMIN_STATS_EMPTY = "—"
ADMIN_LIST = "👥 <b>مدیران</b>\n{lines}"
ADMIN_LIST_LINE = "• <code>{user_id}</code> ({source})"
ADMIN_SOURCE = {"config": "فایل تنظیمات", "database": "افزوده‌شده با دستور"}
ADMIN_ERROR_NOTICE = (
    "⚠️ ربات {where} با خطا روبه‌رو شد (کد خطا: {code}). جزئیات فنی با همین کد در لاگ ربات ثبت شده است."
)
SECOND_POLLER_NOTICE = "⚠️ نسخهٔ دیگری از ربات با همین توکن روشن شد. فقط یک نسخه باید روشن بماند؛ نسخهٔ تازه خودش را خاموش کرد و این نسخه به کار ادامه می‌دهد."
ADMIN_ERROR_WHERE_UPDATE = "هنگام پاسخ به یک پیام"
ADMIN_ERROR_WHERE_JOB = "در یکی از کارهای زمان‌بندی‌شده"
ADMIN_ERROR_REPEATS = "این خطا از گزارش قبلی تا حالا {count} بار دیگر هم رخ داده است."

# Command menus (set_my_commands)
MEMBER_COMMANDS = (
    ("start", "شروع و منوی اصلی"),
    ("help", "راهنما"),
    ("cancel", CANCEL_COMMAND),
    ("delete_me", "حذف اطلاعات من"),
)
ADMIN_COMMANDS = (*MEMBER_COMMANDS, ("admin", "منوی مدیر"))
