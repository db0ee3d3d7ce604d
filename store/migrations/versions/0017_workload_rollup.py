"""a workload rollup kept by triggers: /v1/stats reads thousands of rows, not every open item

``workload_entries``: what each open (not done/dropped), proposed or confirmed item counts under in
``/v1/stats``: one row for its department, one per distinct officer it names (kind ``o``), or one
"nobody named" row (kind ``n``), each with the item's review state, start day (meeting date, else the
upload day in UTC) and due date. ``workload_item_rows`` is the view that computes those rows from the
live tables; the triggers replace an item's entries with the view's rows whenever something the view
reads changes (the item's status, review state, due date or document; its responsible rows; its
document's department, meeting date or upload time; a delete, cascades included), whichever code
path writes.

``workload_rollup``: the entries counted by (kind, name, review state, axis, day), axis ``s`` the
start day and ``d`` the due date (entries without one are not counted on that axis). Counts that fall
to 0 stay as rows with n = 0 (readers skip them). ``store.workload`` reads it.

PostgreSQL: statement-level triggers with transition tables call ``nirdesh_workload_refresh(ids)``,
which swaps the entries and adds the difference to the rollup in one statement. SQLite: row triggers
(they run as each row changes) swap the entries; row triggers on the entries keep the rollup.
A later migration that rebuilds one of these tables on SQLite with ``batch_alter_table`` drops its
triggers and must create them again (``SQLITE_TRIGGERS``).

Revision ID: 0017_workload_rollup
Revises: 0016_change_log
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0017_workload_rollup"
down_revision = "0016_change_log"
branch_labels = None
depends_on = None

NONE_LABEL = "(unspecified)"  # store.stats.NONE_LABEL when written
CLOSED = "('done', 'dropped')"  # core.states.CLOSED_STATUSES
SCOPED = "('proposed', 'confirmed')"  # every review scope's states (rejected is in none)
OFFICER = "nullif(trim(coalesce(nullif(p.designation, ''), nullif(p.name, ''), '')), '')"


def _view(upload_day: str) -> str:
    base = (
        "FROM action_items a JOIN documents d ON d.id = a.document_id "
        f"WHERE a.status NOT IN {CLOSED} AND a.review_state IN {SCOPED}"
    )
    cols = (
        f"a.review_state AS review_state, coalesce(d.meeting_date, {upload_day}) AS start, a.due_date AS due, "
        "a.document_id AS document_id"
    )
    return f"""CREATE VIEW workload_item_rows AS
        SELECT a.id AS item_id, 'd' AS kind, coalesce(nullif(d.department, ''), '{NONE_LABEL}') AS name, {cols} {base}
        UNION ALL
        SELECT DISTINCT a.id AS item_id, 'o' AS kind, {OFFICER} AS name, {cols}
            {base.replace("WHERE", "JOIN item_responsibles p ON p.item_id = a.id WHERE")} AND {OFFICER} IS NOT NULL
        UNION ALL
        SELECT a.id AS item_id, 'n' AS kind, '{NONE_LABEL}' AS name, {cols} {base}
            AND NOT EXISTS (SELECT 1 FROM item_responsibles p WHERE p.item_id = a.id AND {OFFICER} IS NOT NULL)"""


TABLES = (
    """CREATE TABLE workload_entries (item_id INTEGER NOT NULL, kind CHAR(1) NOT NULL, name TEXT NOT NULL,
       review_state VARCHAR(20) NOT NULL, start DATE NOT NULL, due DATE)""",
    "CREATE INDEX ix_workload_entries_item ON workload_entries (item_id)",
    """CREATE TABLE workload_rollup (kind CHAR(1) NOT NULL, name TEXT NOT NULL, review_state VARCHAR(20) NOT NULL,
       axis CHAR(1) NOT NULL, day DATE NOT NULL, n INTEGER NOT NULL,
       PRIMARY KEY (kind, name, review_state, axis, day))""",
    "CREATE INDEX ix_workload_rollup_day ON workload_rollup (day)",
    """CREATE TABLE workload_rollup_month (kind CHAR(1) NOT NULL, name TEXT NOT NULL,
       review_state VARCHAR(20) NOT NULL, axis CHAR(1) NOT NULL, month DATE NOT NULL, n INTEGER NOT NULL,
       days BIGINT NOT NULL, PRIMARY KEY (kind, name, review_state, axis, month))""",
)


def _month(day: str, dialect: str) -> str:
    """The first day of ``day``'s month."""
    return f"date({day}, 'start of month')" if dialect == "sqlite" else f"date_trunc('month', {day})::date"


