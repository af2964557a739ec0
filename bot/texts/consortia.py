"""Persian copy of «همکاری و کنسرسیوم»: export profile, partner suggestions, introductions, consortia."""

from __future__ import annotations

from bot.texts import ERRORS as COMMON_ERRORS
from bot.texts import terms as g

NONE = "—"

# The member's section
HOME_TITLE = "🤝 <b>همکاری و کنسرسیوم صادراتی</b>"
HOME_INTRO = (
    "با تکمیل پروفایل صادراتی، شریک‌های مناسب برای صادرات به شما پیشنهاد می‌شود. "
    "شماره موبایل شما فقط پس از پذیرش دوطرفهٔ معرفی به طرف مقابل داده می‌شود."
)
HOME_EMPTY = "هنوز پروفایل صادراتی ندارید. با «✏️ پروفایل صادراتی» شروع کنید (محصول و بازار هدف لازم است)."
HOME_OPTED_OUT = "🚫 شما از همکاری‌یابی خارج شده‌اید: به کسی پیشنهاد نمی‌شوید و در گروه‌ها نمی‌آیید."
BTN_EXP_EDIT = "✏️ پروفایل صادراتی"
BTN_MCH_SUGGEST = "🤝 پیشنهاد همکاری"
BTN_MCH_INBOX = "📨 درخواست‌های معرفی"
BTN_EXP_OPT_OUT = "🚫 خروج از همکاری‌یابی"
BTN_EXP_OPT_IN = "✅ بازگشت به همکاری‌یابی"
EXP_OPTED_OUT = "شما از همکاری‌یابی خارج شدید. هر زمان خواستید، «✅ بازگشت به همکاری‌یابی» را بزنید."
EXP_OPTED_IN = "به همکاری‌یابی بازگشتید. 🌱"

# The export profile
PROFILE_LINES = (
    "📦 <b>محصولات و ظرفیت ماهانه</b>\n{products}\n"
    "🌍 <b>بازارهای هدف:</b> {markets}\n"
    "📜 <b>گواهی‌ها:</b> {certs}\n"
    "🧭 <b>سابقهٔ صادرات:</b> {experience}\n"
    "🎁 <b>ارائه می‌دهم:</b> {offers}\n"
    "🔍 <b>نیاز دارم:</b> {needs}"
)
PRODUCT_LINE = "• {name}: {amount} در ماه"
NO_PRODUCTS = "• هنوز محصولی ثبت نشده است."
EXPERIENCE_LABELS = {"none": "بدون سابقه", "some": "چند بار صادرات", "regular": "صادرات منظم"}
EXP_EDIT_TITLE = "✏️ <b>پروفایل صادراتی شما</b>"
EXP_EDIT_HINT = "هر بخش را با دکمهٔ آن ویرایش کنید."
BTN_EXP_ADD_PRODUCT = "➕ افزودن محصول"
BTN_EXP_REMOVE_PRODUCT = "🗑 حذف محصول"
BTN_EXP_SECTIONS = {
    "mk": "🌍 بازارهای هدف",
    "ce": "📜 گواهی‌ها",
    "xp": "🧭 سابقهٔ صادرات",
    "of": "🎁 آنچه ارائه می‌دهم",
    "nd": "🔍 آنچه نیاز دارم",
}
BTN_EXP_DONE = "✔️ پایان ویرایش"
BTN_EXP_SAVE = "✔️ ثبت"
EXP_ASK_SECTION = {
    "mk": "🌍 بازارهای هدف خود را انتخاب کنید (چند گزینه مجاز است)، سپس «✔️ ثبت» را بزنید:",
    "ce": "📜 گواهی‌هایی را که دارید انتخاب کنید، سپس «✔️ ثبت» را بزنید:",
    "xp": "🧭 سابقهٔ صادرات شما چقدر است؟",
    "of": "🎁 در همکاری چه چیزی می‌توانید ارائه دهید؟ گزینه‌ها را انتخاب کنید، سپس «✔️ ثبت» را بزنید:",
    "nd": "🔍 برای صادرات به چه چیزی نیاز دارید؟ گزینه‌ها را انتخاب کنید، سپس «✔️ ثبت» را بزنید:",
}
EXP_SAVED = "✅ ذخیره شد."
EXP_ASK_CATEGORY = f"➕ <b>افزودن محصول</b>\nزمینهٔ محصول را انتخاب کنید ({g.CANCEL_HINT}):"
EXP_ASK_CROP = "نام محصول یا رقم را بنویسید (مثلاً «رز هلندی» یا «ارکیده»)، یا «رد شدن» را بزنید:"
EXP_ASK_CAPACITY = "ظرفیت تولید ماهانهٔ این محصول چقدر است؟ فقط عدد بنویسید (مثلاً ۱۲۰۰۰):"
EXP_ASK_UNIT = "واحد این عدد را انتخاب کنید:"
EXP_PRODUCT_SAVED = "✅ محصول «{name}» با ظرفیت {amount} در ماه ثبت شد."
EXP_REMOVE_ASK = "کدام محصول حذف شود؟"
EXP_REMOVED = "🗑 محصول حذف شد."
EXP_FLOW_CANCELLED = "افزودن محصول لغو شد. پروفایل صادراتی شما تغییری نکرد."

