"""the action plan: programme lines with yearly targets

Revision ID: 0014_programme
Revises: 0013_event_text_digits
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0014_programme"
down_revision: str | None = "0013_event_text_digits"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=32), nullable=False),
        sa.Column("target", sa.BigInteger(), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_lines")),
        sa.UniqueConstraint("year", "indicator", name="uq_plan_lines_year_indicator"),
    )
    with op.batch_alter_table("plan_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_lines_year"), ["year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("plan_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_lines_year"))
    op.drop_table("plan_lines")
