"""Write cost of migration 0024 (the item's ``created_at`` on each people row) at scale on PostgreSQL.

    PYTHONPATH=. python bench/people_dates_writes.py --db-url postgresql+psycopg://.../nirdesh_lists26 --rounds 3

In rolled-back transactions (``jit=off``), on a database at 0024: a meeting of 300 items copied (its items
inserted, then their people rows) and an UPDATE of 2,001 items' status. "before" drops 0024's index and
triggers and restores 0019's people-row function inside the transaction; "after" is the database as
migrated; the two alternate ``--rounds`` times. Nothing is kept.
"""

from __future__ import annotations

import argparse
import time

import psycopg

BEFORE = """
DROP TRIGGER trg_action_items_created_people ON action_items;
DROP TRIGGER trg_item_responsibles_created_upd ON item_responsibles;
DROP INDEX ix_item_responsibles_search_created_item;
ALTER TABLE item_responsibles ALTER COLUMN created_at DROP NOT NULL;
CREATE OR REPLACE FUNCTION nirdesh_item_responsibles_state() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.review_state := (SELECT review_state FROM action_items WHERE id = NEW.item_id); RETURN NEW; END $$;
"""
FIRST_ITEM, NEW_IDS, NEW_DOC = 500_000, 2_000_000, 900_000  # copies get ids far above the loaded ones


def columns(cur: psycopg.Cursor[tuple[str]], table: str) -> list[str]:
    cur.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s "
        "ORDER BY ordinal_position",
        (table,),
    )
    return [row[0] for row in cur.fetchall()]


def one(conn: psycopg.Connection[tuple[str]], mode: str) -> dict[str, float]:
    cur = conn.cursor()
    items, people, docs = columns(cur, "action_items"), columns(cur, "item_responsibles"), columns(cur, "documents")
    cur.execute("SET jit = off")
    if mode == "before":
        cur.execute(BEFORE)
    doc = {"id": f"id + {NEW_DOC}", "sha256": "md5(random()::text) || md5(random()::text)"}
    cur.execute(
        f"INSERT INTO documents ({', '.join(docs)}) SELECT {', '.join(doc.get(c, c) for c in docs)} "
        "FROM documents WHERE id = (SELECT document_id FROM action_items WHERE id = %s)",
        (FIRST_ITEM,),
    )
    item = {
        "id": f"id + {NEW_IDS}",
        "document_id": f"(SELECT max(id) FROM documents WHERE id > {NEW_DOC})",
        "created_at": "now()",
        "updated_at": "now()",
    }
    out = {}
    t = time.perf_counter()
    cur.execute(
        f"INSERT INTO action_items ({', '.join(items)}) SELECT {', '.join(item.get(c, c) for c in items)} "
        "FROM action_items WHERE id BETWEEN %s AND %s",
        (FIRST_ITEM, FIRST_ITEM + 299),
    )
    out["INSERT of 300 items"] = (time.perf_counter() - t) * 1000
    person = {"item_id": f"item_id + {NEW_IDS}"}
    t = time.perf_counter()
    cur.execute(
        f"INSERT INTO item_responsibles ({', '.join(people)}) SELECT {', '.join(person.get(c, c) for c in people)} "
        "FROM item_responsibles WHERE item_id BETWEEN %s AND %s",
        (FIRST_ITEM, FIRST_ITEM + 299),
    )
    out[f"INSERT of their {cur.rowcount} people rows"] = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    cur.execute(
        "UPDATE action_items SET status = CASE status WHEN 'open' THEN 'in_progress' ELSE 'open' END "
        "WHERE id BETWEEN 400000 AND 402000"
    )
    out["UPDATE of 2,001 items' status"] = (time.perf_counter() - t) * 1000
    conn.rollback()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db-url", required=True, help="a database at migration 0024 (postgresql+psycopg://…)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with psycopg.connect(args.db_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        for r in range(1, args.rounds + 1):
            for mode in ("before", "after"):
                figures = ", ".join(f"{k} {v:.0f} ms" for k, v in one(conn, mode).items())
                print(f"round {r} {mode:6}  {figures}", flush=True)


if __name__ == "__main__":
    main()
