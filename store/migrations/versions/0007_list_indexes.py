"""list indexes: the item list's default sort and the review filter are index range scans

Revision ID: 0007_list_indexes
Revises: 0006
Create Date: 2026-12-03

* ``(created_at, id)``: the default sort (newest first, id breaking ties) reads the index backwards and
  stops after one page; on PostgreSQL the single-column index left an incremental sort on id.
* ``(review_state, created_at, id)``: ``tracked=true`` / ``review_state=`` with the default sort.
* ``(due_date, id)``: the export order and ``sort=due_date`` with keyset paging.
Query plans before and after: docs/performance.md.
"""

from __future__ import annotations

from alembic import op

revision = "0007_list_indexes"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_action_items_created_id": ["created_at", "id"],
    "ix_action_items_review_created": ["review_state", "created_at", "id"],
    "ix_action_items_due_id": ["due_date", "id"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "action_items", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="action_items")
