"""export profiles, introductions and consortia

Revision ID: 0007_consortia
Revises: 0006_surveys
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision: str = "0007_consortia"
down_revision: str | None = "0006_surveys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass  # filled in by the consortia work


def downgrade() -> None:
    pass
