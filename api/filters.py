"""Query parameters shared by every view over action items (list, search, export).

One FastAPI dependency turns them into a ``store.repository.ItemFilter`` so that
the list, the search endpoint and the exports filter the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import Depends, Query

from api.errors import ApiError
from api.params import MAX_ID, IsoDate, Text
from core.states import ErrorCode
from store.models import REVIEW_STATES, STATUSES
from store.repository import SORT_KEYS, ItemFilter

SORTS = sorted([k for k in SORT_KEYS] + [f"-{k}" for k in SORT_KEYS])
if TYPE_CHECKING:
    SortKey = str  # checked by FastAPI against SORTS, at run time
else:
    SortKey = Literal[tuple(SORTS)]  # an enum in the OpenAPI spec


def csv_values(value: str | None, allowed: tuple[str, ...], name: str) -> list[str] | None:
    """Split a comma-separated parameter and reject values outside ``allowed`` with a 422."""
    if not value:
        return None
    parts = [p.strip() for p in value.split(",") if p.strip()]
    bad = [p for p in parts if p not in allowed]
    if bad:
        raise ApiError(422, ErrorCode.VALIDATION_ERROR, f"{name}: unknown value(s) {bad}; use {list(allowed)}")
    return parts


def csv_pattern(allowed: tuple[str, ...]) -> str:
    """A regex for a comma-separated list of ``allowed`` values, so the OpenAPI spec states what is valid."""
    one = "|".join(allowed)
    return rf"^\s*({one})?\s*(,\s*({one})?\s*)*$"


def item_filter(
    status: Annotated[
        str | None, Query(description="comma-separated: open,in_progress,done,dropped", pattern=csv_pattern(STATUSES))
    ] = None,
    overdue: bool | None = None,
    responsible: Annotated[Text | None, Query(description="substring of a responsible name/designation")] = None,
    department: Text | None = None,
    issuer: Text | None = None,
    assignee: Text | None = None,
    priority: Literal["low", "normal", "high"] | None = None,
    due_before: IsoDate | None = None,
    due_after: IsoDate | None = None,
    meeting_from: IsoDate | None = None,
    meeting_to: IsoDate | None = None,
    document_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    review_state: Annotated[
        str | None,
        Query(description="comma-separated: proposed,confirmed,rejected", pattern=csv_pattern(REVIEW_STATES)),
    ] = None,
    tracked: bool | None = None,
) -> ItemFilter:
    return ItemFilter(
        status=csv_values(status, STATUSES, "status"),
        overdue=overdue,
        responsible=responsible,
        department=department,
        issuer=issuer,
        assignee=assignee,
        priority=priority,
        due_before=due_before,
        due_after=due_after,
        meeting_from=meeting_from,
        meeting_to=meeting_to,
        document_id=document_id,
        review_state=csv_values(review_state, REVIEW_STATES, "review_state"),
        tracked=tracked,
    )


Filters = Annotated[ItemFilter, Depends(item_filter)]
