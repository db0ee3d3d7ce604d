"""search: keyword index (item_fts) and stored embeddings (item_embeddings)

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-10

On SQLite ``item_fts`` is an FTS5 table keyed by the action item's id (rowid) with two columns:
folded+stemmed terms and roman keys (see nlp.query). Combining marks count as word characters so
that a Devanagari word stays one token. A trigger drops an item's row when the item is deleted.
On PostgreSQL it is a plain table with a tsvector built from the same terms (roman keys prefixed
with ``~``) by array_to_tsvector, so no text-search parser or dictionary touches the words; a GIN
index serves the @@ queries, and the foreign key's cascade handles deletes.
The rows are filled by store.fts (on write, and for existing items at startup).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS item_fts USING fts5("
    "body, roman, tokenize=\"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\")"
)
SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS action_items_fts_delete AFTER DELETE ON action_items "
    "BEGIN DELETE FROM item_fts WHERE rowid = old.id; END"
)


def upgrade() -> None:
    op.create_table(
        "item_embeddings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["action_items.id"], name=op.f("fk_item_embeddings_item_id_action_items"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_embeddings")),
        sa.UniqueConstraint("item_id", "model", name="uq_item_embeddings_item_model"),
    )
    op.create_index(op.f("ix_item_embeddings_item_id"), "item_embeddings", ["item_id"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_FTS)
        op.execute(SQLITE_TRIGGER)
    else:
        op.execute(
            "CREATE TABLE item_fts ("
            "item_id INTEGER PRIMARY KEY REFERENCES action_items(id) ON DELETE CASCADE, "
            "terms tsvector NOT NULL)"
        )
        op.execute("CREATE INDEX ix_item_fts_terms ON item_fts USING GIN (terms)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS action_items_fts_delete")
    op.execute("DROP TABLE IF EXISTS item_fts")
    op.drop_index(op.f("ix_item_embeddings_item_id"), table_name="item_embeddings")
    op.drop_table("item_embeddings")
