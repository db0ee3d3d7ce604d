"""A job split per page, whichever broker carries the pieces: start → one task per page → finalize.

* ``start_job`` claims (or, after a worker died, resumes) the job and says which pages still need reading;
  a second delivery of a live job's start (idle for less than the visibility timeout) does nothing;
* ``process_page`` reads one page of the stored original and stores it once (content hash + extractor
  version + page number is unique), then says whether every page is now there;
* ``finalize`` assembles the pages, runs the extractor and stores the result and the job's outcome in one
  transaction, under a row lock, only if the job is still running: a second delivery finds it done.

Pages missing at ``finalize`` (a lost message) are read there, so a document always gets all its pages.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from core.contract import Extraction
from core.states import DocumentStatus, ErrorCode, JobKind, JobStatus
from extractors import EXTRACTOR_VERSION
from ingest import IngestError
from ingest.formats import reads_page_wise
from ingest.pages import assemble, page_count, page_from_dict, page_to_dict, read_page
from jobs.context import JobContext
from jobs.runner import ExtractionFailed, write_extraction
from store import jobs as job_store
from store import page_results
from store.repository import get_document, mark_document_failed

log = logging.getLogger("nirdesh.jobs")


@dataclass
class Started:
    job_id: int
    document_id: int
    pages: int | None  # None: the document is read whole (TXT, DOCX)
    missing: list[int] = field(default_factory=list)


@dataclass
class _Doc:
    document_id: int
    sha256: str
    kind: str
    path: str
    filename: str
    size: int
    meeting_date: date | None
    job_kind: str
    pages_total: int | None


def _load(ctx: JobContext, job_id: int, *, running_only: bool = True) -> _Doc | None:
    with ctx.db.session() as s:
        job = job_store.get_job(s, job_id)
        if job is None or (running_only and job.status != JobStatus.RUNNING):
            return None
        doc = get_document(s, job.document_id)
        if doc is None:
            return None
        return _Doc(
            doc.id,
            doc.sha256,
            doc.kind,
            doc.stored_path,
            doc.filename,
            doc.size,
            doc.requested_meeting_date,
            job.kind,
            job.pages_total,
        )


_cache_lock = threading.Lock()
_cache: tuple[str, bytes] | None = None  # the last original read by this process: its pages come in a row


def _original(ctx: JobContext, path: str) -> bytes:
    global _cache
    with _cache_lock:
        if _cache is not None and _cache[0] == path:
            return _cache[1]
    try:
        data = ctx.files.read(path)
    except OSError as e:
        raise ExtractionFailed(ErrorCode.MISSING_ORIGINAL, f"stored original cannot be read: {e}") from e
    with _cache_lock:
        _cache = (path, data)
    return data


def _fail_document_of(s: Session, job_id: int) -> None:
    """A job given up after too many attempts leaves its document failed too (a first extraction)."""
    job = job_store.get_job(s, job_id)
    if (
        job is not None
        and job.status == JobStatus.FAILED
        and job.error_code == ErrorCode.TOO_MANY_ATTEMPTS
        and job.kind == JobKind.EXTRACT
    ):
        doc = get_document(s, job.document_id)
        if doc is not None and doc.status != DocumentStatus.FAILED:
            mark_document_failed(doc, job.error_code, job.error or "")


def start_job(ctx: JobContext, job_id: int, worker: str | None = None, delivery: str | None = None) -> Started | None:
    """Claim or resume the job; None when there is nothing to do (finished, failed, gone, or live under
    another delivery: ``delivery`` is the broker's id of this start task, the same when it is retried)."""
    with ctx.db.session() as s:
        job = job_store.claim_or_resume(
            s,
            job_id,
            worker,
            ctx.settings.job_max_attempts,
            lease_s=ctx.settings.visibility_timeout_s,
            delivery=delivery,
        )
        if job is None:
            _fail_document_of(s, job_id)
            return None
        doc = get_document(s, job.document_id)
        if doc is None:
            job_store.fail(job, ErrorCode.NOT_FOUND, f"document {job.document_id} is gone")
            return None
        if job.kind == JobKind.EXTRACT:
            doc.status = DocumentStatus.PROCESSING
    info = _load(ctx, job_id)
    if info is None:
        return None
    if not reads_page_wise(info.kind):
        return Started(job_id, info.document_id, None)
    n = info.pages_total
    if n is None:
        try:
            n = page_count(_original(ctx, info.path))
        except IngestError as e:
            raise ExtractionFailed(e.code, e.reason) from e
        if n < 1:
            raise ExtractionFailed(ErrorCode.EMPTY, "the document has no pages")
        if n > ctx.settings.max_pages:
            raise ExtractionFailed(
                ErrorCode.TOO_LARGE, f"the document has {n} pages; the limit is {ctx.settings.max_pages}"
            )
        with ctx.db.session() as s:
            job = job_store.get_job(s, job_id)
            if job is not None:
                job.pages_total = n
    with ctx.db.session() as s:
        have = page_results.stored_numbers(s, info.sha256, EXTRACTOR_VERSION)
    return Started(job_id, info.document_id, n, [i for i in range(1, n + 1) if i not in have])


def _read_and_save(ctx: JobContext, info: _Doc, job_id: int, number: int, worker: str | None) -> None:
    start = time.monotonic()
    try:
        page, meta = read_page(_original(ctx, info.path), info.filename, number, ctx.settings)
    except IngestError as e:
        raise ExtractionFailed(e.code, e.reason) from e
    error = (meta.get("ocr_errors") or {}).get(1)
    with ctx.db.session() as s:
        stored = page_results.save_page(
            s,
            sha256=info.sha256,
            extractor_version=EXTRACTOR_VERSION,
            number=number,
            page=page_to_dict(page),
            job_id=job_id,
            worker=worker,
            seconds=round(time.monotonic() - start, 3),
            error=error,
        )
    if not stored:
        log.info("page %d of job %d was already stored by an earlier delivery", number, job_id)


def process_page(ctx: JobContext, job_id: int, number: int, worker: str | None = None) -> bool:
    """Read and store page ``number`` unless it is stored already; True when all the job's pages are there."""
    info = _load(ctx, job_id)
    if info is None or info.pages_total is None:
        return False
    with ctx.db.session() as s:
        have = page_results.stored_numbers(s, info.sha256, EXTRACTOR_VERSION)
    if number not in have:
        _read_and_save(ctx, info, job_id, number, worker)
    with ctx.db.session() as s:  # a fresh transaction sees every page committed so far
        done = page_results.count_pages(s, info.sha256, EXTRACTOR_VERSION)
        job_store.set_progress(s, job_id, done, info.pages_total)  # "page x of y" while workers read
    return done >= info.pages_total


def finalize(ctx: JobContext, job_id: int, worker: str | None = None) -> bool:
    """Assemble, extract and store; False when the job was already finished (a repeated delivery)."""
    info = _load(ctx, job_id)
    if info is None:
        return False
    n = info.pages_total or 0
    with ctx.db.session() as s:
        have = page_results.stored_numbers(s, info.sha256, EXTRACTOR_VERSION)
    for number in range(1, n + 1):
        if number not in have:
            log.warning("job %d: page %d was never stored; reading it in finalize", job_id, number)
            _read_and_save(ctx, info, job_id, number, worker)
    with ctx.db.session() as s:
        rows = [r for r in page_results.load_pages(s, info.sha256, EXTRACTOR_VERSION) if r.number <= n]
        pages = [page_from_dict(r.page) for r in rows]
        errors = {r.number: r.error for r in rows if r.error}
        seconds = sum(r.seconds or 0.0 for r in rows)
    document = assemble(info.filename, info.kind, pages, info.size, errors, seconds)
    try:
        from extractors.pipeline import process_document

        extraction = process_document(document, meeting_date=info.meeting_date)
    except Exception as e:
        log.exception("extraction of document %s failed", info.document_id)
        raise ExtractionFailed(ErrorCode.EXTRACTION_FAILED, f"{type(e).__name__}: {e}") from e
    return store_extraction(ctx, job_id, extraction, worker)


def store_extraction(ctx: JobContext, job_id: int, extraction: Extraction, worker: str | None = None) -> bool:
    """Write the result and finish the job in one transaction, only if the job is still running."""
    with ctx.db.session() as s:
        job = job_store.lock_running(s, job_id)
        if job is None:
            return False
        doc = get_document(s, job.document_id)
        if doc is None:
            job_store.fail(job, ErrorCode.NOT_FOUND, f"document {job.document_id} is gone")
            return False
        summary = write_extraction(s, doc, extraction, job.kind)
        if job.pages_total is not None:
            summary["pages"] = job.pages_total
        job_store.finish(job, summary)
        job.worker = worker
    return True


def fail_job(ctx: JobContext, job_id: int, error: ExtractionFailed) -> None:
    """Record a failure that another try cannot fix (a damaged file, an extractor error)."""
    with ctx.db.session() as s:
        job = job_store.lock_running(s, job_id)
        if job is None:
            return
        job_store.fail(job, error.code, error.message)
        if job.kind == JobKind.EXTRACT:
            doc = get_document(s, job.document_id)
            if doc is not None:
                mark_document_failed(doc, error.code, error.message)
