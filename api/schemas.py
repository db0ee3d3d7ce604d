"""Request bodies and response models (pydantic), plus converters from ORM rows."""

from __future__ import annotations

import datetime as _dt
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from api.etags import etag_of
from api.params import IsoDate, RowId, Text
from core.states import DocumentStatus, JobStatus
from ingest.formats import has_page_images
from store.jobs import progress_of
from store.models import ActionItem, AuditLog, Document, Job, Page
from store.views import ItemView

Status = Literal["open", "in_progress", "done", "dropped"]
Priority = Literal["low", "normal", "high"]


# --- requests --------------------------------------------------------------------------------------


class ItemPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # Absent means "unchanged"; null is refused (the handler says so), so the schema does not offer it.
    status: Status | SkipJsonSchema[None] = None
    assignee: Text | None = Field(default=None, max_length=200)
    due_date: IsoDate | None = None
    priority: Priority | SkipJsonSchema[None] = None
    note: Text | None = Field(default=None, max_length=10_000)


class ReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["confirm", "reject", "correct", "revert"]
    fields: dict[str, Any] | None = None


class BulkReviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ids: list[RowId] = Field(min_length=1, max_length=1000)
    decision: Literal["confirm", "reject", "revert"]


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["feed", "viewer", "editor", "admin"]
    label: Text = Field(min_length=1, max_length=100)


# --- responses -------------------------------------------------------------------------------------


class Person(BaseModel):
    name: str | None = None
    designation: str | None = None


class Deadline(BaseModel):
    text: str | None = None
    date: _dt.date | None = None
    kind: str | None = None


class CorrectionOut(BaseModel):
    field: str
    original: Any
    corrected: Any
    by: str | None
    at: datetime


class ItemOut(BaseModel):
    id: int
    document_id: int
    seq: int
    extracted_id: str | None
    text: str
    action: str | None
    issued_by: Person | None
    responsible: list[Person]
    deadline: Deadline | None
    recurrence: str | None
    targets: list[dict[str, Any]]
    evidence: dict[str, Any] | None
    confidence: float | None
    needs_review: bool = Field(
        False, description="proposed, with a calibrated confidence under the review threshold: check it first"
    )
    review_state: str
    tracked: bool
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
    corrections: list[CorrectionOut]
    meeting_date: date | None
    department: str | None
    document_filename: str
    created_at: datetime
    updated_at: datetime
    etag: str = Field(default="", description="send it back as If-Match with a PATCH or review")


class PageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: int
    route: str
    ocr_confidence: float | None
    garble_score: float | None
    text: str
    image_url: str | None = None  # a rendered PNG of the page, for PDF and image documents


class JobOut(BaseModel):
    id: int
    kind: str
    status: str
    document_id: int
    attempts: int
    error: dict[str, str | None] | None
    result: dict[str, Any] | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    url: str
    progress: dict[str, int] | None = None  # {done, total} pages while the job runs and reports them


class DocumentSummary(BaseModel):
    id: int
    sha256: str
    filename: str
    content_type: str
    kind: str
    size: int
    status: str
    error: dict[str, str | None] | None
    meeting_date: date | None
    department: str | None
    extractor_version: str | None
    item_count: int | None = None
    created_at: datetime
    url: str
    file_url: str
    progress: dict[str, int] | None = None  # {done, total} pages while its job runs


class MeetingFacts(BaseModel):
    """The meeting facts in force: extracted, or set by a reviewer (named in ``overridden``)."""

    meeting_date: date | None
    meeting_place: str | None
    department: str | None
    chair_name: str | None
    chair_designation: str | None
    overridden: list[str] = []


class DocumentDetail(DocumentSummary):
    meeting: dict[str, Any] | None
    facts: MeetingFacts | None = None
    warnings: list[str]
    pages: list[PageOut]
    items: list[ItemOut]
    job: JobOut | None


COUNT_CAP = 10_000  # item lists count this many matches at most, unless ?exact_total=true


def capped_total(total: int, cap: int | None) -> tuple[int, bool]:
    """(total to show, whether it is exact) of a count made with ``count_cap=cap``."""
    return (cap, False) if cap is not None and total > cap else (total, True)


class Page_(BaseModel):
    total: int
    limit: int
    offset: int


class DocumentList(Page_):
    documents: list[DocumentSummary]


class ItemList(Page_):
    items: list[ItemOut]
    total_exact: bool = Field(
        default=True,
        description=f"false: more than {COUNT_CAP:,} items match and total is that cap (ask ?exact_total=true)",
    )
    next_after: str | None = Field(
        default=None,
        description="a full page: pass as ?after= (same filters and sort) for the next one, without OFFSET",
    )


