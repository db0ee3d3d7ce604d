"""Reading and writing an item's extracted fields in the JSON shape of core.contract.

Corrections, re-processing and the API all speak in these field names, so the mapping between
the contract's nested values and the table's flat columns lives in one place.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from store.limits import cap_extracted, check_length
from store.models import ActionItem
from store.text import normalise

CORRECTABLE = ("text", "action", "issued_by", "responsible", "deadline", "recurrence", "targets")
RECURRENCES = (None, "weekly", "fortnightly", "monthly", "quarterly")


def _person(p: Any) -> dict[str, Any] | None:
    if p is None:
        return None
    if isinstance(p, str):
        return {"name": None, "designation": p.strip() or None}
    if isinstance(p, dict):
        return {"name": p.get("name") or None, "designation": p.get("designation") or None}
    raise ValueError("a person is {name, designation} or a string")


def _target(t: Any) -> dict[str, Any]:
    if isinstance(t, str):
        return {"text": t, "value": None, "unit": None}
    if isinstance(t, dict) and isinstance(t.get("text"), str):
        return {"text": t["text"], "value": t.get("value"), "unit": t.get("unit")}
    raise ValueError("a target is {text, value, unit} or a string")


def parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
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
        item.text = value
    elif field == "action":
        item.action = None if value is None else str(value)
    elif field == "issued_by":
        p = _person(value)
        item.issuer_name = p["name"] if p else None
        item.issuer_designation = p["designation"] if p else None
    elif field == "responsible":
        if not isinstance(value, list):
            raise ValueError("responsible must be a list")
        people = [p for p in (_person(v) for v in value) if p]
        item.responsible = people
        item.responsible_search = " | ".join(
            " ".join(x for x in (p["name"], p["designation"]) if x) for p in people
        ).lower()
    elif field == "deadline":
        if value is None:
            item.deadline_text = item.deadline_date = item.deadline_kind = None
        elif isinstance(value, dict):
            item.deadline_text = value.get("text")
            item.deadline_date = parse_date(value.get("date"))
            item.deadline_kind = value.get("kind")
        else:
            raise ValueError("deadline must be {text, date, kind} or null")
        if item.due_date_source != "manual":
            item.due_date = item.deadline_date
    elif field == "recurrence":
        if value not in RECURRENCES:
            raise ValueError(f"recurrence must be one of {RECURRENCES}")
        item.recurrence = value
    elif field == "targets":
        if not isinstance(value, list):
            raise ValueError("targets must be a list")
        item.targets = [_target(t) for t in value]
    else:
        raise KeyError(field)


def apply_extracted(item: ActionItem, ai: dict[str, Any]) -> None:
    """Fill an item from one extraction ``action_items`` entry."""
    item.extracted_id = ai.get("id")
    item.norm_text = normalise(cap_extracted("text", ai.get("text")))
    item.evidence = ai.get("evidence")
    item.confidence = ai.get("confidence")
    for field in CORRECTABLE:
        value = cap_extracted(field, ai.get(field))
        if field in ("responsible", "targets") and value is None:
            value = []
        if field == "text" and not value:
            value = ai.get("action") or "(empty)"
        if field == "recurrence" and value not in RECURRENCES:
            value = None
        set_field(item, field, value)


def new_extracted_item(document_id: int, seq: int, ai: dict[str, Any]) -> ActionItem:
    """A fresh item from an extraction entry: proposed, open, untouched by people."""
    item = ActionItem(
        document_id=document_id,
        seq=seq,
        due_date_source="extracted",
        review_state="proposed",
        status="open",
        priority="normal",
        stale=False,
    )
    apply_extracted(item, ai)
    return item


def extracted_view(ai: dict[str, Any]) -> dict[str, Any]:
    """The correctable fields of an extraction entry, normalised the way get_field returns them."""
    probe = ActionItem(due_date_source="extracted", responsible=[], targets=[])
    apply_extracted(probe, ai)
    return {f: get_field(probe, f) for f in CORRECTABLE}
