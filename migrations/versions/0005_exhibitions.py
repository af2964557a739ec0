"""exhibitions and tours

Revision ID: 0005_exhibitions
Revises: 0004_events
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0005_exhibitions"
down_revision: str | None = "0004_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exhibition_details",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("trip_kind", sa.String(length=16), nullable=False),
        sa.Column("city", sa.String(length=120), nullable=False),
        sa.Column("country", sa.String(length=120), nullable=False),
        sa.Column("costs", sa.Text(), nullable=True),
        sa.Column("subsidy", sa.Text(), nullable=True),
        sa.Column("poster_file_id", sa.String(length=255), nullable=True),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("documents_deadline", models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_exhibition_details_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_exhibition_details")),
    )
    op.create_table(
        "exhibition_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("choice", sa.String(length=16), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_exhibition_responses_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_exhibition_responses_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exhibition_responses")),
        sa.UniqueConstraint("event_id", "member_id", name="uq_exhibition_responses_event_member"),
    )
    with op.batch_alter_table("exhibition_responses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exhibition_responses_member_id"), ["member_id"], unique=False)

    op.create_table(
        "participant_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("doc_key", sa.String(length=16), nullable=False),
        sa.Column("file_kind", sa.String(length=16), nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("received_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_participant_documents_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_participant_documents_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant_documents")),
        sa.UniqueConstraint(
            "event_id", "member_id", "doc_key", name="uq_participant_documents_event_member_doc"
        ),
    )
    with op.batch_alter_table("participant_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_documents_member_id"), ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("participant_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_documents_member_id"))
    op.drop_table("participant_documents")
    with op.batch_alter_table("exhibition_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exhibition_responses_member_id"))
    op.drop_table("exhibition_responses")
    op.drop_table("exhibition_details")