def _day_number(day: str, dialect: str) -> str:
    """Days from 1970-01-01 to ``day``."""
    return f"CAST(julianday({day}) - 2440587.5 AS INTEGER)" if dialect == "sqlite" else f"({day} - DATE '1970-01-01')"


def _fill_months(dialect: str) -> str:
    return f"""INSERT INTO workload_rollup_month (kind, name, review_state, axis, month, n, days)
       SELECT kind, name, review_state, axis, {_month("day", dialect)}, sum(n), sum(n * {_day_number("day", dialect)})
       FROM workload_rollup GROUP BY kind, name, review_state, axis, {_month("day", dialect)}"""


ENTRY = "workload_entries (item_id, kind, name, review_state, start, due)"
ROWS = "SELECT item_id, kind, name, review_state, start, due FROM workload_item_rows"
FILL = (
    f"INSERT INTO {ENTRY} {ROWS}",
    """INSERT INTO workload_rollup (kind, name, review_state, axis, day, n)
       SELECT kind, name, review_state, 's', start, count(*) FROM workload_entries GROUP BY kind, name, review_state, start
       UNION ALL
       SELECT kind, name, review_state, 'd', due, count(*) FROM workload_entries WHERE due IS NOT NULL
       GROUP BY kind, name, review_state, due""",
)

# --- SQLite: row triggers ------------------------------------------------------------------------------


def _swap(item: str) -> str:
    """The statements that replace the entries of the items ``item`` (SQL expressions)."""
    return (
        f"DELETE FROM workload_entries WHERE item_id IN ({item}); INSERT INTO {ENTRY} {ROWS} WHERE item_id IN ({item});"
    )


def _swap_document(document: str) -> str:
    """The statements that replace the entries of the items of a document (the view is filtered by its
    document_id column: SQLite pushes an equality into each branch, not an IN over a subquery)."""
    return (
        "DELETE FROM workload_entries WHERE item_id IN "
        f"(SELECT id FROM action_items WHERE document_id = {document}); "
        f"INSERT INTO {ENTRY} {ROWS} WHERE document_id = {document};"
    )


def _bump(sign: str, row: str, axis: str, day: str) -> str:
    key = f"{row}.kind, {row}.name, {row}.review_state, '{axis}'"
    month, number = _month(f"{row}.{day}", "sqlite"), _day_number(f"{row}.{day}", "sqlite")
    return (
        f"INSERT INTO workload_rollup (kind, name, review_state, axis, day, n) VALUES ({key}, {row}.{day}, {sign}1) "
        f"ON CONFLICT (kind, name, review_state, axis, day) DO UPDATE SET n = n {sign} 1; "
        f"INSERT INTO workload_rollup_month (kind, name, review_state, axis, month, n, days) "
        f"VALUES ({key}, {month}, {sign}1, {sign}{number}) "
        f"ON CONFLICT (kind, name, review_state, axis, month) DO UPDATE SET n = n {sign} 1, days = days {sign} {number};"
    )


