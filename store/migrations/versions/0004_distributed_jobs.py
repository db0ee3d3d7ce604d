"""distributed jobs: page results and broker bookkeeping on jobs

Revision ID: 0004
Revises: 0001
Create Date: 2025-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("worker", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("pages_total", sa.Integer(), nullable=True))
    op.create_table(
        "page_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("extractor_version", sa.String(length=50), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("page", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.Column("worker", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_page_results_job_id_jobs"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_results")),
        sa.UniqueConstraint("sha256", "extractor_version", "number", name="uq_page_results_sha256_version_number"),
    )
    with op.batch_alter_table("page_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_page_results_job_id"), ["job_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("page_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_page_results_job_id"))
    op.drop_table("page_results")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("pages_total")
        batch_op.drop_column("worker")
        batch_op.drop_column("enqueued_at")
