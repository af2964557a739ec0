"""deliveries.duplicate_cause and the bot_processes heartbeat table

Revision ID: 0009_delivery_faults
Revises: 0008_delivery_claim_index
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0009_delivery_faults"
down_revision: str | None = "0008_delivery_claim_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # why an earlier copy may have arrived (answer lost / bot stopped): the report says what happened
    op.add_column("deliveries", sa.Column("duplicate_cause", sa.String(length=16), nullable=True))
    # one row per live bot process, refreshed every tick: they split Telegram's send budget
    op.create_table(
        "bot_processes",
        sa.Column("worker_id", sa.String(length=64), nullable=False),
        sa.Column("seen_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("receives_updates", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("worker_id", name=op.f("pk_bot_processes")),
    )
    op.create_index(op.f("ix_bot_processes_seen_at"), "bot_processes", ["seen_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_bot_processes_seen_at"), table_name="bot_processes")
    op.drop_table("bot_processes")
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("duplicate_cause")
