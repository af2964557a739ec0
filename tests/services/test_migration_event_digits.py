"""Migration 0013: course and exhibition text stored with every digit Persian gets back the ASCII digits
the CDA typed, so links in descriptions work again; text without Persian digits is left alone."""

from __future__ import annotations

import asyncio

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.migrate import downgrade, upgrade
from models import Event, ExhibitionDetails
from tests.factories import NOW


async def test_upgrade_turns_stored_persian_digits_back_into_what_the_cda_typed(
    engine: AsyncEngine, db_url: str
) -> None:
    await asyncio.to_thread(downgrade, db_url, "0012_needs")
    try:
        common = {"status": "published", "starts_at": NOW, "segment": {}, "created_by": 9000}
        async with engine.begin() as conn:
            await conn.execute(
                insert(Event),
                [
                    {
                        **common,
                        "id": 1,
                        "kind": "course",
                        "title": "دورهٔ ۲ هیدروپونیک",
                        "description": "جلسهٔ ۱:\nhttps://skyroom.online/ch/class۲",
                        "instructor": "دکتر رضایی ۳",
                        "sessions": "۴ جلسه",
                        "place": "سالن ۵",
                        "created_at": NOW,
                        "updated_at": NOW,
                    },
                    {
                        **common,
                        "id": 2,
                        "kind": "exhibition",
                        "title": "Expo 2026",
                        "description": None,
                        "instructor": None,
                        "sessions": None,
                        "place": "Dubai World Trade Centre",
                        "created_at": NOW,
                        "updated_at": NOW,
                    },
                ],
            )
            await conn.execute(
                insert(ExhibitionDetails).values(
                    event_id=2,
                    trip_kind="foreign",
                    city="دبی ۱",
                    country="امارات",
                    costs="۱۲ میلیون",
                    subsidy=None,
                    documents=[{"key": "d1", "label": "عکس ۳×۴"}, {"key": "d2", "label": "گذرنامه"}],
                )
            )
    finally:
        await asyncio.to_thread(upgrade, db_url)
    async with engine.connect() as conn:
        course = (await conn.execute(select(Event.__table__).where(Event.id == 1))).mappings().one()
        expo = (await conn.execute(select(Event.__table__).where(Event.id == 2))).mappings().one()
        details = (await conn.execute(select(ExhibitionDetails.__table__))).mappings().one()
    assert course["title"] == "دورهٔ 2 هیدروپونیک"
    assert course["description"] == "جلسهٔ 1:\nhttps://skyroom.online/ch/class2"
    assert (course["instructor"], course["sessions"], course["place"]) == ("دکتر رضایی 3", "4 جلسه", "سالن 5")
    assert (expo["title"], expo["description"]) == ("Expo 2026", None)
    assert (details["city"], details["country"], details["costs"]) == ("دبی 1", "امارات", "12 میلیون")
    assert details["documents"] == [{"key": "d1", "label": "عکس 3×4"}, {"key": "d2", "label": "گذرنامه"}]
