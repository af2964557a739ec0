"""Members (people) and their messenger accounts (one row per platform user)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(16), index=True)
    # the phone came from the member's own shared contact (not typed): accounts link on it
    phone_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    # where messages go when the member has accounts on two messengers; None: the one used last
    preferred_platform: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16), index=True)
    place: Mapped[str] = mapped_column(String(16), index=True)
    place_other: Mapped[str | None] = mapped_column(String(80))
    area_m2: Mapped[int | None] = mapped_column(BigInteger)
    source: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    categories: Mapped[list[MemberCategory]] = relationship(
        back_populates="member",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="MemberCategory.category",
    )
    accounts: Mapped[list[Account]] = relationship(back_populates="member", lazy="selectin")

    @property
    def category_keys(self) -> list[str]:
        return [c.category for c in self.categories]


class MemberCategory(Base):
    __tablename__ = "member_categories"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)

    member: Mapped[Member] = relationship(back_populates="categories")


class Account(Base):
    """A messenger identity (Telegram or Bale user); linked to a member once registered."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("platform", "user_id", name="uq_accounts_platform_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"), index=True)
    platform: Mapped[str] = mapped_column(String(16))  # Platform
    user_id: Mapped[int] = mapped_column(BigInteger)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    start_payload: Mapped[str | None] = mapped_column(String(64))
    is_reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime())

    member: Mapped[Member | None] = relationship(back_populates="accounts", lazy="selectin")
