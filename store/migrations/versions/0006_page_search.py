"""page search: keyword index over document page text (page_fts)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

The same layout as ``item_fts`` (0002), keyed by ``pages.id``: on SQLite an FTS5 table (rowid = page
id; folded+stemmed terms and roman keys, the same tokenizer) and a trigger that drops a page's row when
the page is deleted, which also fires for the cascade from a deleted document; on PostgreSQL a table
with a tsvector (GIN) whose foreign key cascades. Rows are filled by store.fts: on every write of a
page, and for pages stored before this revision when the service starts (``sync_index``).
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS page_fts USING fts5("
    "body, roman, tokenize=\"unicode61 remove_diacritics 0 categories 'L* N* Co M*'\")"
)
SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS pages_fts_delete AFTER DELETE ON pages "
    "BEGIN DELETE FROM page_fts WHERE rowid = old.id; END"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_FTS)
        op.execute(SQLITE_TRIGGER)
    else:
        op.execute(
            "CREATE TABLE page_fts ("
            "page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE, "
            "terms tsvector NOT NULL)"
        )
        op.execute("CREATE INDEX ix_page_fts_terms ON page_fts USING GIN (terms)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS pages_fts_delete")
    op.execute("DROP TABLE IF EXISTS page_fts")
