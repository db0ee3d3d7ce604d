"""/v1/stats from the workload rollup (migration 0017) beside the GROUP BY it replaced, the office
scorecards from their rollup (migration 0018) beside the aggregates they replaced, a bare
``SELECT ... LIMIT 50``, and what the rollups' triggers add to writes, in one run.

    PYTHONPATH=. /work/main/.venv/bin/python bench/stats_scale.py --db-url postgresql+psycopg://.../nirdesh_vecf19
    PYTHONPATH=. /work/main/.venv/bin/python bench/stats_scale.py --db-url sqlite:////tmp/s.db --items 100000

``--items N`` loads N generated items first when the database is empty (bench/scale_load.py); an
existing store is measured as it is. ``--no-migrate`` measures a store still at 0016 (no rollup: the
rollup line and the write cost with triggers are skipped). Each line: p50/p95 over ``--runs`` calls
after a warm-up, with the load average when the line started.

Write cost: a 30-item document (create + save_extraction + flush, with responsibles that name
offices, so it links items) and closing an office's item (an ORM status change to done of an open
item linked to an office: the flush hook closes its links), each in a transaction rolled back
afterwards, with every rollup trigger, without the scorecard rollup's (``trg_scorecard_*``) and
without both rollups' (``trg_workload_*`` and the writers' lock ``trg_rollup_lock_*`` too), dropped
inside that same transaction (DDL is transactional on both databases).
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
from store.models import ActionItem, ItemOffice  # noqa: E402
from store.offices import scorecard, scorecard_scan, scorecards, scorecards_scan  # noqa: E402
from store.repository import create_document, save_extraction  # noqa: E402
from store.stats import workload, workload_scan  # noqa: E402

PEOPLE = [{"name": None, "designation": "तहसीलदार"}, {"name": "राम सिंह", "designation": "खंड विकास अधिकारी"}]


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def line(what: str, figures: dict[str, float], at_load: str) -> None:
    print(f"{what:<60}{figures['p50_ms']:>10.1f}{figures['p95_ms']:>10.1f}   n={int(figures['n']):<4} load {at_load}")


def _drop_triggers(conn: sa.Connection, prefixes: tuple[str, ...]) -> None:
    """Drop the triggers whose names start with one of ``prefixes`` (inside the caller's transaction)."""
    for prefix in prefixes:
        if conn.dialect.name == "sqlite":
            names = conn.exec_driver_sql(
                f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{prefix}%'"
            ).scalars()
            for name in list(names):
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
            continue
        rows = conn.execute(
            sa.text(f"SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE '{prefix}%'")
        ).all()
        for name, table in rows:
            conn.exec_driver_sql(f"DROP TRIGGER {name} ON {table}")


WRITE_MODES = {  # what the write-cost lines call each mode -> the trigger prefixes dropped
    "with every rollup trigger": (),
    "without the scorecard triggers": ("trg_scorecard_",),
    "without both rollups' triggers": ("trg_scorecard_", "trg_workload_", "trg_rollup_lock_"),
}


def _one_write(db: Database, k: int, item_id: int, dropped: tuple[str, ...]) -> tuple[float, float, int]:
    """Seconds of a 30-item document insert and of closing an office's item, rolled back; the links made."""
    with db.sessionmaker() as s:
        _drop_triggers(s.connection(), dropped)
        t0 = time.perf_counter()
        doc = create_document(
            s, sha256=f"bench{k:059d}", filename="m.txt", content_type="text/plain", kind="txt", size=1, stored_path="x"
        )
        items = [
            {"id": f"ai-{i}", "text": f"कार्य {i}", "responsible": PEOPLE[: 1 + i % 2], "confidence": 0.9}
            for i in range(30)
        ]
        extraction = Extraction.from_json(
            {"meeting": {"department": "कृषि विभाग"}, "action_items": items, "pages": [], "extractor_version": "b"}
        )
        saved = save_extraction(s, doc, extraction)
        s.flush()
        t1 = time.perf_counter()
        item = s.get(ActionItem, item_id)
        assert item is not None
        item.status = "done"
        s.flush()
        t2 = time.perf_counter()
        links = s.scalar(
            sa.select(sa.func.count()).select_from(ItemOffice).where(ItemOffice.item_id.in_([i.id for i in saved]))
        )
        s.rollback()
    return t1 - t0, t2 - t1, links or 0


def write_cost(db: Database, runs: int) -> dict[str, dict[str, dict[str, float]]]:
    """Per mode of ``WRITE_MODES``: the latency of a 30-item document insert and of closing an office's
    item, the modes alternating round by round (so load changes hit them alike)."""
    times: dict[str, dict[str, list[float]]] = {
        m: {"insert a 30-item document": [], "close an office's item": []} for m in WRITE_MODES
    }
    with db.read() as s:
        item_ids = list(
            s.scalars(
                sa.select(ActionItem.id)
                .join(ItemOffice, ItemOffice.item_id == ActionItem.id)
                .where(ActionItem.status == "open")
                .order_by(ActionItem.id)
                .limit(runs)
            )
        )
    for k in range(runs + 1):
        for mode, dropped in WRITE_MODES.items():
            insert_s, close_s, links = _one_write(db, k, item_ids[k % len(item_ids)], dropped)
            assert links > 0, "the bench document must link items to offices"
            if k:  # the first round warms up
                times[mode]["insert a 30-item document"].append(insert_s)
                times[mode]["close an office's item"].append(close_s)
    return {mode: {what: latency(v) for what, v in by_what.items()} for mode, by_what in times.items()}


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
        tables = set(sa.inspect(s.connection()).get_table_names())
        has_rollup, has_cards = "workload_rollup" in tables, "scorecard_rollup" in tables
        n_rollup = s.scalar(sa.text("SELECT count(*) FROM workload_rollup")) if has_rollup else None
        n_cards = s.scalar(sa.text("SELECT count(*) FROM scorecard_rollup")) if has_cards else None
        n_links = s.scalar(sa.select(sa.func.count()).select_from(ItemOffice))
        busiest = s.scalar(
            sa.select(ItemOffice.office_id).group_by(ItemOffice.office_id).order_by(sa.func.count().desc()).limit(1)
        )
    print(f"{n_items} items, {n_links} office links ({db.engine.dialect.name}); today {TODAY}")
    print(f"rollup rows: workload {n_rollup}, scorecards {n_cards}; one office: {busiest}, the most links")
    print(f"{'what':<60}{'p50 ms':>10}{'p95 ms':>10}")

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
    if has_cards:
        cases.append(("scorecards (every office): rollup", timed(scorecards, today=TODAY), ns.runs))
    cases.append(("scorecards (every office): aggregates (old)", timed(scorecards_scan, today=TODAY), ns.old_runs))
    if busiest is not None:
        if has_cards:
            one = timed(scorecard, office_id=busiest, today=TODAY)
            cases.append(("scorecard (one office): rollup", one, ns.runs))
        old_one = timed(scorecard_scan, office_id=busiest, today=TODAY)
        cases.append(("scorecard (one office): aggregates (old)", old_one, ns.old_runs))
    for what, fn, runs in cases:
        at = load()
        line(what, samples(fn, runs), at)
    if has_cards:
        with db.read() as s:
            same = scorecards(s, today=TODAY) == scorecards_scan(s, today=TODAY)
        print(f"scorecards from the rollup equal the old aggregates: {same}")
    at = load()
    for mode, by_what in write_cost(db, ns.write_runs).items():
        for what, figures in by_what.items():
            line(f"{what} ({mode})", figures, at)
    print(f"load average after: {load()}")
    db.dispose()


if __name__ == "__main__":
    main()
