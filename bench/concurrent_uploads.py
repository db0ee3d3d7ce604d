"""Two uploads, or two reviewers' batches, stored at once on PostgreSQL, many times: do the rollups'
triggers (migrations 0017 and 0018, shared counter rows upserted by concurrent transactions) deadlock,
and what do they cost in waiting? Run with the writers' lock of 0018 and without it.

    PYTHONPATH=. /work/main/.venv/bin/python bench/concurrent_uploads.py \\
        --db-url postgresql+psycopg://nirdesh:nirdesh@127.0.0.1:5432/SCRATCH --rounds 200

Each round, two threads start together (a barrier) and each stores a random extraction of its own
document the way the extraction job does (``jobs.runner.extract_and_store``: one transaction around
``save_extraction``): random department and meeting date, 20 items with random due dates naming one or
two of the registered offices (so the flush hook links them). Prints the rounds, the writes that
failed with a deadlock (and any other error), and p50/p95 of one write and of a round, beside the
same writes one after another in the same run, with the load average. A reviewer's batch: 10 random
items, each given a random status and review state and flushed (one UPDATE per item), in one
transaction. "without the lock": the same with 0018's ``trg_rollup_lock_*`` triggers dropped for the
run (their definitions are read first and created again after). The database should be a scratch one:
documents and offices are added to it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import latency  # noqa: E402
from core.contract import Extraction  # noqa: E402
from store.db import Database  # noqa: E402
from store.models import ActionItem, Office  # noqa: E402
from store.offices import create_office  # noqa: E402
from store.repository import create_document, get_document, save_extraction  # noqa: E402

OFFICES = ("खंड विकास अधिकारी", "तहसीलदार", "अधिशासी अभियंता", "उप जिलाधिकारी", "नगर आयुक्त")
DEPARTMENTS = ("कृषि विभाग", "राजस्व विभाग", "ग्राम्य विकास विभाग")
START = date(2026, 9, 1)
KIND = "by"
STATUSES = ("open", "in_progress", "done", "dropped")
REVIEWS = ("proposed", "confirmed")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _extraction(rnd: random.Random) -> Extraction:
    items = [
        {
            "id": f"ai-{i}",
            "text": f"कार्य {i}",
            "responsible": [{"name": None, "designation": d} for d in rnd.sample(OFFICES, rnd.randint(1, 2))],
            "deadline": {"text": "तक", "date": (START + timedelta(days=rnd.randint(0, 90))).isoformat(), "kind": KIND},
            "confidence": 0.9,
        }
        for i in range(20)
    ]
    meeting = {"department": rnd.choice(DEPARTMENTS), "date": (START + timedelta(days=rnd.randint(0, 60))).isoformat()}
    return Extraction.from_json({"meeting": meeting, "action_items": items, "pages": [], "extractor_version": "b"})


def _new_documents(db: Database, n: int, tag: str) -> list[int]:
    with db.session() as s:
        docs = [
            create_document(
                s,
                sha256=hashlib.sha256(f"{tag}-{time.time_ns()}-{k}".encode()).hexdigest(),
                filename="m.txt",
                content_type="text/plain",
                kind="txt",
                size=1,
                stored_path="x",
            )
            for k in range(n)
        ]
        s.flush()
        return [d.id for d in docs]


class Outcome:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.writes: list[float] = []
        self.deadlocks = 0
        self.errors: dict[str, int] = {}

    def store(self, db: Database, document_id: int, extraction: Extraction) -> None:
        t0 = time.perf_counter()
        try:
            with db.session() as s:
                doc = get_document(s, document_id)
                assert doc is not None
                save_extraction(s, doc, extraction)
        except sa.exc.DBAPIError as e:
            self.failed(type(e.orig).__name__)
            return
        with self.lock:
            self.writes.append(time.perf_counter() - t0)

    def failed(self, name: str) -> None:
        with self.lock:
            if name == "DeadlockDetected":
                self.deadlocks += 1
            else:
                self.errors[name] = self.errors.get(name, 0) + 1


def _at_once(jobs: list[Callable[[], None]]) -> float:
    """Seconds until every job is done, the jobs started together in threads (a barrier)."""
    barrier = threading.Barrier(len(jobs))

    def run(job: Callable[[], None]) -> None:
        barrier.wait()
        job()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0


def concurrent(db: Database, rounds: int, rnd: random.Random) -> tuple[Outcome, list[float]]:
    outcome, round_times = Outcome(), []
    ids = _new_documents(db, 2 * rounds, "c")
    for r in range(rounds):
        round_times.append(_at_once([partial(outcome.store, db, ids[2 * r + k], _extraction(rnd)) for k in (0, 1)]))
    return outcome, round_times


def serial(db: Database, rounds: int, rnd: random.Random) -> tuple[Outcome, list[float]]:
    outcome, round_times = Outcome(), []
    ids = _new_documents(db, 2 * rounds, "s")
    for r in range(rounds):
        t0 = time.perf_counter()
        for k in (0, 1):
            outcome.store(db, ids[2 * r + k], _extraction(rnd))
        round_times.append(time.perf_counter() - t0)
    return outcome, round_times


def review_batches(db: Database, rounds: int, rnd: random.Random) -> tuple[Outcome, list[float]]:
    outcome, round_times = Outcome(), []
    with db.read() as s:
        ids = list(s.scalars(sa.select(ActionItem.id)))

    def batch(items: list[int], states: list[tuple[str, str]]) -> None:
        t0 = time.perf_counter()
        try:
            with db.session() as s:
                for item_id, (status, review) in zip(items, states, strict=True):
                    item = s.get(ActionItem, item_id)
                    assert item is not None
                    item.status, item.review_state = status, review
                    s.flush()
        except sa.exc.DBAPIError as e:
            outcome.failed(type(e.orig).__name__)
            return
        with outcome.lock:
            outcome.writes.append(time.perf_counter() - t0)

    for _ in range(rounds):
        work = [(rnd.sample(ids, 10), [(rnd.choice(STATUSES), rnd.choice(REVIEWS)) for _ in range(10)]) for _ in (0, 1)]
        round_times.append(_at_once([partial(batch, *w) for w in work]))
    return outcome, round_times


def _lock_triggers(db: Database) -> list[tuple[str, str, str]]:
    with db.engine.connect() as c:
        rows = c.execute(
            sa.text(
                "SELECT tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) FROM pg_trigger "
                "WHERE tgname LIKE 'trg_rollup_lock_%' ORDER BY tgname"
            )
        ).all()
    return [(name, table, ddl) for name, table, ddl in rows]


def report(what: str, outcome: Outcome, rounds: list[float], at: str) -> None:
    w, r = latency(outcome.writes or [0.0]), latency(rounds)
    print(
        f"{what:<48} writes ok {len(outcome.writes):>4}  deadlocks {outcome.deadlocks:>3}  other errors "
        f"{outcome.errors or 0}  write p50/p95 {w['p50_ms']:.0f}/{w['p95_ms']:.0f} ms  "
        f"round p50/p95 {r['p50_ms']:.0f}/{r['p95_ms']:.0f} ms  load {at}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db-url", required=True)
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ns = ap.parse_args()
    db = Database(ns.db_url)
    with db.session() as s:
        known = set(s.scalars(sa.select(Office.designation)))
        for designation in OFFICES:
            if designation not in known:
                create_office(s, designation=designation)
    rnd = random.Random(ns.seed)
    triggers = _lock_triggers(db)
    print(f"{ns.rounds} rounds of each on {db.engine.dialect.name}; writers' lock triggers: {len(triggers)}")
    cases = (
        ("two uploads at once", concurrent),
        ("two uploads one after another", serial),
        ("two reviewers' batches at once", review_batches),
    )
    for locked in (True, False):
        if not locked:
            with db.engine.begin() as c:
                for name, table, _ddl in triggers:
                    c.exec_driver_sql(f"DROP TRIGGER {name} ON {table}")
        try:
            for what, fn in cases:
                at = load()
                outcome, rounds = fn(db, ns.rounds, rnd)
                report(f"{what} ({'with' if locked else 'without'} the lock)", outcome, rounds, at)
        finally:
            if not locked:
                with db.engine.begin() as c:
                    for _name, _table, ddl in triggers:
                        c.exec_driver_sql(ddl)
    db.dispose()


if __name__ == "__main__":
    main()
