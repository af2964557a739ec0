"""Persian copy of exhibitions and visit tours as members see them: calendar, card, responses, documents."""

from __future__ import annotations

from bot.texts import terms as g

TRIP_KIND_LABELS = {"domestic": "نمایشگاه داخلی", "foreign": "نمایشگاه خارجی", "tour": "تور بازدید"}
TRIP_KIND_ICONS = {"domestic": "🏛", "foreign": "✈️", "tour": "🚌"}

LIST_TITLE = "🌍 <b>نمایشگاه‌ها و تورها</b>"
LIST_EMPTY = "فعلاً نمایشگاه یا تور بازدیدی اعلام نشده است. به‌محض اعلام، خبرتان می‌کنیم. 🌱"
MONTH_HEADER = "🗓 <b>{month}</b>"
LIST_LINE = "{icon} <b>{title}</b>\n   {kind} | {where} | {when}"
BTN_MINE = "🗂 ثبت‌نام‌های من"
BTN_BACK_TO_LIST = "بازگشت به فهرست"
NOT_FOUND = "این مورد پیدا نشد یا دیگر در دسترس نیست. فهرست را از منوی «نمایشگاه‌ها و تورها» ببینید."

CARD = (
    "{icon} <b>{title}</b>\n"
    "🏷 {kind}\n"
    "📍 {where}{venue}\n"
    "🗓 {when}\n"
    "⏳ مهلت اعلام آمادگی: {deadline}\n"
    "{costs}{subsidy}{seats}{documents}"
    "{mine}"
)
CARD_VENUE = " — {venue}"
CARD_UNTIL = "{start} تا {end}"
CARD_COSTS = "💰 هزینه‌ها: {costs}\n"
CARD_SUBSIDY = "🤝 حمایت خوشه: {subsidy}\n"
CARD_SEATS = "👥 {seats}\n"
CARD_DOCUMENTS = "📎 مدارک لازم: {documents}\n"
SEATS_LEFT = "ظرفیت باقی‌مانده: {count}"
SEATS_FULL = "ظرفیت تکمیل است (فهرست انتظار)"
MINE_INTERESTED = "\n⭐️ شما اعلام علاقه کرده‌اید؛ خبرها را برایتان می‌فرستیم."
MINE_REGISTERED = "\n✅ شرکت شما ثبت شده است."
MINE_WAITLISTED = "\n⏳ شما نفر {position} در فهرست انتظار هستید."
MINE_OFFERED = "\n🎟 یک جا برای شما خالی شده است؛ تا {deadline} فرصت دارید آن را بپذیرید."
CLOSED = "\n🔒 مهلت اعلام آمادگی تمام شده است."
CANCELLED = "\n❌ این برنامه لغو شده است."

BTN_INTERESTED = "⭐️ علاقه‌مندم"
BTN_PARTICIPATE = "✅ شرکت می‌کنم / غرفه می‌خواهم"
BTN_JOIN_TOUR = "🚌 در تور شرکت می‌کنم"
BTN_DETAILS = "ℹ️ جزئیات"
BTN_LEAVE = g.LEAVE
BTN_DOCUMENTS = "📎 مدارک من"
BTN_ACCEPT_OFFER = "✅ می‌پذیرم"
BTN_DECLINE_OFFER = "نمی‌توانم شرکت کنم"

INTERESTED = "⭐️ علاقهٔ شما به «{title}» ثبت شد؛ خبرهای آن را برایتان می‌فرستیم."
ALREADY_INTERESTED = "علاقهٔ شما قبلاً ثبت شده است."
ALREADY_PARTICIPATING = "شرکت شما قبلاً ثبت شده است."

BTN_PRODUCTS_DONE = g.BTN_CONTINUE
ASK_PRODUCTS = (
    "🌱 <b>{title}</b>\nمحصولات کدام زمینه‌ها را می‌خواهید نمایش دهید؟ "
    f"همهٔ موارد را انتخاب کنید و بعد «{BTN_PRODUCTS_DONE}» را بزنید."
)
ASK_BOOTH = "🏠 چه غرفه‌ای می‌خواهید؟"
BOOTH_LABELS = {
    "visit": "فقط بازدید (بدون غرفه)",
    "shared": "سهم در غرفهٔ مشترک خوشه",
    "9": "غرفهٔ ۹ متری",
    "18": "غرفهٔ ۱۸ متری",
    "36": "غرفهٔ ۳۶ متری یا بیشتر",
}
ASK_PEOPLE = "👥 <b>{title}</b>\nچند نفر از مجموعهٔ شما در تور شرکت می‌کنند؟"
PEOPLE_LABEL = "{count} نفر"
CHOSEN = "✅ {value}"
PARTICIPATING = "✅ شرکت شما در «{title}» ثبت شد."
WAITLISTED = (
    "ظرفیت «{title}» تکمیل است. شما نفر {position} در فهرست انتظار هستید؛ اگر جایی خالی شود خبرتان می‌کنیم."
)
DOCUMENTS_NEEDED = "\n📎 برای این سفر مدارکی لازم است؛ «مدارک من» را بزنید و آن‌ها را بفرستید."
LEFT = "انصراف شما از «{title}» ثبت شد."
OFFER_ACCEPTED = "✅ جای شما در «{title}» قطعی شد."
NO_PRODUCT = "لطفاً دست‌کم یک زمینه را انتخاب کنید."

