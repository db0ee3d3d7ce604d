"""Keyset ("after") pagination for the item list: a cursor names the last item of a page by its sort
value and id, and the next page is a range scan from there (no OFFSET rows read and thrown away).

A cursor is opaque to clients: base64url of ``[sort, value, id]``. It is only valid with the sort it
was made for; ``decode`` raises ValueError otherwise, or when it is not a cursor at all.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_

from store.models import ActionItem
from store.repository import NULLABLE_SORTS, PRIORITY_RANK, SORT_KEYS

PARSE: dict[str, Callable[[Any], Any]] = {
    "due_date": date.fromisoformat,
    "meeting_date": date.fromisoformat,
    "created_at": datetime.fromisoformat,
    "updated_at": datetime.fromisoformat,
    "confidence": float,
    "status": str,
    "id": int,
    "priority": int,
}


def sort_value(item: ActionItem, key: str) -> Any:
    """The value ``item`` is sorted by under ``key`` (a SORT_KEYS name without '-')."""
    if key == "meeting_date":
        return item.document.meeting_date
    if key == "priority":
        return PRIORITY_RANK.get(item.priority, 1)
    return getattr(item, key)


def encode(sort: str, item: ActionItem) -> str:
    value = sort_value(item, sort.lstrip("-"))
    plain = value.isoformat() if isinstance(value, date | datetime) else value
    raw = json.dumps([sort, plain, item.id], ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, sort: str) -> tuple[Any, int]:
    """(sort value, id) of a cursor made for ``sort``."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        made_for, value, item_id = json.loads(raw)
        if made_for != sort or not isinstance(item_id, int) or isinstance(item_id, bool):
            raise ValueError
        parsed = None if value is None else PARSE[sort.lstrip("-")](value)
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError) as e:
        raise ValueError(f"after: not a cursor of a page sorted by {sort!r}") from e
    if parsed is None and sort.lstrip("-") not in NULLABLE_SORTS:
        raise ValueError(f"after: not a cursor of a page sorted by {sort!r}")
    return parsed, item_id


def after_condition(sort: str, value: Any, item_id: int) -> Any:
    """The rows that come after (value, id) in ``sort`` order (ties broken by id, NULLs last)."""
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    col = SORT_KEYS[key]
    later_id = ActionItem.id < item_id if desc else ActionItem.id > item_id
    if value is None:  # already among the NULLs, which come last
        return and_(col.is_(None), later_id)
    later = col < value if desc else col > value
    cond = or_(later, and_(col == value, later_id))
    return or_(cond, col.is_(None)) if key in NULLABLE_SORTS else cond
