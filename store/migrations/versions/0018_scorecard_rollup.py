"""a scorecard rollup kept by triggers: the office scorecards read thousands of rows, not every link

``scorecard_entries``: what each office link (``item_offices`` row) counts under on the scorecard:
the office, the item's review state, its state (``o`` open with a due date, ``u`` open without one,
``x`` done or dropped), its closing class (``t`` closed on time, ``l`` closed late, NULL not closed),
the due date of an open item and the days to close. ``scorecard_link_rows`` is the view that computes
those rows from the live tables (the same expressions as ``store.offices.scorecards_scan``); the
triggers replace an item's entries with the view's rows whenever something the view reads changes:
the link (inserted, deleted, closed or reopened), the item's status, review state or due date; a
delete, cascades included (offices, items, documents).

``scorecard_rollup``: the entries counted by (office, review state, axis, value): axis ``o``/``u``/
``x`` the state (value: the due date's day number since 1970-01-01 for ``o``, else 0), ``t``/``l``
the closing class (value 0), ``m`` the days to close (value: the days). Counts that fall to 0 stay as
rows with n = 0 (readers skip them). ``store.scorecard_rollup`` reads it.

PostgreSQL: statement-level triggers with transition tables call ``nirdesh_scorecard_refresh(ids)``,
which swaps the entries and adds the difference to the rollup in one statement; ``TRUNCATE`` rebuilds.
SQLite: row triggers swap the entries; row triggers on the entries keep the rollup.

PostgreSQL writers take one transaction-level advisory lock (``ROLLUP_LOCK``) in a BEFORE statement
trigger on every write that changes what either rollup (0017's or this one) counts, before the
statement locks any row. Without it, two transactions that write several statements (a reviewer's
batch: one UPDATE per item) upsert shared counter rows in different orders and deadlock (105 of 200
transactions of two concurrent batches of 10 edits); with it they queue, as uploads already did on
their first shared counter row. A later migration
that rebuilds one of these tables on SQLite with ``batch_alter_table`` drops its triggers and must
create them again (``SQLITE_TRIGGERS``).

Revision ID: 0018_scorecard_rollup
Revises: 0017_workload_rollup
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0018_scorecard_rollup"
down_revision = "0017_workload_rollup"
branch_labels = None
depends_on = None

CLOSED = "('done', 'dropped')"  # core.states.CLOSED_STATUSES

VIEW = f"""CREATE VIEW scorecard_link_rows AS
    SELECT o.item_id AS item_id, o.office_id AS office_id, a.review_state AS review_state,
        CASE WHEN a.status IN {CLOSED} THEN 'x' WHEN a.due_date IS NULL THEN 'u' ELSE 'o' END AS state,
        CASE WHEN o.closed_on IS NULL THEN NULL
             WHEN a.due_date IS NULL OR o.closed_on <= a.due_date THEN 't' ELSE 'l' END AS closed,
        CASE WHEN a.status IN {CLOSED} THEN NULL ELSE a.due_date END AS due,
        o.days_to_close AS days
    FROM item_offices o JOIN action_items a ON a.id = o.item_id"""

TABLES = (
    """CREATE TABLE scorecard_entries (item_id INTEGER NOT NULL, office_id INTEGER NOT NULL,
       review_state VARCHAR(20) NOT NULL, state CHAR(1) NOT NULL, closed CHAR(1), due DATE, days INTEGER)""",
    "CREATE INDEX ix_scorecard_entries_item ON scorecard_entries (item_id, office_id)",
    """CREATE TABLE scorecard_rollup (office_id INTEGER NOT NULL, review_state VARCHAR(20) NOT NULL,
       axis CHAR(1) NOT NULL, value INTEGER NOT NULL, n INTEGER NOT NULL,
       PRIMARY KEY (office_id, review_state, axis, value))""",
)
ENTRY = "scorecard_entries (item_id, office_id, review_state, state, closed, due, days)"
ROWS = "SELECT item_id, office_id, review_state, state, closed, due, days FROM scorecard_link_rows"


def _day_number(day: str, dialect: str) -> str:
    """Days from 1970-01-01 to ``day``."""
    return f"CAST(julianday({day}) - 2440587.5 AS INTEGER)" if dialect == "sqlite" else f"({day} - DATE '1970-01-01')"


def _axes(source: str, dialect: str, n: str) -> str:
    """The rollup rows (office_id, review_state, axis, value, n) of the entries in ``source``."""
    due = _day_number("due", dialect)
    return f"""SELECT office_id, review_state, state AS axis, CASE WHEN state = 'o' THEN {due} ELSE 0 END AS value,
           {n} AS n FROM {source}
       UNION ALL SELECT office_id, review_state, closed, 0, {n} FROM {source} WHERE closed IS NOT NULL
       UNION ALL SELECT office_id, review_state, 'm', days, {n} FROM {source} WHERE days IS NOT NULL"""


def _fill(dialect: str) -> tuple[str, str]:
    return (
        f"INSERT INTO {ENTRY} {ROWS}",
        f"""INSERT INTO scorecard_rollup (office_id, review_state, axis, value, n)
           SELECT office_id, review_state, axis, value, sum(n) FROM ({_axes("scorecard_entries", dialect, "1")}) x
           GROUP BY office_id, review_state, axis, value""",
    )


# --- SQLite: row triggers ------------------------------------------------------------------------------


def _swap(item: str) -> str:
    """The statements that replace the entries of the items ``item`` (SQL expressions)."""
    return (
        f"DELETE FROM scorecard_entries WHERE item_id IN ({item}); "
        f"INSERT INTO {ENTRY} {ROWS} WHERE item_id IN ({item});"
    )


def _bump(sign: str, axis: str, value: str) -> str:
    return (
        "INSERT INTO scorecard_rollup (office_id, review_state, axis, value, n) "
        f"VALUES (ROW.office_id, ROW.review_state, {axis}, {value}, {sign}1) "
        f"ON CONFLICT (office_id, review_state, axis, value) DO UPDATE SET n = n {sign} 1;"
    )


def _entry_triggers(event: str, row: str, sign: str) -> dict[str, str]:
    due = _day_number("ROW.due", "sqlite")
    state_value = f"CASE WHEN ROW.state = 'o' THEN {due} ELSE 0 END"
    bodies = {
        "state": ("", _bump(sign, "ROW.state", state_value)),
        "closed": ("WHEN ROW.closed IS NOT NULL ", _bump(sign, "ROW.closed", "0")),
        "days": ("WHEN ROW.days IS NOT NULL ", _bump(sign, "'m'", "ROW.days")),
    }
    return {
        f"trg_scorecard_entry_{event.lower()}_{axis}": (
            f"AFTER {event} ON scorecard_entries {when}BEGIN {body} END".replace("ROW.", f"{row}.")
        )
        for axis, (when, body) in bodies.items()
    }


ITEM_FIELDS = ("status", "review_state", "due_date")
LINK_FIELDS = "item_id, office_id, closed_on, days_to_close"
ITEM_CHANGED = " OR ".join(f"OLD.{f} IS NOT NEW.{f}" for f in ITEM_FIELDS)
SQLITE_TRIGGERS = {
    "trg_scorecard_link_ins": f"AFTER INSERT ON item_offices BEGIN {_swap('NEW.item_id')} END",
    "trg_scorecard_link_upd": f"AFTER UPDATE OF {LINK_FIELDS} ON item_offices "
    f"BEGIN {_swap('OLD.item_id, NEW.item_id')} END",
    "trg_scorecard_link_del": "AFTER DELETE ON item_offices BEGIN DELETE FROM scorecard_entries "
    "WHERE item_id = OLD.item_id AND office_id = OLD.office_id; END",
    "trg_scorecard_item_upd": f"AFTER UPDATE OF {', '.join(ITEM_FIELDS)} ON action_items WHEN {ITEM_CHANGED} "
    f"BEGIN {_swap('NEW.id')} END",
    "trg_scorecard_item_del": "AFTER DELETE ON action_items BEGIN DELETE FROM scorecard_entries "
    "WHERE item_id = OLD.id; END",
    **_entry_triggers("INSERT", "NEW", "+"),
    **_entry_triggers("DELETE", "OLD", "-"),
}

# --- PostgreSQL: statement triggers over transition tables ---------------------------------------------

PG_REFRESH = f"""CREATE FUNCTION nirdesh_scorecard_refresh(ids int[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
    WITH old AS (DELETE FROM scorecard_entries WHERE item_id = ANY(ids)
                 RETURNING office_id, review_state, state, closed, due, days, -1 AS n),
    new AS (INSERT INTO {ENTRY} {ROWS} WHERE item_id = ANY(ids)
            RETURNING office_id, review_state, state, closed, due, days, 1 AS n),
    delta AS (SELECT * FROM old UNION ALL SELECT * FROM new),
    axes AS ({_axes("delta", "postgresql", "n")}),
    summed AS (SELECT office_id, review_state, axis, value, sum(n)::int AS n FROM axes
               GROUP BY office_id, review_state, axis, value HAVING sum(n) <> 0)
    INSERT INTO scorecard_rollup AS r (office_id, review_state, axis, value, n)
    SELECT * FROM summed ORDER BY office_id, review_state, axis, value
    ON CONFLICT (office_id, review_state, axis, value) DO UPDATE SET n = r.n + excluded.n;
END $$"""


def _pg_function(name: str, ids: str) -> str:
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM nirdesh_scorecard_refresh(ARRAY({ids})); RETURN NULL; END $$"""


_ITEM_OLD, _ITEM_NEW = (", ".join(f"{t}.{f}" for f in ITEM_FIELDS) for t in "on")
_LINK = "n.item_id = o.item_id AND n.office_id = o.office_id"
PG_FUNCTIONS = {
    "nirdesh_scorecard_links_new": "SELECT DISTINCT item_id FROM nt",
    "nirdesh_scorecard_links_old": "SELECT DISTINCT item_id FROM ot",
    # links whose closing figures changed, or that moved (to another item or office)
    "nirdesh_scorecard_links_upd": f"SELECT n.item_id FROM nt n LEFT JOIN ot o ON {_LINK} WHERE o.item_id IS NULL "
    "OR (o.closed_on, o.days_to_close) IS DISTINCT FROM (n.closed_on, n.days_to_close) "
    f"UNION SELECT o.item_id FROM ot o LEFT JOIN nt n ON {_LINK} WHERE n.item_id IS NULL",
    "nirdesh_scorecard_items_upd": "SELECT n.id FROM ot o JOIN nt n ON n.id = o.id "
    f"WHERE ({_ITEM_OLD}) IS DISTINCT FROM ({_ITEM_NEW})",
}
PG_TRIGGERS = (  # (trigger, event, table, transition tables, function)
    ("trg_scorecard_link_ins", "INSERT", "item_offices", "NEW TABLE AS nt", "nirdesh_scorecard_links_new"),
    (
        "trg_scorecard_link_upd",
        "UPDATE",
        "item_offices",
        "OLD TABLE AS ot NEW TABLE AS nt",
        "nirdesh_scorecard_links_upd",
    ),
    ("trg_scorecard_link_del", "DELETE", "item_offices", "OLD TABLE AS ot", "nirdesh_scorecard_links_old"),
    (
        "trg_scorecard_item_upd",
        "UPDATE",
        "action_items",
        "OLD TABLE AS ot NEW TABLE AS nt",
        "nirdesh_scorecard_items_upd",
    ),
)
_PG_FILL = _fill("postgresql")
PG_REBUILD = f"""CREATE FUNCTION nirdesh_scorecard_rebuild() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN TRUNCATE scorecard_entries, scorecard_rollup; {_PG_FILL[0]}; {_PG_FILL[1]}; RETURN NULL; END $$"""
TRUNCATED = ("item_offices", "action_items")
ROLLUP_LOCK = 7462  # store.db.migrate holds 7461
PG_LOCK = f"""CREATE FUNCTION nirdesh_rollup_writer_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_advisory_xact_lock({ROLLUP_LOCK}); RETURN NULL; END $$"""
LOCKED = {  # table -> the writes that change what a rollup counts
    "action_items": "INSERT OR DELETE OR UPDATE OF status, review_state, due_date, document_id",
    "item_responsibles": "INSERT OR DELETE OR UPDATE OF item_id, name, designation",
    "documents": "DELETE OR UPDATE OF department, meeting_date, created_at",
    "item_offices": "INSERT OR DELETE OR UPDATE OF item_id, office_id, closed_on, days_to_close",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(VIEW)
    for ddl in (*TABLES, *_fill(dialect)):
        op.execute(ddl)
    if dialect == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        return
    op.execute(PG_REFRESH)
    op.execute(PG_REBUILD)
    for name, ids in PG_FUNCTIONS.items():
        op.execute(_pg_function(name, ids))
    for trigger, event, table, refs, function in PG_TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {trigger} AFTER {event} ON {table} REFERENCING {refs} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    for table in TRUNCATED:
        op.execute(
            f"CREATE TRIGGER trg_scorecard_truncate_{table} AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION nirdesh_scorecard_rebuild()"
        )
    op.execute(PG_LOCK)
    for table, events in LOCKED.items():
        op.execute(
            f"CREATE TRIGGER trg_rollup_lock_{table} BEFORE {events} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION nirdesh_rollup_writer_lock()"
        )
    op.execute("ANALYZE scorecard_entries")
    op.execute("ANALYZE scorecard_rollup")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for trigger, _event, table, _refs, _function in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for table in TRUNCATED:
            op.execute(f"DROP TRIGGER IF EXISTS trg_scorecard_truncate_{table} ON {table}")
        for table in LOCKED:
            op.execute(f"DROP TRIGGER IF EXISTS trg_rollup_lock_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS nirdesh_rollup_writer_lock()")
        for name in (*PG_FUNCTIONS, "nirdesh_scorecard_rebuild"):
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        op.execute("DROP FUNCTION IF EXISTS nirdesh_scorecard_refresh(int[])")
    op.execute("DROP TABLE IF EXISTS scorecard_rollup")
    op.execute("DROP TABLE IF EXISTS scorecard_entries")
    op.execute("DROP VIEW IF EXISTS scorecard_link_rows")
