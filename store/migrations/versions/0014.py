"""join list indexes (0013_lists) and keyword index settings (0013_search)

Revision ID: 0014
Revises: 0013_lists, 0013_search
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0014"
down_revision = ("0013_lists", "0013_search")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the branches touch different things (list indexes and triggers; the FTS indexes)."""


def downgrade() -> None:
    """Nothing to change."""
