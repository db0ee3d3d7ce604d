"""search at a million items (PostgreSQL): finer word statistics and GIN indexes without a pending list

Keyword search reads each query word's matches in item id order when the word is common and from the
GIN index when it is rare (``search.item_queries``); PostgreSQL chooses by its statistics of the words.
With the default statistics target it keeps the frequencies of only about 300 lexemes and guesses a
word missing from that list at half the rarest frequency kept (about 0.5%), so a word that occurs in
no item was read by walking all million rows (0.5 s). A target of 1,000 samples 300,000 rows and
keeps ten times as many lexemes.

``fastupdate = off``: new index rows go straight into the GIN index instead of a pending list that
every search scans until the next vacuum merges it (up to 4 MB of unsorted entries).

Nothing changes on SQLite (FTS5 tables).

Revision ID: 0013_search
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0013_search"
down_revision = "0012"
branch_labels = None
depends_on = None

INDEXES = (("item_fts", "ix_item_fts_terms"), ("page_fts", "ix_page_fts_terms"))
STATISTICS = 1000


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, index in INDEXES:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN terms SET STATISTICS {STATISTICS}")
        op.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
        op.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")
        op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, index in INDEXES:
        op.execute(f"ALTER INDEX {index} RESET (fastupdate)")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN terms SET STATISTICS -1")
