"""offices, their aliases and items, office tokens, and action-taken reports with attachments

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "offices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("designation", sa.Text(), nullable=False),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("district", sa.Text(), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offices")),
    )
    op.create_table(
        "office_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_office_aliases_office_id_offices"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_aliases")),
        sa.UniqueConstraint("key", name=op.f("uq_office_aliases_key")),
    )
    op.create_index(op.f("ix_office_aliases_office_id"), "office_aliases", ["office_id"])
    op.create_table(
        "item_offices",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("days_to_close", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["action_items.id"], name=op.f("fk_item_offices_item_id_action_items"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_item_offices_office_id_offices"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("item_id", "office_id", name=op.f("pk_item_offices")),
    )
    op.create_index("ix_item_offices_office_item", "item_offices", ["office_id", "item_id"])
    op.create_table(
        "office_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("submitted_by", sa.String(length=100), nullable=False),
        sa.Column("submitted_at", TS, nullable=False),
        sa.Column("review", sa.String(length=10), nullable=False),
        sa.Column("reviewed_by", sa.String(length=100), nullable=True),
        sa.Column("reviewed_at", TS, nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["action_items.id"], name=op.f("fk_office_reports_item_id_action_items"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_office_reports_office_id_offices"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_reports")),
        sa.UniqueConstraint("item_id", "office_id", "version", name="uq_office_reports_item_office_version"),
    )
    op.create_index(op.f("ix_office_reports_item_id"), "office_reports", ["item_id"])
    op.create_index(op.f("ix_office_reports_office_id"), "office_reports", ["office_id"])
    op.create_index("ix_office_reports_review", "office_reports", ["review"])
    op.create_table(
        "report_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("stored_path", sa.String(length=200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["office_reports.id"],
            name=op.f("fk_report_attachments_report_id_office_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_attachments")),
    )
    op.create_index(op.f("ix_report_attachments_report_id"), "report_attachments", ["report_id"])
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("office_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_api_tokens_office_id_offices"), "offices", ["office_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index(op.f("ix_api_tokens_office_id"), ["office_id"])


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_index(op.f("ix_api_tokens_office_id"))
        batch.drop_constraint(op.f("fk_api_tokens_office_id_offices"), type_="foreignkey")
        batch.drop_column("office_id")
    op.drop_table("report_attachments")
    op.drop_table("office_reports")
    op.drop_table("item_offices")
    op.drop_table("office_aliases")
    op.drop_table("offices")