# Suggestions and introductions
MCH_TITLE = "🤝 <b>پیشنهاد همکاری</b> (صفحهٔ {page} از {pages}، {total} پیشنهاد)"
MCH_EMPTY = "فعلاً شریک مناسبی پیدا نشد. با کامل‌تر کردن پروفایل صادراتی، پیشنهادهای بیشتری می‌بینید."
MCH_ITEM = "<b>{n}. {name}</b> — {place}\n{products}\n<i>چرا این شریک؟</i>\n{reasons}"
MCH_ITEM_PAST = {  # an introduction between the two already exists (no request button then)
    "asked": "  ✉️ درخواست معرفی فرستاده‌اید؛ منتظر پاسخ است.",
    "they_asked": "  📨 به شما درخواست معرفی داده است؛ از «📨 درخواست‌های معرفی» پاسخ دهید.",
    "introduced": "  🤝 با هم آشنا شده‌اید؛ اطلاعات تماس در پیام‌های قبلی است.",
    "they_declined": "  درخواست معرفی شما را نپذیرفت.",
    "you_declined": "  درخواست معرفی او را نپذیرفتید.",
}
BTN_MCH_REQUEST = "📨 معرفی به {name}"
BTN_PREV = g.BTN_PREV
BTN_NEXT = g.BTN_NEXT
REASONS = {
    "market": "بازار هدف مشترک: {keys}",
    "gives": "آنچه شما نیاز دارید را ارائه می‌دهد: {keys}",
    "takes": "به آنچه شما ارائه می‌دهید نیاز دارد: {keys}",
    "complement": "محصولات مکمل: {keys}",
    "pool": "با هم در {keys} به ظرفیت ماهانهٔ {amount} می‌رسید",
    "experience": "سابقهٔ صادرات منظم دارد",
}
MCH_REQUEST_SENT = (  # sent: «فرستاده شد», or in quiet hours «ثبت شد و فردا ساعت ۷ صبح فرستاده می‌شود»
    "📨 درخواست معرفی {sent}. اگر بپذیرد، اطلاعات تماس هر دو نفر برایتان فرستاده می‌شود.\n"
    "درخواست‌های این هفتهٔ شما: {used} از {limit}"
)
MCH_REQUEST_RECEIVED = (
    "📨 <b>درخواست معرفی</b>\nیکی از اعضای خوشه مایل است برای همکاری صادراتی با شما آشنا شود:\n\n{card}\n\n"
    "اگر بپذیرید، نام و شماره موبایل شما برای او و اطلاعات او برای شما فرستاده می‌شود."
)
BTN_MCH_ACCEPT = "✅ می‌پذیرم"
BTN_MCH_DECLINE = "❌ نمی‌پذیرم"
CONTACT_CARD = "👤 {name}\n📱 {phone}"
MCH_ACCEPTED_REQUESTER = "🎉 درخواست معرفی شما پذیرفته شد. اطلاعات تماس:\n{contact}"
MCH_ACCEPTED_NOTE = "✅ این معرفی را پذیرفتید."
MCH_ACCEPTED_TARGET = "✅ معرفی پذیرفته شد. اطلاعات تماس:\n{contact}"
MCH_ACCEPTED_TARGET_LATER = "\n🌙 الان ساعت سکوت است؛ اطلاعات تماس شما {when} برای او فرستاده می‌شود."
MCH_DECLINED_REQUESTER = "درخواست معرفی شما این بار پذیرفته نشد. پیشنهادهای دیگر را ببینید. 🌱"
MCH_DECLINED_TARGET = "❌ درخواست را نپذیرفتید. اطلاعاتی رد و بدل نشد."
MCH_INBOX_TITLE = "📨 <b>درخواست‌های معرفی</b>"
MCH_INBOX_INCOMING = "<b>منتظر پاسخ شما:</b>"
MCH_INBOX_NONE_IN = "درخواستی منتظر پاسخ شما نیست."
MCH_INBOX_OUTGOING = "<b>درخواست‌های شما</b> (این هفته {used} از {limit}):"
MCH_INBOX_OUT_LINE = "• {name}: {status}"
MCH_STATUS = {"pending": "منتظر پاسخ", "accepted": "پذیرفته شد", "declined": "پذیرفته نشد"}
BTN_MCH_ANSWER = "پاسخ به {name}"

