"""The action plan the steering council approved: one row per programme line (year, indicator, target)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class PlanLine(Base):
    """A target for one Jalali year and one indicator the bot counts (bot/services/programme/plan.py)."""

    __tablename__ = "plan_lines"
    __table_args__ = (UniqueConstraint("year", "indicator", name="uq_plan_lines_year_indicator"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)  # Jalali year, e.g. 1405
    indicator: Mapped[str] = mapped_column(String(32))  # a key of plan.INDICATORS
    target: Mapped[int] = mapped_column(BigInteger)
    label: Mapped[str] = mapped_column(String(120))
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
