"""normalised responsibles, a folded issuer key, priority indexes: list filters as index range scans

Revision ID: 0011_responsibles
Revises: 0010
Create Date: 2026-12-03

* ``item_responsibles``: one row per responsible person of an item (folded key, folded "name
  designation" for the filter, the office whose alias the key is), kept by ``store.responsibles``.
* ``search_terms``: the distinct folded terms the substring filters scan (responsible, issuer).
* PostgreSQL: ``documents (meeting_date DESC NULLS LAST)`` for ``sort=-meeting_date``; a pg_trgm GIN
  index on ``text`` for ``q=`` (ILIKE) when the extension is available.
* ``action_items.issuer_key`` with ``(issuer_key, created_at, id)``; ``(priority, created_at, id)`` for
  ``priority=``; an expression index on the priority rank for ``sort=priority``.

The backfill reads every item's JSON list once, through the same code the flush hook uses.
Query plans before and after: docs/performance.md.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_responsibles"
down_revision = "0010"
branch_labels = None
depends_on = None

MEETING_DESC = "ix_documents_meeting_date_desc"
TEXT_TRGM = "ix_action_items_text_trgm"
PRIORITY_RANK_SQL = "(CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 1 END)"


def upgrade() -> None:
    op.create_table(
        "item_responsibles",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("search", sa.String(length=600), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("designation", sa.Text(), nullable=True),
        sa.Column("office_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["action_items.id"], name=op.f("fk_item_responsibles_item_id_action_items"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_item_responsibles_office_id_offices"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("item_id", "position", name=op.f("pk_item_responsibles")),
    )
    op.create_index("ix_item_responsibles_search_item", "item_responsibles", ["search", "item_id"])
    op.create_index("ix_item_responsibles_key_item", "item_responsibles", ["key", "item_id"])
    op.create_index("ix_item_responsibles_office_item", "item_responsibles", ["office_id", "item_id"])
    op.create_table(
        "search_terms",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("term", sa.String(length=600), nullable=False),
        sa.PrimaryKeyConstraint("kind", "term", name=op.f("pk_search_terms")),
    )
    op.add_column("action_items", sa.Column("issuer_key", sa.String(length=300), nullable=True))
    op.create_index("ix_action_items_issuer_created", "action_items", ["issuer_key", "created_at", "id"])
    op.create_index("ix_action_items_priority_created", "action_items", ["priority", "created_at", "id"])
    op.create_index("ix_action_items_priority_rank", "action_items", [sa.text(PRIORITY_RANK_SQL), "id"])
    if op.get_bind().dialect.name == "postgresql":
        # sort=-meeting_date is DESC NULLS LAST, which PostgreSQL cannot read from the ascending index
        # (SQLite's NULLs sort first already, so its backward scan serves it)
        op.execute(f"CREATE INDEX {MEETING_DESC} ON documents (meeting_date DESC NULLS LAST)")
        _text_trigrams()
    from store.responsibles import sync

    sync(op.get_bind())


def _text_trigrams() -> None:
    """``q=`` (a substring of the text: ``text ILIKE``) through a pg_trgm GIN index, when the
    extension can be had (it is a trusted one: the database owner may create it). Without it the
    filter stays a scan, as before."""
    bind = op.get_bind()
    if not bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first():
        return
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        return
    op.execute(f"CREATE INDEX {TEXT_TRGM} ON action_items USING gin (text gin_trgm_ops)")


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {TEXT_TRGM}")
    op.execute(f"DROP INDEX IF EXISTS {MEETING_DESC}")
    for name in ("ix_action_items_priority_rank", "ix_action_items_priority_created", "ix_action_items_issuer_created"):
        op.drop_index(name, table_name="action_items")
    with op.batch_alter_table("action_items") as batch:
        batch.drop_column("issuer_key")
    op.drop_table("search_terms")
    op.drop_table("item_responsibles")