ITEM_FIELDS = "status, review_state, due_date, document_id"
PERSON_FIELDS = "item_id, name, designation"
DOCUMENT_FIELDS = "department, meeting_date, created_at"
SQLITE_TRIGGERS = {
    "trg_workload_item_ins": f"AFTER INSERT ON action_items BEGIN {_swap('NEW.id')} END",
    "trg_workload_item_upd": f"AFTER UPDATE OF {ITEM_FIELDS} ON action_items BEGIN {_swap('OLD.id, NEW.id')} END",
    "trg_workload_item_del": "AFTER DELETE ON action_items BEGIN DELETE FROM workload_entries WHERE item_id = OLD.id; END",
    "trg_workload_person_ins": f"AFTER INSERT ON item_responsibles BEGIN {_swap('NEW.item_id')} END",
    "trg_workload_person_upd": f"AFTER UPDATE OF {PERSON_FIELDS} ON item_responsibles "
    f"BEGIN {_swap('OLD.item_id, NEW.item_id')} END",
    "trg_workload_person_del": f"AFTER DELETE ON item_responsibles BEGIN {_swap('OLD.item_id')} END",
    "trg_workload_document_upd": f"AFTER UPDATE OF {DOCUMENT_FIELDS} ON documents BEGIN {_swap_document('NEW.id')} END",
    "trg_workload_entry_ins_s": f"AFTER INSERT ON workload_entries BEGIN {_bump('+', 'NEW', 's', 'start')} END",
    "trg_workload_entry_ins_d": "AFTER INSERT ON workload_entries WHEN NEW.due IS NOT NULL "
    f"BEGIN {_bump('+', 'NEW', 'd', 'due')} END",
    "trg_workload_entry_del_s": f"AFTER DELETE ON workload_entries BEGIN {_bump('-', 'OLD', 's', 'start')} END",
    "trg_workload_entry_del_d": "AFTER DELETE ON workload_entries WHEN OLD.due IS NOT NULL "
    f"BEGIN {_bump('-', 'OLD', 'd', 'due')} END",
}

# --- PostgreSQL: statement triggers over transition tables ---------------------------------------------

PG_REFRESH = f"""CREATE FUNCTION nirdesh_workload_refresh(ids int[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
    WITH old AS (DELETE FROM workload_entries WHERE item_id = ANY(ids) RETURNING kind, name, review_state, start, due),
    new AS (INSERT INTO {ENTRY} {ROWS} WHERE item_id = ANY(ids)
            RETURNING kind, name, review_state, start, due),
    delta AS (SELECT *, -1 AS n FROM old UNION ALL SELECT *, 1 AS n FROM new),
    axes AS (SELECT kind, name, review_state, 's'::char(1) AS axis, start AS day, n FROM delta
             UNION ALL SELECT kind, name, review_state, 'd'::char(1), due, n FROM delta WHERE due IS NOT NULL),
    summed AS (SELECT kind, name, review_state, axis, day, sum(n)::int AS n FROM axes
               GROUP BY kind, name, review_state, axis, day HAVING sum(n) <> 0),
    by_day AS (INSERT INTO workload_rollup AS r (kind, name, review_state, axis, day, n)
               SELECT * FROM summed ORDER BY kind, name, review_state, axis, day
               ON CONFLICT (kind, name, review_state, axis, day) DO UPDATE SET n = r.n + excluded.n)
    INSERT INTO workload_rollup_month AS m (kind, name, review_state, axis, month, n, days)
    SELECT kind, name, review_state, axis, date_trunc('month', day)::date, sum(n), sum(n * (day - DATE '1970-01-01'))
    FROM summed GROUP BY kind, name, review_state, axis, date_trunc('month', day)
    ORDER BY kind, name, review_state, axis, date_trunc('month', day)
    ON CONFLICT (kind, name, review_state, axis, month) DO UPDATE SET n = m.n + excluded.n, days = m.days + excluded.days;
END $$"""


