"""list counts and the office list as index scans; q= on SQLite through an FTS5 trigram index

Revision ID: 0013_lists
Revises: 0012
Create Date: 2026-12-03

* ``action_items (id, review_state, status)``: the capped counts of ``responsible=`` combined with an
  item filter probe it per responsible row, index-only (no heap/table row read per match).
* ``action_items (document_id, status, review_state)``: ``department=`` (+ status / review state) counts
  go meeting by meeting through it, index-only, instead of a hash join over every open item.
* ``item_offices.due_date`` (the item's due date, kept by triggers on both tables, whichever code path
  writes) with ``(office_id, due_date, item_id DESC)``: an office's list, soonest due first, is a range scan.
* SQLite: ``item_text_trgm``, an FTS5 trigram index over ``action_items.text`` (external content, kept
  by triggers): ``q=`` finds its candidates there and rechecks them with the same LIKE as before.
  (PostgreSQL has the pg_trgm GIN index of 0011.)

Query plans before and after: docs/performance.md ("Lists at a million, part C").
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_lists"
down_revision = "0012"
branch_labels = None
depends_on = None

ID_STATES = "ix_action_items_id_states"
DOC_STATUS = "ix_action_items_document_status"
OFFICE_DUE = "ix_item_offices_office_due"

SQLITE_TRIGGERS = (
    # item_offices.due_date follows the item's due date
    """CREATE TRIGGER trg_item_offices_due_ins AFTER INSERT ON item_offices BEGIN
         UPDATE item_offices SET due_date = (SELECT due_date FROM action_items WHERE id = NEW.item_id)
         WHERE item_id = NEW.item_id AND office_id = NEW.office_id; END""",
    """CREATE TRIGGER trg_action_items_due_offices AFTER UPDATE OF due_date ON action_items
         WHEN OLD.due_date IS NOT NEW.due_date BEGIN
         UPDATE item_offices SET due_date = NEW.due_date WHERE item_id = NEW.id; END""",
    # the trigram index follows the text
    """CREATE TRIGGER trg_item_text_trgm_ins AFTER INSERT ON action_items BEGIN
         INSERT INTO item_text_trgm (rowid, text) VALUES (NEW.id, NEW.text); END""",
    """CREATE TRIGGER trg_item_text_trgm_del AFTER DELETE ON action_items BEGIN
         INSERT INTO item_text_trgm (item_text_trgm, rowid, text) VALUES ('delete', OLD.id, OLD.text); END""",
    """CREATE TRIGGER trg_item_text_trgm_upd AFTER UPDATE OF text ON action_items BEGIN
         INSERT INTO item_text_trgm (item_text_trgm, rowid, text) VALUES ('delete', OLD.id, OLD.text);
         INSERT INTO item_text_trgm (rowid, text) VALUES (NEW.id, NEW.text); END""",
)
SQLITE_TRIGGER_NAMES = (
    "trg_item_offices_due_ins",
    "trg_action_items_due_offices",
    "trg_item_text_trgm_ins",
    "trg_item_text_trgm_del",
    "trg_item_text_trgm_upd",
)
PG_FUNCTIONS = (
    """CREATE FUNCTION nirdesh_item_offices_due() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.due_date := (SELECT due_date FROM action_items WHERE id = NEW.item_id); RETURN NEW; END $$""",
    """CREATE FUNCTION nirdesh_action_items_due_offices() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN UPDATE item_offices SET due_date = NEW.due_date WHERE item_id = NEW.id; RETURN NULL; END $$""",
    """CREATE TRIGGER trg_item_offices_due_ins BEFORE INSERT ON item_offices
       FOR EACH ROW EXECUTE FUNCTION nirdesh_item_offices_due()""",
    """CREATE TRIGGER trg_action_items_due_offices AFTER UPDATE OF due_date ON action_items
       FOR EACH ROW WHEN (OLD.due_date IS DISTINCT FROM NEW.due_date)
       EXECUTE FUNCTION nirdesh_action_items_due_offices()""",
)


def upgrade() -> None:
    bind = op.get_bind()
    op.create_index(ID_STATES, "action_items", ["id", "review_state", "status"])
    op.create_index(DOC_STATUS, "action_items", ["document_id", "status", "review_state"])
    op.add_column("item_offices", sa.Column("due_date", sa.Date(), nullable=True))
    op.execute(
        "UPDATE item_offices SET due_date = (SELECT a.due_date FROM action_items a WHERE a.id = item_offices.item_id)"
    )
    if bind.dialect.name == "sqlite":  # NULLs sort first in SQLite: "soonest due, NULLs last" leads with IS NULL
        op.execute(f"CREATE INDEX {OFFICE_DUE} ON item_offices (office_id, due_date IS NULL, due_date, item_id DESC)")
    else:
        op.execute(f"CREATE INDEX {OFFICE_DUE} ON item_offices (office_id, due_date, item_id DESC)")
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE item_text_trgm USING fts5("
            "text, content='action_items', content_rowid='id', tokenize='trigram')"
        )
        op.execute("INSERT INTO item_text_trgm (item_text_trgm) VALUES ('rebuild')")
        for ddl in SQLITE_TRIGGERS:
            op.execute(ddl)
    elif bind.dialect.name == "postgresql":
        for ddl in PG_FUNCTIONS:
            op.execute(ddl)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS item_text_trgm")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_action_items_due_offices ON action_items")
        op.execute("DROP TRIGGER IF EXISTS trg_item_offices_due_ins ON item_offices")
        op.execute("DROP FUNCTION IF EXISTS nirdesh_action_items_due_offices()")
        op.execute("DROP FUNCTION IF EXISTS nirdesh_item_offices_due()")
    op.execute(f"DROP INDEX IF EXISTS {OFFICE_DUE}")
    with op.batch_alter_table("item_offices") as batch:
        batch.drop_column("due_date")
    op.drop_index(DOC_STATUS, table_name="action_items")
    op.drop_index(ID_STATES, table_name="action_items")
