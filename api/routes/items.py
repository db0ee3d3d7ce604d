"""Action items: list with filters, read, update tracking fields, review, history."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Response
from sqlalchemy.orm import Session

from api.auth import Ctx, Editor, Viewer
from api.errors import ApiError, error_responses, not_found
from api.etags import check_if_match
from api.filters import SORTS, Filters, SortKey
from api.params import MAX_OFFSET, IdPath, Text
from api.schemas import (
    COUNT_CAP,
    AuditOut,
    BulkReviewOut,
    BulkReviewRequest,
    ItemList,
    ItemOut,
    ItemPatch,
    ReviewRequest,
    audit_out,
    capped_total,
    item_out_of,
)
from core.states import ErrorCode
from store import audit, keyset
from store.items import lock_item, review_item, update_item
from store.models import ActionItem
from store.repository import get_item, list_items
from store.review_scope import gate

router = APIRouter(prefix="/v1/action-items", tags=["action items"])

IfMatch = Annotated[
    str | None, Header(description="the item's ETag as last read; 412 if it has changed since", max_length=1000)
]


@router.get("", response_model=ItemList)
def get_items(
    ctx: Ctx,
    _who: Viewer,
    f: Filters,
    q: Annotated[Text | None, Query(description="substring of the item text")] = None,
    sort: Annotated[SortKey, Query(description="field to sort by; a leading - sorts descending")] = "-created_at",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    review: Annotated[
        Literal["confirmed", "all"] | None,
        Query(
            description="tracked work only: confirmed, or all (proposed too); rejected never. "
            "Absent: every item, as the review screen needs"
        ),
    ] = None,
    after: Annotated[
        str | None, Query(max_length=400, description="next_after of the previous page: keyset paging, no offset")
    ] = None,
    exact_total: Annotated[
        bool, Query(description=f"count every match (by default the total stops at {COUNT_CAP:,})")
    ] = False,
) -> ItemList:
    if sort not in SORTS:
        raise ApiError(422, ErrorCode.VALIDATION_ERROR, f"sort: use one of {SORTS}")
    f.q = q
    if review is not None:
        f = gate(f, review)
    today = ctx.today()
    condition = None
    if after:
        try:
            condition = keyset.after_condition(sort, *keyset.decode(after, sort))
        except ValueError as e:
            raise ApiError(422, ErrorCode.VALIDATION_ERROR, str(e)) from e
    with ctx.db.session() as s:
        cap = None if exact_total else COUNT_CAP
        items, counted = list_items(
            s, f, today=today, sort=sort, limit=limit, offset=offset, after=condition, count_cap=cap
        )
        total, exact = capped_total(counted, cap)
        nxt = keyset.encode(sort, items[-1]) if len(items) == limit else None
        return ItemList(
            total=total,
            total_exact=exact,
            limit=limit,
            offset=offset,
            items=[item_out_of(i, today) for i in items],
            next_after=nxt,
        )


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


@router.get("/{item_id:int}", response_model=ItemOut)
def get_one(item_id: IdPath, ctx: Ctx, _who: Viewer, response: Response) -> ItemOut:
    with ctx.db.session() as s:
        item = get_item(s, item_id)
        if item is None:
            raise not_found("action item", item_id)
        out = item_out_of(item, ctx.today())
    response.headers["ETag"] = out.etag
    return out


def _locked_item(s: Session, item_id: int, if_match: str | None, today: date) -> ActionItem:
    """The item, locked for this transaction (PostgreSQL), after the If-Match check (412)."""
    lock_item(s, item_id)
    item = get_item(s, item_id)
    if item is None:
        raise not_found("action item", item_id)
    check_if_match(if_match, item_out_of(item, today).etag)
    return item


@router.patch("/{item_id:int}", response_model=ItemOut, responses=error_responses(412))
def patch_item(
    item_id: IdPath, body: ItemPatch, ctx: Ctx, who: Editor, response: Response, if_match: IfMatch = None
) -> ItemOut:
    changes = body.model_dump(exclude_unset=True)
    for key in ("status", "priority"):
        if key in changes and changes[key] is None:
            raise ApiError(422, ErrorCode.VALIDATION_ERROR, f"{key} cannot be null")
    with ctx.db.session() as s:
        item = _locked_item(s, item_id, if_match, ctx.today())
        try:
            update_item(s, item, changes, who.actor)
        except ValueError as e:
            raise ApiError(422, ErrorCode.VALIDATION_ERROR, str(e)) from e
        s.flush()
        out = item_out_of(item, ctx.today())
    response.headers["ETag"] = out.etag
    return out


@router.post("/{item_id:int}/review", response_model=ItemOut, responses=error_responses(412))
def review(
    item_id: IdPath,
    body: ReviewRequest,
    ctx: Ctx,
    who: Editor,
    response: Response,
    if_match: IfMatch = None,
) -> ItemOut:
    with ctx.db.session() as s:
        item = _locked_item(s, item_id, if_match, ctx.today())
        try:
            review_item(s, item, body.decision, who.actor, body.fields)
        except ValueError as e:
            raise ApiError(422, ErrorCode.VALIDATION_ERROR, str(e)) from e
        out = item_out_of(item, ctx.today())
    response.headers["ETag"] = out.etag
    return out


@router.get("/{item_id:int}/history", response_model=list[AuditOut])
def get_history(item_id: IdPath, ctx: Ctx, _who: Viewer) -> list[AuditOut]:
    with ctx.db.session() as s:
        if get_item(s, item_id) is None:
            raise not_found("action item", item_id)
        return [audit_out(r) for r in audit.history(s, item_id)]
