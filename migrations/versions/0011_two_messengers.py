"""Telegram and Bale in one deployment: deliveries and reports carry their messenger

deliveries.messenger (filled from the account), the claim index per messenger, broadcasts.admin_platform
and file_platform, bot_processes.messenger, members.phone_verified and preferred_platform.

Revision ID: 0011_two_messengers
Revises: 0010_broadcast_about_member
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_two_messengers"
down_revision: str | None = "0010_broadcast_about_member"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("messenger", sa.String(16), nullable=False, server_default="telegram"))
    op.execute(
        "UPDATE deliveries SET messenger = "
        "(SELECT accounts.platform FROM accounts WHERE accounts.id = deliveries.account_id) "
        "WHERE EXISTS (SELECT 1 FROM accounts WHERE accounts.id = deliveries.account_id)"
    )
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_claim")
        batch_op.create_index(
            "ix_deliveries_claim", ["broadcast_id", "messenger", "status", "id"], unique=False
        )
    with op.batch_alter_table("broadcasts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("admin_platform", sa.String(16), nullable=True))
        batch_op.add_column(sa.Column("file_platform", sa.String(16), nullable=True))
    with op.batch_alter_table("bot_processes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("messenger", sa.String(16), nullable=True))
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("phone_verified", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("preferred_platform", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("preferred_platform")
        batch_op.drop_column("phone_verified")
    with op.batch_alter_table("bot_processes", schema=None) as batch_op:
        batch_op.drop_column("messenger")
    with op.batch_alter_table("broadcasts", schema=None) as batch_op:
        batch_op.drop_column("file_platform")
        batch_op.drop_column("admin_platform")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_claim")
        batch_op.create_index("ix_deliveries_claim", ["broadcast_id", "status", "id"], unique=False)
        batch_op.drop_column("messenger")
