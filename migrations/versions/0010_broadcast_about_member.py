"""broadcasts: the member whose personal data a message carries (erased with the member)

Revision ID: 0010_broadcast_about_member
Revises: 0009_delivery_faults
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_broadcast_about_member"
down_revision: str | None = "0009_delivery_faults"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("broadcasts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("about_member_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_broadcasts_about_member_id"), ["about_member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("broadcasts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_broadcasts_about_member_id"))
        batch_op.drop_column("about_member_id")
