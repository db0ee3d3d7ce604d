"""Export timing: 10,000 action items in every format (SQLite in a temporary folder).

PYTHONPATH=. /work/main/.venv/bin/python bench/export_10k.py [--items 10000]
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from core.contract import Extraction
from core.settings import Settings
from exporters.rows import load_rows
from exporters.service import render
from store.db import Database
from store.repository import ItemFilter, create_document, save_extraction

OFFICERS = ("खंड विकास अधिकारी", "जिला कृषि अधिकारी", "अधिशासी अभियंता", "तहसीलदार", "जिला पूर्ति अधिकारी")


def extraction(n: int, start: date) -> Extraction:
    items = []
    for i in range(n):
        due = start + timedelta(days=i % 90) if i % 7 else None
        items.append(
            {
                "id": f"ai-{i + 1:03d}",
                "text": f"{OFFICERS[i % 5]} को कार्य संख्या {i} की कार्यवाही की प्रगति सुनिश्चित करने के निर्देश दिए गए।",
                "action": None,
                "issued_by": {"name": None, "designation": "जिलाधिकारी"},
                "responsible": [{"name": None, "designation": OFFICERS[i % 5]}],
                "deadline": {"text": "तक", "date": due.isoformat(), "kind": "by"} if due else None,
                "recurrence": None,
                "targets": [],
                "evidence": None,
                "confidence": 0.9,
            }
        )
    return Extraction.from_json(
        {
            "meeting": {"date": start.isoformat(), "department": "ग्राम्य विकास विभाग"},
            "action_items": items,
            "pages": [{"number": 1, "route": "txt", "text": "x"}],
            "warnings": [],
            "extractor_version": "bench",
        }
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--per-document", type=int, default=100)
    ns = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        t = time.perf_counter()
        with db.session() as s:
            for d in range(ns.items // ns.per_document):
                when = date(2026, 1, 1) + timedelta(days=d)
                doc = create_document(
                    s,
                    sha256=f"{d:064d}",
                    filename=f"m{d}.txt",
                    content_type="text/plain",
                    kind="txt",
                    size=1,
                    stored_path=f"x/{d}",
                    meeting_date=when,
                )
                save_extraction(s, doc, extraction(ns.per_document, when))
        print(f"seed {ns.items} items: {time.perf_counter() - t:.1f}s")
        settings = dataclasses.replace(Settings(), public_url="https://nirdesh.example.org")
        t = time.perf_counter()
        with db.session() as s:
            rows = load_rows(s, ItemFilter(), today=date(2026, 3, 1), base_url=settings.public_url)
        print(f"load rows: {len(rows)} in {time.perf_counter() - t:.2f}s")
        formats: list[tuple[str, dict[str, Any]]] = [
            ("csv", {}),
            ("xlsx", {}),
            ("xlsx", {"per_meeting": True}),
            ("ics", {}),
            ("json", {}),
        ]
        for fmt, kw in formats:
            t = time.perf_counter()
            out = render(fmt, rows, ItemFilter(), settings=settings, **kw)
            label = fmt + (" (sheet per meeting)" if kw else "")
            print(f"{label:28s} {time.perf_counter() - t:6.2f}s  {len(out.body) / 1e6:6.1f} MB")
        db.dispose()


if __name__ == "__main__":
    main()