MINE_TITLE = "🗂 <b>ثبت‌نام‌های من</b> (نمایشگاه‌ها و تورها)"
MINE_EMPTY = "به نمایشگاه‌ها و تورهای پیش رو پاسخی نداده‌اید."
MINE_NONE_ACTIVE = "ثبت‌نام یا علاقهٔ فعالی در نمایشگاه‌ها و تورهای پیش رو ندارید."
MINE_ENDED = "<b>ثبت‌نام‌های لغوشده:</b>"
STATE_ENDED = {
    "withdrawn": "↩️ انصراف داده‌اید",
    "expired": "⌛️ مهلت پذیرش جای خالی گذشت",
    "event_cancelled": "❌ این برنامه لغو شد",
}
MINE_LINE = "{icon} <b>{title}</b> — {when}\n   {state}"
STATE_INTERESTED = "⭐️ علاقه‌مند"
STATE_REGISTERED = "✅ شرکت‌کننده"
STATE_WAITLISTED = "⏳ نفر {position} در فهرست انتظار"
STATE_OFFERED = "🎟 جای خالی تا {deadline} برای شما نگه داشته شده"
STATE_DOCS = " | مدارک: {have} از {need}"

DOCS_TITLE = "📎 <b>مدارک «{title}»</b>"
DOCS_DEADLINE = "⏳ مهلت ارسال مدارک: {deadline}"
DOCS_LINE_OK = "✅ {label}"
DOCS_LINE_MISSING = "⬜️ {label}"
DOCS_ALL_DONE = "همهٔ مدارک رسیده است. سپاسگزاریم! 🌷 (برای جایگزینی، دکمهٔ همان مدرک را بزنید.)"
DOCS_HINT = "برای هر مدرکی که مانده، دکمهٔ آن را بزنید و عکس یا فایلش را همین‌جا بفرستید. مدارک فقط به مدیران خوشه نشان داده می‌شود."
BTN_DOC_SEND = "📎 {label}"
BTN_DOC_REPLACE = "🔁 {label}"
ASK_DOCUMENT = f"📎 لطفاً عکس یا فایل «{{label}}» را بفرستید ({g.CANCEL_HINT})."
DOCUMENT_SAVED = "✅ «{label}» دریافت شد."
DOCUMENT_EXPECTED = f"لطفاً عکس یا فایل مدرک را بفرستید (نه متن). {g.CANCEL_HINT}."
USE_BUTTONS = f"لطفاً از دکمه‌های پیام بالا استفاده کنید، یا {g.CANCEL_HINT}."
FLOW_CANCELLED = "لغو شد. به منوی اصلی برگشتید."

REFUSALS = {
    "deadline_passed": "مهلت اعلام آمادگی برای این برنامه تمام شده است.",
    "event_cancelled": "این برنامه لغو شده است.",
    "registration_closed": "مهلت اعلام آمادگی برای این برنامه تمام شده است.",
    "event_started": "این برنامه شروع شده است و ثبت‌نام ممکن نیست.",
    "no_offer": "پیشنهادی برای شما در این برنامه نیست یا مهلت آن گذشته است.",
    "offer_expired": "مهلت پذیرش این جا گذشته است.",
    "not_participant": "این کار فقط برای شرکت‌کنندگان است.",
    "no_documents": "برای این برنامه مدرکی لازم نیست.",
}

# Notifications (through the delivery engine)
OFFER = (
    "🎟 <b>یک جا در «{title}» برای شما خالی شد!</b>\n🗓 {when}\n\n"
    "اگر می‌خواهید شرکت کنید، تا {deadline} «می‌پذیرم» را بزنید؛ وگرنه جا به نفر بعدی می‌رسد."
)
OFFER_LAPSED = "⌛️ مهلت پذیرش جای خالی در «{title}» گذشت و جا به نفر بعدی رسید."
REMIND_NONRESPONDERS = (
    "⏳ <b>یادآوری</b>: مهلت اعلام آمادگی برای «{title}» ({when}) {deadline} تمام می‌شود.\n"
    "اگر علاقه دارید یا می‌خواهید شرکت کنید، یکی از دکمه‌ها را بزنید."
)
REMIND_PARTICIPANTS = "⏰ <b>یادآوری</b>: «{title}» {when} شروع می‌شود.\n📍 {where}"
REMIND_DOCUMENTS = (
    "📎 <b>یادآوری مدارک</b>: برای «{title}» هنوز این مدارک نرسیده است: {missing}.\n"
    "مهلت ارسال: {deadline}. «مدارک من» را بزنید و آن‌ها را بفرستید."
)

ANNOUNCEMENT = (
    "{icon} <b>{title}</b>\n"
    "🏷 {kind}\n"
    "📍 {where}\n"
    "🗓 {when}\n"
    "{costs}{subsidy}{seats}{documents}"
    "⏳ مهلت اعلام آمادگی: {deadline}\n\n"
    "اگر علاقه دارید «علاقه‌مندم» را بزنید تا خبرها را برایتان بفرستیم؛ برای شرکت، دکمهٔ شرکت را بزنید."
)
ANNOUNCEMENT_SEATS = "👥 ظرفیت: {count} نفر\n"
