"""/v1/stats from the workload rollup (migration 0017) beside the GROUP BY it replaced, the office
scorecards, a bare ``SELECT ... LIMIT 50``, and what the rollup's triggers add to writes, in one run.

    PYTHONPATH=. /work/main/.venv/bin/python bench/stats_scale.py --db-url postgresql+psycopg://.../nirdesh_vecf19
    PYTHONPATH=. /work/main/.venv/bin/python bench/stats_scale.py --db-url sqlite:////tmp/s.db --items 100000

``--items N`` loads N generated items first when the database is empty (bench/scale_load.py); an
existing store is measured as it is. ``--no-migrate`` measures a store still at 0016 (no rollup: the
rollup line and the write cost with triggers are skipped). Each line: p50/p95 over ``--runs`` calls
after a warm-up, with the load average when the line started.

Write cost: a 30-item document (create + save_extraction + flush, with responsibles) and one status
change (ORM, flush), each in a transaction rolled back afterwards, with the rollup's triggers and with
them dropped inside that same transaction (DDL is transactional on both databases), alternating.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import latency, samples  # noqa: E402
from bench.scale_load import TODAY, reuse_or_build  # noqa: E402
from core.contract import Extraction  # noqa: E402
from store.db import Database, migrate  # noqa: E402
from store.models import ActionItem  # noqa: E402
from store.offices import scorecards  # noqa: E402
from store.repository import create_document, save_extraction  # noqa: E402
from store.stats import workload, workload_scan  # noqa: E402

PEOPLE = [{"name": None, "designation": "तहसीलदार"}, {"name": "राम सिंह", "designation": "खंड विकास अधिकारी"}]


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def line(what: str, figures: dict[str, float], at_load: str) -> None:
    print(f"{what:<44}{figures['p50_ms']:>10.1f}{figures['p95_ms']:>10.1f}   n={int(figures['n']):<4} load {at_load}")


def _drop_rollup_triggers(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trg_workload_%'"
        ).scalars()
        for name in list(names):
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        return
    rows = conn.execute(
        sa.text("SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE 'trg_workload_%'")
    ).all()
    for name, table in rows:
        conn.exec_driver_sql(f"DROP TRIGGER {name} ON {table}")


def write_cost(db: Database, runs: int, with_triggers: bool) -> dict[str, dict[str, float]]:
    """Seconds of a 30-item document insert and of a status change, rolled back each time."""
    times: dict[str, list[float]] = {"insert a 30-item document": [], "a status change": []}
    with db.read() as s:
        item_ids = list(
            s.scalars(sa.select(ActionItem.id).where(ActionItem.status == "open").order_by(ActionItem.id).limit(runs))
        )
    for k in range(runs + 1):
        with db.sessionmaker() as s:
            if not with_triggers:
                _drop_rollup_triggers(s.connection())
            t0 = time.perf_counter()
            doc = create_document(
                s,
                sha256=f"bench{k:059d}",
                filename="m.txt",
                content_type="text/plain",
                kind="txt",
                size=1,
                stored_path="x",
            )
            items = [
                {"id": f"ai-{i}", "text": f"कार्य {i}", "responsible": PEOPLE[: 1 + i % 2], "confidence": 0.9}
                for i in range(30)
            ]
            extraction = Extraction.from_json(
                {"meeting": {"department": "कृषि विभाग"}, "action_items": items, "pages": [], "extractor_version": "b"}
            )
            save_extraction(s, doc, extraction)
            s.flush()
            t1 = time.perf_counter()
            item = s.get(ActionItem, item_ids[k % len(item_ids)])
            assert item is not None
            item.status = "done"
            s.flush()
            t2 = time.perf_counter()
            s.rollback()
        if k:  # the first round warms up
            times["insert a 30-item document"].append(t1 - t0)
            times["a status change"].append(t2 - t1)
    return {what: latency(v) for what, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db-url", required=True)
    ap.add_argument("--items", type=int, default=0, help="load this many items first when the store is empty")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--old-runs", type=int, default=5, help="runs of the old GROUP BY (seconds each at 1M)")
    ap.add_argument("--write-runs", type=int, default=20)
    ap.add_argument("--no-migrate", action="store_true", help="measure the store at its current revision")
    ns = ap.parse_args()
    print(f"load average before: {load()} on {os.cpu_count()} CPUs")
    db = Database(ns.db_url, run_migrations=False)
    if not ns.no_migrate:
        t0 = time.perf_counter()
        migrate(db.engine)
        print(f"migrate to head: {time.perf_counter() - t0:.1f}s")
    if ns.items:
        with db.engine.connect() as c:
            empty = not c.exec_driver_sql("SELECT count(*) FROM action_items").scalar()
        reuse_or_build(db, ns.items, reuse=not empty)
    with db.read() as s:
        n_items = s.scalar(sa.select(sa.func.count()).select_from(ActionItem))
        has_rollup = sa.inspect(s.connection()).has_table("workload_rollup")
        n_rollup = s.scalar(sa.text("SELECT count(*) FROM workload_rollup")) if has_rollup else None
    print(f"{n_items} items ({db.engine.dialect.name}); rollup rows: {n_rollup}; today {TODAY}")
    print(f"{'what':<44}{'p50 ms':>10}{'p95 ms':>10}")

    def bare() -> object:
        with db.engine.connect() as c:
            return c.exec_driver_sql("SELECT * FROM action_items LIMIT 50").all()

    def timed(fn: Callable[..., object], **kw: Any) -> Callable[[], object]:
        def run() -> object:
            with db.read() as s:
                return fn(s, **kw)

        return run

    cases: list[tuple[str, Callable[[], object], int]] = [("bare SELECT ... LIMIT 50 (baseline)", bare, ns.runs)]
    for review in ("confirmed", "all"):
        if has_rollup:
            cases.append((f"/v1/stats review={review}: rollup", timed(workload, today=TODAY, review=review), ns.runs))
        old = timed(workload_scan, today=TODAY, review=review)
        cases.append((f"/v1/stats review={review}: GROUP BY (old)", old, ns.old_runs))
    cases.append(("scorecards (every office)", timed(scorecards, today=TODAY), ns.old_runs))
    for what, fn, runs in cases:
        at = load()
        line(what, samples(fn, runs), at)
    modes = (True, False) if has_rollup else (False,)
    for with_triggers in modes:
        at = load()
        for what, figures in write_cost(db, ns.write_runs, with_triggers).items():
            line(f"{what} ({'with' if with_triggers else 'without'} the rollup triggers)", figures, at)
    print(f"load average after: {load()}")
    db.dispose()


if __name__ == "__main__":
    main()
