"""Responses to an exhibition or tour as files for Excel: .xlsx (right-to-left sheet) and CSV (UTF-8 BOM).

The same approach as course_export: Persian headers, Jalali (Tehran) times with Persian digits,
mobiles as text in the 09… form. Admins only: the rows hold phone numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.persian import to_persian_digits
from bot.services.common import lifecycle as lc
from bot.services.common import spreadsheet
from bot.services.common.spreadsheet import CellValue, csv_table, xlsx_table
from bot.services.courses.export import jalali_stamp, local_mobile
from bot.services.courses.roster import _place
from bot.services.exhibitions import admin as xa
from bot.services.members.accounts import Identity
from bot.texts import SEPARATOR
from bot.texts import exhibition_admin as t
from bot.texts import exhibitions as tm
from models import Event, ExhibitionResponse, Member, ParticipantDocument, Seat
from models.enums import ExhibitionChoice, SeatStatus

WIDTHS = (26, 16, 26, 20, 18, 12, 40, 14, 18)


@dataclass
class Responses:
    event: Event
    rows: list[list[CellValue]]


def _answers(answers: dict[str, object], config: Config) -> str:
    parts = []
    products = answers.get("products")
    if isinstance(products, list) and products:
        parts.append("، ".join(config.label_of("categories", str(p)) for p in products))
    booth = answers.get("booth")
    if isinstance(booth, str):
        parts.append(tm.BOOTH_LABELS.get(booth, booth))
    people = answers.get("people")
    if isinstance(people, str):
        parts.append(tm.PEOPLE_LABEL.format(count=to_persian_digits(people)))
    return SEPARATOR.join(parts)


async def responses(session: AsyncSession, who: Identity, config: Config, event_id: int) -> Responses:
    """One row per member who responded, participants first, then the waitlist, then the interested."""
    event, details = await xa.load(
        session, who, config, event_id, states=lc.allowing(lc.EXHIBITION, lc.EXPORT)
    )
    stmt = (
        select(ExhibitionResponse, Member, Seat)
        .join(Member, Member.id == ExhibitionResponse.member_id)
        .outerjoin(
            Seat,
            (Seat.event_id == ExhibitionResponse.event_id) & (Seat.member_id == Member.id),
        )
        .where(ExhibitionResponse.event_id == event_id)
        .order_by(ExhibitionResponse.created_at, ExhibitionResponse.id)
    )
    have: dict[int, int] = {}
    for member_id in (
        await session.execute(
            select(ParticipantDocument.member_id).where(ParticipantDocument.event_id == event_id)
        )
    ).scalars():
        have[member_id] = have.get(member_id, 0) + 1
    need = len(details.documents or [])
    waiting = 0
    out: list[tuple[int, list[CellValue]]] = []
    order: dict[str, int] = {
        SeatStatus.REGISTERED: 0,
        SeatStatus.OFFERED: 1,
        SeatStatus.WAITLISTED: 2,
        ExhibitionChoice.INTERESTED: 3,
    }
    for response, member, registration in (await session.execute(stmt)).all():
        status = registration.status if registration is not None else response.choice
        if status == ExhibitionChoice.PARTICIPATE:  # never signed up (should not happen): shown as answered
            status = ExhibitionChoice.INTERESTED
        waiting += status == SeatStatus.WAITLISTED
        row: list[CellValue] = [
            member.full_name,
            local_mobile(member.phone),
            config.label_of("roles", member.role),
            _place(member, config),
            t.RESPONSE_LABELS.get(status, status),
            waiting if status == SeatStatus.WAITLISTED else None,
            _answers(response.answers or {}, config),
            to_persian_digits(f"{have.get(member.id, 0)}/{need}") if need else "",
            jalali_stamp(response.created_at),
        ]
        out.append((order.get(status, 4), row))
    return Responses(event, [row for _, row in sorted(out, key=lambda pair: pair[0])])


def to_xlsx(found: Responses) -> bytes:
    return xlsx_table(t.XLSX_SHEET, t.EXPORT_HEADERS, found.rows, WIDTHS)


def to_csv(found: Responses) -> bytes:
    return csv_table(t.EXPORT_HEADERS, found.rows)


def file_name(title: str, extension: str, now: datetime) -> str:
    return spreadsheet.file_name(t.EXPORT_FILE, title, now, extension)
