"""JSON export, versioned: the shape is fixed by exporters/schema/export-v1.json (JSON Schema 2020-12).

A change that removes or renames a field needs a new schema version (export-v2.json); adding an
optional field does not.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from exporters.rows import ExportRow
from store.repository import ItemFilter

SCHEMA_VERSION = "nirdesh-export/v1"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "export-v1.json"


def _iso(v: date | datetime | None) -> str | None:
    return v.isoformat() if v is not None else None


def item_json(r: ExportRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "document_id": r.document_id,
        "seq": r.seq,
        "text": r.text,
        "action": r.action,
        "issued_by": r.issued_by or None,
        "responsible": [{"name": p.get("name"), "designation": p.get("designation")} for p in r.responsible],
        "department": r.department,
        "meeting": {"date": _iso(r.meeting_date), "title": r.meeting_title, "source": r.source},
        "deadline_text": r.deadline_text,
        "due_date": _iso(r.due_date),
        "due_date_source": r.due_date_source,
        "recurrence": r.recurrence,
        "status": r.status,
        "priority": r.priority,
        "assignee": r.assignee,
        "note": r.note,
        "review_state": r.review_state,
        "overdue": r.overdue,
        "confidence": r.confidence,
        "created_at": _iso(r.created_at),
        "updated_at": _iso(r.updated_at),
        "url": r.url,
    }


def filters_json(f: ItemFilter) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(f).items() if v is not None}


def export_document(rows: Iterable[ExportRow], f: ItemFilter, now: datetime | None = None) -> dict[str, Any]:
    items = [item_json(r) for r in rows]
    return {
        "schema": SCHEMA_VERSION,
        "generated_at": (now or datetime.now(UTC)).isoformat(),
        "filters": filters_json(f),
        "count": len(items),
        "items": items,
    }


def write_json(rows: Iterable[ExportRow], f: ItemFilter) -> bytes:
    return b"".join(json_chunks(rows, f))


def json_chunks(rows: Iterable[ExportRow], f: ItemFilter, now: datetime | None = None) -> Iterator[bytes]:
    """The document of :func:`export_document`, written item by item: "count" follows "items"."""
    head = {
        "schema": SCHEMA_VERSION,
        "generated_at": (now or datetime.now(UTC)).isoformat(),
        "filters": filters_json(f),
    }
    yield (json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "items": [').encode("utf-8")
    n = 0
    for r in rows:
        item = json.dumps(item_json(r), ensure_ascii=False, indent=1).replace("\n", "\n  ")
        yield (("," if n else "") + "\n  " + item).encode("utf-8")
        n += 1
    yield f'\n ],\n "count": {n}\n}}'.encode()


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
