"""export: pushed-items record and the reminders outbox

Revision ID: 0003
Revises: 0001
Create Date: 2026-01-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pushed_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("tracker", sa.String(length=20), nullable=False),
        sa.Column("remote_key", sa.String(length=100), nullable=False),
        sa.Column("remote_url", sa.Text(), nullable=True),
        sa.Column("pushed_by", sa.String(length=100), nullable=True),
        sa.Column("pushed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["action_items.id"], name=op.f("fk_pushed_items_item_id_action_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pushed_items")),
        sa.UniqueConstraint("item_id", "tracker", name="uq_pushed_items_item_tracker"),
    )
    op.create_index(op.f("ix_pushed_items_item_id"), "pushed_items", ["item_id"], unique=False)

    op.create_table(
        "outbox_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.String(length=200), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fanned_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_events")),
        sa.UniqueConstraint("event_key", name=op.f("uq_outbox_events_event_key")),
    )
    op.create_index(op.f("ix_outbox_events_item_id"), "outbox_events", ["item_id"], unique=False)
    op.create_index(op.f("ix_outbox_events_fanned_out_at"), "outbox_events", ["fanned_out_at"], unique=False)

    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("target", sa.String(length=500), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["outbox_events.id"], name=op.f("fk_deliveries_event_id_outbox_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint("event_id", "channel", "target", name="uq_deliveries_event_target"),
    )
    op.create_index(op.f("ix_deliveries_event_id"), "deliveries", ["event_id"], unique=False)
    op.create_index("ix_deliveries_pending", "deliveries", ["delivered_at", "next_attempt_at"], unique=False)


def downgrade() -> None:
    op.drop_table("deliveries")
    op.drop_table("outbox_events")
    op.drop_table("pushed_items")
