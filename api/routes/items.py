"""Action items: list with filters, read, update tracking fields, review, history."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.auth import Ctx, Editor, Viewer
from api.errors import ApiError, not_found
from api.schemas import (
    AuditOut,
    BulkReviewOut,
    BulkReviewRequest,
    ItemList,
    ItemOut,
    ItemPatch,
    ReviewRequest,
    audit_out,
    item_out,
)
from store import audit
from store.items import review_item, update_item
from store.models import REVIEW_STATES, STATUSES
from store.repository import SORT_KEYS, ItemFilter, get_item, list_items

router = APIRouter(prefix="/v1/action-items", tags=["action items"])
SORTS = sorted([k for k in SORT_KEYS] + [f"-{k}" for k in SORT_KEYS])


def _csv(value: str | None, allowed: tuple[str, ...], name: str) -> list[str] | None:
    if not value:
        return None
    parts = [p.strip() for p in value.split(",") if p.strip()]
    bad = [p for p in parts if p not in allowed]
    if bad:
        raise ApiError(422, "validation_error", f"{name}: unknown value(s) {bad}; use {list(allowed)}")
    return parts


@router.get("", response_model=ItemList)
def get_items(
    ctx: Ctx,
    _who: Viewer,
    status: Annotated[str | None, Query(description="comma-separated: open,in_progress,done,dropped")] = None,
    overdue: bool | None = None,
    responsible: Annotated[str | None, Query(description="substring of a responsible name/designation")] = None,
    department: str | None = None,
    issuer: str | None = None,
    assignee: str | None = None,
    priority: Literal["low", "normal", "high"] | None = None,
    due_before: date | None = None,
    due_after: date | None = None,
    meeting_from: date | None = None,
    meeting_to: date | None = None,
    document_id: int | None = None,
    review_state: Annotated[str | None, Query(description="comma-separated: proposed,confirmed,rejected")] = None,
    tracked: bool | None = None,
    q: Annotated[str | None, Query(description="substring of the item text")] = None,
    sort: Annotated[str, Query(description=f"one of {', '.join(SORTS)}")] = "-created_at",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ItemList:
    if sort not in SORTS:
        raise ApiError(422, "validation_error", f"sort: use one of {SORTS}")
    f = ItemFilter(
        status=_csv(status, STATUSES, "status"),
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
        review_state=_csv(review_state, REVIEW_STATES, "review_state"),
        tracked=tracked,
        q=q,
    )
    today = ctx.today()
    with ctx.db.session() as s:
        items, total = list_items(s, f, today=today, sort=sort, limit=limit, offset=offset)
        return ItemList(total=total, limit=limit, offset=offset, items=[item_out(i, today) for i in items])


@router.post("/review", response_model=BulkReviewOut)
def bulk_review(body: BulkReviewRequest, ctx: Ctx, who: Editor) -> BulkReviewOut:
    """Confirm or reject many items in one transaction."""
    updated, missing = [], []
    with ctx.db.session() as s:
        for item_id in dict.fromkeys(body.ids):
            item = get_item(s, item_id)
            if item is None:
                missing.append(item_id)
                continue
            review_item(s, item, body.decision, who.actor)
            updated.append(item_id)
    return BulkReviewOut(updated=updated, not_found=missing)


@router.get("/{item_id}", response_model=ItemOut)
def get_one(item_id: int, ctx: Ctx, _who: Viewer) -> ItemOut:
    with ctx.db.session() as s:
        item = get_item(s, item_id)
        if item is None:
            raise not_found("action item", item_id)
        return item_out(item, ctx.today())


@router.patch("/{item_id}", response_model=ItemOut)
def patch_item(item_id: int, body: ItemPatch, ctx: Ctx, who: Editor) -> ItemOut:
    changes = body.model_dump(exclude_unset=True)
    for key in ("status", "priority"):
        if key in changes and changes[key] is None:
            raise ApiError(422, "validation_error", f"{key} cannot be null")
    with ctx.db.session() as s:
        item = get_item(s, item_id)
        if item is None:
            raise not_found("action item", item_id)
        try:
            update_item(s, item, changes, who.actor)
        except ValueError as e:
            raise ApiError(422, "validation_error", str(e)) from e
        s.flush()
        return item_out(item, ctx.today())


@router.post("/{item_id}/review", response_model=ItemOut)
def review(
    item_id: int,
    body: ReviewRequest,
    ctx: Ctx,
    who: Editor,
) -> ItemOut:
    with ctx.db.session() as s:
        item = get_item(s, item_id)
        if item is None:
            raise not_found("action item", item_id)
        try:
            review_item(s, item, body.decision, who.actor, body.fields)
        except ValueError as e:
            raise ApiError(422, "validation_error", str(e)) from e
        return item_out(item, ctx.today())


@router.get("/{item_id}/history", response_model=list[AuditOut])
def get_history(item_id: int, ctx: Ctx, _who: Viewer) -> list[AuditOut]:
    with ctx.db.session() as s:
        if get_item(s, item_id) is None:
            raise not_found("action item", item_id)
        return [audit_out(r) for r in audit.history(s, item_id)]
