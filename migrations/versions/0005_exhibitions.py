"""exhibitions and tours

Revision ID: 0005_exhibitions
Revises: 0004_events
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision: str = "0005_exhibitions"
down_revision: str | None = "0004_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass  # filled in by the exhibitions-and-tours work


def downgrade() -> None:
    pass
