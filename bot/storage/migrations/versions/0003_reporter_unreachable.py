"""Reporters Telegram can no longer reach (they blocked the bot): reporters.unreachable_at.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 21:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the nullable unreachable_at column (NULL: reachable, as every existing reporter)."""
    op.add_column("reporters", sa.Column("unreachable_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    """Drop the column (batch mode, because older SQLite cannot drop a column in place)."""
    with op.batch_alter_table("reporters") as batch:
        batch.drop_column("unreachable_at")
