"""Mediator casework: offices, group bindings, mediators, case cards, notes, obligations.

Cases gain their routing (office, reason, informed offices), their owner (首接负责制),
contact/referral marks and a revision that makes outdated card buttons stale; outbox rows
remember the case they are about, so a mediator's reply to one reaches the right case.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 23:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, *, nullable: bool = False) -> sa.Column[object]:
    """A UTC timestamp column."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    """Create the casework tables and add the routing and ownership columns."""
    op.create_table(
        "offices",
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_offices")),
    )
    op.create_table(
        "group_bindings",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("office_code", sa.String(32), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("is_forum", sa.Boolean(), nullable=False),
        sa.Column("bound_by", sa.BigInteger(), nullable=False),
        _ts("bound_at"),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["offices.code"],
            name=op.f("fk_group_bindings_office_code_offices"),
        ),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_group_bindings")),
        sa.UniqueConstraint("office_code", name=op.f("uq_group_bindings_office_code")),
    )
    op.create_table(
        "unbound_groups",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        _ts("noticed_at"),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_unbound_groups")),
    )
    op.create_table(
        "mediators",
        sa.Column("telegram_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("phone", sa.String(20), nullable=True),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("telegram_id", name=op.f("pk_mediators")),
    )
    op.create_table(
        "case_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("is_forum", sa.Boolean(), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        _ts("created_at"),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_cards_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_cards")),
        sa.UniqueConstraint("case_id", "chat_id", name=op.f("uq_case_cards_case_id_chat_id")),
    )
    op.create_index(op.f("ix_case_cards_case_id"), "case_cards", ["case_id"])
    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("author_telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("file_id", sa.String(255), nullable=True),
        _ts("created_at"),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_notes_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")),
    )
    op.create_index(op.f("ix_case_notes_case_id"), "case_notes", ["case_id"])
    op.create_table(
        "obligations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(200), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("amount", sa.Numeric(14, 2), nullable=True),
        _ts("created_at"),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_obligations_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obligations")),
    )
    op.create_index(op.f("ix_obligations_case_id"), "obligations", ["case_id"])

    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("office_code", sa.String(32), nullable=True))
        batch.add_column(sa.Column("route_reason", sa.String(40), nullable=True))
        # Existing rows were never routed: an empty list of informed offices.
        batch.add_column(
            sa.Column("informed", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch.add_column(sa.Column("owner_telegram_id", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("owner_name", sa.String(200), nullable=True))
        batch.add_column(_ts("claimed_at", nullable=True))
        batch.add_column(_ts("contacted_at", nullable=True))
        batch.add_column(sa.Column("referral", sa.String(20), nullable=True))
        batch.add_column(
            sa.Column("revision", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
        batch.create_index(batch.f("ix_cases_office_code"), ["office_code"])
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        batch.create_index(
            batch.f("ix_outbox_chat_id_telegram_message_id"), ["chat_id", "telegram_message_id"]
        )


def downgrade() -> None:
    """Drop what upgrade added (batch mode: older SQLite cannot drop columns in place)."""
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index(batch.f("ix_outbox_chat_id_telegram_message_id"))
        batch.drop_column("case_id")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index(batch.f("ix_cases_office_code"))
        for column in (
            "revision",
            "referral",
            "contacted_at",
            "claimed_at",
            "owner_name",
            "owner_telegram_id",
            "informed",
            "route_reason",
            "office_code",
        ):
            batch.drop_column(column)
    op.drop_index(op.f("ix_obligations_case_id"), table_name="obligations")
    op.drop_table("obligations")
    op.drop_index(op.f("ix_case_notes_case_id"), table_name="case_notes")
    op.drop_table("case_notes")
    op.drop_index(op.f("ix_case_cards_case_id"), table_name="case_cards")
    op.drop_table("case_cards")
    op.drop_table("mediators")
    op.drop_table("unbound_groups")
    op.drop_table("group_bindings")
    op.drop_table("offices")
