"""job leases: a send is confirmed apart from its claim, and a running job records when it was last active

* ``jobs.sent_at``: set once the broker took the job. ``enqueued_at`` set without ``sent_at`` is a send
  that was claimed but never confirmed (the server died between the two): the sweep sends it again once
  it is older than ``NIRDESH_RESEND_SECONDS``.
* ``jobs.active_at``: when the job was claimed or last stored a page; ``jobs.claim_id``: the broker
  delivery (task id) that claimed it. Another delivery of a job's start takes over a running job only
  when it has been idle longer than the visibility timeout (its worker died); a duplicate start of a live
  job does nothing and uses none of its attempts. The claiming delivery itself, retried after an error
  (the database was away) or redelivered when its worker process died, resumes it at once.

Rows sent before this migration count as sent; running ones as active when they started.

Revision ID: 0026_job_leases
Revises: 0025_text_pairs
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0026_job_leases"
down_revision = "0025_text_pairs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("active_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("claim_id", sa.String(length=200), nullable=True))
    op.execute("UPDATE jobs SET sent_at = enqueued_at WHERE enqueued_at IS NOT NULL")
    op.execute("UPDATE jobs SET active_at = started_at WHERE status = 'running'")


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("claim_id")
        batch_op.drop_column("active_at")
        batch_op.drop_column("sent_at")