def _pg_function(name: str, ids: str) -> str:
    return f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM nirdesh_workload_refresh(ARRAY({ids})); RETURN NULL; END $$"""


def _changed(key: str, fields: str) -> str:
    """Ids (``key``) of the rows of an UPDATE whose ``fields`` changed (transition tables ``ot``, ``nt``)."""
    cols = ", ".join(f"{{t}}.{f.strip()}" for f in fields.split(","))
    old, new = cols.format(t="o"), cols.format(t="n")
    return f"SELECT n.{key} FROM ot o JOIN nt n ON n.id = o.id WHERE ({old}) IS DISTINCT FROM ({new})"


PG_FUNCTIONS = {
    "nirdesh_workload_items_new": "SELECT id FROM nt",
    "nirdesh_workload_items_old": "SELECT id FROM ot",
    "nirdesh_workload_items_upd": _changed("id", ITEM_FIELDS),
    "nirdesh_workload_persons_new": "SELECT DISTINCT item_id FROM nt",
    "nirdesh_workload_persons_old": "SELECT DISTINCT item_id FROM ot",
    "nirdesh_workload_persons_upd": "SELECT item_id FROM nt UNION SELECT item_id FROM ot",
    "nirdesh_workload_documents_upd": "SELECT a.id FROM action_items a WHERE a.document_id IN ("
    + _changed("id", DOCUMENT_FIELDS)
    + ")",
}
PG_TRIGGERS = (  # (trigger, event, table, transition tables, function)
    ("trg_workload_item_ins", "INSERT", "action_items", "NEW TABLE AS nt", "nirdesh_workload_items_new"),
    (
        "trg_workload_item_upd",
        "UPDATE",
        "action_items",
        "OLD TABLE AS ot NEW TABLE AS nt",
        "nirdesh_workload_items_upd",
    ),
    ("trg_workload_item_del", "DELETE", "action_items", "OLD TABLE AS ot", "nirdesh_workload_items_old"),
    ("trg_workload_person_ins", "INSERT", "item_responsibles", "NEW TABLE AS nt", "nirdesh_workload_persons_new"),
    (
        "trg_workload_person_upd",
        "UPDATE",
        "item_responsibles",
        "OLD TABLE AS ot NEW TABLE AS nt",
        "nirdesh_workload_persons_upd",
    ),
    ("trg_workload_person_del", "DELETE", "item_responsibles", "OLD TABLE AS ot", "nirdesh_workload_persons_old"),
    (
        "trg_workload_document_upd",
        "UPDATE",
        "documents",
        "OLD TABLE AS ot NEW TABLE AS nt",
        "nirdesh_workload_documents_upd",
    ),
)
PG_REBUILD = f"""CREATE FUNCTION nirdesh_workload_rebuild() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN TRUNCATE workload_entries, workload_rollup, workload_rollup_month;
{FILL[0]}; {FILL[1]}; {_fill_months("postgresql")}; RETURN NULL; END $$"""
TRUNCATED = ("action_items", "documents", "item_responsibles")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    upload_day = "date(d.created_at)" if dialect == "sqlite" else "date(timezone('UTC', d.created_at))"
    op.execute(_view(upload_day))
    for ddl in (*TABLES, *FILL, _fill_months(dialect)):
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
            f"CREATE TRIGGER trg_workload_truncate_{table} AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION nirdesh_workload_rebuild()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for trigger, _event, table, _refs, _function in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for table in TRUNCATED:
            op.execute(f"DROP TRIGGER IF EXISTS trg_workload_truncate_{table} ON {table}")
        for name in (*PG_FUNCTIONS, "nirdesh_workload_rebuild"):
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        op.execute("DROP FUNCTION IF EXISTS nirdesh_workload_refresh(int[])")
    op.execute("DROP TABLE IF EXISTS workload_rollup_month")
    op.execute("DROP TABLE IF EXISTS workload_rollup")
    op.execute("DROP TABLE IF EXISTS workload_entries")
    op.execute("DROP VIEW IF EXISTS workload_item_rows")
