"""Documents a foreign trip needs (passport copy …): members send photos or files in the chat, the bot
keeps their Telegram file ids (never the files), members see a checklist, only admins see the files.

Sending one is a two-step conversation kept in `conversation_states` (flow `exh_doc`): the button of
a document, then the photo/file. Only active participants of a trip that asks for documents, before
it starts, can send; every step is re-checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Config
from bot.services.common import conversations as conv
from bot.services.common.audit import record
from bot.services.common.conversations import clear_state, start_flow, state_in, state_of
from bot.services.common.errors import InvalidInput, StaleAction
from bot.services.courses import admin as ca
from bot.services.courses import seats as en
from bot.services.courses.catalog import member_of
from bot.services.exhibitions import catalog as ex
from bot.services.members.accounts import Identity, touch_account
from models import Event, ExhibitionDetails, Member, ParticipantDocument, Seat
from models.enums import AuditAction, AuditKind, DocumentFileKind, EventStatus, SeatStatus

DOC_FLOW = "exh_doc"
FILE_KINDS = tuple(DocumentFileKind)
ADMIN_MAX_FILES = 60


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    received: bool


@dataclass(frozen=True)
class Checklist:
    event: Event
    details: ExhibitionDetails
    items: list[ChecklistItem]

    @property
    def missing(self) -> list[ChecklistItem]:
        return [i for i in self.items if not i.received]


@dataclass(frozen=True)
class StoredDocument:
    """One file for the admin: whose, which document, and the file id to send again."""

    member_name: str
    label: str
    file_kind: str
    file_id: str


async def _participant(
    session: AsyncSession, who: Identity, event_id: int
) -> tuple[Member, Event, ExhibitionDetails]:
    member = await member_of(session, who)
    event, details = await ex.load_item(session, event_id)
    if not details.documents:
        raise InvalidInput("no_documents")
    stmt = select(Seat.status).where(Seat.event_id == event_id, Seat.member_id == member.id)
    if (await session.execute(stmt)).scalar_one_or_none() not in en.ACTIVE:
        raise InvalidInput("not_participant")
    return member, event, details


async def _received(session: AsyncSession, event_id: int, member_id: int) -> set[str]:
    stmt = select(ParticipantDocument.doc_key).where(
        ParticipantDocument.event_id == event_id, ParticipantDocument.member_id == member_id
    )
    return set((await session.execute(stmt)).scalars())


async def checklist(session: AsyncSession, who: Identity, event_id: int) -> Checklist:
    member, event, details = await _participant(session, who, event_id)
    have = await _received(session, event_id, member.id)
    items = [ChecklistItem(d["key"], d["label"], d["key"] in have) for d in details.documents]
    return Checklist(event, details, items)


async def begin_document(
    session: AsyncSession, who: Identity, event_id: int, key: str, *, now: datetime
) -> str:
    """A document's button: wait for its photo or file; returns the document's label."""
    _, event, details = await _participant(session, who, event_id)
    if now >= event.starts_at or event.status == EventStatus.CANCELLED:
        raise StaleAction()
    label = next((d["label"] for d in details.documents if d["key"] == key), None)
    if label is None:
        raise StaleAction()
    account = await touch_account(session, who, now=now)
    await start_flow(session, account.id, flow=DOC_FLOW, step=key, data={"event_id": event_id}, now=now)
    return str(label)


async def receive_document(
    session: AsyncSession,
    who: Identity,
    *,
    file_kind: str,
    file_id: str,
    file_name: str | None,
    now: datetime,
) -> tuple[str, Checklist]:
    """The photo/file for the awaited document: stored (a re-send replaces it), then the checklist."""
    state = await state_in(session, who, (DOC_FLOW,))
    if file_kind not in FILE_KINDS or not file_id:
        raise InvalidInput("document_expected")
    event_id = int(state.data["event_id"])
    member, event, details = await _participant(session, who, event_id)
    label = next((d["label"] for d in details.documents if d["key"] == state.step), None)
    if label is None or now >= event.starts_at:
        await clear_state(session, state.account_id)
        raise StaleAction()
    stmt = select(ParticipantDocument).where(
        ParticipantDocument.event_id == event_id,
        ParticipantDocument.member_id == member.id,
        ParticipantDocument.doc_key == state.step,
    )
    stored = (await session.execute(stmt)).scalar_one_or_none()
    name = (file_name or "")[:255] or None
    if stored is None:
        session.add(
            ParticipantDocument(
                event_id=event_id,
                member_id=member.id,
                doc_key=state.step,
                file_kind=file_kind,
                file_id=file_id,
                file_name=name,
                received_at=now,
            )
        )
    else:
        stored.file_kind, stored.file_id, stored.file_name, stored.received_at = file_kind, file_id, name, now
    await clear_state(session, state.account_id)
    await session.flush()
    return str(label), await checklist(session, who, event_id)


async def missing_by_member(
    session: AsyncSession, event_id: int, details: ExhibitionDetails
) -> dict[int, list[str]]:
    """Registered participants → labels of the documents they have not sent (only those missing some)."""
    if not details.documents:
        return {}
    registered = select(Seat.member_id).where(Seat.event_id == event_id, Seat.status == SeatStatus.REGISTERED)
    received = select(ParticipantDocument.member_id, ParticipantDocument.doc_key).where(
        ParticipantDocument.event_id == event_id
    )
    have: dict[int, set[str]] = {}
    for member_id, key in (await session.execute(received)).all():
        have.setdefault(member_id, set()).add(key)
    out: dict[int, list[str]] = {}
    for member_id in (await session.execute(registered)).scalars():
        missing = [d["label"] for d in details.documents if d["key"] not in have.get(member_id, set())]
        if missing:
            out[member_id] = missing
    return out


async def for_admin(
    session: AsyncSession, who: Identity, config: Config, event_id: int, *, now: datetime | None = None
) -> list[StoredDocument]:
    """Every stored document of the trip (admins only): the handler sends each file id to the admin."""
    await ca.check_admin(session, who, config)
    details = await session.get(ExhibitionDetails, event_id)
    if details is None:
        raise StaleAction()
    labels = {d["key"]: d["label"] for d in details.documents}
    viewed = AuditAction.MEMBER_DATA_VIEWED
    await record(session, who, viewed, AuditKind.EXHIBITION, event_id, "documents", now=now)
    stmt = (
        select(ParticipantDocument, Member.full_name)
        .join(Member, Member.id == ParticipantDocument.member_id)
        .where(ParticipantDocument.event_id == event_id)
        .order_by(Member.full_name, ParticipantDocument.doc_key)
        .limit(ADMIN_MAX_FILES)
    )
    return [
        StoredDocument(name, labels.get(doc.doc_key, doc.doc_key), doc.file_kind, doc.file_id)
        for doc, name in (await session.execute(stmt)).all()
    ]


async def flow_of(session: AsyncSession, who: Identity) -> str | None:
    state = await state_of(session, who)
    return state.flow if state is not None else None


async def leave_flows(session: AsyncSession, who: Identity) -> None:
    """Drop a half-answered «شرکت می‌کنم» or an awaited document (a main-menu button was pressed)."""
    await conv.leave_flows(session, who, (DOC_FLOW, ex.JOIN_FLOW))
