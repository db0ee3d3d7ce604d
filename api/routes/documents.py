"""Uploading and reading documents; re-processing them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from sqlalchemy.exc import IntegrityError

from api import quotas
from api.auth import Ctx, Editor, Viewer
from api.context import ServiceContext
from api.errors import INGEST_STATUS, ApiError, error_responses, not_found
from api.params import MAX_OFFSET, IdPath, IsoDate, PageNo
from api.schemas import (
    DocumentDetail,
    DocumentList,
    JobOut,
    ReprocessOut,
    document_detail,
    document_summary,
    job_out,
)
from api.uploads import check_structure, content_disposition, detect
from core.states import UNFINISHED_JOB_STATUSES, DocumentStatus, ErrorCode, JobKind
from ingest.document import IngestError
from ingest.formats import extracts_in_request
from ingest.render import render_page_png
from jobs.runner import ExtractionFailed, extract_and_store
from store import jobs as job_store
from store.document_edit import update_document
from store.files import display_name
from store.repository import create_document, get_document, get_document_by_sha, item_counts, list_documents

router = APIRouter(prefix="/v1/documents", tags=["documents"])
CHUNK = 1024 * 1024


def _read_limited(upload: UploadFile, limit: int) -> bytes:
    """Read the upload in chunks, refusing as soon as it passes ``limit`` bytes."""
    buf = bytearray()
    while chunk := upload.file.read(CHUNK):
        buf += chunk
        if len(buf) > limit:
            raise ApiError(413, ErrorCode.TOO_LARGE, f"file is larger than the limit of {limit} bytes")
    return bytes(buf)


def _detail_response(ctx: ServiceContext, document_id: int, status: int) -> JSONResponse:
    with ctx.db.session() as s:
        doc = get_document(s, document_id)
        if doc is None:
            raise not_found("document", document_id)
        body = document_detail(doc, ctx.today(), job_store.latest_job(s, doc.id))
    return JSONResponse(body.model_dump(mode="json"), status_code=status)


def _is_sync(ctx: ServiceContext, kind: str, size: int) -> bool:
    return extracts_in_request(kind) and size <= ctx.settings.sync_max_bytes


@router.post(
    "",
    status_code=201,
    responses={
        200: {"model": DocumentDetail},
        201: {"model": DocumentDetail},
        202: {"model": JobOut},
        **error_responses(413, 415, 429),
    },
)
def upload_document(
    ctx: Ctx,
    who: Editor,
    file: Annotated[UploadFile, File(description="PDF, image, TXT or DOCX")],
    meeting_date: Annotated[IsoDate | None, Form(description="ISO date of the meeting, if known")] = None,
) -> JSONResponse:
    """Store the original, then extract: 201 (small TXT/DOCX, done), 202 (job queued), 200 (already there)."""
    data = _read_limited(file, ctx.settings.max_upload_bytes)
    filename = display_name(file.filename)
    kind, content_type = detect(filename, data)
    if ctx.check is not None:
        check_structure(ctx.check, filename, data)
    pages = quotas.check_before_storing(ctx, who, data)
    sha, rel = ctx.files.put(data)  # the original is safe on disk before anything else happens

    with ctx.db.session() as s:
        existing = get_document_by_sha(s, sha)
        existing_id = existing.id if existing else None
        if existing is not None and meeting_date is not None and existing.meeting_date is None:
            # the same file again, now with the date it lacked: set it (audited, deadlines re-resolved)
            update_document(s, existing, {"meeting_date": meeting_date}, who.actor)
    if existing_id is not None:
        return _detail_response(ctx, existing_id, 200)
    try:
        with ctx.db.session() as s:
            doc = create_document(
                s,
                sha256=sha,
                filename=filename,
                content_type=content_type,
                kind=kind,
                size=len(data),
                stored_path=rel,
                meeting_date=meeting_date,
            )
            document_id = doc.id
            quotas.count_upload(s, ctx, who, pages)
            job_id = None
            if not _is_sync(ctx, kind, len(data)):
                doc.status = DocumentStatus.QUEUED
                job_id = job_store.create_job(s, doc.id, JobKind.EXTRACT).id
    except IntegrityError:  # the same file uploaded twice at once: the other request won
        with ctx.db.session() as s:
            winner = get_document_by_sha(s, sha)
            if winner is None:
                raise
            winner_id = winner.id
        return _detail_response(ctx, winner_id, 200)

    if job_id is not None:
        assert ctx.queue is not None
        ctx.queue.submit(job_id)
        with ctx.db.session() as s:
            job = job_store.get_job(s, job_id)
            body = job_out(job).model_dump(mode="json")  # type: ignore[arg-type]
        return JSONResponse(body, status_code=202, headers={"Location": f"/v1/jobs/{job_id}"})

    try:
        extract_and_store(ctx, document_id, JobKind.EXTRACT)
    except ExtractionFailed as e:
        raise ApiError(INGEST_STATUS.get(e.code, 500), e.code, e.message) from e
    return _detail_response(ctx, document_id, 201)


@router.get("", response_model=DocumentList)
def get_documents(
    ctx: Ctx,
    _who: Viewer,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> DocumentList:
    with ctx.db.session() as s:
        docs, total = list_documents(s, limit=limit, offset=offset)
        counts = item_counts(s, [d.id for d in docs])
        progress = job_store.running_progress(s, [d.id for d in docs])
        return DocumentList(
            total=total,
            limit=limit,
            offset=offset,
            documents=[document_summary(d, counts.get(d.id, 0), progress.get(d.id)) for d in docs],
        )


@router.get("/{document_id:int}", response_model=DocumentDetail)
def get_document_detail(document_id: IdPath, ctx: Ctx, _who: Viewer) -> JSONResponse:
    return _detail_response(ctx, document_id, 200)


@router.get("/{document_id:int}/file", response_class=FileResponse)
def get_document_file(document_id: IdPath, ctx: Ctx, _who: Viewer) -> FileResponse:
    with ctx.db.session() as s:
        doc = get_document(s, document_id)
        if doc is None:
            raise not_found("document", document_id)
        stored, ctype, name = doc.stored_path, doc.content_type, doc.filename
    headers = {"Content-Disposition": content_disposition(name), "X-Content-Type-Options": "nosniff"}
    path = ctx.files.local_path(stored)
    if path is None:  # a remote store (S3): send the bytes
        try:
            return Response(ctx.files.read(stored), media_type=ctype, headers=headers)  # type: ignore[return-value]
        except FileNotFoundError as e:
            raise ApiError(404, ErrorCode.NOT_FOUND, "the stored original is missing") from e
    if not path.exists():
        raise ApiError(404, ErrorCode.NOT_FOUND, "the stored original is missing")
    return FileResponse(path, media_type=ctype, headers=headers)


@router.get(
    "/{document_id}/pages/{number}/image",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}, "description": "the page as a PNG"}},
)
def get_page_image(
    document_id: IdPath,
    number: PageNo,
    ctx: Ctx,
    _who: Viewer,
    width: Annotated[int, Query(ge=100, le=2400, description="image width in pixels")] = 1000,
) -> Response:
    """One page of a stored PDF or image, rendered for the review screen (TXT and DOCX have none)."""
    with ctx.db.session() as s:
        doc = get_document(s, document_id)
        if doc is None:
            raise not_found("document", document_id)
        rel, sha = doc.stored_path, doc.sha256
    try:
        png = render_page_png(ctx.files.read(rel), number, width, ctx.settings)
    except FileNotFoundError as e:
        raise ApiError(404, ErrorCode.NOT_FOUND, "the stored original is missing") from e
    except IngestError as e:
        status = 404 if e.code in ("no_page", "no_image") else INGEST_STATUS.get(e.code, 422)
        raise ApiError(status, e.code, str(e)) from e
    return Response(
        png,
        media_type="image/png",
        headers={"Cache-Control": "private, max-age=86400", "ETag": f'"{sha[:16]}-{number}-{width}"'},
    )


@router.post(
    "/{document_id:int}/reprocess",
    responses={200: {"model": ReprocessOut}, 202: {"model": JobOut}, **error_responses(409, 413, 415)},
)
def reprocess(document_id: IdPath, ctx: Ctx, _who: Editor) -> JSONResponse:
    """Extract again with the current extractor, keeping reviews, tracking fields and corrections."""
    with ctx.db.session() as s:
        doc = get_document(s, document_id)
        if doc is None:
            raise not_found("document", document_id)
        last = job_store.latest_job(s, document_id)
        if last is not None and last.status in UNFINISHED_JOB_STATUSES:
            raise ApiError(409, ErrorCode.CONFLICT, f"job {last.id} for this document is still {last.status}")
        job_id = None
        if not _is_sync(ctx, doc.kind, doc.size):
            job_id = job_store.create_job(s, doc.id, JobKind.REPROCESS).id
    if job_id is not None:
        assert ctx.queue is not None
        ctx.queue.submit(job_id)
        with ctx.db.session() as s:
            body = job_out(job_store.get_job(s, job_id)).model_dump(mode="json")  # type: ignore[arg-type]
        return JSONResponse(body, status_code=202, headers={"Location": f"/v1/jobs/{job_id}"})
    try:
        summary = extract_and_store(ctx, document_id, JobKind.REPROCESS)
    except ExtractionFailed as e:
        raise ApiError(INGEST_STATUS.get(e.code, 500), e.code, e.message) from e
    out = ReprocessOut(document_id=document_id, **summary)
    return JSONResponse(out.model_dump(mode="json"))
