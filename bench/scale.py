"""Scale benchmark: every documented item-list filter, keyset paging, keyword search, /v1/stats and a
filtered export at N items (SQLite, the embedded default), beside plain baselines in the same run.

    PYTHONPATH=. /work/main/.venv/bin/python bench/scale.py --items 100000 [--runs 30] [--plans]
    PYTHONPATH=. /work/main/.venv/bin/python bench/scale.py --items 20000 --db-url postgresql+psycopg://...

Items are directives filled from bench/generate.py's templates and word lists (officers, departments,
tasks, deadlines), 50 per meeting, written with bulk INSERTs and indexed for keyword search through
the service's own code. Each line is p50/p95 over ``--runs`` calls of what the API handler runs
(``list_items`` with the API's count cap + the item JSON of the page), after one warm-up call; baselines:

* ``bare SELECT ... LIMIT 50``: the cheapest possible page (no filter, no order, no count);
* ``newest 50``: the unfiltered default list; the goal is every filter's p95 <= 2x this;
* ``keyword FTS alone``: the search service in keyword mode, no filter.

``--paired``: each row's calls alternate with calls of the newest-50 list, and the row's ratio is its
p95 over the p95 of those newest-50 calls (printed as ``n50 p95``): on a shared machine the load drifts
during a run, and a baseline timed once at the start would skew the rows timed later.

``--plans`` prints the query plan of each list filter (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE
on PostgreSQL). The machine's load average is printed before and after.
"""

from __future__ import annotations

import argparse
import dataclasses
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

from api.schemas import COUNT_CAP, item_out_of  # noqa: E402
from bench.common import latency, load_text, samples  # noqa: E402
from bench.generate import CHAIRS, DEPARTMENTS, OFFICERS  # noqa: E402
from bench.scale_load import TODAY, reuse_or_build  # noqa: E402
from core.settings import Settings  # noqa: E402
from exporters.rows import iter_rows  # noqa: E402
from exporters.service import chunks, spool  # noqa: E402
from search.service import SearchService  # noqa: E402
from store import keyset  # noqa: E402
from store.db import Database  # noqa: E402
from store.models import ActionItem  # noqa: E402
from store.offices import office_items  # noqa: E402
from store.repository import ItemFilter, list_items  # noqa: E402
from store.stats import workload  # noqa: E402


def filters() -> dict[str, tuple[ItemFilter, str]]:
    """Every documented list filter (and sort) as the API would be called with it."""
    officer, dept = OFFICERS[2], DEPARTMENTS[1]
    return {
        "newest 50 (baseline)": (ItemFilter(), "-created_at"),
        "status=open": (ItemFilter(status=["open"]), "-created_at"),
        "overdue=true": (ItemFilter(overdue=True), "-created_at"),
        "overdue, sort=due_date": (ItemFilter(overdue=True), "due_date"),
        "responsible": (ItemFilter(responsible=officer), "-created_at"),
        "responsible + tracked": (ItemFilter(responsible=officer, tracked=True), "-created_at"),
        "department + status": (ItemFilter(department=dept, status=["open"]), "-created_at"),
        "issuer": (ItemFilter(issuer=CHAIRS[0]), "-created_at"),
        "priority=high": (ItemFilter(priority="high"), "-created_at"),
        "due_before/after": (ItemFilter(due_after=TODAY, due_before=TODAY + timedelta(days=30)), "due_date"),
        "meeting_from/to": (ItemFilter(meeting_from=TODAY - timedelta(days=60), meeting_to=TODAY), "-created_at"),
        "document_id": (ItemFilter(document_id=7), "-created_at"),
        "review_state=proposed": (ItemFilter(review_state=["proposed"]), "-created_at"),
        "tracked=true": (ItemFilter(tracked=True), "-created_at"),
        "q (substring)": (ItemFilter(q="हैंडपंपों"), "-created_at"),  # 7% of the items: one word
        "q, medium (1,3)": (ItemFilter(q="1,3"), "-created_at"),  # 100 words, ~3,500 items
        "q, rare (4,73)": (ItemFilter(q="4,73"), "-created_at"),  # 10 words, ~330 items
        # q= with another filter, and with a space (issue 18, round 29)
        "q + department": (ItemFilter(q="हैंडपंपों", department=dept), "-created_at"),
        "q, medium + department": (ItemFilter(q="1,3", department=dept), "-created_at"),
        "q + status": (ItemFilter(q="हैंडपंपों", status=["open"]), "-created_at"),
        "q, medium + status": (ItemFilter(q="1,3", status=["open"]), "-created_at"),
        "q + responsible": (ItemFilter(q="हैंडपंपों", responsible=officer), "-created_at"),
        "q, medium + responsible": (ItemFilter(q="1,3", responsible=officer), "-created_at"),
        "q with a space (30 जून)": (ItemFilter(q="30 जून"), "-created_at"),
        "q with a space, frequent (हैंडपंपों की)": (ItemFilter(q="हैंडपंपों की"), "-created_at"),
        "sort=priority": (ItemFilter(), "-priority"),
        "sort=meeting_date": (ItemFilter(), "-meeting_date"),
    }


