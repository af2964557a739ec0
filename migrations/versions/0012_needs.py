"""technology needs: their status history, members who share them, solution providers, actions taken

Revision ID: 0012_needs
Revises: 0011_two_messengers
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0012_needs"
down_revision: str | None = "0011_two_messengers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "needs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_needs")),
    )
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_needs_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_needs_status"), ["status"], unique=False)

    op.create_table(
        "solution_providers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=60), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("knowledge_based", sa.Boolean(), nullable=False),
        sa.Column("contact_public", sa.Boolean(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_solution_providers")),
    )
    op.create_table(
        "need_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("by_user_id", sa.BigInteger(), nullable=False),
        sa.Column("at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_need_events_need_id_needs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need_events")),
    )
    with op.batch_alter_table("need_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_need_events_need_id"), ["need_id"], unique=False)

    op.create_table(
        "need_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("added_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_need_links_need_id_needs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need_links")),
        sa.UniqueConstraint("need_id", "kind", "target_id", name="uq_need_links_target"),
    )
    with op.batch_alter_table("need_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_need_links_need_id"), ["need_id"], unique=False)

    op.create_table(
        "need_members",
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("notices", sa.Boolean(), nullable=False),
        sa.Column("added_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_need_members_member_id_members"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_need_members_need_id_needs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("need_id", "member_id", name=op.f("pk_need_members")),
    )
    with op.batch_alter_table("need_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_need_members_member_id"), ["member_id"], unique=False)

    op.create_table(
        "need_providers",
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("added_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_need_providers_need_id_needs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["solution_providers.id"],
            name=op.f("fk_need_providers_provider_id_solution_providers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("need_id", "provider_id", name=op.f("pk_need_providers")),
    )
    with op.batch_alter_table("need_providers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_need_providers_provider_id"), ["provider_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("need_providers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_need_providers_provider_id"))

    op.drop_table("need_providers")
    with op.batch_alter_table("need_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_need_members_member_id"))

    op.drop_table("need_members")
    with op.batch_alter_table("need_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_need_links_need_id"))

    op.drop_table("need_links")
    with op.batch_alter_table("need_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_need_events_need_id"))

    op.drop_table("need_events")
    op.drop_table("solution_providers")
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_needs_status"))
        batch_op.drop_index(batch_op.f("ix_needs_published"))

    op.drop_table("needs")
