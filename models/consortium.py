"""Export profiles (what a member grows, for which markets), introductions between members, consortia."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime
from models.enums import ExportExperience


class ExportProfile(Base):
    """A member's business profile for export, separate from the basic one; lists hold config keys."""

    __tablename__ = "export_profiles"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    markets: Mapped[list[str]] = mapped_column(JSON, default=list)
    certifications: Mapped[list[str]] = mapped_column(JSON, default=list)
    offers: Mapped[list[str]] = mapped_column(JSON, default=list)
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    experience: Mapped[str] = mapped_column(String(16), default=ExportExperience.NONE)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    products: Mapped[list[ProfileProduct]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ProfileProduct.id"
    )


class ProfileProduct(Base):
    """One product line: a category, an optional crop (free text), monthly capacity and its unit."""

    __tablename__ = "profile_products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("export_profiles.member_id", ondelete="CASCADE"), index=True
    )
    category: Mapped[str] = mapped_column(String(16))
    crop: Mapped[str | None] = mapped_column(String(60))
    monthly_capacity: Mapped[int] = mapped_column(BigInteger)
    unit: Mapped[str] = mapped_column(String(16))


class Introduction(Base):
    """A double opt-in request: contacts are shared only once the target accepts."""

    __tablename__ = "introductions"
    __table_args__ = (UniqueConstraint("requester_id", "target_id", name="uq_introductions_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # IntroductionStatus
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Consortium(Base):
    __tablename__ = "consortia"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    market: Mapped[str] = mapped_column(String(16))
    focus: Mapped[str] = mapped_column(String(16))  # a product category key
    stage: Mapped[str] = mapped_column(String(16))  # ConsortiumStage
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConsortiumMember(Base):
    """An invitation to a consortium and its answer (ConsortiumMemberStatus)."""

    __tablename__ = "consortium_members"

    consortium_id: Mapped[int] = mapped_column(
        ForeignKey("consortia.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
