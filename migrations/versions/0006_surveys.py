"""surveys

Revision ID: 0006_surveys
Revises: 0005_exhibitions
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision: str = "0006_surveys"
down_revision: str | None = "0005_exhibitions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass  # filled in by the surveys work


def downgrade() -> None:
    pass
