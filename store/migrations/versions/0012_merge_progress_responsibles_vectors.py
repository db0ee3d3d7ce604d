"""join job progress (0011_job_progress), normalised responsibles (0011_responsibles) and the vector
id change (0011_vectors)

Revision ID: 0012
Revises: 0011_job_progress, 0011_responsibles, 0011_vectors
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0012"
down_revision = ("0011_job_progress", "0011_responsibles", "0011_vectors")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the three branches touch different tables (jobs, item_responsibles, item_embeddings)."""


def downgrade() -> None:
    """Nothing to change."""
