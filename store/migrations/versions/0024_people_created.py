"""An officer's items newest first: ``item_responsibles.created_at`` and an index ``(search, created_at, item_id)``

``q=`` + ``responsible=`` (one officer) on PostgreSQL was paged from the ids of every matching item, read
from ``item_words``' GIN bitmap (``हैंडपंपों`` + ``अधिशासी अभियंता``: 6,401 ids, one ``item_words`` heap page
each, 20-28 ms). With the item's ``created_at`` on each people row and this index, the page walks the
officer's rows in the list's order and probes each item's words by primary key, stopping at the page's
last match: about limit x officer rows / matches rows (790 for that pair: 1.3 ms). See
``store.repository.officer_page``.

``created_at`` is a copy of the item's, kept by triggers (PostgreSQL only; SQLite has no such column):

* ``nirdesh_item_responsibles_state`` (0019's BEFORE INSERT row trigger, which copied the review
  state) now copies ``created_at`` too, in the same lookup; ``trg_item_responsibles_created_upd`` does
  the same when a people row's ``item_id`` or ``created_at`` is updated;
* ``trg_action_items_created_people``: AFTER UPDATE OF ``created_at`` on ``action_items`` (a row trigger:
  PostgreSQL allows no transition tables on a trigger with a column list; it fires only when the
  UPDATE sets the column and the value changes) writes it to the item's people rows.

The backfill is one UPDATE of every people row (0017's and 0022's UPDATE statement triggers, which re-derive
the workload and the filter words of the rows' items, are disabled around it: neither reads the column).

Revision ID: 0024_people_created
Revises: 0023_workload_officer_keys
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0024_people_created"
down_revision = "0023_workload_officer_keys"
branch_labels = None
depends_on = None

INDEX = "ix_item_responsibles_search_created_item"
QUIET = ("trg_workload_person_upd", "trg_filter_words_resp_upd")  # 0017's and 0022's: read no created_at
BACKFILL = "UPDATE item_responsibles p SET created_at = a.created_at FROM action_items a WHERE a.id = p.item_id"
STATE_0019 = """CREATE OR REPLACE FUNCTION nirdesh_item_responsibles_state() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.review_state := (SELECT review_state FROM action_items WHERE id = NEW.item_id); RETURN NEW; END $$"""
PG_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION nirdesh_item_responsibles_state() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         SELECT review_state, created_at INTO NEW.review_state, NEW.created_at FROM action_items WHERE id = NEW.item_id;
         RETURN NEW;
       END $$""",
    """CREATE FUNCTION nirdesh_item_responsibles_created() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.created_at := (SELECT created_at FROM action_items WHERE id = NEW.item_id); RETURN NEW; END $$""",
    """CREATE FUNCTION nirdesh_action_items_created_people() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE item_responsibles SET created_at = NEW.created_at
         WHERE item_id = NEW.id AND created_at IS DISTINCT FROM NEW.created_at;
         RETURN NULL;
       END $$""",
)
PG_TRIGGERS = (
    """CREATE TRIGGER trg_item_responsibles_created_upd BEFORE UPDATE OF item_id, created_at ON item_responsibles
       FOR EACH ROW EXECUTE FUNCTION nirdesh_item_responsibles_created()""",
    """CREATE TRIGGER trg_action_items_created_people AFTER UPDATE OF created_at ON action_items
       FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at)
       EXECUTE FUNCTION nirdesh_action_items_created_people()""",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE item_responsibles ADD COLUMN created_at timestamp with time zone")
    for name in QUIET:
        op.execute(f"ALTER TABLE item_responsibles DISABLE TRIGGER {name}")
    op.execute(BACKFILL)
    for name in QUIET:
        op.execute(f"ALTER TABLE item_responsibles ENABLE TRIGGER {name}")
    op.execute("ALTER TABLE item_responsibles ALTER COLUMN created_at SET NOT NULL")
    op.execute(f"CREATE INDEX {INDEX} ON item_responsibles (search, created_at, item_id)")
    for ddl in (*PG_FUNCTIONS, *PG_TRIGGERS):
        op.execute(ddl)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS trg_action_items_created_people ON action_items")
    op.execute("DROP TRIGGER IF EXISTS trg_item_responsibles_created_upd ON item_responsibles")
    op.execute("DROP FUNCTION IF EXISTS nirdesh_action_items_created_people()")
    op.execute("DROP FUNCTION IF EXISTS nirdesh_item_responsibles_created()")
    op.execute(STATE_0019)
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    op.execute("ALTER TABLE item_responsibles DROP COLUMN created_at")
