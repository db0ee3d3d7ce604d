"""An office's items and its action-taken reports (कृत कार्यवाही), the reviewer's queue and decisions,
attachments, and the pendency report.

Scoping: an office token passes only ``OfficeOrViewer`` checks; ``scoped`` refuses another office's id
(403) and an item or report that is not its office's answers 404, exactly as a missing one does.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from api.auth import Ctx, Editor, OfficeOrViewer, Principal, Viewer
from api.errors import ApiError, not_found
from api.params import MAX_ID, MAX_OFFSET, IdPath, IsoDate, Text
from api.routes.documents import _read_limited
from api.routes.offices import scoped
from api.schemas import COUNT_CAP, ItemList, ItemOut, capped_total, item_out_of
from api.uploads import content_disposition, detect
from core.states import ErrorCode, ItemStatus, ReportStatus, Role
from exporters.pendency import PendencyHeader, pendency_data, render_pendency_pdf, render_pendency_xlsx
from exporters.report import ReportFontError
from exporters.service import MEDIA, filename
from store import offices as office_store
from store import reports as store
from store.models import OfficeReport
from store.repository import get_item

router = APIRouter(prefix="/v1", tags=["office reports"])


class ReportIn(BaseModel):
    status: ReportStatus
    text: Annotated[Text, Field(min_length=1, max_length=store.MAX_TEXT)]
    reason: Annotated[Text, Field(max_length=store.MAX_TEXT)] | None = None
    report_date: IsoDate | None = Field(default=None, description="defaults to today")


class AttachmentOut(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    url: str


class ReportOut(BaseModel):
    id: int
    item_id: int
    office_id: int
    version: int
    status: str
    text: str
    reason: str | None
    report_date: date
    submitted_by: str
    submitted_at: datetime
    review: str
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_note: str | None
    attachments: list[AttachmentOut]


class ReviewIn(BaseModel):
    decision: Literal["accept", "return"]
    note: Annotated[Text, Field(max_length=2000)] | None = None


def report_out(r: OfficeReport) -> ReportOut:
    return ReportOut(
        id=r.id,
        item_id=r.item_id,
        office_id=r.office_id,
        version=r.version,
        status=r.status,
        text=r.text,
        reason=r.reason,
        report_date=r.report_date,
        submitted_by=r.submitted_by,
        submitted_at=r.submitted_at,
        review=r.review,
        reviewed_by=r.reviewed_by,
        reviewed_at=r.reviewed_at,
        review_note=r.review_note,
        attachments=[
            AttachmentOut(
                id=a.id,
                filename=a.filename,
                content_type=a.content_type,
                size=a.size,
                url=f"/v1/reports/{r.id}/attachments/{a.id}",
            )
            for a in r.attachments
        ],
    )


def office_scope(request: Request, ctx: Ctx, who: OfficeOrViewer) -> Principal:
    """Dependency: the caller, refused before anything else (the body is not even validated) when the
    path names another office (403), an item not of the office or a report not of the caller's office (404)."""
    params = request.path_params
    for name in ("office_id", "item_id", "report_id"):  # path bounds are checked later, after this dependency
        if name in params and not 1 <= int(params[name]) <= MAX_ID:
            raise not_found(name.removesuffix("_id"), params[name])
    with ctx.db.session() as s:
        if "office_id" in params:
            office_id = int(params["office_id"])
            scoped(who, office_id)
            if "item_id" in params and not office_store.office_has_item(s, office_id, int(params["item_id"])):
                raise not_found("action item of office", f"{office_id}/{params['item_id']}")
        if "report_id" in params:
            _report_or_404(s, who, int(params["report_id"]))
    return who


def office_writer(who: Annotated[Principal, Depends(office_scope)]) -> Principal:
    """Writing a report: the office itself, or an editor acting for it; a viewer only reads."""
    if who.role == Role.VIEWER:
        raise ApiError(403, ErrorCode.FORBIDDEN, "this needs the office or editor role; the token has viewer")
    return who


Scoped = Annotated[Principal, Depends(office_scope)]
Writer = Annotated[Principal, Depends(office_writer)]


