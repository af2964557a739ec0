"""export profiles, introductions and consortia

Revision ID: 0007_consortia
Revises: 0006_surveys
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0007_consortia"
down_revision: str | None = "0006_surveys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, models.base.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "export_profiles",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("markets", sa.JSON(), nullable=False),
        sa.Column("certifications", sa.JSON(), nullable=False),
        sa.Column("offers", sa.JSON(), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("experience", sa.String(length=16), nullable=False),
        sa.Column("opted_out", sa.Boolean(), nullable=False),
        _utc("created_at"),
        _utc("updated_at"),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_export_profiles_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_export_profiles")),
    )
    with op.batch_alter_table("export_profiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_export_profiles_opted_out"), ["opted_out"], unique=False)

    op.create_table(
        "profile_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("crop", sa.String(length=60), nullable=True),
        sa.Column("monthly_capacity", sa.BigInteger(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["export_profiles.member_id"],
            name=op.f("fk_profile_products_member_id_export_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_products")),
    )
    with op.batch_alter_table("profile_products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_profile_products_member_id"), ["member_id"], unique=False)

    op.create_table(
        "introductions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        _utc("created_at"),
        _utc("answered_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["members.id"],
            name=op.f("fk_introductions_requester_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["members.id"], name=op.f("fk_introductions_target_id_members"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_introductions")),
        sa.UniqueConstraint("requester_id", "target_id", name="uq_introductions_pair"),
    )
    with op.batch_alter_table("introductions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_introductions_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_introductions_requester_id"), ["requester_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_introductions_target_id"), ["target_id"], unique=False)

    op.create_table(
        "consortia",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("market", sa.String(length=16), nullable=False),
        sa.Column("focus", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        _utc("created_at"),
        _utc("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consortia")),
    )

    op.create_table(
        "consortium_members",
        sa.Column("consortium_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        _utc("invited_at"),
        _utc("answered_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["consortium_id"],
            ["consortia.id"],
            name=op.f("fk_consortium_members_consortium_id_consortia"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_consortium_members_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("consortium_id", "member_id", name=op.f("pk_consortium_members")),
    )
    with op.batch_alter_table("consortium_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consortium_members_member_id"), ["member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("consortium_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consortium_members_member_id"))
    op.drop_table("consortium_members")
    op.drop_table("consortia")
    with op.batch_alter_table("introductions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_introductions_target_id"))
        batch_op.drop_index(batch_op.f("ix_introductions_requester_id"))
        batch_op.drop_index(batch_op.f("ix_introductions_created_at"))
    op.drop_table("introductions")
    with op.batch_alter_table("profile_products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profile_products_member_id"))
    op.drop_table("profile_products")
    with op.batch_alter_table("export_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_profiles_opted_out"))
    op.drop_table("export_profiles")
