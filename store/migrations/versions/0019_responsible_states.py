"""the review state of each responsible row, kept by triggers: ``responsible=`` + ``tracked`` counts index-only

``item_responsibles.review_state``: the review state of the row's item, kept equal to
``action_items.review_state`` by database triggers whatever writes (an insert into
``item_responsibles`` takes the item's state; a change of the item's state is copied to its rows), as
0013 keeps ``item_offices.due_date``. With ``(search, review_state, item_id)`` the capped count of
``responsible=`` with ``tracked`` / ``review_state`` (the API's ``review=`` scope too) is one index-only
range scan of the people rows, instead of a probe of ``action_items`` per row (20,210 probes, 34 ms at
a million items on PostgreSQL).

PostgreSQL: a BEFORE INSERT row trigger on ``item_responsibles``; an AFTER UPDATE statement trigger on
``action_items`` (transition tables) copies the changed states in one UPDATE per statement. SQLite:
an AFTER INSERT row trigger on ``item_responsibles`` and an AFTER UPDATE OF review_state row trigger on
``action_items``. The writers' rollup triggers (0017, 0018) are not changed; on PostgreSQL 0017's
statement trigger on ``item_responsibles`` UPDATE re-derives the workload entries of those items (the
same rows: nothing in the rollup changes). The backfill runs with that trigger disabled (it would
re-derive every item's entries) and it is enabled again in the same transaction.

A later migration that rebuilds ``item_responsibles`` or ``action_items`` on SQLite with
``batch_alter_table`` drops these triggers and must create them again (``SQLITE_TRIGGERS``).

Query plans before and after: docs/performance.md ("Lists within 2x at a million").

Revision ID: 0019_responsible_states
Revises: 0018_scorecard_rollup
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_responsible_states"
down_revision = "0018_scorecard_rollup"
branch_labels = None
depends_on = None

INDEX = "ix_item_responsibles_search_state_item"
BACKFILL = (
    "UPDATE item_responsibles SET review_state = "
    "(SELECT a.review_state FROM action_items a WHERE a.id = item_responsibles.item_id)"
)
SQLITE_TRIGGERS = {
    "trg_item_responsibles_state_ins": """AFTER INSERT ON item_responsibles BEGIN
        UPDATE item_responsibles SET review_state = (SELECT review_state FROM action_items WHERE id = NEW.item_id)
        WHERE item_id = NEW.item_id AND position = NEW.position; END""",
    "trg_action_items_state_people": """AFTER UPDATE OF review_state ON action_items
        WHEN OLD.review_state IS NOT NEW.review_state BEGIN
        UPDATE item_responsibles SET review_state = NEW.review_state WHERE item_id = NEW.id; END""",
}
PG_FUNCTIONS = (
    """CREATE FUNCTION nirdesh_item_responsibles_state() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.review_state := (SELECT review_state FROM action_items WHERE id = NEW.item_id); RETURN NEW; END $$""",
    """CREATE FUNCTION nirdesh_action_items_state_people() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE item_responsibles p SET review_state = n.review_state
         FROM ot o JOIN nt n ON n.id = o.id
         WHERE p.item_id = n.id AND o.review_state IS DISTINCT FROM n.review_state
           AND p.review_state IS DISTINCT FROM n.review_state;
         RETURN NULL;
       END $$""",
)
PG_TRIGGERS = (
    """CREATE TRIGGER trg_item_responsibles_state_ins BEFORE INSERT ON item_responsibles
       FOR EACH ROW EXECUTE FUNCTION nirdesh_item_responsibles_state()""",
    """CREATE TRIGGER trg_action_items_state_people AFTER UPDATE ON action_items
       REFERENCING OLD TABLE AS ot NEW TABLE AS nt
       FOR EACH STATEMENT EXECUTE FUNCTION nirdesh_action_items_state_people()""",
)
WORKLOAD_PERSON_UPDATE = "trg_workload_person_upd"  # 0017's: re-derives the workload of updated rows' items


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column("item_responsibles", sa.Column("review_state", sa.String(20), nullable=True))
    if dialect == "postgresql":
        op.execute(f"ALTER TABLE item_responsibles DISABLE TRIGGER {WORKLOAD_PERSON_UPDATE}")
        op.execute(BACKFILL)
        op.execute(f"ALTER TABLE item_responsibles ENABLE TRIGGER {WORKLOAD_PERSON_UPDATE}")
    else:
        op.execute(BACKFILL)
    op.create_index(INDEX, "item_responsibles", ["search", "review_state", "item_id"])
    if dialect == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    elif dialect == "postgresql":
        for ddl in (*PG_FUNCTIONS, *PG_TRIGGERS):
            op.execute(ddl)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_action_items_state_people ON action_items")
        op.execute("DROP TRIGGER IF EXISTS trg_item_responsibles_state_ins ON item_responsibles")
        op.execute("DROP FUNCTION IF EXISTS nirdesh_action_items_state_people()")
        op.execute("DROP FUNCTION IF EXISTS nirdesh_item_responsibles_state()")
    op.drop_index(INDEX, table_name="item_responsibles")
    # a plain DROP COLUMN (SQLite >= 3.35): a batch rebuild would drop 0017's triggers on the table
    op.execute("ALTER TABLE item_responsibles DROP COLUMN review_state")
