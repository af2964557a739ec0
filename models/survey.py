"""Surveys (technology-needs assessments and others), members' responses and their answers.

A survey's questions live as validated JSON in `definition` (see bot/services/survey_definition.py).
Answers are rows, one per chosen option for choice questions, so results and "members who chose X"
segments are plain SQL on both databases.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime


class Survey(Base):
    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # SurveyStatus
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"questions": [...]}, already validated
    source_key: Mapped[str | None] = mapped_column(String(64))  # e.g. "tech_needs" for the shipped one
    segment: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # launch time (now or scheduled)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)  # None: closed by hand
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    invited: Mapped[int] = mapped_column(Integer, default=0)  # members the invitation went to
    broadcast_id: Mapped[int | None] = mapped_column(ForeignKey("broadcasts.id", ondelete="SET NULL"))
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)  # 0, 1 or 2
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SurveyResponse(Base):
    """One member's response to one survey; `current` is the question they are on (resume point)."""

    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("survey_id", "member_id", name="uq_survey_responses_survey_member"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # SurveyResponseStatus
    current: Mapped[str | None] = mapped_column(String(64))  # question key, None when completed
    history: Mapped[list[str]] = mapped_column(JSON, default=list)  # keys shown so far, for «بازگشت»
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SurveyAnswer(Base):
    """One answer value: choice questions have one row per chosen option; skipped questions have none.

    `choice` holds the option key (yes/no questions use "yes"/"no"); `number` holds numbers and scale
    values; `text` holds free text.
    """

    __tablename__ = "survey_answers"
    __table_args__ = (Index("ix_survey_answers_question", "survey_id", "question", "choice"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True
    )
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(String(64))
    choice: Mapped[str | None] = mapped_column(String(64))
    number: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())
