"""The sandbox's exhibitions and visit tours, and who among the demo members answers them (pure data).

`interested` and `joining` are indexes into demo_members(); members who join take seats in that
order, so a tour with fewer seats than `joining` ends up full with a waitlist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.enums import TripKind


@dataclass(frozen=True)
class DemoTrip:
    title: str
    trip_kind: str  # domestic | foreign | tour
    city: str
    country: str
    place: str | None
    days_ahead: int  # starts this many days from today, at `hour` Tehran time
    hour: int
    days_long: int  # ends this many days after the start (0: a one-day visit)
    deadline_days_before: int  # responses close this many days before the start
    costs: str | None
    subsidy: str | None
    capacity: int | None
    documents: tuple[str, ...] = ()
    documents_days_before: int = 0
    interested: tuple[int, ...] = ()
    joining: tuple[int, ...] = ()
    answer: str = "shared"  # booth size (exhibitions) or number of people (tours)
    segment: dict[str, list[str]] = field(default_factory=dict)


TRIPS = (
    DemoTrip(
        title="نمایشگاه بین‌المللی گل و گیاه تهران",
        trip_kind=TripKind.DOMESTIC,
        city="تهران",
        country="ایران",
        place="محل دائمی نمایشگاه‌های بین‌المللی تهران، سالن ۳۸",
        days_ahead=34,
        hour=10,
        days_long=4,
        deadline_days_before=14,
        costs="غرفهٔ ۹ متری: ۴۵ میلیون تومان؛ غرفهٔ مشترک خوشه: ۱۲ میلیون تومان برای هر عضو",
        subsidy="۵۰٪ هزینهٔ غرفهٔ مشترک را خوشه پرداخت می‌کند؛ حمل گلدان‌ها با کامیون مشترک",
        capacity=None,
        interested=(1, 4, 9, 13, 17, 22, 28, 33),
        joining=(2, 6, 11, 19, 25),
        answer="shared",
    ),
    DemoTrip(
        title="نمایشگاه IPM Essen — بازدید هیئت تجاری خوشه",
        trip_kind=TripKind.FOREIGN,
        city="اسن",
        country="آلمان",
        place="Messe Essen",
        days_ahead=62,
        hour=9,
        days_long=3,
        deadline_days_before=35,
        costs="حدود ۱۸۰ میلیون تومان برای هر نفر (بلیت، ویزا، هتل و ورودی نمایشگاه)",
        subsidy="هزینهٔ ورودی نمایشگاه و مترجم با خوشه",
        capacity=10,
        documents=("کپی صفحهٔ اول گذرنامه", "عکس ۴×۶ با زمینهٔ سفید", "کارت بازرگانی یا پروانهٔ بهره‌برداری"),
        documents_days_before=40,
        interested=(3, 8, 14, 21, 30),
        joining=(7, 15, 24),
        answer="visit",
        segment={"roles": ["grower", "nursery", "trader"]},
    ),
    DemoTrip(
        title="بازدید از گلخانه‌های هیدروپونیک رز در پاکدشت",
        trip_kind=TripKind.TOUR,
        city="پاکدشت",
        country="ایران",
        place="حرکت از میدان گل محلات",
        days_ahead=12,
        hour=6,
        days_long=0,
        deadline_days_before=3,
        costs="۲ میلیون تومان برای هر نفر (رفت‌وبرگشت با اتوبوس و ناهار)",
        subsidy="نیمی از هزینه با خوشه",
        capacity=6,  # 8 join: full, two on the waitlist
        interested=(10, 16, 27),
        joining=(0, 5, 12, 18, 20, 23, 29, 31),
        answer="2",
    ),
    DemoTrip(
        title="بازدید از پژوهشکدهٔ گل و گیاهان زینتی محلات",
        trip_kind=TripKind.TOUR,
        city="محلات",
        country="ایران",
        place="پژوهشکدهٔ گل و گیاهان زینتی، جادهٔ نیمور",
        days_ahead=20,
        hour=9,
        days_long=0,
        deadline_days_before=2,
        costs="رایگان",
        subsidy=None,
        capacity=25,
        interested=(26, 34),
        joining=(32, 35, 36, 37),
        answer="1",
    ),
)
