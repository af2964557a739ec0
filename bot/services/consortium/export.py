"""A consortium's roster as files for Excel: .xlsx (right-to-left sheet) and CSV (UTF-8 with BOM).

Same conventions as the course roster: Persian headers, Jalali dates with Persian digits, the
mobile as text in the 09… form.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.persian import format_number
from bot.services.common import spreadsheet
from bot.services.common.spreadsheet import CellValue, csv_table, xlsx_table
from bot.services.consortium import consortia as cs
from bot.services.courses.export import jalali_stamp, local_mobile
from bot.services.members.accounts import Identity
from bot.texts import consortia as t
from models import ConsortiumMember

WIDTHS = (28, 16, 30, 20, 14, 40, 30, 18)


async def roster_rows(
    session: AsyncSession, who: Identity, config: Config, consortium_id: int
) -> tuple[str, list[list[CellValue]]]:
    """The consortium's name and one row per invited member (members first)."""
    view = await cs.view(session, who, config, consortium_id)
    out: list[list[CellValue]] = []
    for entry in view.roster:
        row = await session.get(ConsortiumMember, (consortium_id, entry.member.id))
        assert row is not None
        products = entry.profile.products if entry.profile is not None else []
        capacity: dict[str, int] = {}
        for p in products:
            capacity[p.unit] = capacity.get(p.unit, 0) + p.monthly_capacity
        place = entry.member.place_other or config.label_of("places", entry.member.place)
        out.append(
            [
                entry.member.full_name,
                local_mobile(entry.member.phone),
                config.label_of("roles", entry.member.role),
                place,
                t.MEMBER_STATUS.get(entry.status, entry.status),
                "، ".join(
                    config.label_of("categories", p.category) + (f" ({p.crop})" if p.crop else "")
                    for p in products
                ),
                " + ".join(
                    f"{format_number(v)} {config.label_of('units', u)}" for u, v in sorted(capacity.items())
                ),
                jalali_stamp(row.invited_at),
            ]
        )
    return view.consortium.name, out


def to_xlsx(rows: list[list[CellValue]]) -> bytes:
    return xlsx_table(t.XLSX_SHEET, t.EXPORT_HEADERS, rows, WIDTHS)


def to_csv(rows: list[list[CellValue]]) -> bytes:
    return csv_table(t.EXPORT_HEADERS, rows)


def file_name(name: str, extension: str, now: datetime) -> str:
    return spreadsheet.file_name(t.EXPORT_FILE, name, now, extension)
