"""Follow-ups and deadlines: due items, calendar overrides, case deadline and task columns.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, *, nullable: bool = False) -> sa.Column[object]:
    """A UTC timestamp column."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Create due_items and the calendar tables; add deadline and task columns to cases."""
    op.create_table(
        "due_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        _ts("due_at"),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        _ts("created_at"),
        _ts("done_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_due_items_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_due_items")),
        sa.UniqueConstraint("key", name=op.f("uq_due_items_key")),
    )
    op.create_index(op.f("ix_due_items_case_id"), "due_items", ["case_id"])
    op.create_index(op.f("ix_due_items_status_due_at"), "due_items", ["status", "due_at"])
    op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("region", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("day", "region", name=op.f("pk_calendar_overrides")),
    )
    op.create_table(
        "calendar_warnings",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        _ts("warned_at"),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_warnings")),
    )
    with op.batch_alter_table("cases") as batch:
        batch.add_column(_ts("resolved_at", nullable=True))
        batch.add_column(_ts("deadline_at", nullable=True))
        batch.add_column(
            sa.Column("escalations", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch.add_column(sa.Column("task", sa.String(20), nullable=True))
        batch.add_column(_ts("task_due_at", nullable=True))


def downgrade() -> None:
    """Drop what upgrade added."""
    with op.batch_alter_table("cases") as batch:
        for column in ("task_due_at", "task", "escalations", "deadline_at", "resolved_at"):
            batch.drop_column(column)
    op.drop_table("calendar_warnings")
    op.drop_table("calendar_overrides")
    op.drop_index(op.f("ix_due_items_status_due_at"), table_name="due_items")
    op.drop_index(op.f("ix_due_items_case_id"), table_name="due_items")
    op.drop_table("due_items")
