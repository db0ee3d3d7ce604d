"""How much unreviewed work the tracking views counted before and after review gating, on one seeded store.

PYTHONPATH=. /work/main/.venv/bin/python bench/review_gate.py [--documents 7 --items 150 --confirmed 11 --rejected 8]

The store imitates the issue's seven documents: ``--items`` extracted items spread over the documents,
``--confirmed`` of them confirmed and ``--rejected`` rejected by a reviewer, the rest still proposed;
two thirds have a due date, half of those in the past. "before" recomputes the rules of commit d35d8ca
(dashboard and reminders: every item not rejected; exports: every item, rejected ones included;
compliance report: every item not rejected), "after" is what the service does now by default, and
"review=all" is the switch that adds proposed items. Figures are counts, not timings.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from core.contract import Extraction
from exporters.report import report_data
from exporters.rows import load_rows
from store import outbox
from store.db import Database
from store.models import ActionItem, Document, OutboxEvent
from store.repository import ItemFilter, create_document, list_items, overdue_clause, save_extraction
from store.stats import workload

TODAY = date(2026, 3, 1)
OFFICERS = ("खंड विकास अधिकारी", "जिला कृषि अधिकारी", "अधिशासी अभियंता", "तहसीलदार", "जिला पूर्ति अधिकारी")


def _extraction(rng: random.Random, n: int, start: int) -> Extraction:
    items = []
    for i in range(n):
        due = TODAY + timedelta(days=rng.randint(-60, 60)) if rng.random() < 2 / 3 else None
        officer = OFFICERS[(start + i) % len(OFFICERS)]
        items.append(
            {
                "id": f"ai-{i + 1:03d}",
                "text": f"{officer} को कार्य संख्या {start + i} की प्रगति सुनिश्चित करने के निर्देश दिए गए।",
                "responsible": [{"name": None, "designation": officer}],
                "deadline": {"text": "तक", "date": due.isoformat(), "kind": "by"} if due else None,
                "evidence": None,
                "confidence": 0.9,
            }
        )
    return Extraction.from_json({"meeting": {"date": None}, "action_items": items, "pages": [], "warnings": []})


def seed(db: Database, documents: int, items: int, confirmed: int, rejected: int, rng: random.Random) -> None:
    per_doc = [items // documents + (1 if d < items % documents else 0) for d in range(documents)]
    with db.session() as s:
        made = 0
        for d, n in enumerate(per_doc):
            doc = create_document(
                s,
                sha256=f"{d:064d}",
                filename=f"doc{d}.txt",
                content_type="text/plain",
                kind="txt",
                size=1,
                stored_path=f"files/{d}",
                meeting_date=TODAY - timedelta(days=90 - d),
            )
            save_extraction(s, doc, _extraction(rng, n, made))
            made += n
        ids = list(s.scalars(select(ActionItem.id)))
        rng.shuffle(ids)
        for state, chosen in (("confirmed", ids[:confirmed]), ("rejected", ids[confirmed : confirmed + rejected])):
            for item in s.scalars(select(ActionItem).where(ActionItem.id.in_(chosen))):
                item.review_state = state


def _totals(stats: dict[str, Any]) -> tuple[int, int]:
    rows = stats["by_department"]
    return sum(r["open"] for r in rows), sum(r["overdue"] for r in rows)


def figures(db: Database) -> list[tuple[str, Any, Any, Any]]:
    with db.session() as s:
        unreviewed = ItemFilter(review_state=["proposed"])
        before_all = list_items(s, ItemFilter(), today=TODAY, limit=1)[1]  # d35d8ca: no review filter at all
        before_unreviewed = list_items(s, unreviewed, today=TODAY, limit=1)[1]
        before_rejected = list_items(s, ItemFilter(review_state=["rejected"]), today=TODAY, limit=1)[1]
        rows_after = load_rows(s, ItemFilter(), today=TODAY, base_url="x")
        rows_all = load_rows(s, ItemFilter(), today=TODAY, base_url="x", review="all")
        old_open, old_overdue = _totals(workload(s, today=TODAY, review="all"))  # d35d8ca: not rejected
        new_open, new_overdue = _totals(workload(s, today=TODAY))
        old_sweep = len(
            s.scalars(select(ActionItem.id).where(overdue_clause(TODAY), ActionItem.review_state != "rejected")).all()
        )
        docs = list(s.scalars(select(Document)))
        old_report = sum(len([i for i in d.items if i.review_state != "rejected"]) for d in docs)
        new_report = sum(len(report_data(d, TODAY).lines) for d in docs)
        all_report = sum(len(report_data(d, TODAY, "all").lines) for d in docs)
    with db.session() as s:
        new_sweep = outbox.sweep_overdue(s, TODAY)
        s.rollback()
    with db.session() as s:
        all_sweep = outbox.sweep_overdue(s, TODAY, "all")
        assert s.scalar(select(func.count(OutboxEvent.id)).where(OutboxEvent.event == "item.overdue")) == all_sweep
        s.rollback()

    def states(rows: list[Any], state: str) -> int:
        return sum(1 for r in rows if r.review_state == state)

    return [
        # review=all is d35d8ca's dashboard rule (every item not rejected), so both columns agree there
        ("dashboard open items", old_open, new_open, old_open),
        ("dashboard overdue items", old_overdue, new_overdue, old_overdue),
        ("export rows (CSV/XLSX/ICS/JSON)", before_all, len(rows_after), len(rows_all)),
        (
            "  of which unreviewed (proposed)",
            before_unreviewed,
            states(rows_after, "proposed"),
            states(rows_all, "proposed"),
        ),
        ("  of which rejected", before_rejected, states(rows_after, "rejected"), states(rows_all, "rejected")),
        ("compliance report lines", old_report, new_report, all_report),
        ("overdue reminders queued", old_sweep, new_sweep, all_sweep),
    ]


def main(argv: list[str] | None = None) -> list[tuple[str, Any, Any, Any]]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=7)
    ap.add_argument("--items", type=int, default=150)
    ap.add_argument("--confirmed", type=int, default=11)
    ap.add_argument("--rejected", type=int, default=8)
    ap.add_argument("--seed", type=int, default=16)
    ns = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'gate.db'}")
        seed(db, ns.documents, ns.items, ns.confirmed, ns.rejected, random.Random(ns.seed))
        rows = figures(db)
        db.dispose()
    print(
        f"{ns.documents} documents, {ns.items} items: {ns.confirmed} confirmed, {ns.rejected} rejected, "
        f"{ns.items - ns.confirmed - ns.rejected} proposed; as of {TODAY}"
    )
    print(f"{'view':36} {'before (d35d8ca)':>17} {'after (default)':>16} {'review=all':>11}")
    for name, before, after, wide in rows:
        print(f"{name:36} {before:>17} {after:>16} {wide:>11}")
    return rows


if __name__ == "__main__":
    main()
