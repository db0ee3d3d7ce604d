"""Fixing a document's output by hand: meeting facts, deadlines re-resolved, deletion and purge.

A reviewer's meeting date, place, department and chair are kept in ``Document.overrides`` so that they
win over every later extraction (``apply_overrides`` is called after each one), and every change is
written to ``document_audit``. A new meeting date re-resolves the extracted deadlines of the document's
items (``माह के अंत तक`` needs to know the month); manual and corrected dates stay as they are.

Deleting a document removes its rows (items, pages, jobs) but keeps the stored original; only
``purge_originals`` removes originals, of deleted documents that no remaining document shares.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from nlp.dates import find_time_expressions
from store import audit
from store.audit import jsonable
from store.fields import parse_date
from store.models import Document, DocumentAudit

META_FIELDS = ("meeting_date", "meeting_place", "department", "chair_name", "chair_designation")
MAX_TEXT = 500


class OriginalStore(Protocol):
    def delete(self, relative: str) -> bool: ...


def record(session: Session, document_id: int, actor: str, field: str, old: Any, new: Any) -> DocumentAudit | None:
    """Add a document audit row when the value really changed; returns it (None when nothing changed)."""
    old, new = jsonable(old), jsonable(new)
    if old == new:
        return None
    row = DocumentAudit(document_id=document_id, actor=actor, field=field, old=old, new=new)
    session.add(row)
    return row


def history(session: Session, document_id: int) -> list[DocumentAudit]:
    """The trail of ``document_id``; for a live document only since it was made (SQLite reuses the id of a
    deleted row, whose trail stays readable while no new document has that id)."""
    stmt = select(DocumentAudit).where(DocumentAudit.document_id == document_id)
    doc = session.get(Document, document_id)
    if doc is not None:
        stmt = stmt.where(DocumentAudit.at >= doc.created_at)
    return list(session.scalars(stmt.order_by(DocumentAudit.at, DocumentAudit.id)))


def _clean(field: str, value: Any) -> Any:
    if field == "meeting_date":
        return parse_date(value)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{field} must be text or null")
    value = " ".join(value.split())
    if len(value) > MAX_TEXT:
        raise ValueError(f"{field} is longer than {MAX_TEXT} characters")
    return value or None


def apply_overrides(doc: Document) -> None:
    """Put the reviewer's meeting facts back over an extraction's (call after ``apply_meeting``)."""
    for field, value in (doc.overrides or {}).items():
        if field in META_FIELDS:
            setattr(doc, field, parse_date(value) if field == "meeting_date" else value)


def resolve_deadlines(doc: Document) -> list[int]:
    """Resolve the extracted deadline texts again against the document's meeting date.

    Items whose deadline a reviewer corrected or whose due date was set by hand keep theirs. Returns
    the ids of the items whose due date changed.
    """
    changed = []
    for item in doc.items:
        if not item.deadline_text or item.due_date_source != "extracted":
            continue
        found = [e for e in find_time_expressions(item.deadline_text, doc.meeting_date) if e.date]
        new = parse_date(found[0].date) if found else None
        if new is None and item.deadline_date is not None and doc.meeting_date is None:
            continue  # an absolute date needs no meeting date: keep it
        if new == item.deadline_date:
            continue
        item.deadline_date = new
        item.due_date = new
        changed.append(item.id)
    return changed


def update_document(session: Session, doc: Document, changes: dict[str, Any], actor: str) -> dict[str, Any]:
    """Set meeting facts (``META_FIELDS``); returns {"changed": [...], "redated_items": [...]}.

    Raises ValueError on an unknown field or a bad value, before changing anything.
    """
    unknown = set(changes) - set(META_FIELDS)
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}; editable: {list(META_FIELDS)}")
    clean = {field: _clean(field, value) for field, value in changes.items()}
    overrides = dict(doc.overrides or {})
    changed = []
    for field, value in clean.items():
        if record(session, doc.id, actor, field, getattr(doc, field), value) is None:
            continue
        setattr(doc, field, value)
        overrides[field] = jsonable(value)
        changed.append(field)
    redated: list[int] = []
    if changed:
        doc.overrides = overrides
        if "meeting_date" in changed:
            doc.requested_meeting_date = doc.meeting_date  # a re-extraction resolves against it too
            before = {item.id: item.due_date for item in doc.items}
            redated = resolve_deadlines(doc)
            for item in doc.items:  # each new due date is in the item's own history, under the same actor
                if item.id in redated:
                    audit.record(session, item.id, actor, "due_date", before[item.id], item.due_date)
    return {"changed": changed, "redated_items": redated}


def delete_document(session: Session, doc: Document, actor: str) -> dict[str, Any]:
    """Delete the document's rows; the original stays on the file store until ``purge_originals``."""
    items = list(doc.items)
    snapshot = {
        "filename": doc.filename,
        "sha256": doc.sha256,
        "stored_path": doc.stored_path,
        "meeting_date": jsonable(doc.meeting_date),
        "department": doc.department,
        "items": len(items),
        "confirmed_items": sum(1 for i in items if i.review_state == "confirmed"),
    }
    record(session, doc.id, actor, "deleted", snapshot, None)
    session.delete(doc)
    session.flush()
    return snapshot


def purge_originals(session: Session, files: OriginalStore, actor: str) -> list[str]:
    """Remove the stored originals of deleted documents that no remaining document uses; returns them."""
    in_use = set(session.scalars(select(Document.stored_path)))
    removed = []
    for row in _unpurged(session):
        path = (row.old or {}).get("stored_path")
        if path and path not in in_use and path not in removed:
            files.delete(path)
            removed.append(path)
        # one "purged" row per deletion (ids can be reused by SQLite), pointing at the deletion row
        session.add(DocumentAudit(document_id=row.document_id, actor=actor, field="purged", old=path, new=row.id))
    return removed


def _unpurged(session: Session) -> list[DocumentAudit]:
    done = set(session.scalars(select(DocumentAudit.new).where(DocumentAudit.field == "purged")))
    deleted = session.scalars(select(DocumentAudit).where(DocumentAudit.field == "deleted").order_by(DocumentAudit.id))
    return [row for row in deleted if row.id not in done]


def pending_purge(session: Session) -> int:
    """How many deletions still have an original on the store (unless another document shares it)."""
    return len(_unpurged(session))
