"""/v1/stats in SQL: the same figures as the plain per-item computation, on every backend."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from core.contract import Extraction
from core.states import CLOSED_STATUSES, ReviewState
from store.db import Database
from store.models import ActionItem, Document
from store.repository import create_document, save_extraction
from store.stats import NONE_LABEL, workload

TODAY = date(2026, 3, 1)
PEOPLE: list[list[dict[str, Any]]] = [
    [{"name": None, "designation": "खंड विकास अधिकारी"}],
    [{"name": None, "designation": "तहसीलदार"}, {"name": "राम सिंह", "designation": None}],
    [{"name": None, "designation": " तहसीलदार "}, {"name": None, "designation": "तहसीलदार"}],  # once per item
    [{"name": "सीता देवी", "designation": ""}],  # blank designation: the name
    [{"name": "  ", "designation": None}],  # nothing usable: unspecified
    [],
]


def _reference(db: Database, review: str) -> dict[str, Any]:
    """The per-item computation /v1/stats did before it moved into SQL."""
    groups: dict[str, dict[str, list[tuple[int, int | None]]]] = {
        "officer": defaultdict(list),
        "department": defaultdict(list),
    }
    with db.session() as s:
        for item, doc in s.execute(select(ActionItem, Document).join(ActionItem.document)):
            if item.status in CLOSED_STATUSES or item.review_state == ReviewState.REJECTED:
                continue
            if review == "confirmed" and item.review_state != ReviewState.CONFIRMED:
                continue
            start = doc.meeting_date or doc.created_at.date()
            due = item.due_date
            row = (max(0, (TODAY - start).days), (TODAY - due).days if due is not None and due < TODAY else None)
            officers = {(p.get("designation") or p.get("name") or "").strip() for p in item.responsible} - {""}
            for o in officers or {NONE_LABEL}:
                groups["officer"][o].append(row)
            groups["department"][doc.department or NONE_LABEL].append(row)
    out: dict[str, Any] = {"as_of": TODAY.isoformat(), "review": review}
    for key, by in groups.items():
        table = []
        for name, rows in by.items():
            pending, overdue = [p for p, _ in rows], [o for _, o in rows if o is not None]
            table.append(
                {
                    key: name,
                    "open": len(rows),
                    "overdue": len(overdue),
                    "mean_days_pending": round(sum(pending) / len(pending), 1),
                    "max_days_pending": max(pending),
                    "mean_days_overdue": round(sum(overdue) / len(overdue), 1) if overdue else None,
                }
            )
            if key == "officer":  # each post here is written as its matching key
                table[-1]["officer_label"] = name
        out[f"by_{key}"] = sorted(table, key=lambda r: (-int(r["overdue"]), -int(r["open"]), r[key]))
    return out


def _seed(db: Database) -> None:
    rnd = random.Random(7)
    with db.session() as s:
        for d, department in enumerate(["ग्राम्य विकास विभाग", "", None, "कृषि विभाग"]):
            meeting = date(2026, 1, 1) + timedelta(days=9 * d) if d != 2 else None  # one meeting without a date
            doc = create_document(
                s, sha256=f"{d:064d}", filename="m.txt", content_type="text/plain", kind="txt", size=1, stored_path="x"
            )
            doc.created_at = datetime(2026, 2, 10, 23, 30, tzinfo=UTC)
            items = [
                {"id": f"ai-{i}", "text": f"कार्य {i}", "responsible": rnd.choice(PEOPLE), "confidence": 0.9}
                for i in range(30)
            ]
            extraction = Extraction.from_json(
                {"meeting": {"department": department}, "action_items": items, "pages": [], "extractor_version": "t"}
            )
            for item in save_extraction(s, doc, extraction):
                item.due_date = TODAY + timedelta(days=rnd.randint(-40, 40)) if rnd.random() < 0.8 else None
                item.status = rnd.choice(["open", "open", "in_progress", "done", "dropped"])
                item.review_state = rnd.choice(list(ReviewState))
            doc.meeting_date = meeting
            doc.department = department


def test_sql_workload_equals_the_per_item_computation(db: Database) -> None:
    _seed(db)
    for review in ("all", "confirmed"):
        with db.session() as s:
            got = workload(s, today=TODAY, review=review)
        assert got == _reference(db, review)
    with db.session() as s:
        officers = {r["officer"] for r in workload(s, today=TODAY, review="all")["by_officer"]}
    assert {"तहसीलदार", "राम सिंह", "सीता देवी", NONE_LABEL} <= officers and " तहसीलदार " not in officers


def test_empty_database_has_empty_tables(db: Database) -> None:
    with db.session() as s:
        assert workload(s, today=TODAY) == {
            "as_of": "2026-03-01",
            "review": "confirmed",
            "by_officer": [],
            "by_department": [],
        }
