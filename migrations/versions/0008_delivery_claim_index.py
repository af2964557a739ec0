"""deliveries: claim index in claim order (broadcast, status, id)

Revision ID: 0008_delivery_claim_index
Revises: 0007_consortia
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_delivery_claim_index"
down_revision: str | None = "0007_consortia"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # claims read one running broadcast's pending rows in id order: an index range scan, constant time
    op.drop_index("ix_deliveries_claim", table_name="deliveries")
    op.create_index("ix_deliveries_claim", "deliveries", ["broadcast_id", "status", "id"])


def downgrade() -> None:
    op.drop_index("ix_deliveries_claim", table_name="deliveries")
    op.create_index("ix_deliveries_claim", "deliveries", ["broadcast_id", "status", "next_attempt_at"])
