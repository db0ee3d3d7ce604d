"""p50/p95 of one office's item list with 100,000 items and 500 offices in the store, beside the plain
newest-50 item list (the baseline) in the same run and on the same database.

    python -m bench.office_list [--items 100000] [--offices 500] [--queries 200] [--url DB_URL]

Items are bulk-inserted (confirmed, one office each, spread evenly, due dates over a year); each query
asks a random office's first page (50, soonest due first) and its total, as GET /v1/offices/{id}/items does.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert

from bench.common import latency
from core.states import ReviewState
from store.db import Database
from store.models import ActionItem, Document, ItemOffice, Office
from store.offices import office_items
from store.repository import ItemFilter, list_items

TODAY = date(2026, 6, 1)


def fill(db: Database, n_items: int, n_offices: int, per_doc: int = 20) -> None:
    with db.session() as s:
        s.execute(insert(Office), [{"designation": f"कार्यालय {i}"} for i in range(1, n_offices + 1)])
        n_docs = (n_items + per_doc - 1) // per_doc
        s.execute(
            insert(Document),
            [
                {
                    "sha256": f"{d:064x}",
                    "filename": f"d{d}.txt",
                    "content_type": "text/plain",
                    "kind": "txt",
                    "size": 1,
                    "stored_path": f"d{d}",
                    "meeting_date": TODAY - timedelta(days=d % 365),
                    "department": f"विभाग {d % 40}",
                    "status": "processed",
                }
                for d in range(1, n_docs + 1)
            ],
        )
    rng = random.Random(7)
    batch = 10_000
    for start in range(0, n_items, batch):
        ids = range(start + 1, min(start + batch, n_items) + 1)
        with db.session() as s:
            s.execute(
                insert(ActionItem),
                [
                    {
                        "id": i,
                        "document_id": (i - 1) // per_doc + 1,
                        "seq": (i - 1) % per_doc + 1,
                        "text": f"निर्देश संख्या {i}",
                        "norm_text": f"निर्देश {i}",
                        "responsible": [{"designation": f"कार्यालय {i % n_offices + 1}"}],
                        "review_state": ReviewState.CONFIRMED,
                        "due_date": TODAY + timedelta(days=rng.randint(-180, 180)),
                    }
                    for i in ids
                ],
            )
            s.execute(
                insert(ItemOffice),
                [{"item_id": i, "office_id": i % n_offices + 1, "source": "alias", "assigned_on": TODAY} for i in ids],
            )


def measure(db: Database, n_offices: int, queries: int) -> dict[str, dict[str, float]]:
    rng = random.Random(11)
    office_s, newest_s = [], []
    for _ in range(queries):
        oid = rng.randint(1, n_offices)
        with db.session() as s:
            t = time.perf_counter()
            rows, total = office_items(s, oid, today=TODAY, limit=50)
            office_s.append(time.perf_counter() - t)
            assert rows and total > 0
        with db.session() as s:
            t = time.perf_counter()
            rows, total = list_items(s, ItemFilter(), today=TODAY, sort="-created_at", limit=50)
            newest_s.append(time.perf_counter() - t)
            assert len(rows) == 50
    return {"office_list": latency(office_s), "newest_50_baseline": latency(newest_s)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--items", type=int, default=100_000)
    p.add_argument("--offices", type=int, default=500)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--url", help="database URL (default: a fresh SQLite file)")
    ns = p.parse_args()
    tmp = tempfile.mkdtemp(prefix="nirdesh-bench-")
    url = ns.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
    db = Database(url)
    t = time.perf_counter()
    fill(db, ns.items, ns.offices)
    print(f"filled {ns.items} items, {ns.offices} offices in {time.perf_counter() - t:.1f}s ({db.engine.dialect.name})")
    for name, figs in measure(db, ns.offices, ns.queries).items():
        print(f"{name:20s} " + "  ".join(f"{k}={v:.2f}" for k, v in figs.items()))
    db.dispose()


if __name__ == "__main__":
    main()
