"""vectors: stored-embedding row ids are never reused on SQLite (AUTOINCREMENT)

The in-process vector index (``search.vector_store``) loads what is new by row id and is saved beside
the database with the last row id it holds. SQLite without AUTOINCREMENT hands the id of a deleted
last row to the next insert, so a re-embedded item could take a row id the saved index already had,
and its new vector would never be loaded. PostgreSQL ids come from a sequence: nothing to change.

Revision ID: 0011_vectors
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0011_vectors"
down_revision = "0010"
branch_labels = None
depends_on = None


def _recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "item_embeddings", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass


def upgrade() -> None:
    _recreate(True)


def downgrade() -> None:
    _recreate(False)