def list_page(db: Database, f: ItemFilter, sort: str, **kw: Any) -> Callable[[], object]:
    def run() -> object:
        with db.session() as s:
            items, total = list_items(s, f, today=TODAY, sort=sort, limit=50, count_cap=COUNT_CAP, **kw)
            return [item_out_of(i, TODAY) for i in items], total

    return run


def office_page(db: Database, office_id: int) -> Callable[[], object]:
    """GET /v1/offices/{id}/items: the office's confirmed items, soonest due first, and their total."""

    def run() -> object:
        with db.session() as s:
            items, total = office_items(s, office_id, today=TODAY, limit=50, count_cap=COUNT_CAP)
            return [item_out_of(i, TODAY) for i in items], total

    return run


def paired(fn: Callable[[], object], base: Callable[[], object], runs: int) -> dict[str, float]:
    """``samples`` of ``fn`` with a call of ``base`` after each one; ``base_p95_ms``: those calls' p95."""
    fn()
    base()
    times: list[float] = []
    base_times: list[float] = []
    for _ in range(runs):
        for f, out in ((fn, times), (base, base_times)):
            t0 = time.perf_counter()
            f()
            out.append(time.perf_counter() - t0)
    return {**latency(times), "base_p95_ms": latency(base_times)["p95_ms"]}


