"""web dashboard: one-time links and browser sessions (hashes only)

Revision ID: 0016_dashboard
Revises: 0015_audit
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0016_dashboard"
down_revision: str | None = "0015_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dashboard_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("admin_platform", sa.String(length=16), nullable=False),
        sa.Column("admin_user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", models.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_dashboard_links_token_hash")),
    )
    op.create_table(
        "dashboard_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_hash", sa.String(length=64), nullable=False),
        sa.Column("admin_platform", sa.String(length=16), nullable=False),
        sa.Column("admin_user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_sessions")),
        sa.UniqueConstraint("session_hash", name=op.f("uq_dashboard_sessions_session_hash")),
    )


def downgrade() -> None:
    op.drop_table("dashboard_sessions")
    op.drop_table("dashboard_links")
