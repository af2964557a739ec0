"""events, exhibition_details: the CDA's text stored as typed (ASCII digits), not with every digit Persian

Until now the course and exhibition forms stored title, description, instructor, sessions, place, city,
country, costs, subsidy and document labels with every digit turned Persian, which broke links
(`…/class2` → `…/class۲`). The forms now store normalize_text's ASCII digits and the bot shows Persian
digits only in Persian runs (bot.persian.localize_digits). Those forms were the only writers and
normalize_text had made every digit ASCII first, so turning the Persian digits back gives exactly the
text the CDA typed. Data only; the downgrade leaves the text as it is (the old code shows it as stored).

Revision ID: 0013_event_text_digits
Revises: 0012_needs
Create Date: 2026-12-01
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0013_event_text_digits"
down_revision: str | None = "0012_needs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
_EVENTS = sa.table(
    "events",
    sa.column("id", sa.Integer),
    *(sa.column(name, sa.Text) for name in ("title", "description", "instructor", "sessions", "place")),
)
_DETAILS = sa.table(
    "exhibition_details",
    sa.column("event_id", sa.Integer),
    *(sa.column(name, sa.Text) for name in ("city", "country", "costs", "subsidy")),
    sa.column("documents", sa.JSON),
)


def _ascii(value: Any) -> Any:
    return value.translate(_ASCII) if isinstance(value, str) else value


def _fix(table: sa.TableClause, key: str, columns: tuple[str, ...]) -> None:
    bind = op.get_bind()
    for row in bind.execute(sa.select(table.c[key], *(table.c[c] for c in columns))).mappings():
        changed = {c: _ascii(row[c]) for c in columns if _ascii(row[c]) != row[c]}
        if changed:
            bind.execute(table.update().where(table.c[key] == row[key]).values(**changed))


def _fix_documents() -> None:
    bind = op.get_bind()
    for event_id, documents in bind.execute(sa.select(_DETAILS.c.event_id, _DETAILS.c.documents)):
        if not isinstance(documents, list):
            continue
        fixed = [{**d, "label": _ascii(d.get("label"))} if isinstance(d, dict) else d for d in documents]
        if fixed != documents:
            bind.execute(_DETAILS.update().where(_DETAILS.c.event_id == event_id).values(documents=fixed))


def upgrade() -> None:
    _fix(_EVENTS, "id", ("title", "description", "instructor", "sessions", "place"))
    _fix(_DETAILS, "event_id", ("city", "country", "costs", "subsidy"))
    _fix_documents()


def downgrade() -> None:
    pass
