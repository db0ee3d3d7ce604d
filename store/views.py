"""The read model: one action item as every reader shows it, built once from its row and document.

The API's item JSON (api.schemas), the export rows (exporters.rows) and the search hits (which carry
the API's item) all derive from :class:`ItemView`, so a corrected value, the overdue flag or the
meeting an item belongs to cannot read one way in the API and another in an export. The columns
hold the effective values (a correction is written into them; ``corrections`` keeps the originals).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from core.contract import Person
from core.states import ReviewState
from extractors.steps import needs_review as confidence_needs_review
from store.models import ActionItem, Correction, Document
from store.repository import is_overdue


@dataclass(frozen=True, slots=True)
class DeadlineView:
    text: str | None
    date: date | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class CorrectionView:
    field: str
    original: Any
    corrected: Any
    by: str | None
    at: datetime

    @classmethod
    def from_row(cls, c: Correction) -> CorrectionView:
        return cls(c.field, c.original, c.corrected, c.created_by, c.updated_at)


@dataclass(frozen=True, slots=True)
class ItemView:
    id: int
    document_id: int
    seq: int
    extracted_id: str | None
    # the extracted fields, as corrected
    text: str
    action: str | None
    issued_by: Person | None
    responsible: tuple[Person, ...]
    deadline: DeadlineView | None
    recurrence: str | None
    targets: tuple[dict[str, Any], ...]  # {text, value, unit} as stored
    evidence: dict[str, Any] | None
    confidence: float | None
    # review and tracking
    review_state: str
    reviewed_by: str | None
    reviewed_at: datetime | None
    status: str
    assignee: str | None
    priority: str
    note: str | None
    due_date: date | None
    due_date_source: str
    overdue: bool
    stale: bool
    corrections: tuple[CorrectionView, ...]
    # the meeting
    meeting_date: date | None
    meeting_title: str | None
    department: str | None
    document_filename: str
    created_at: datetime
    updated_at: datetime

    @property
    def tracked(self) -> bool:
        return self.review_state == ReviewState.CONFIRMED

    @property
    def needs_review(self) -> bool:
        """A proposed item whose calibrated confidence is under the review threshold (shown as such)."""
        return (
            self.review_state == ReviewState.PROPOSED
            and self.confidence is not None
            and confidence_needs_review(self.confidence)
        )

    @classmethod
    def from_row(cls, item: ActionItem, document: Document, today: date) -> ItemView:
        issuer = None
        if item.issuer_name is not None or item.issuer_designation is not None:
            issuer = Person(item.issuer_name, item.issuer_designation)
        deadline = None
        if item.deadline_text is not None or item.deadline_date is not None:
            deadline = DeadlineView(item.deadline_text, item.deadline_date, item.deadline_kind)
        return cls(
            id=item.id,
            document_id=item.document_id,
            seq=item.seq,
            extracted_id=item.extracted_id,
            text=item.text,
            action=item.action,
            issued_by=issuer,
            responsible=tuple(Person(p.get("name"), p.get("designation")) for p in item.responsible or []),
            deadline=deadline,
            recurrence=item.recurrence,
            targets=tuple(item.targets or []),
            evidence=item.evidence,
            confidence=item.confidence,
            review_state=item.review_state,
            reviewed_by=item.reviewed_by,
            reviewed_at=item.reviewed_at,
            status=item.status,
            assignee=item.assignee,
            priority=item.priority,
            note=item.note,
            due_date=item.due_date,
            due_date_source=item.due_date_source,
            overdue=is_overdue(item, today),
            stale=item.stale,
            corrections=tuple(CorrectionView.from_row(c) for c in item.corrections),
            meeting_date=document.meeting_date,
            meeting_title=document.meeting_title,
            department=document.department,
            document_filename=document.filename,
            created_at=item.created_at,
            updated_at=item.updated_at,
        )
