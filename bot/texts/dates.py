"""Persian copy of typed dates and times (bot/jalali.py) and of the date picker (handlers/date_picker.py).

Each error names what is wrong with what was typed; `{…}` values arrive already in Persian digits.
"""

from __future__ import annotations

DATE_ERRORS = {
    "bad_format": (
        "تاریخ را متوجه نشدیم. لطفاً به یکی از این شکل‌ها بنویسید: "
        "«۱۴۰۵/۰۹/۱۱ ساعت ۱۰:۳۰» یا «۱۱ آذر ۱۴۰۵ ساعت ۱۰ صبح»."
    ),
    "bad_date": "این تاریخ در تقویم وجود ندارد. لطفاً دوباره بررسی کنید؛ مثلاً ۱۴۰۵/۰۹/۱۱ ساعت ۱۰:۳۰",
    "two_digit_year": "سال را چهاررقمی بنویسید: {full} به‌جای {short}؛ مثلاً «۱۴۰۵/۰۹/۱۱ ساعت ۱۰:۳۰».",
    "year_missing": "سال را هم بنویسید؛ مثلاً «{day} {month} ۱۴۰۵ ساعت ۱۰:۳۰».",
    "bad_year": "سال {year} درست به نظر نمی‌رسد. سال شمسی را چهاررقمی بنویسید؛ مثلاً ۱۴۰۵.",
    "gregorian": (
        "این تاریخ میلادی به نظر می‌رسد ({gregorian}). برابر شمسی آن «{jalali}» است؛ "
        "لطفاً تاریخ را شمسی بنویسید: «{typed}»."
    ),
    "gregorian_month": "«{month}» ماه میلادی است. لطفاً تاریخ را شمسی بنویسید؛ مثلاً «۱۱ آذر ۱۴۰۵ ساعت ۱۰:۳۰».",
    "unknown_month": "ماه «{month}» را نشناختیم. نام ماه شمسی را بنویسید (فروردین تا اسفند)؛ مثلاً «۱۱ آذر ۱۴۰۵».",
    "bad_month": "ماه {month} نداریم؛ ماه عددی از ۱ تا ۱۲ است (مثلاً ۱۴۰۵/۰۹/۱۱ یعنی ۱۱ آذر).",
    "bad_day": "روز {day} نداریم؛ روز ماه عددی از ۱ تا ۳۱ است.",
    "no_such_day": "{month} {length} روز دارد؛ {day} {month} {year} وجود ندارد.",
    "no_such_esfand_day": "سال {year} کبیسه نیست و اسفندش ۲۹ روز دارد؛ {day} اسفند {year} وجود ندارد.",
    "wrong_weekday": "{date} {actual} است، نه {typed}. لطفاً تاریخ یا روز هفته را درست کنید.",
    "time_missing": "ساعت را هم بنویسید؛ مثلاً «{date} ساعت ۱۰:۳۰».",
    "bad_hour": "ساعت {hour} نداریم؛ ساعت عددی از ۰ تا ۲۳ است. مثلاً «۱۴:۳۰» یا «۲ بعدازظهر».",
    "bad_minute": "دقیقهٔ {minute} نداریم؛ دقیقه عددی از ۰۰ تا ۵۹ است. مثلاً «۱۰:۳۰».",
    "minute_digits": "دقیقه را دورقمی بنویسید؛ مثلاً «{hour}:۰۵» یا «{hour}:۵۰».",
    "time_conflict": (
        "ساعت {hour} با «{marker}» جور درنمی‌آید. ساعت را ۲۴ساعته بنویسید (مثلاً «۱۶:۰۰») یا مثل «۴ بعدازظهر»."
    ),
    "ambiguous_time": "«ساعت {hour} {marker}» را می‌شود دو جور فهمید. لطفاً ساعت را ۲۴ساعته بنویسید؛ {example}.",
}
AMBIGUOUS_TWELVE = "«۰۰:۰۰» برای نیمه‌شب و «۱۲:۰۰» برای ظهر"
AMBIGUOUS_NIGHT = "«{hour}:۰۰» همراه با تاریخِ همان روز"

GREGORIAN_MONTHS = (
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
)

# How each time-of-day word is named back to the CDA (ب.ظ and ق.ظ are spelled out).
MARKER_LABELS = {
    "am": "قبل‌ازظهر",
    "morning": "صبح",
    "dawn": "بامداد",
    "noon": "ظهر",
    "pm": "بعدازظهر",
    "evening": "عصر",
    "night": "شب",
}

# The date picker under a date question
PICK_HINT = "\nیا از دکمه‌های زیر ماه، روز و ساعت را انتخاب کنید."
PICK_MONTH_TITLE = "🗓 {month}"
PICK_DAY_TITLE = "🗓 {weekday} {day} {month}"
PICK_WEEK_HEAD = ("ش", "ی", "د", "س", "چ", "پ", "ج")
BTN_PICK_MONTHS = "→ ماه‌ها"
BTN_PICK_DAYS = "→ روزهای {month}"
BTN_PICK_END_OF_DAY = "پایان روز (۲۳:۵۹)"
PICK_BLANK = " "
PICK_CHOSEN = "✅ {when}"
PICK_NOTHING_LEFT = "روزی از این ماه نمانده است"
