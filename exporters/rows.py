"""One flat, format-neutral row per action item: what every export writer starts from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from store.models import ActionItem
from store.repository import ItemFilter, is_overdue, list_items
from store.review_scope import gate


def person_label(p: dict[str, Any] | None) -> str:
    """ "designation (name)", or whichever of the two is known."""
    if not p:
        return ""
    name, designation = (p.get("name") or "").strip(), (p.get("designation") or "").strip()
    if name and designation:
        return f"{designation} ({name})"
    return designation or name


def officer_keys(responsible: list[dict[str, Any]] | None) -> list[str]:
    """The officers an item is addressed to: designation, else name (as the stats use them)."""
    keys = [((p.get("designation") or p.get("name") or "").strip()) for p in responsible or []]
    return list(dict.fromkeys(k for k in keys if k))


@dataclass(frozen=True)
class ExportRow:
    id: int
    document_id: int
    seq: int
    text: str
    action: str | None
    issued_by: str
    responsible: list[dict[str, Any]]
    officers: list[str]
    department: str | None
    meeting_date: date | None
    meeting_title: str | None
    source: str
    deadline_text: str | None
    due_date: date | None
    due_date_source: str
    recurrence: str | None
    status: str
    priority: str
    assignee: str | None
    note: str | None
    review_state: str
    overdue: bool
    confidence: float | None
    created_at: datetime
    updated_at: datetime
    url: str

    @property
    def responsible_text(self) -> str:
        return "; ".join(x for x in (person_label(p) for p in self.responsible) if x)

    @property
    def summary(self) -> str:
        """A one-line title: the action (or the sentence), cut at 200 characters."""
        s = " ".join((self.action or self.text).split())
        return s if len(s) <= 200 else s[:199] + "…"


def item_url(base_url: str, item: ActionItem) -> str:
    """A link back to the item: the document view in the web UI, which lists the item."""
    return f"{base_url.rstrip('/')}/#/documents/{item.document_id}?item={item.id}"


def to_row(item: ActionItem, today: date, base_url: str) -> ExportRow:
    doc = item.document
    issuer = person_label({"name": item.issuer_name, "designation": item.issuer_designation})
    return ExportRow(
        id=item.id,
        document_id=item.document_id,
        seq=item.seq,
        text=item.text,
        action=item.action,
        issued_by=issuer,
        responsible=list(item.responsible or []),
        officers=officer_keys(item.responsible),
        department=doc.department,
        meeting_date=doc.meeting_date,
        meeting_title=doc.meeting_title,
        source=doc.filename,
        deadline_text=item.deadline_text,
        due_date=item.due_date,
        due_date_source=item.due_date_source,
        recurrence=item.recurrence,
        status=item.status,
        priority=item.priority,
        assignee=item.assignee,
        note=item.note,
        review_state=item.review_state,
        overdue=is_overdue(item, today),
        confidence=item.confidence,
        created_at=item.created_at,
        updated_at=item.updated_at,
        url=item_url(base_url, item),
    )


def load_rows(
    session: Session,
    f: ItemFilter,
    *,
    today: date,
    base_url: str,
    sort: str = "due_date",
    max_items: int = 100_000,
    review: str | None = None,
) -> list[ExportRow]:
    """Every item matching ``f`` (up to ``max_items``) within the review scope ``review`` (see
    store.review_scope.gate: confirmed by default, never rejected), as export rows. ValueError on a bad
    sort key."""
    items, _total = list_items(session, gate(f, review), today=today, sort=sort, limit=max_items, offset=0)
    return [to_row(i, today, base_url) for i in items]
