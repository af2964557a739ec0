"""The sandbox's demo cast: ~50 Mahallat-area members, the CDA and a few courses (pure data, no I/O).

Keys come from config.toml's seed lists when they exist there, so a CDA who edits the lists still
gets a consistent demo; user ids sit in their own ranges so the sandbox never collides with
visitors typed in by hand.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bot.config import Config

CDA_USER_ID = 7_000_001
CDA_FIRST_NAME, CDA_LAST_NAME = "فاطمه", "کریمی"
CDA_PHONE = "+989181000001"
FIRST_MEMBER_ID = 7_100_001
MEMBER_COUNT = 50
FIRST_VISITOR_ID = 7_900_000_000  # new visitors get fresh ids from here on (see web.py)

FIRST_NAMES = (
    "علی", "محمد", "حسین", "رضا", "مهدی", "زهرا", "فاطمه", "مریم", "سارا", "نرگس",
    "حمید", "مجید", "سعید", "اکبر", "عباس", "معصومه", "لیلا", "منصور", "ابوالفضل", "جواد",
    "طاهره", "کبری", "ناصر", "یوسف", "پروین",
)  # fmt: skip
LAST_NAMES = (
    "رضایی", "محلاتی", "کریمی", "احمدی", "نیموری", "حسینی", "صالحی", "موسوی", "قاسمی", "جعفری",
    "اکبری", "نوروزی", "طاهری", "خورهه‌ای", "شریفی", "عسگری", "رحیمی", "باقری", "فراهانی", "دلیجانی",
    "امینی", "کاظمی", "یزدانی", "صادقی", "نجفی",
)  # fmt: skip
ROLE_PLAN = {"grower": 24, "nursery": 8, "trader": 7, "supplier": 5, "services": 4, "other": 2}
PLACE_PLAN = {"mahallat": 15, "gh_town": 10, "nimvar": 8, "khorhe": 7, "doodhak": 6, "other": 4}
OTHER_PLACES = ("نراق", "دلیجان", "خمین", "اراک")
CATEGORIES_BY_ROLE = {
    "grower": ("cut", "potted", "outdoor", "cactus", "bulb"),
    "nursery": ("seedling", "outdoor", "potted"),
    "trader": ("cut", "potted"),
    "supplier": ("substrate", "pots"),
    "services": ("pots", "cut"),
    "other": ("potted", "cactus"),
}
AREA_BY_ROLE = {"grower": (500, 20_000), "nursery": (1_000, 6_000)}
MOBILE_PREFIXES = ("918", "912", "913", "919", "935")


@dataclass(frozen=True)
class DemoMember:
    user_id: int
    first_name: str
    last_name: str
    phone: str
    role: str
    place: str
    place_other: str | None
    categories: tuple[str, ...]
    area_m2: int | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class DemoCourse:
    title: str
    description: str
    instructor: str
    sessions: str
    days_ahead: int  # starts this many days from today, at `hour` Tehran time
    hour: int
    place: str | None
    online_link: str | None
    capacity: int | None
    signups: int  # how many demo members sign up (beyond capacity → waitlist)
    segment: dict[str, list[str]] = field(default_factory=dict)


COURSES = (
    DemoCourse(
        title="کشت بدون خاک و مدیریت تغذیهٔ گلخانه",
        description="آشنایی با بسترهای کوکوپیت و پرلیت، تنظیم EC و pH و برنامهٔ کوددهی رز و ژربرا.",
        instructor="دکتر حمیدرضا صالحی",
        sessions="سه جلسه، شنبه‌ها ۱۰ تا ۱۲",
        days_ahead=9,
        hour=10,
        place="سالن اجتماعات شهرک گلخانه‌ای محلات",
        online_link=None,
        capacity=12,
        signups=15,  # full: 12 registered, 3 on the waitlist
    ),
    DemoCourse(
        title="بسته‌بندی و استانداردهای صادرات گل شاخه‌بریده",
        description="الزامات بهداشت گیاهی، کد رهگیری صادرات و بسته‌بندی برای بازار عراق و امارات.",
        instructor="مهندس سعید فراهانی",
        sessions="یک جلسهٔ چهارساعته",
        days_ahead=16,
        hour=9,
        place="ساختمان خوشه، محلات",
        online_link=None,
        capacity=25,
        signups=8,
    ),
    DemoCourse(
        title="کنترل تلفیقی آفات گیاهان آپارتمانی",
        description="شناسایی شپشک آردآلود و کنه در فیکوس، بنجامین و سانسوریا؛ روش‌های کم‌خطر.",
        instructor="مهندس نرگس موسوی",
        sessions="دو جلسهٔ برخط",
        days_ahead=23,
        hour=17,
        place=None,
        online_link="https://meet.example.ir/khooshe-ipm",
        capacity=None,
        signups=5,
    ),
)


def _plan(plan: dict[str, int], valid: set[str], rng: random.Random) -> list[str]:
    fallback = next(iter(sorted(valid)))
    keys = [k if k in valid else fallback for k, n in plan.items() for _ in range(n)]
    keys = (keys * (MEMBER_COUNT // max(1, len(keys)) + 1))[:MEMBER_COUNT]
    rng.shuffle(keys)
    return keys


def cda_member(config: Config) -> DemoMember:
    """The CDA is a member too (as in the cluster: she registered in the bot before being made admin)."""
    roles, places = {c.key for c in config.roles}, {c.key for c in config.places}
    categories = [c.key for c in config.categories]
    return DemoMember(
        user_id=CDA_USER_ID,
        first_name=CDA_FIRST_NAME,
        last_name=CDA_LAST_NAME,
        phone=CDA_PHONE,
        role="services" if "services" in roles else sorted(roles)[0],
        place="mahallat" if "mahallat" in places else "other",
        place_other=None if "mahallat" in places else "محلات",
        categories=tuple(c for c in ("cut", "potted") if c in categories) or tuple(categories[:1]),
        area_m2=None,
    )


def demo_members(config: Config) -> list[DemoMember]:
    """The same 50 members every time (a fixed random seed), using the configured keys."""
    rng = random.Random(1405)
    categories = {c.key for c in config.categories}
    roles = _plan(ROLE_PLAN, {c.key for c in config.roles}, rng)
    places = _plan(PLACE_PLAN, {c.key for c in config.places} | {"other"}, rng)
    out: list[DemoMember] = []
    for i in range(MEMBER_COUNT):
        role, place = roles[i], places[i]
        wanted = [c for c in CATEGORIES_BY_ROLE.get(role, ()) if c in categories] or sorted(categories)[:1]
        picked = tuple(sorted(rng.sample(wanted, k=rng.randint(1, min(3, len(wanted))))))
        low_high = AREA_BY_ROLE.get(role)
        area = rng.randrange(low_high[0], low_high[1], 100) if low_high else None
        out.append(
            DemoMember(
                user_id=FIRST_MEMBER_ID + i,
                first_name=FIRST_NAMES[i % len(FIRST_NAMES)],
                last_name=LAST_NAMES[(i * 7 + i // len(FIRST_NAMES)) % len(LAST_NAMES)],
                phone=f"+98{MOBILE_PREFIXES[i % len(MOBILE_PREFIXES)]}{3_104_000 + i * 1_373:07d}",
                role=role,
                place=place,
                place_other=OTHER_PLACES[i % len(OTHER_PLACES)] if place == "other" else None,
                categories=picked,
                area_m2=area,
            )
        )
    return out
