"""join the document-fixes (0007_document_fixes) and offices (0007) branches

Revision ID: 0008
Revises: 0007_document_fixes, 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0008"
down_revision = ("0007_document_fixes", "0007")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the two branches touch different tables and columns."""


def downgrade() -> None:
    """Nothing to change."""