class AuditOut(BaseModel):
    id: int
    actor: str
    at: datetime
    field: str
    old: Any
    new: Any


class ReprocessOut(BaseModel):
    document_id: int
    extractor_version: str | None
    added: int
    removed: int
    kept: int
    changed: int
    stale: int


class BulkReviewOut(BaseModel):
    updated: list[int]
    not_found: list[int]


class TokenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    role: str
    label: str
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool


class TokenCreated(BaseModel):
    token: str
    role: str
    label: str


# --- converters ------------------------------------------------------------------------------------


def item_out(v: ItemView) -> ItemOut:
    """The API's item, from the read model (store.views) that the exports use too, with its ETag."""
    out = _item_out(v)
    out.etag = etag_of(out.model_dump(mode="json"))
    return out


def _item_out(v: ItemView) -> ItemOut:
    dl = v.deadline
    return ItemOut(
        id=v.id,
        document_id=v.document_id,
        seq=v.seq,
        extracted_id=v.extracted_id,
        text=v.text,
        action=v.action,
        issued_by=Person(name=v.issued_by.name, designation=v.issued_by.designation) if v.issued_by else None,
        responsible=[Person(name=p.name, designation=p.designation) for p in v.responsible],
        deadline=Deadline(text=dl.text, date=dl.date, kind=dl.kind) if dl else None,
        recurrence=v.recurrence,
        targets=list(v.targets),
        evidence=v.evidence,
        confidence=v.confidence,
        needs_review=v.needs_review,
        review_state=v.review_state,
        tracked=v.tracked,
        reviewed_by=v.reviewed_by,
        reviewed_at=v.reviewed_at,
        status=v.status,
        assignee=v.assignee,
        priority=v.priority,
        note=v.note,
        due_date=v.due_date,
        due_date_source=v.due_date_source,
        overdue=v.overdue,
        stale=v.stale,
        corrections=[
            CorrectionOut(field=c.field, original=c.original, corrected=c.corrected, by=c.by, at=c.at)
            for c in v.corrections
        ],
        meeting_date=v.meeting_date,
        department=v.department,
        document_filename=v.document_filename,
        created_at=v.created_at,
        updated_at=v.updated_at,
    )


def item_out_of(item: ActionItem, today: date) -> ItemOut:
    """``item_out`` of a row whose document is loaded."""
    return item_out(ItemView.from_row(item, item.document, today))


def job_out(job: Job) -> JobOut:
    return JobOut(
        id=job.id,
        kind=job.kind,
        status=job.status,
        document_id=job.document_id,
        attempts=job.attempts,
        error={"code": job.error_code, "message": job.error} if job.status == JobStatus.FAILED else None,
        result=job.result,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        url=f"/v1/jobs/{job.id}",
        progress=progress_of(job),
    )


def _doc_fields(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "sha256": doc.sha256,
        "filename": doc.filename,
        "content_type": doc.content_type,
        "kind": doc.kind,
        "size": doc.size,
        "status": doc.status,
        "error": {"code": doc.error_code, "message": doc.error} if doc.status == DocumentStatus.FAILED else None,
        "meeting_date": doc.meeting_date,
        "department": doc.department,
        "extractor_version": doc.extractor_version,
        "created_at": doc.created_at,
        "url": f"/v1/documents/{doc.id}",
        "file_url": f"/v1/documents/{doc.id}/file",
    }


def document_summary(
    doc: Document, item_count: int | None = None, progress: dict[str, int] | None = None
) -> DocumentSummary:
    return DocumentSummary(**_doc_fields(doc), item_count=item_count, progress=progress)


def _page_out(doc: Document, page: Page) -> PageOut:
    out = PageOut.model_validate(page)
    if has_page_images(doc.kind):
        out.image_url = f"/v1/documents/{doc.id}/pages/{page.number}/image"
    return out


def document_detail(doc: Document, today: date, job: Job | None) -> DocumentDetail:
    return DocumentDetail(
        **_doc_fields(doc),
        item_count=len(doc.items),
        meeting=doc.meeting,
        facts=MeetingFacts(
            meeting_date=doc.meeting_date,
            meeting_place=doc.meeting_place,
            department=doc.department,
            chair_name=doc.chair_name,
            chair_designation=doc.chair_designation,
            overridden=sorted(doc.overrides or {}),
        ),
        warnings=list(doc.warnings or []),
        pages=[_page_out(doc, p) for p in doc.pages],
        items=[item_out(ItemView.from_row(i, doc, today)) for i in doc.items],
        job=job_out(job) if job else None,
    )


def audit_out(row: AuditLog) -> AuditOut:
    return AuditOut(id=row.id, actor=row.actor, at=row.at, field=row.field, old=row.old, new=row.new)
