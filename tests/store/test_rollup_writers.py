"""Two writers at once: transactions that edit items one statement at a time, in opposite orders,
upsert the rollups' shared counter rows (migrations 0017 and 0018) in opposite orders. On PostgreSQL
that deadlocked; the writers' advisory lock (0018) makes the second wait for the first instead. Both
commit and both rollups still equal their reference queries. SQLite has one writer at a time.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from core.contract import Extraction
from core.states import ItemStatus, ReviewState
from store.db import Database
from store.models import ActionItem
from store.offices import create_office, scorecards, scorecards_scan
from store.repository import create_document, save_extraction
from store.stats import workload, workload_scan

TODAY = date(2026, 12, 1)
WAIT_S = 3.0  # how long the first writer waits for the second's first statement (it never comes with the lock)


def _documents(db: Database) -> list[list[int]]:
    """Two documents (two departments, two offices) of two items each: their item ids."""
    out = []
    with db.session() as s:
        for k, (department, office) in enumerate([("कृषि विभाग", "तहसीलदार"), ("राजस्व विभाग", "सचिव")]):
            create_office(s, designation=office)
            doc = create_document(
                s, sha256=f"{k:064d}", filename="m.txt", content_type="text/plain", kind="txt", size=1, stored_path="x"
            )
            items = [
                {"id": f"ai-{i}", "text": f"कार्य {i}", "responsible": [{"designation": office}], "confidence": 0.9}
                for i in range(2)
            ]
            meeting = {"department": department, "date": "2026-11-02"}
            extraction = Extraction.from_json(
                {"meeting": meeting, "action_items": items, "pages": [], "extractor_version": "t"}
            )
            saved = save_extraction(s, doc, extraction)
            for item in saved:
                item.review_state = ReviewState.CONFIRMED
            out.append([i.id for i in saved])
    return out


def _close(db: Database, first: int, second: int, started: threading.Event, wait: threading.Event) -> None:
    with db.session() as s:
        for item_id in (first, second):
            item = s.get(ActionItem, item_id)
            assert item is not None
            item.status = ItemStatus.DONE
            s.flush()
            if item_id == first:
                started.set()
                wait.wait(WAIT_S)


def test_two_writers_in_opposite_orders_both_commit(db: Database) -> None:
    (x1, y1), (x2, y2) = _documents(db)
    a_started, b_started, go = threading.Event(), threading.Event(), threading.Event()
    go.set()
    errors: list[BaseException] = []

    def run(*args: Any) -> None:
        try:
            _close(db, *args)
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            errors.append(e)

    a = threading.Thread(target=run, args=(x1, x2, a_started, b_started))

    def second() -> None:
        a_started.wait(WAIT_S)
        run(y2, y1, b_started, go)

    b = threading.Thread(target=second)
    a.start()
    b.start()
    a.join()
    b.join()
    assert errors == []
    with db.read() as s:
        assert s.query(ActionItem).filter(ActionItem.status == ItemStatus.DONE).count() == 4
        assert scorecards(s, TODAY) == scorecards_scan(s, TODAY)
        assert sum(c.assigned - c.open for c in scorecards(s, TODAY)) == 4
        for review in ("all", "confirmed"):
            assert workload(s, today=TODAY, review=review) == workload_scan(s, today=TODAY, review=review)
