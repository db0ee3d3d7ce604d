"""The write cost of migration 0019's trigger on reviews (PostgreSQL): ``--items`` single-item
``UPDATE action_items SET review_state = 'confirmed'`` statements in one transaction (a reviewer's
batch: one UPDATE per item), with ``trg_action_items_state_people`` enabled and disabled alternately,
each transaction rolled back, so the database is left as it was.

    PYTHONPATH=. /work/main/.venv/bin/python bench/review_cost.py --db-url postgresql://… [--rounds 4]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import load_text  # noqa: E402

TRIGGER = "trg_action_items_state_people"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db-url", required=True, help="postgresql://… (libpq form, no +psycopg)")
    ap.add_argument("--items", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=4)
    ns = ap.parse_args()
    print(f"load average before: {load_text()}")
    with psycopg.connect(ns.db_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM action_items WHERE review_state = 'proposed' AND id %% 997 = 0 ORDER BY id LIMIT %s",
                (ns.items,),
            )
        ]
        conn.rollback()
        took: dict[str, list[float]] = {"enabled": [], "disabled": []}
        for _ in range(ns.rounds):
            for mode in took:
                if mode == "disabled":  # rolled back with the rest of the transaction
                    conn.execute(f"ALTER TABLE action_items DISABLE TRIGGER {TRIGGER}")
                t0 = time.perf_counter()
                for item_id in ids:
                    conn.execute("UPDATE action_items SET review_state = 'confirmed' WHERE id = %s", (item_id,))
                took[mode].append((time.perf_counter() - t0) * 1000)
                conn.rollback()
    for mode, times in took.items():
        median = statistics.median(times)
        runs = ", ".join(f"{t:.0f}" for t in times)
        print(f"trigger {mode:9s} {len(ids)} reviews: median {median:.0f} ms ({runs}), {median / len(ids):.2f} ms each")
    print(f"load average after: {load_text()}")


if __name__ == "__main__":
    main()
