"""Broadcasts and their per-recipient deliveries: the database is the truth for the delivery engine."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class Broadcast(Base):
    """One announcement: its content, audience, schedule, state and counters."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # BroadcastStatus
    created_by: Mapped[int] = mapped_column(BigInteger)  # admin's messenger user id; 0 = the bot itself
    # Idempotency key of broadcasts the bot creates itself (e.g. "digest:2026-W48"): never twice.
    origin: Mapped[str | None] = mapped_column(String(64), unique=True)
    admin_chat_id: Mapped[int] = mapped_column(BigInteger)  # where progress and reports go
    # the messenger of admin_chat_id (Platform); None: rows from before Bale ran beside Telegram
    admin_platform: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))  # BroadcastKind
    text_html: Mapped[str | None] = mapped_column(Text)  # text or caption, Telegram HTML
    file_id: Mapped[str | None] = mapped_column(String(255))
    # the messenger file_id belongs to (file ids are per messenger: others get the file re-uploaded)
    file_platform: Mapped[str | None] = mapped_column(String(16))
    buttons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    segment: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    mirror_to_channel: Mapped[bool] = mapped_column(Boolean, default=False)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    total: Mapped[int] = mapped_column(Integer, default=0)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)
    pause_reason: Mapped[str | None] = mapped_column(String(255))
    mirrored: Mapped[bool] = mapped_column(Boolean, default=False)
    # The member whose personal data the text carries (a business or contact card sent on an introduction):
    # when that member erases their data, this text is erased too.
    about_member_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Delivery(Base):
    """One recipient of one broadcast; unique per (broadcast, member) so fan-out is idempotent."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "member_id", name="uq_deliveries_broadcast_member"),
        # claims: one broadcast, one messenger, in id order
        Index("ix_deliveries_claim", "broadcast_id", "messenger", "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    # the messenger of account_id/chat_id (Platform): only that messenger's worker claims the row
    messenger: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16))  # DeliveryStatus
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # duplicate_cause (DuplicateCause): an earlier send may have arrived; maybe_duplicate: it was sent again
    maybe_duplicate: Mapped[bool] = mapped_column(Boolean, default=False)
    duplicate_cause: Mapped[str | None] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(String(255))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[int | None] = mapped_column(BigInteger)


class BotProcess(Base):
    """A running bot process's heartbeat: live processes share Telegram's send budget between them."""

    __tablename__ = "bot_processes"

    worker_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    receives_updates: Mapped[bool] = mapped_column(Boolean, default=False)  # polls: it also sends replies
    # each messenger has its own send budget: processes share it per messenger
    messenger: Mapped[str | None] = mapped_column(String(16))