BUSINESS_HEAD = "👤 <b>{name}</b> — {role}، {place}"

# The CDA
BTN_ADMIN_CONSORTIA = "🤝 کنسرسیوم‌ها و همکاری"
CNS_HOME = "🤝 <b>کنسرسیوم‌های صادراتی</b>\nاعضای دارای پروفایل صادراتی: {profiles}"
CNS_HOME_LINE = "• <b>{name}</b> — {market}، {stage} ({members} عضو)"
CNS_HOME_EMPTY = "هنوز کنسرسیومی ساخته نشده است."
BTN_CNS_NEW = "➕ کنسرسیوم جدید"
BTN_CNS_GROUPS = "🧩 گروه‌های پیشنهادی"
BTN_CNS_INQUIRY = "🔎 استعلام خریدار"
BTN_CNS_BACK = g.BTN_BACK
STAGE_LABELS = {
    "forming": "در حال تشکیل",
    "agreed": "توافق‌شده",
    "registered": "ثبت‌شده",
    "exporting": "در حال صادرات",
}
CNS_ASK = {
    "name": f"➕ <b>کنسرسیوم جدید</b>\nنام کنسرسیوم را بنویسید ({g.CANCEL_HINT}):",
    "market": "بازار هدف کنسرسیوم را انتخاب کنید:",
    "focus": "زمینهٔ اصلی کنسرسیوم را انتخاب کنید:",
    "imarket": f"🔎 <b>استعلام خریدار</b>\nبازار خریدار را انتخاب کنید ({g.CANCEL_HINT}):",
    "icats": f"خریدار محصولات کدام {g.CATEGORIES} را می‌خواهد؟ انتخاب کنید، سپس «{g.BTN_CONTINUE}» را بزنید:",
    "volume": "حجم ماهانهٔ درخواستی خریدار چقدر است؟ فقط عدد بنویسید (مثلاً ۵۰۰۰۰):",
    "unit": "واحد این حجم را انتخاب کنید:",
    "icerts": "چه گواهی‌هایی لازم است؟ انتخاب کنید (یا هیچ)، سپس «نمایش گروه‌ها» را بزنید:",
    "msg": "✉️ پیام خود به {count} عضو کنسرسیوم «{name}» را بنویسید:",
}
BTN_CNS_CONTINUE = g.BTN_CONTINUE
BTN_CNS_SHOW_GROUPS = "نمایش گروه‌ها"
CNS_CREATED = "✅ کنسرسیوم «{name}» ساخته شد."
CNS_CARD = (
    "🤝 <b>{name}</b>\n🌍 بازار هدف: {market}\n📦 زمینهٔ اصلی: {focus}\n📍 مرحله: {stage}\n"
    "👥 عضو: {accepted} | دعوت‌شده: {invited} | نپذیرفته: {declined}\n\n{roster}"
)
CNS_ROSTER_LINE = "• {name}: {status}"
CNS_ROSTER_EMPTY = "هنوز کسی دعوت نشده است."
MEMBER_STATUS = {"invited": "دعوت‌شده", "accepted": "عضو", "declined": "نپذیرفت"}
BTN_CNS_INVITE = "➕ دعوت اعضا"
BTN_CNS_NEXT_STAGE = "⏭ مرحلهٔ بعد: {stage}"
BTN_CNS_MESSAGE = "✉️ پیام به اعضا"
BTN_CNS_XLSX = g.BTN_XLSX
BTN_CNS_CSV = g.BTN_CSV
CNS_STAGE_MOVED = "📍 مرحله به «{stage}» تغییر کرد."
CNS_CANDIDATES = (
    "➕ <b>دعوت به «{name}»</b>\nاعضایی که {market} را هدف دارند و {focus} تولید می‌کنند، "
    "به ترتیب ظرفیت. با هر دکمه یک نفر دعوت می‌شود:\n\n{lines}"
)
CNS_CANDIDATES_EMPTY = "عضو دیگری با این بازار هدف و زمینه پیدا نشد."
CNS_CANDIDATE_LINE = "• {name}: {capacity}"
BTN_CNS_INVITE_ONE = "➕ {name}"
CNS_INVITED = "✉️ دعوت برای {name} {sent}."  # sent: as in MCH_REQUEST_SENT
CNS_INVITATION = (
    "🤝 <b>دعوت به کنسرسیوم صادراتی</b>\nعامل توسعه خوشه شما را به کنسرسیوم «{name}» دعوت کرده است.\n"
    "🌍 بازار هدف: {market}\n📦 زمینهٔ اصلی: {focus}\n\nآیا مایل به عضویت هستید؟"
)
BTN_CNS_JOIN = "✅ می‌پذیرم"
BTN_CNS_REFUSE = "❌ نمی‌پذیرم"
CNS_JOINED = "✅ عضویت شما در کنسرسیوم «{name}» ثبت شد."
CNS_REFUSED = "دعوت کنسرسیوم «{name}» را نپذیرفتید."
CNS_MESSAGE_HEAD = "🤝 <b>پیام به اعضای کنسرسیوم «{name}»</b>"
CNS_MESSAGE_QUEUED = "✉️ پیام برای {count} عضو در صف ارسال قرار گرفت."
CNS_FLOW_CANCELLED = "کار جاری کنسرسیوم لغو شد."
CNS_GONE = "این گفت‌وگو دیگر فعال نیست."
CNS_GROUPS_ASK = "🧩 گروه‌های پیشنهادی برای کدام بازار؟"
CNS_GROUPS_TITLE = "🧩 <b>گروه‌های پیشنهادی برای {market}</b>"
CNS_GROUPS_EMPTY = "برای {market} هنوز {min} عضو یا بیشتر با پروفایل صادراتی کامل نیست."
GROUP_HEAD = (
    "<b>گروه {n}</b> ({size} عضو)\nزمینه‌ها: {categories}\nظرفیت ماهانهٔ مجموع: {capacity}\n"
    "صادرکنندهٔ باسابقه: {experienced} | امکانات: {offers}\nگواهی‌ها: {certs}"
)
GROUP_COVERAGE = "پوشش {covered} از {available} زمینه‌ای که اعضا برای این بازار دارند"
GROUP_MEMBER_LINE = "  • {name}{experienced}: {categories} — {capacity}"
EXPERIENCED_MARK = " ⭐"
INQ_TITLE = "🔎 <b>استعلام خریدار</b>\nبازار: {market} | زمینه‌ها: {categories}\nحجم ماهانه: {amount} | گواهی‌ها: {certs}"
INQ_NONE = "هیچ عضوی با این بازار، زمینه، واحد و گواهی‌ها پیدا نشد. کمبود: کل حجم ({amount})."
INQ_MET = "✅ درخواست را پوشش می‌دهد ({amount})."
INQ_SHORTFALL = "⚠️ کمبود: {parts}"
INQ_SHORT_VOLUME = "{amount} از حجم"
INQ_SHORT_CATEGORIES = "زمینهٔ {keys}"

