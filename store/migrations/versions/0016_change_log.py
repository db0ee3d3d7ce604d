"""a log of the transactions that changed what search filters read (PostgreSQL)

The search service remembers the ids of the items passing a filter (``search.filter_ids``) while the
data stay the same. SQLite says when they changed (``PRAGMA data_version``); PostgreSQL has no such
stamp, so a statement-level trigger on the tables a filter reads (action_items, documents,
item_responsibles, search_terms) records the writing transaction's id here, once per transaction
(``ON CONFLICT DO NOTHING``: writers never wait for each other, unlike a shared counter row). A set
read at snapshot S is still valid when no transaction logged here is visible now but was not in S;
the check is a range of the primary key from S's xmin. ``filter_ids.trim_changes`` removes old rows.

Revision ID: 0016_change_log
Revises: 0015_department_trigrams
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0016_change_log"
down_revision = "0015_department_trigrams"
branch_labels = None
depends_on = None

WATCHED = ("action_items", "documents", "item_responsibles", "search_terms")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE TABLE nirdesh_changes (xid xid8 PRIMARY KEY)")
    # the lowest xid still logged: a set read at a snapshot older than this cannot be checked any more
    op.execute("CREATE TABLE nirdesh_changes_floor (id int PRIMARY KEY CHECK (id = 1), xid xid8 NOT NULL)")
    op.execute("INSERT INTO nirdesh_changes_floor VALUES (1, '0'::xid8)")
    op.execute(
        """CREATE FUNCTION nirdesh_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO nirdesh_changes VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$"""
    )
    for table in WATCHED:
        op.execute(
            f"CREATE TRIGGER nirdesh_changes_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION nirdesh_log_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in WATCHED:
        op.execute(f"DROP TRIGGER IF EXISTS nirdesh_changes_{table} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS nirdesh_log_change()")
    op.execute("DROP TABLE IF EXISTS nirdesh_changes_floor")
    op.execute("DROP TABLE IF EXISTS nirdesh_changes")
