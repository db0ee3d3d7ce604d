"""An item's extracted fields: the store's edge of the extraction contract.

An extraction arrives typed (core.contract) and is written into the table's flat columns here
(``apply_extracted``); corrections arrive as the contract's JSON from people and are checked here
(``set_field``). Both go through the same column writers, so the mapping between the contract's
nested values and the columns lives in one place. ``get_field`` reads a field back as JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from core.contract import ExtractedItem, Person, Target
from core.states import DueDateSource, ItemStatus, Priority, Recurrence, ReviewState
from ingest.text import control_error
from store.limits import cap_extracted, check_length
from store.models import ActionItem
from store.responsibles import issuer_key
from store.text import normalise

CORRECTABLE = ("text", "action", "issued_by", "responsible", "deadline", "recurrence", "targets")
RECURRENCES = (None, *Recurrence)


def text_value(value: Any, what: str) -> str | None:
    """A string or None, without control characters (ValueError otherwise): what a column can hold."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a string or null")
    message = control_error(value)
    if message:
        raise ValueError(f"{what}: {message}")
    return value


def _person(p: Any) -> Person | None:
    """A person as people write it in a correction: {name, designation}, a bare designation, or null."""
    if p is None:
        return None
    if isinstance(p, str):
        return Person(None, (text_value(p, "designation") or "").strip() or None)
    if isinstance(p, dict):
        return Person(
            text_value(p.get("name"), "name") or None, text_value(p.get("designation"), "designation") or None
        )
    raise ValueError("a person is {name, designation} or a string")


def _target(t: Any) -> Target:
    if isinstance(t, str):
        return Target(text_value(t, "target") or "")
    if isinstance(t, dict) and isinstance(t.get("text"), str):
        value = t.get("value")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ValueError("a target's value must be a number or null")
        return Target(text_value(t["text"], "target text") or "", value, text_value(t.get("unit"), "unit"))
    raise ValueError("a target is {text, value, unit} or a string")


# --- column writers: typed values in, flat columns out ------------------------------------------------


def _write_issuer(item: ActionItem, p: Person | None) -> None:
    item.issuer_name = (p.name or None) if p else None
    item.issuer_designation = (p.designation or None) if p else None
    item.issuer_key = issuer_key(item.issuer_name, item.issuer_designation)


def _write_responsible(item: ActionItem, people: Sequence[Person]) -> None:
    rows = [Person(p.name or None, p.designation or None).to_json() for p in people]
    item.responsible = rows
    item.responsible_search = " | ".join(" ".join(x for x in (p["name"], p["designation"]) if x) for p in rows).lower()


def _write_deadline(item: ActionItem, text: str | None, when: date | None, kind: str | None) -> None:
    item.deadline_text, item.deadline_date, item.deadline_kind = text, when, kind
    if item.due_date_source != DueDateSource.MANUAL:
        item.due_date = item.deadline_date


def _write_targets(item: ActionItem, targets: Sequence[Target]) -> None:
    item.targets = [t.to_json() for t in targets]


def parse_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not an ISO date: {value!r}")
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise ValueError(f"not an ISO date: {value!r}") from e


def get_field(item: ActionItem, field: str) -> Any:
    """The current (effective) value of a field, JSON-ready."""
    if field == "text":
        return item.text
    if field == "action":
        return item.action
    if field == "issued_by":
        if item.issuer_name is None and item.issuer_designation is None:
            return None
        return {"name": item.issuer_name, "designation": item.issuer_designation}
    if field == "responsible":
        return list(item.responsible or [])
    if field == "deadline":
        if item.deadline_text is None and item.deadline_date is None:
            return None
        return {
            "text": item.deadline_text,
            "date": item.deadline_date.isoformat() if item.deadline_date else None,
            "kind": item.deadline_kind,
        }
    if field == "recurrence":
        return item.recurrence
    if field == "targets":
        return list(item.targets or [])
    raise KeyError(field)


def set_field(item: ActionItem, field: str, value: Any) -> None:
    """Set a field from its contract shape, validating it (ValueError on bad input)."""
    check_length(field, value)
    if field == "text":
        if not isinstance(value, str) or not value.strip():
            raise ValueError("text must be a non-empty string")
        text_value(value, "text")
        item.text = value
    elif field == "action":
        item.action = text_value(value, "action")
    elif field == "issued_by":
        _write_issuer(item, _person(value))
    elif field == "responsible":
        if not isinstance(value, list):
            raise ValueError("responsible must be a list")
        _write_responsible(item, [p for p in (_person(v) for v in value) if p])
    elif field == "deadline":
        if value is None:
            _write_deadline(item, None, None, None)
        elif isinstance(value, dict):
            _write_deadline(
                item,
                text_value(value.get("text"), "deadline text"),
                parse_date(value.get("date")),
                text_value(value.get("kind"), "deadline kind"),
            )
        else:
            raise ValueError("deadline must be {text, date, kind} or null")
    elif field == "recurrence":
        if value not in RECURRENCES:
            raise ValueError(f"recurrence must be one of {RECURRENCES}")
        item.recurrence = value
    elif field == "targets":
        if not isinstance(value, list):
            raise ValueError("targets must be a list")
        _write_targets(item, [_target(t) for t in value])
    else:
        raise KeyError(field)


def apply_extracted(item: ActionItem, ai: ExtractedItem) -> None:
    """Fill an item's extracted columns from one typed extraction item."""
    item.extracted_id = ai.id
    text, action = cap_extracted("text", ai.text), cap_extracted("action", ai.action)  # core.limits caps
    item.norm_text = normalise(text)
    item.evidence = ai.evidence.to_json() if ai.evidence else None
    item.confidence = ai.confidence
    item.text = text or action or "(empty)"
    item.action = action
    _write_issuer(item, ai.issued_by)
    _write_responsible(item, ai.responsible)
    dl = ai.deadline
    if dl is None:
        _write_deadline(item, None, None, None)
    else:
        _write_deadline(item, dl.text, parse_date(dl.date), dl.kind)
    item.recurrence = ai.recurrence
    _write_targets(item, ai.targets)


def new_extracted_item(document_id: int, seq: int, ai: ExtractedItem) -> ActionItem:
    """A fresh item from an extraction entry: proposed, open, untouched by people."""
    item = ActionItem(
        document_id=document_id,
        seq=seq,
        due_date_source=DueDateSource.EXTRACTED,
        review_state=ReviewState.PROPOSED,
        status=ItemStatus.OPEN,
        priority=Priority.NORMAL,
        stale=False,
    )
    apply_extracted(item, ai)
    return item


def extracted_view(ai: ExtractedItem) -> dict[str, Any]:
    """The correctable fields of an extraction item, as JSON the way get_field returns them."""
    probe = ActionItem(due_date_source=DueDateSource.EXTRACTED, responsible=[], targets=[])
    apply_extracted(probe, ai)
    return {f: get_field(probe, f) for f in CORRECTABLE}