def _report_or_404(s: Session, who: Principal, report_id: int) -> OfficeReport:
    report = store.get_report(s, report_id)
    if report is None or (who.role == Role.OFFICE and report.office_id != who.office_id):
        raise not_found("report", report_id)
    return report


# --- an office's items --------------------------------------------------------------------------------


@router.get("/offices/{office_id:int}/items", response_model=ItemList, tags=["offices"])
def office_items(
    office_id: IdPath,
    ctx: Ctx,
    _who: Scoped,
    status: Annotated[list[ItemStatus] | None, Query()] = None,
    overdue: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> ItemList:
    """The office's confirmed items, soonest due first."""
    today = ctx.today()
    with ctx.db.session() as s:
        items, total = office_store.office_items(
            s,
            office_id,
            today=today,
            status=[str(x) for x in status] if status else None,
            overdue=overdue,
            limit=limit,
            offset=offset,
            count_cap=COUNT_CAP,
        )
        total, exact = capped_total(total, COUNT_CAP)
        items_out = [item_out_of(i, today) for i in items]
        return ItemList(total=total, total_exact=exact, limit=limit, offset=offset, items=items_out)


@router.get("/offices/{office_id:int}/items/{item_id:int}", response_model=ItemOut, tags=["offices"])
def office_item(office_id: IdPath, item_id: IdPath, ctx: Ctx, _who: Scoped) -> ItemOut:
    with ctx.db.session() as s:
        item = get_item(s, item_id)
        if item is None:
            raise not_found("action item", item_id)
        return item_out_of(item, ctx.today())


MAX_LATEST = 500  # the office list's largest page


@router.get("/offices/{office_id:int}/latest-reports", response_model=list[ReportOut], tags=["offices"])
def office_latest_reports(
    office_id: IdPath,
    ctx: Ctx,
    _who: Scoped,
    item_id: Annotated[list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None, Query()] = None,
) -> list[ReportOut]:
    """The office's latest report version on each listed item (``item_id`` repeated, up to 500) that has
    one: what the office's item list shows beside each item, in one request."""
    ids = sorted(set(item_id or []))
    if len(ids) > MAX_LATEST:
        raise ApiError(422, ErrorCode.VALIDATION_ERROR, f"item_id: at most {MAX_LATEST} ids")
    with ctx.db.session() as s:
        return [report_out(r) for r in store.latest_reports(s, office_id, ids)]


@router.get("/offices/{office_id:int}/items/{item_id:int}/reports", response_model=list[ReportOut], tags=["offices"])
def office_item_reports(office_id: IdPath, item_id: IdPath, ctx: Ctx, _who: Scoped) -> list[ReportOut]:
    """Every version the office filed on the item, oldest first."""
    with ctx.db.session() as s:
        return [report_out(r) for r in store.item_reports(s, item_id, office_id)]


@router.post(
    "/offices/{office_id:int}/items/{item_id:int}/reports",
    response_model=ReportOut,
    status_code=201,
    tags=["offices"],
)
def submit(office_id: IdPath, item_id: IdPath, body: ReportIn, ctx: Ctx, who: Writer) -> ReportOut:
    """File a new version of the action-taken report (in progress, done, or cannot be done with a reason)."""
    today = ctx.today()
    with ctx.db.session() as s:
        item = get_item(s, item_id)
        if item is None:
            raise not_found("action item", item_id)
        try:
            report = store.submit_report(
                s,
                item,
                office_id,
                status=body.status,
                text=body.text,
                reason=body.reason,
                report_date=body.report_date or today,
                actor=who.actor,
                today=today,
            )
        except store.OfficeError as e:
            raise ApiError(422, ErrorCode.VALIDATION_ERROR, str(e)) from e
        return report_out(report)


# --- reports: reviewer's queue, one report, review, attachments ------------------------------------------


@router.get("/reports", response_model=list[ReportOut])
def list_reports(
    ctx: Ctx,
    _who: Viewer,
    item_id: Annotated[int | None, Query(ge=1, le=MAX_ID, description="every version on this item")] = None,
) -> list[ReportOut]:
    """Reports waiting for review, oldest first; with ``item_id`` every version on that item."""
    with ctx.db.session() as s:
        rows = store.item_reports(s, item_id) if item_id is not None else store.pending_reports(s)
        return [report_out(r) for r in rows]


@router.get("/reports/{report_id:int}", response_model=ReportOut)
def get_report(report_id: IdPath, ctx: Ctx, who: Scoped) -> ReportOut:
    with ctx.db.session() as s:
        return report_out(_report_or_404(s, who, report_id))


@router.post("/reports/{report_id:int}/review", response_model=ReportOut)
def review(report_id: IdPath, body: ReviewIn, ctx: Ctx, who: Editor) -> ReportOut:
    """Accept or return a report; an accepted ``done`` report closes the item."""
    with ctx.db.session() as s:
        report = _report_or_404(s, who, report_id)
        item = get_item(s, report.item_id)
        if item is None:
            raise not_found("action item", report.item_id)
        try:
            store.review_report(s, report, item, body.decision, who.actor, body.note)
        except store.OfficeError as e:
            raise ApiError(409, ErrorCode.CONFLICT, str(e)) from e
        return report_out(report)


@router.post("/reports/{report_id:int}/attachments", response_model=ReportOut, status_code=201)
def attach(
    report_id: IdPath,
    ctx: Ctx,
    who: Writer,
    file: Annotated[UploadFile, File(description="proof: PDF, image, TXT or DOCX")],
) -> ReportOut:
    data = _read_limited(file, ctx.settings.max_upload_bytes)
    name = file.filename or "attachment"
    _kind, content_type = detect(name, data)
    with ctx.db.session() as s:
        report = _report_or_404(s, who, report_id)
        try:
            store.add_attachment(s, ctx.files, report, data, name, content_type)
        except store.OfficeError as e:
            raise ApiError(409, ErrorCode.CONFLICT, str(e)) from e
        return report_out(report)


@router.get("/reports/{report_id:int}/attachments/{attachment_id:int}", response_class=Response)
def download(report_id: IdPath, attachment_id: IdPath, ctx: Ctx, who: Scoped) -> Response:
    with ctx.db.session() as s:
        report = _report_or_404(s, who, report_id)
        att = next((a for a in report.attachments if a.id == attachment_id), None)
        if att is None:
            raise not_found("attachment", attachment_id)
        path, name, media = att.stored_path, att.filename, att.content_type
    try:
        body = ctx.files.read(path)
    except (OSError, KeyError) as e:
        raise ApiError(404, ErrorCode.NOT_FOUND, "the attachment's file is missing from the store") from e
    return Response(body, media_type=media, headers={"Content-Disposition": content_disposition(name)})


# --- the pendency report ----------------------------------------------------------------------------------


@router.get("/reports/pendency", response_class=Response, tags=["export"])
def pendency(
    ctx: Ctx,
    _who: Viewer,
    format: Annotated[Literal["pdf", "xlsx"], Query(description="pdf | xlsx")] = "pdf",
    letterhead: Annotated[Text, Query(max_length=300, description="office name printed at the top")] = "",
    number: Annotated[Text, Query(max_length=100, description="पत्रांक, the letter number")] = "",
    department: Annotated[Text | None, Query(max_length=300)] = None,
) -> Response:
    """लंबित निर्देशों की आख्या: confirmed open items across meetings, by department and officer."""
    today = ctx.today()
    header = PendencyHeader(letterhead=letterhead.strip(), number=number.strip(), date=today)
    with ctx.db.session() as s:
        data = pendency_data(s, today, header, department=department)
    try:
        body = render_pendency_pdf(data, ctx.settings.report_font) if format == "pdf" else render_pendency_xlsx(data)
    except ReportFontError as e:
        raise ApiError(500, ErrorCode.CONFIG_ERROR, str(e)) from e
    name = filename("pendency-report", format, today)
    disposition = "inline" if format == "pdf" else "attachment"
    return Response(
        body, media_type=MEDIA[format], headers={"Content-Disposition": content_disposition(name, disposition)}
    )
