"""Persian copy of courses as members see them: list, card, sign-up, waitlist, offers, reminders."""

from __future__ import annotations

from bot.texts.terms import BTN_NEXT as BTN_NEXT
from bot.texts.terms import BTN_PREV as BTN_PREV
from bot.texts.terms import BTN_SKIP, LEAVE, REGISTERED, UNLIMITED, WAITLIST

COURSES_TITLE = "📚 <b>دوره‌های آموزشی</b> (صفحهٔ {page} از {pages})"
COURSE_NOT_FOUND = "این دوره پیدا نشد یا دیگر در دسترس نیست. فهرست دوره‌ها را از منوی «دوره‌های آموزشی» ببینید."
COURSES_EMPTY = "فعلاً دورهٔ آموزشی باز نداریم. به‌محض اعلام دورهٔ جدید خبرتان می‌کنیم. 🌱"
COURSE_LINE = "• <b>{title}</b>\n  🗓 {when}\n  📍 {place} | {seats}"
SEATS_LEFT = "ظرفیت باقی‌مانده: {count}"
SEATS_FULL = "ظرفیت تکمیل است"
SEATS_UNLIMITED = f"{UNLIMITED} ظرفیت"
ONLINE = "آنلاین"
PLACE_UNKNOWN = "اعلام می‌شود"
BTN_MY_COURSES = "🗂 دوره‌های من"
BTN_COURSE_OPEN = "{title}"

COURSE_CARD = (
    "📚 <b>{title}</b>\n\n"
    "{description}"
    "👤 مدرس: {instructor}\n"
    "🗓 شروع: {when}\n"
    "{sessions}"
    "📍 محل: {place}\n"
    "⏳ مهلت ثبت‌نام: {deadline}\n"
    "👥 {seats}\n"
    "{mine}"
)
COURSE_SESSIONS = "🕒 جلسات: {sessions}\n"
COURSE_NO_DEADLINE = "تا شروع دوره"
COURSE_INSTRUCTOR_UNKNOWN = "اعلام می‌شود"
MINE_REGISTERED = "\n✅ شما در این دوره ثبت‌نام کرده‌اید."
MINE_WAITLISTED = "\n⏳ شما نفر {position} در فهرست انتظار هستید."
MINE_OFFERED = "\n🎟 یک جا برای شما خالی شده است؛ تا {deadline} فرصت دارید آن را بپذیرید."
COURSE_CLOSED = "\n🔒 ثبت‌نام این دوره بسته شده است."
COURSE_CANCELLED = "\n❌ این دوره لغو شده است."

BTN_ENROLL = "ثبت‌نام"
BTN_WAITLIST = f"عضویت در {WAITLIST}"
BTN_LEAVE = LEAVE
BTN_ACCEPT_OFFER = "✅ می‌پذیرم"
BTN_DECLINE_OFFER = "نمی‌توانم شرکت کنم"
BTN_BACK_TO_LIST = "بازگشت به فهرست"

ENROLLED = "✅ ثبت‌نام شما در دورهٔ «{title}» انجام شد. یک روز و دو ساعت قبل از شروع یادآوری می‌کنیم."
WAITLISTED = "ظرفیت دورهٔ «{title}» تکمیل است. شما نفر {position} در فهرست انتظار هستید؛ اگر جایی خالی شود خبرتان می‌کنیم."
ALREADY_ENROLLED = "شما قبلاً در این دوره ثبت‌نام کرده‌اید."
ALREADY_WAITLISTED = "شما نفر {position} در فهرست انتظار این دوره هستید."
LEFT = "انصراف شما از دورهٔ «{title}» ثبت شد."
OFFER_ACCEPTED = "✅ جای شما در دورهٔ «{title}» قطعی شد."

MY_COURSES_TITLE = "🗂 <b>دوره‌های من</b>"
MY_COURSES_EMPTY = "در دوره‌های پیش رو ثبت‌نامی ندارید؛ دوره‌های باز را در «📚 دوره‌های آموزشی» ببینید."
MY_COURSES_NONE_ACTIVE = "ثبت‌نام فعالی در دوره‌های پیش رو ندارید."
MY_COURSES_ENDED = "<b>ثبت‌نام‌های لغوشده:</b>"
STATE_ENDED = {
    "cancelled": "↩️ انصراف داده‌اید",
    "expired": "⌛️ مهلت پذیرش جای خالی گذشت",
    "event_cancelled": "❌ این دوره لغو شد",
}
MY_COURSE_LINE = "• <b>{title}</b> — {when}\n  {state}"
STATE_REGISTERED = f"✅ {REGISTERED}"
STATE_WAITLISTED = "⏳ نفر {position} در فهرست انتظار"
STATE_OFFERED = "🎟 جای خالی تا {deadline} برای شما نگه داشته شده"

REFUSALS = {
    "deadline_passed": "مهلت ثبت‌نام این دوره تمام شده است.",
    "event_cancelled": "این دوره لغو شده است.",
    "registration_closed": "ثبت‌نام این دوره بسته شده است.",
    "event_started": "این دوره شروع شده است و ثبت‌نام ممکن نیست.",
    "no_offer": "پیشنهادی برای شما در این دوره نیست یا مهلت آن گذشته است.",
    "offer_expired": "مهلت پذیرش این جا گذشته است.",
}

# Notifications (sent through the delivery engine)
OFFER = (
    "🎟 <b>یک جا در دورهٔ «{title}» برای شما خالی شد!</b>\n"
    "🗓 {when}\n📍 {place}\n\n"
    "اگر می‌خواهید شرکت کنید، تا {deadline} «می‌پذیرم» را بزنید؛ وگرنه جا به نفر بعدی می‌رسد."
)
OFFER_LAPSED = "⌛️ مهلت پذیرش جای خالی در دورهٔ «{title}» گذشت و جا به نفر بعدی رسید."
REMINDER = "⏰ <b>یادآوری</b>: دورهٔ «{title}» {when} شروع می‌شود.\n📍 {place}"

FEEDBACK_ASK = (
    "🙏 از شرکت شما در دورهٔ «{title}» سپاسگزاریم.\nدوره را از ۱ (ضعیف) تا ۵ (عالی) چطور ارزیابی می‌کنید؟"
)
FEEDBACK_THANKS_ASK_COMMENT = (
    "امتیاز {score} ثبت شد. اگر پیشنهاد یا نظری دارید بنویسید؛ وگرنه «رد شدن» را بزنید."
)
BTN_FEEDBACK_SKIP = BTN_SKIP
FEEDBACK_DONE = "نظر شما ثبت شد. سپاسگزاریم! 🌷"
FEEDBACK_COMMENT_TOO_LONG = "نظر شما طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر {max} حرف)."
