"""Changing action items by people: PATCH-style updates and review decisions, all audited."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from core.states import DueDateSource, ReviewState
from store import audit
from store.fields import CORRECTABLE, get_field, parse_date, set_field
from store.models import PRIORITIES, STATUSES, ActionItem, Correction

EDITABLE = ("status", "assignee", "due_date", "priority", "note")
DECISIONS = ("confirm", "reject", "correct", "revert")


def update_item(session: Session, item: ActionItem, changes: dict[str, Any], actor: str) -> list[str]:
    """Apply tracking changes (status, assignee, due_date, priority, note); returns changed field names.

    Raises ValueError on an unknown field or a bad value, before changing anything.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}; editable: {list(EDITABLE)}")
    if "status" in changes and changes["status"] not in STATUSES:
        raise ValueError(f"status must be one of {list(STATUSES)}")
    if "priority" in changes and changes["priority"] not in PRIORITIES:
        raise ValueError(f"priority must be one of {list(PRIORITIES)}")
    if "due_date" in changes:
        changes = {**changes, "due_date": parse_date(changes["due_date"])}
    changed = []
    for field, new in changes.items():
        old = getattr(item, field)
        if field in ("assignee", "note") and isinstance(new, str):
            new = new.strip() or None
        if audit.record(session, item.id, actor, field, old, new) is None:
            continue
        setattr(item, field, new)
        if field == "due_date":
            # A manual date wins over extraction; clearing it falls back to the extracted deadline.
            item.due_date_source = DueDateSource.MANUAL if new is not None else DueDateSource.EXTRACTED
            if new is None:
                item.due_date = item.deadline_date
        changed.append(field)
    item.updated_at = datetime.now(UTC)
    return changed


def review_item(
    session: Session,
    item: ActionItem,
    decision: str,
    actor: str,
    fields: dict[str, Any] | None = None,
) -> ActionItem:
    """confirm | reject | correct | revert. A correction stores original and corrected values and confirms
    the item; revert puts a reviewed item back to proposed (undo), keeping its corrections."""
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {list(DECISIONS)}")
    fields = fields or {}
    if decision != "correct" and fields:
        raise ValueError("fields are only accepted with decision 'correct'")
    if decision == "correct":
        if not fields:
            raise ValueError("decision 'correct' needs fields")
        unknown = set(fields) - set(CORRECTABLE)
        if unknown:
            raise ValueError(f"cannot correct {sorted(unknown)}; correctable: {list(CORRECTABLE)}")
        existing = {c.field: c for c in item.corrections}
        for field, value in fields.items():
            before = get_field(item, field)
            set_field(item, field, value)  # validates; ValueError propagates and the transaction rolls back
            after = get_field(item, field)
            if field == "deadline" and item.due_date_source != DueDateSource.MANUAL:
                item.due_date_source = DueDateSource.CORRECTED
            if audit.record(session, item.id, actor, field, before, after) is None:
                continue
            if field in existing:
                existing[field].corrected = after
                existing[field].created_by = actor
            else:
                item.corrections.append(Correction(field=field, original=before, corrected=after, created_by=actor))
    new_state = {"reject": ReviewState.REJECTED, "revert": ReviewState.PROPOSED}.get(decision, ReviewState.CONFIRMED)
    audit.record(session, item.id, actor, "review_state", item.review_state, new_state)
    item.review_state = new_state
    item.reviewed_by = actor if decision != "revert" else None
    item.reviewed_at = datetime.now(UTC) if decision != "revert" else None
    item.updated_at = datetime.now(UTC)
    session.flush()
    return item
