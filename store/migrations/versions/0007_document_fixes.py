"""document fixes: reviewer overrides of meeting facts and the document audit trail

Revision ID: 0007_document_fixes
Revises: 0006
Create Date: 2026-12-03

``documents.overrides`` holds the meeting date, place, department and chair a reviewer set; they win
over later extractions. ``document_audit`` records those edits, deletions and purges of originals; it
has no foreign key so that it outlives a deleted document.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_document_fixes"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("overrides", sa.JSON(), nullable=True))
    op.create_table(
        "document_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("field", sa.String(length=30), nullable=False),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_audit")),
    )
    op.create_index(op.f("ix_document_audit_document_id"), "document_audit", ["document_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_document_audit_document_id"), table_name="document_audit")
    op.drop_table("document_audit")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("overrides")
