"""Technology needs (نیاز فناورانه): their status history, the members who share them, the solution
providers who can serve them and the actions taken about them (courses, tours, broadcasts …)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class Need(Base):
    __tablename__ = "needs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16))  # a config categories key
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)  # NeedStatus
    published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    source: Mapped[str | None] = mapped_column(String(80))  # "<survey>:<question>:<choice>" when made so
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NeedEvent(Base):
    """One status change (the first row is the creation), with the CDA's dated note."""

    __tablename__ = "need_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # NeedStatus
    note: Mapped[str | None] = mapped_column(Text)
    by_user_id: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class NeedMember(Base):
    """A member who shares a need; `notices` off: not told when its status changes."""

    __tablename__ = "need_members"

    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    source: Mapped[str] = mapped_column(String(16))  # NeedMemberSource
    notices: Mapped[bool] = mapped_column(Boolean, default=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SolutionProvider(Base):
    """A company, university / research centre or expert who can solve needs (not a member)."""

    __tablename__ = "solution_providers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))  # ProviderKind
    field: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(60))
    contact: Mapped[str] = mapped_column(String(200))
    knowledge_based: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_public: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NeedProvider(Base):
    __tablename__ = "need_providers"

    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True)
    provider_id: Mapped[int] = mapped_column(
        ForeignKey("solution_providers.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NeedLink(Base):
    """An action taken about a need: a course, tour, exhibition, consortium or broadcast (NeedLinkKind)."""

    __tablename__ = "need_links"
    __table_args__ = (UniqueConstraint("need_id", "kind", "target_id", name="uq_need_links_target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # NeedLinkKind
    target_id: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())
