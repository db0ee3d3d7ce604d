"""Reviewed documents exported in the gold format of shared/eval/GUIDELINES.md (training/eval data)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.states import ReviewState
from store.models import ActionItem, Document


def _person(name: str | None, designation: str | None) -> dict[str, Any] | None:
    if name is None and designation is None:
        return None
    return {"name": name, "designation": designation}


def _gold_item(item: ActionItem) -> dict[str, Any]:
    return {
        "sentence": item.text,
        "issued_by": _person(item.issuer_name, item.issuer_designation),
        "responsible": [
            p.get("designation") or p.get("name")
            for p in item.responsible or []
            if p.get("designation") or p.get("name")
        ],
        "deadline": (
            {
                "text": item.deadline_text,
                "date": item.deadline_date.isoformat() if item.deadline_date else None,
            }
            if item.deadline_text is not None or item.deadline_date is not None
            else None
        ),
        "recurrence": item.recurrence,
        "targets": [t.get("text") for t in item.targets or [] if t.get("text")],
    }


def export_corrections(session: Session, *, complete_only: bool = False) -> list[dict[str, Any]]:
    """One gold dict per document with at least one review decision.

    ``items`` holds the confirmed items (with corrections applied); rejected items are left out, as
    are items still ``proposed``. ``review`` (ignored by score.py) says how complete the review is;
    ``complete_only`` drops documents that still have proposed items.
    """
    docs = session.scalars(
        select(Document)
        .where(Document.items.any(ActionItem.review_state != ReviewState.PROPOSED))
        .options(selectinload(Document.items).selectinload(ActionItem.corrections))
        .order_by(Document.id)
    ).all()
    out = []
    for doc in docs:
        items = [i for i in doc.items if not i.stale]
        pending = sum(1 for i in items if i.review_state == ReviewState.PROPOSED)
        if complete_only and pending:
            continue
        out.append(
            {
                "doc": doc.filename,
                "sha256": doc.sha256,
                "meeting": {
                    "date": doc.meeting_date.isoformat() if doc.meeting_date else None,
                    "place": doc.meeting_place,
                    "chair": _person(doc.chair_name, doc.chair_designation),
                    "department": doc.department,
                },
                "items": [_gold_item(i) for i in items if i.review_state == ReviewState.CONFIRMED],
                "review": {
                    "confirmed": sum(1 for i in items if i.review_state == ReviewState.CONFIRMED),
                    "rejected": sum(1 for i in items if i.review_state == ReviewState.REJECTED),
                    "unreviewed": pending,
                    "corrected_fields": sum(len(i.corrections) for i in items),
                    "extractor_version": doc.extractor_version,
                },
            }
        )
    return out