# Roster export
EXPORT_HEADERS = (
    g.FULL_NAME,
    g.MOBILE,
    g.ROLE,
    g.PLACE,
    g.STATUS,
    "محصولات",
    "ظرفیت ماهانه",
    "تاریخ دعوت",
)
XLSX_SHEET = "اعضای کنسرسیوم"
EXPORT_FILE = "اعضای کنسرسیوم"  # «اعضای کنسرسیوم - <نام کنسرسیوم> - <تاریخ شمسی>»
CNS_EXPORT_CAPTION = "📎 فهرست اعضای «{name}» ({count} ردیف).\n" + g.MOBILES_IN_FILE

ERRORS = {
    "exp_opted_out": "شما از همکاری‌یابی خارج شده‌اید. برای دیدن پیشنهادها، «✅ بازگشت به همکاری‌یابی» را بزنید.",
    "exp_incomplete": "برای دیدن پیشنهادها، دست‌کم یک محصول و یک بازار هدف در پروفایل صادراتی ثبت کنید.",
    "exp_crop_empty": "نام محصول خالی است. لطفاً بنویسید یا «رد شدن» را بزنید.",
    "exp_crop_long": "نام محصول طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۶۰ حرف).",
    "exp_capacity_number": "لطفاً ظرفیت را فقط با عدد بنویسید (مثلاً ۱۲۰۰۰).",
    "exp_capacity_range": "این عدد درست به نظر نمی‌رسد؛ عددی بزرگ‌تر از صفر و معقول بنویسید.",
    "exp_too_many_products": "حداکثر ۱۰ محصول می‌توانید ثبت کنید. ابتدا یکی را حذف کنید.",
    "exp_text_only": "لطفاً پاسخ را به صورت متن بنویسید.",
    "mch_declined_before": "این عضو پیش‌تر درخواست معرفی شما را نپذیرفته است؛ درخواست دوباره ممکن نیست.",
    "mch_you_declined": "شما پیش‌تر درخواست معرفی این عضو را نپذیرفته‌اید؛ درخواست تازه ممکن نیست.",
    "mch_introduced": "شما و این عضو پیش‌تر با هم آشنا شده‌اید؛ اطلاعات تماس در پیام‌های قبلی است.",
    "mch_unavailable": "این عضو فعلاً در همکاری‌یابی نیست؛ پیشنهادهای تازه را ببینید.",
    "mch_already_asked": "برای این عضو پیش‌تر درخواست معرفی فرستاده‌اید.",
    "mch_they_asked": "این عضو به شما درخواست معرفی داده است؛ از «📨 درخواست‌های معرفی» پاسخ دهید.",
    "mch_weekly_limit": "سقف درخواست معرفی این هفته پر شده است. لطفاً چند روز دیگر دوباره تلاش کنید.",
    "mch_left": "یکی از دو طرف از همکاری‌یابی خارج شده است؛ معرفی انجام نشد.",
    "cns_name_empty": "نام کنسرسیوم خالی است. لطفاً بنویسید.",
    "cns_name_long": "نام طولانی است؛ لطفاً کوتاه‌تر بنویسید (حداکثر ۱۲۰ حرف).",
    "cns_already_invited": "این عضو پیش‌تر دعوت شده است.",
    "empty": "پیام خالی است. لطفاً بنویسید.",
    "message_too_long": COMMON_ERRORS["message_too_long"],
    "cns_no_members": "این کنسرسیوم هنوز عضوی (دعوت پذیرفته) ندارد.",
    "cns_no_category": "لطفاً دست‌کم یک زمینه را انتخاب کنید.",
    "use_buttons": COMMON_ERRORS["use_buttons"],
    "stale": COMMON_ERRORS["stale"],
    "not_allowed": COMMON_ERRORS["not_allowed"],
    "not_registered": COMMON_ERRORS["not_registered"],
}

# How a consortium broadcast is described in the CDA's broadcast list
BCAST_SEL_CONSORTIUM = "• اعضای کنسرسیوم شمارهٔ {ids}"
