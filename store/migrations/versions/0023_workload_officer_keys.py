"""``/v1/stats`` counts an officer once however the post is written: the workload groups by the folded key

0017's workload view named an officer by the trimmed designation as written (else the name), so one
post written three ways (``एस.डी.एम.``, ``एस0डी0एम0``, ``एसडीएम``; ``अधिशासी अभियन्ता`` /
``अधिशासी अभियंता``) was three officers on ``/v1/stats`` while ``responsible=`` and the offices (keyed by
``item_responsibles.key`` since 0021) already saw one. The view's officer is now ``item_responsibles.key``
(``store.responsibles.folded_key`` of the designation, else the name: undotted, folded, spaces
collapsed; never blank, since blank rows are not stored). ``store.stats.workload_scan`` groups by the same
column, so the rollup and the reference stay equal.

The view is replaced and the rollup rebuilt from it (PostgreSQL: the body of 0017's
``nirdesh_workload_rebuild``; SQLite: the entries deleted, the rollup tables emptied, the entries
inserted again, whose row triggers fill the rollup). SQLite's ``trg_workload_person_upd`` also fires on
an UPDATE OF ``key`` (a re-keying migration like 0021 changes the key alone); PostgreSQL's statement
trigger already fires on every UPDATE of ``item_responsibles``.

Downgrade restores 0017's view and trigger and rebuilds the same way.

Revision ID: 0023_workload_officer_keys
Revises: 0022_filter_words
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0023_workload_officer_keys"
down_revision = "0022_filter_words"
branch_labels = None
depends_on = None

NONE_LABEL = "(unspecified)"  # store.stats.NONE_LABEL when written
CLOSED = "('done', 'dropped')"  # core.states.CLOSED_STATUSES
SCOPED = "('proposed', 'confirmed')"  # every review scope's states (rejected is in none)
OFFICER_KEY = "nullif(p.key, '')"
OFFICER_WRITTEN = "nullif(trim(coalesce(nullif(p.designation, ''), nullif(p.name, ''), '')), '')"  # 0017's

ENTRY = "workload_entries (item_id, kind, name, review_state, start, due)"
ROWS = "SELECT item_id, kind, name, review_state, start, due FROM workload_item_rows"
PERSON_TRIGGER = "trg_workload_person_upd"


def _view(officer: str, dialect: str) -> str:
    """0017's view with ``officer`` as the officer's name (a migration keeps its own copy: 0017 must not
    change under it)."""
    upload_day = "date(d.created_at)" if dialect == "sqlite" else "date(timezone('UTC', d.created_at))"
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
        SELECT DISTINCT a.id AS item_id, 'o' AS kind, {officer} AS name, {cols}
            {base.replace("WHERE", "JOIN item_responsibles p ON p.item_id = a.id WHERE")} AND {officer} IS NOT NULL
        UNION ALL
        SELECT a.id AS item_id, 'n' AS kind, '{NONE_LABEL}' AS name, {cols} {base}
            AND NOT EXISTS (SELECT 1 FROM item_responsibles p WHERE p.item_id = a.id AND {officer} IS NOT NULL)"""


def _sqlite_person_trigger(fields: str) -> str:
    swap = (
        "DELETE FROM workload_entries WHERE item_id IN (OLD.item_id, NEW.item_id); "
        f"INSERT INTO {ENTRY} {ROWS} WHERE item_id IN (OLD.item_id, NEW.item_id);"
    )
    return f"CREATE TRIGGER {PERSON_TRIGGER} AFTER UPDATE OF {fields} ON item_responsibles BEGIN {swap} END"


def _rebuild(dialect: str) -> None:
    """The entries and both rollups again from the view."""
    if dialect == "postgresql":
        op.execute("TRUNCATE workload_entries, workload_rollup, workload_rollup_month")
        op.execute(f"INSERT INTO {ENTRY} {ROWS}")
        op.execute(
            """INSERT INTO workload_rollup (kind, name, review_state, axis, day, n)
            SELECT kind, name, review_state, 's', start, count(*) FROM workload_entries
            GROUP BY kind, name, review_state, start
            UNION ALL
            SELECT kind, name, review_state, 'd', due, count(*) FROM workload_entries WHERE due IS NOT NULL
            GROUP BY kind, name, review_state, due"""
        )
        op.execute(
            """INSERT INTO workload_rollup_month (kind, name, review_state, axis, month, n, days)
            SELECT kind, name, review_state, axis, date_trunc('month', day)::date, sum(n),
                   sum(n * (day - DATE '1970-01-01'))
            FROM workload_rollup GROUP BY kind, name, review_state, axis, date_trunc('month', day)"""
        )
        return
    # SQLite: the entries' row triggers keep the rollups; deleting them leaves zero rows, dropped after
    op.execute("DELETE FROM workload_entries")
    op.execute("DELETE FROM workload_rollup")
    op.execute("DELETE FROM workload_rollup_month")
    op.execute(f"INSERT INTO {ENTRY} {ROWS}")


def _switch(officer: str, person_fields: str) -> None:
    dialect = op.get_bind().dialect.name
    op.execute("DROP VIEW workload_item_rows")
    op.execute(_view(officer, dialect))
    if dialect == "sqlite":
        op.execute(f"DROP TRIGGER {PERSON_TRIGGER}")
        op.execute(_sqlite_person_trigger(person_fields))
    _rebuild(dialect)


def upgrade() -> None:
    _switch(OFFICER_KEY, "item_id, name, designation, key")


def downgrade() -> None:
    _switch(OFFICER_WRITTEN, "item_id, name, designation")