def heavy(db: Database, runs: int) -> list[tuple[str, dict[str, float]]]:
    """/v1/stats and a filtered export in three formats."""
    rows: list[tuple[str, dict[str, float]]] = []

    def stats() -> object:
        with db.session() as s:
            return workload(s, today=TODAY)

    rows.append(("/v1/stats", samples(stats, max(3, runs // 5))))
    settings = dataclasses.replace(Settings(), public_url="https://nirdesh.example.org")
    for fmt in ("csv", "xlsx", "ics"):
        f = ItemFilter(department=DEPARTMENTS[1], status=["open"])

        def export(fmt: str = fmt, f: ItemFilter = f) -> object:
            with db.session() as s:
                rows_ = iter_rows(s, f, today=TODAY, base_url=settings.public_url)
                return spool(chunks(fmt, rows_, f, settings=settings))[1]

        rows.append((f"export {fmt} (one department, open)", samples(export, 3)))
    return rows


def deep_pages(db: Database, runs: int) -> list[tuple[str, dict[str, float]]]:
    """Page 101 of newest-first by offset 5,000 and by the keyset cursor of the same position."""
    with db.session() as s:
        items, _ = list_items(s, ItemFilter(), today=TODAY, sort="-created_at", limit=5000)
        cursor = keyset.after_condition(
            "-created_at", *keyset.decode(keyset.encode("-created_at", items[-1]), "-created_at")
        )
    return [
        ("page at 5,000: offset", samples(list_page(db, ItemFilter(), "-created_at", offset=5000), runs)),
        ("page at 5,000: after= cursor", samples(list_page(db, ItemFilter(), "-created_at", after=cursor), runs)),
    ]


def explain(c: sa.Connection, stmt: Any) -> list[str]:
    sql = str(stmt.compile(c, compile_kwargs={"literal_binds": True}))
    if c.dialect.name == "sqlite":
        return [r[3] for r in c.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    return [r[0] for r in c.exec_driver_sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql)]


def plan(db: Database, f: ItemFilter, sort: str) -> list[str]:
    """The query plans of one list page as ``list_items`` runs it: the page query, then the capped count."""
    from store.repository import _filtered, _order, count_items, count_statement, walk_sort_index

    base = sa.select(ActionItem).join(ActionItem.document)
    with db.session() as s:
        walked = walk_sort_index(base, sort, count_items(s, f, TODAY, COUNT_CAP))
    stmt = _filtered(walked, f, TODAY, text_index=walked is base).order_by(*_order(sort)).limit(50)
    with db.engine.connect() as c:
        return [*explain(c, stmt), "count:", *explain(c, count_statement(f, TODAY, COUNT_CAP))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--db-url", help="an empty database (default: SQLite in a temporary folder)")
    ap.add_argument("--plans", action="store_true")
    ap.add_argument("--lists-only", action="store_true", help="lists and searches only (no /v1/stats, exports)")
    ap.add_argument("--reuse", action="store_true", help="measure a database an earlier run loaded (--db-url)")
    ap.add_argument("--paired", action="store_true", help="time newest-50 beside each row (its own baseline)")
    ap.add_argument("--only", help="only the baselines and the list rows whose name contains this (e.g. 'q')")
    ap.add_argument("--skip", help="not the list rows whose name contains this")
    ns = ap.parse_args()
    print(f"load average before: {load_text()} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        url = ns.db_url or f"sqlite:///{Path(tmp) / 'scale.db'}"
        db = Database(url)
        reuse_or_build(db, ns.items, ns.reuse)
        rows: list[tuple[str, dict[str, float]]] = []

        def bare() -> object:
            with db.engine.connect() as c:
                return c.exec_driver_sql("SELECT * FROM action_items LIMIT 50").all()

        rows.append(("bare SELECT ... LIMIT 50 (baseline)", samples(bare, ns.runs)))
        search = SearchService(db, embedder_factory=lambda: None)

        def keyword(f: ItemFilter) -> Callable[[], object]:
            def run() -> object:
                with db.session() as s:
                    return search.search(s, "हैंडपंपों की जांच", f, TODAY, mode="keyword")

            return run

        if not ns.only:
            rows.append(("keyword FTS alone (baseline)", samples(keyword(ItemFilter()), ns.runs)))
            rows.append(
                ("keyword + department filter", samples(keyword(ItemFilter(department=DEPARTMENTS[1])), ns.runs))
            )
        newest = list_page(db, ItemFilter(), "-created_at")

        def timed(fn: Callable[[], object]) -> dict[str, float]:
            return paired(fn, newest, ns.runs) if ns.paired else samples(fn, ns.runs)

        for name, (f, sort) in filters().items():
            if ns.only and not (name.startswith("newest") or ns.only in name):
                continue
            if ns.skip and ns.skip in name:
                continue
            rows.append((f"list: {name}", timed(list_page(db, f, sort))))
            if ns.plans:
                print(f"-- plan of {name}:\n   " + "\n   ".join(plan(db, f, sort)))
        if not ns.only:
            rows += deep_pages(db, ns.runs)
            rows.append(("list: one office's items (office 1)", timed(office_page(db, 1))))
        if not (ns.lists_only or ns.only):
            rows += heavy(db, ns.runs)
        base = next(r for n, r in rows if n.startswith("list: newest"))["p95_ms"]
        print(f"\n{'what':46s} {'p50 ms':>9s} {'p95 ms':>9s}  p95 / newest-50 p95" + ("   n50 p95" * ns.paired))
        for name, r in rows:
            own = r.get("base_p95_ms")
            tail = f"  {own:8.1f}" if own else ""
            print(f"{name:46s} {r['p50_ms']:9.1f} {r['p95_ms']:9.1f}  {r['p95_ms'] / (own or base):6.2f}x{tail}")
        print(f"load average after: {load_text()}")
        db.dispose()


if __name__ == "__main__":
    main()
