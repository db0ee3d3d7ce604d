"""Keyword search at scale: this checkout's query shapes beside the former ones, in the same run.

    PYTHONPATH=. /work/main/.venv/bin/python bench/search_scale.py --items 100000            # SQLite
    PYTHONPATH=. /work/main/.venv/bin/python bench/search_scale.py --reuse \\
        --db-url postgresql+psycopg://nirdesh:nirdesh@127.0.0.1:5432/nirdesh_search18      # 1M, loaded

Items come from bench/generate.py's templates (``bench.scale_load``, as ``bench/scale.py`` builds
them; ``--reuse`` measures a database that an earlier run of either loaded). For every query of
QUERIES (common, rare, absent, Latin-script words) and three filters (none, one department of nine,
one week of meetings: about 1%) it times:

* ``former``: the ranking as it was (every match ranked: ts_rank over all of them on PostgreSQL; on
  SQLite with a filter, every match joined to its item and meeting);
* ``ranking``: ``search.item_queries.keyword_search`` (bounded candidates; top 100, what the service asks);
* ``service``: ``SearchService.search`` in keyword mode, top 20 loaded, as the API answers.

p50/p95 over ``--runs`` passes of all queries after one warm-up pass; the load average is printed with
every line (two cores shared with other work).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import latency  # noqa: E402
from bench.generate import DEPARTMENTS  # noqa: E402
from bench.scale_load import TODAY, reuse_or_build  # noqa: E402
from nlp.query import QueryTerms  # noqa: E402
from search import item_queries  # noqa: E402
from search.service import SearchService  # noqa: E402
from store.db import Database  # noqa: E402
from store.fts import BM25_WEIGHTS, ITEM_FTS_SQLITE, is_sqlite  # noqa: E402
from store.models import ActionItem, Document  # noqa: E402
from store.repository import ItemFilter, _filtered  # noqa: E402

QUERIES = [
    "हैंडपंपों की जांच",
    "सड़कों की मरम्मत",
    "पेंशन प्रकरणों",
    "राशन कार्डों का सत्यापन",
    "नालियों की सफाई",
    "गौशालाओं में चारा",
    "छात्रवृत्ति भुगतान",
    "जिलाधिकारी",
    "DM",
    "pension",
    "hand pump",
    "godown",
]
FILTERS = {
    "no filter": ItemFilter(),
    "one department (1/9)": ItemFilter(department=DEPARTMENTS[1]),
    "one week of meetings (1%)": ItemFilter(
        meeting_from=TODAY - timedelta(days=35), meeting_to=TODAY - timedelta(days=28)
    ),
}


def former(session: Any, q: QueryTerms, f: ItemFilter, limit: int = 100) -> list[Any]:
    """The ranking before the bounded candidates: every match ranked (and joined, with a filter)."""
    if not is_sqlite(session):
        return list(session.execute(item_queries._pg_ranked(q, f, TODAY, None, None).limit(limit)))
    rank: sa.ColumnElement[Any] = sa.literal_column(f"bm25(item_fts, {BM25_WEIGHTS[0]}, {BM25_WEIGHTS[1]})")
    match = sa.text("item_fts MATCH :m").bindparams(m=item_queries.fts5_match(q))
    if f == ItemFilter():
        stmt = sa.select(ITEM_FTS_SQLITE.c.rowid, rank).select_from(ITEM_FTS_SQLITE).where(match).order_by(rank)
    else:
        stmt = _filtered(
            sa.select(ActionItem.id, rank)
            .join(Document, ActionItem.document_id == Document.id)
            .join(ITEM_FTS_SQLITE, ITEM_FTS_SQLITE.c.rowid == ActionItem.id)
            .where(match),
            f,
            TODAY,
        ).order_by(rank, ActionItem.id)
    return list(session.execute(stmt.limit(limit)))


def compare(db: Database, terms: dict[str, QueryTerms]) -> None:
    """The new top 100 beside the former ranking for every query and filter: identical, same top 20."""
    same = 0
    for text, q in terms.items():
        for name, f in FILTERS.items():
            with db.session() as s:
                new = [i for i, _ in item_queries.keyword_search(s, q, f, TODAY)]
                if not is_sqlite(s):
                    item_queries.custom_plans(s)
                old = [int(i) for i, _ in former(s, q, f)]
            same += new == old
            if new != old:
                shared = len(set(new) & set(old))
                print(f"  differs: {text} / {name}: same top 20 {new[:20] == old[:20]}, {shared} of {len(old)} shared")
    print(f"ranking against the former: {same} of {len(terms) * len(FILTERS)} top-100 lists identical")


def timed(run: Callable[[str], object], runs: int) -> dict[str, float]:
    for q in QUERIES:  # warm-up
        run(q)
    times = []
    for _ in range(runs):
        for q in QUERIES:
            t0 = time.perf_counter()
            run(q)
            times.append(time.perf_counter() - t0)
    return latency(times)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5, help="timed passes over the queries")
    ap.add_argument("--db-url", help="default: SQLite in a temporary folder")
    ap.add_argument("--reuse", action="store_true", help="measure a database an earlier run loaded")
    ap.add_argument("--skip-former", action="store_true", help="only this checkout's shapes")
    ap.add_argument("--compare", action="store_true", help="also compare the top 100 with the former ranking")
    ns = ap.parse_args()
    print(f"load average before: {load()} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(ns.db_url or f"sqlite:///{Path(tmp) / 'search.db'}")
        reuse_or_build(db, ns.items, ns.reuse)
        service = SearchService(db, embedder_factory=lambda: None)
        terms = {q: service.parse(q) for q in QUERIES}
        if ns.compare:
            compare(db, terms)
        print(f"\n{'what':58s} {'p50 ms':>8s} {'p95 ms':>8s}  load average")
        base95 = 0.0
        for name, f in FILTERS.items():
            with db.session() as s:
                shapes: dict[str, Callable[[str], object]] = {
                    "ranking": lambda q, f=f: item_queries.keyword_search(s, terms[q], f, TODAY),  # type: ignore[misc]
                    "service": lambda q, f=f: service.search(s, q, f, TODAY, mode="keyword", limit=20),  # type: ignore[misc]
                }
                if not ns.skip_former:
                    shapes = {"former": lambda q, f=f: former(s, terms[q], f), **shapes}  # type: ignore[misc]
                for shape, run in shapes.items():
                    r = timed(run, ns.runs)
                    if shape == "service" and f == ItemFilter():
                        base95 = r["p95_ms"]
                    ratio = f"  {r['p95_ms'] / base95:4.2f}x" if shape == "service" and base95 else ""
                    print(f"{name + ': ' + shape:58s} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f}  {load()}{ratio}")
        print(f"load average after: {load()}")
        db.dispose()


if __name__ == "__main__":
    main()
