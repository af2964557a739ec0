"""The audit log: one row per admin action (who, when, what, on which object); never a member's phone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_object", "object_kind", "object_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor_platform: Mapped[str] = mapped_column(String(16))  # Platform
    actor_user_id: Mapped[int] = mapped_column(BigInteger)
    actor_name: Mapped[str] = mapped_column(String(120))  # a snapshot: the name when the action happened
    action: Mapped[str] = mapped_column(String(32))  # AuditAction
    object_kind: Mapped[str] = mapped_column(String(16))  # AuditKind
    object_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # an admin: their user id
    summary: Mapped[str] = mapped_column(String(300))  # phone numbers scrubbed
