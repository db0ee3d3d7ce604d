"""join the list-index branch (0007_list_indexes) with the main line (0009_usage)

Revision ID: 0010
Revises: 0009_usage, 0007_list_indexes
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0010"
down_revision = ("0009_usage", "0007_list_indexes")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the list indexes touch no table the other branches change."""


def downgrade() -> None:
    """Nothing to change."""
