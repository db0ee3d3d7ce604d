"""Action items a reviewer adds by selecting a missed directive on a page (evidence kept, audited).

The selection is checked against the stored page text; the item's text defaults to the selected text,
and its deadline, when the reviewer gives none, is read from the text and resolved against the meeting
date like an extracted one (so it follows a later change of the meeting date). A reviewer added it, so
it is confirmed from the start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from core.contract import ExtractedItem
from nlp.dates import find_time_expressions
from store import audit
from store.fields import RECURRENCES, new_extracted_item
from store.models import ActionItem, Document


@dataclass
class Selection:
    page: int
    start: int
    end: int
    text: str | None = None
    responsible: list[Any] = field(default_factory=list)
    issued_by: Any = None
    deadline: dict[str, Any] | None = None
    recurrence: str | None = None


def selected_text(doc: Document, sel: Selection) -> str:
    """The page text under the selection; ValueError when the page or the span does not exist."""
    page = next((p for p in doc.pages if p.number == sel.page), None)
    if page is None:
        raise ValueError(f"page {sel.page} does not exist in document {doc.id}")
    if not 0 <= sel.start < sel.end <= len(page.text):
        raise ValueError(f"span {sel.start}–{sel.end} is outside page {sel.page} (0–{len(page.text)})")
    chosen = page.text[sel.start : sel.end]
    if not chosen.strip():
        raise ValueError("the selected text is empty")
    return chosen


def deadline_in(text: str, doc: Document) -> dict[str, Any] | None:
    """The first time expression of ``text``, resolved against the meeting date (None when there is none)."""
    for e in find_time_expressions(text, doc.meeting_date):
        return {"text": e.text, "date": e.date, "kind": e.kind}
    return None


def add_item(session: Session, doc: Document, sel: Selection, actor: str) -> ActionItem:
    """Create a confirmed item from ``sel`` (ValueError on a bad selection or field)."""
    chosen = selected_text(doc, sel)
    text = " ".join((sel.text or chosen).split())
    if not text:
        raise ValueError("text must not be empty")
    if sel.recurrence not in RECURRENCES:
        raise ValueError(f"recurrence must be one of {RECURRENCES}")
    given = sel.deadline is not None
    deadline = sel.deadline if given else deadline_in(text, doc)
    ai = ExtractedItem.from_json(
        {
            "id": "manual",
            "text": text,
            "action": None,
            "issued_by": sel.issued_by,
            "responsible": sel.responsible,
            "deadline": deadline,
            "recurrence": sel.recurrence,
            "targets": [],
            "evidence": {"page": sel.page, "start": sel.start, "end": sel.end},
            "confidence": None,
        },
        "selection",
    )
    seq = max((i.seq for i in doc.items), default=0) + 1
    item = new_extracted_item(doc.id, seq, ai)
    item.extracted_id = None  # no extraction produced it
    item.evidence = {**ai.evidence.to_json(), "added_by": actor} if ai.evidence else None
    if given:
        item.due_date_source = "corrected"
    item.review_state = "confirmed"
    item.reviewed_by = actor
    item.reviewed_at = datetime.now(UTC)
    session.add(item)
    session.flush()
    audit.record(session, item.id, actor, "created", None, {"page": sel.page, "start": sel.start, "end": sel.end})
    return item
