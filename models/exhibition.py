"""Exhibitions and visit tours: what an Event of kind exhibition/tour adds, members' responses, documents.

Taking part (a seat on a tour, a place in a shared booth) is a `Seat` of the sign-up engine,
so capacity, the waitlist and offers work as for courses; `ExhibitionResponse` keeps what the member
chose (interested / take part) and their short answers; `ParticipantDocument` the Telegram file ids of
the documents a foreign trip needs (never the files themselves).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class ExhibitionDetails(Base):
    """One per exhibition or tour event: kind of trip, where, costs, poster and required documents."""

    __tablename__ = "exhibition_details"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    trip_kind: Mapped[str] = mapped_column(String(16))  # TripKind
    city: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(120))
    costs: Mapped[str | None] = mapped_column(Text)
    subsidy: Mapped[str | None] = mapped_column(Text)
    poster_file_id: Mapped[str | None] = mapped_column(String(255))
    # [{"key": "d1", "label": "کپی گذرنامه"}, …]: keys are stable, labels shown to members
    documents: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    documents_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ExhibitionResponse(Base):
    """A member's answer to an announcement: interested (keep me informed) or taking part, with answers."""

    __tablename__ = "exhibition_responses"
    __table_args__ = (UniqueConstraint("event_id", "member_id", name="uq_exhibition_responses_event_member"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    choice: Mapped[str] = mapped_column(String(16))  # ExhibitionChoice
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ParticipantDocument(Base):
    """One required document a participant sent, as the Telegram file id (a re-send replaces it)."""

    __tablename__ = "participant_documents"
    __table_args__ = (
        UniqueConstraint(
            "event_id", "member_id", "doc_key", name="uq_participant_documents_event_member_doc"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    doc_key: Mapped[str] = mapped_column(String(16))
    file_kind: Mapped[str] = mapped_column(String(16))  # DocumentFileKind
    file_id: Mapped[str] = mapped_column(String(255))
    file_name: Mapped[str | None] = mapped_column(String(255))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
