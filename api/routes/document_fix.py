"""Fixing a document's output: meeting facts (PATCH), a missed item added from a page selection,
the document's audit trail, deletion (admin) and the explicit purge of deleted documents' originals."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from api.auth import Admin, Ctx, Editor, Viewer
from api.errors import ApiError, error_responses, not_found
from api.params import IdPath, IsoDate, Text
from api.schemas import DocumentDetail, ItemOut, document_detail, item_out_of
from store import jobs as job_store
from store.document_edit import delete_document, history, pending_purge, purge_originals, update_document
from store.manual_items import Selection, add_item
from store.models import Document
from store.repository import get_document

router = APIRouter(prefix="/v1", tags=["documents"])

ShortText = Field(default=None, max_length=500)


class DocumentPatch(BaseModel):
    """Meeting facts a reviewer sets; absent fields stay, null clears. They win over re-extraction."""

    model_config = ConfigDict(extra="forbid")
    meeting_date: IsoDate | None = None
    meeting_place: Text | None = ShortText
    department: Text | None = ShortText
    chair_name: Text | None = ShortText
    chair_designation: Text | None = ShortText


class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Text | None = Field(default=None, max_length=200)
    designation: Text | None = Field(default=None, max_length=200)


class DeadlineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Text | None = Field(default=None, max_length=200)
    date: IsoDate | None = None
    kind: str | None = Field(default=None, max_length=30)


class ItemAdd(BaseModel):
    """A missed directive: the selected span of a page (evidence) and, optionally, its fields."""

    model_config = ConfigDict(extra="forbid")
    page: int = Field(ge=1, le=100_000)
    start: int = Field(ge=0, le=10_000_000)
    end: int = Field(ge=1, le=10_000_000)
    text: Text | None = Field(default=None, max_length=10_000, description="defaults to the selected text")
    responsible: list[PersonIn] = Field(default=[], max_length=50)
    issued_by: PersonIn | None = None
    deadline: DeadlineIn | None = Field(default=None, description="read from the text when absent")
    recurrence: str | None = None


class DocumentAuditOut(BaseModel):
    id: int
    document_id: int
    actor: str
    at: Any
    field: str
    old: Any
    new: Any


class DeletedOut(BaseModel):
    document_id: int
    filename: str
    items: int
    confirmed_items: int
    original_kept: bool = True


class PurgeOut(BaseModel):
    purged: list[str]
    count: int


def _document(s: Session, document_id: int, *, idle: bool = False) -> Document:
    """The document, or a 404; with ``idle``, a 409 while a job on it is queued or running."""
    doc = get_document(s, document_id)
    if doc is None:
        raise not_found("document", document_id)
    last = job_store.latest_job(s, document_id) if idle else None
    if last is not None and last.status in ("queued", "running"):
        raise ApiError(409, "conflict", f"job {last.id} for this document is still {last.status}")
    return doc


def _detail(ctx: Ctx, document_id: int) -> dict[str, Any]:
    with ctx.db.session() as s:
        doc = _document(s, document_id)
        return document_detail(doc, ctx.today(), job_store.latest_job(s, doc.id)).model_dump(mode="json")


@router.patch("/documents/{document_id:int}", response_model=DocumentDetail, responses=error_responses(404, 422))
def patch_document(document_id: IdPath, body: DocumentPatch, ctx: Ctx, who: Editor) -> JSONResponse:
    """Set the meeting date, place, department or chair. A new meeting date re-resolves the extracted
    deadlines of the items (manual and corrected dates stay). Every change is in the document's history."""
    changes = body.model_dump(exclude_unset=True)
    with ctx.db.session() as s:
        doc = _document(s, document_id)
        try:
            result = update_document(s, doc, changes, who.actor)
        except ValueError as e:
            raise ApiError(422, "validation_error", str(e)) from e
    body_out = _detail(ctx, document_id)
    body_out["changed"] = result["changed"]
    body_out["redated_items"] = result["redated_items"]
    return JSONResponse(body_out)


@router.post(
    "/documents/{document_id:int}/items", status_code=201, response_model=ItemOut, responses=error_responses(404, 422)
)
def add_missed_item(document_id: IdPath, body: ItemAdd, ctx: Ctx, who: Editor) -> ItemOut:
    """Add a directive the extractor missed, from a selection on a page (page, start, end of the page
    text). The span is kept as evidence; the item is confirmed (a reviewer made it) and audited."""
    sel = Selection(
        page=body.page,
        start=body.start,
        end=body.end,
        text=body.text,
        responsible=[p.model_dump() for p in body.responsible],
        issued_by=body.issued_by.model_dump() if body.issued_by else None,
        deadline=body.deadline.model_dump(mode="json") if body.deadline else None,
        recurrence=body.recurrence,
    )
    with ctx.db.session() as s:
        doc = _document(s, document_id)
        try:
            item = add_item(s, doc, sel, who.actor)
        except ValueError as e:
            raise ApiError(422, "validation_error", str(e)) from e
        return item_out_of(item, ctx.today())


@router.get("/documents/{document_id:int}/history", response_model=list[DocumentAuditOut])
def document_history(document_id: IdPath, ctx: Ctx, _who: Viewer) -> list[DocumentAuditOut]:
    """Who changed the document's meeting facts, deleted it or purged its original, and when."""
    with ctx.db.session() as s:
        rows = history(s, document_id)
        if not rows and get_document(s, document_id) is None:
            raise not_found("document", document_id)
        return [
            DocumentAuditOut(
                id=r.id, document_id=r.document_id, actor=r.actor, at=r.at, field=r.field, old=r.old, new=r.new
            )
            for r in rows
        ]


@router.delete("/documents/{document_id:int}", response_model=DeletedOut, responses=error_responses(404, 409))
def remove_document(document_id: IdPath, ctx: Ctx, who: Admin) -> DeletedOut:
    """Delete a document with its items and pages (admin). The original stays on the file store until
    ``POST /v1/admin/purge-originals`` (or ``nirdesh purge-originals``); the deletion is audited."""
    with ctx.db.session() as s:
        doc = _document(s, document_id, idle=True)
        snap = delete_document(s, doc, who.actor)
    return DeletedOut(
        document_id=document_id, filename=snap["filename"], items=snap["items"], confirmed_items=snap["confirmed_items"]
    )


@router.post("/admin/purge-originals", response_model=PurgeOut, tags=["admin"])
def purge(ctx: Ctx, who: Admin) -> PurgeOut:
    """Remove the stored originals of deleted documents (those no remaining document shares)."""
    with ctx.db.session() as s:
        removed = purge_originals(s, ctx.files, who.actor)
    return PurgeOut(purged=removed, count=len(removed))


@router.get("/admin/purge-originals", tags=["admin"])
def purge_pending(ctx: Ctx, _who: Admin) -> dict[str, int]:
    """How many deleted documents still have their original stored."""
    with ctx.db.session() as s:
        return {"pending": pending_purge(s)}
