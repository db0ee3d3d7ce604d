"""The job body, whichever queue runs it: extract a stored original and store the result.

Jobs are rows in the database (store.jobs); queues only carry ids (jobs.queue, jobs.celery_queue).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from core.contract import ContractError, Extraction
from core.sandbox import SandboxCrashed, SandboxMemory, SandboxTimeout
from core.states import DocumentStatus, ErrorCode, JobKind, JobStatus
from ingest import IngestError
from jobs.context import JobContext
from jobs.progress import JobProgress, can_report, takes_progress
from store import jobs as job_store
from store.models import Document
from store.repository import get_document, mark_document_failed, save_extraction
from store.reprocess import reprocess_document

log = logging.getLogger("nirdesh.jobs")


class ExtractionFailed(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def as_extraction(result: object) -> Extraction:
    """The extractor's answer as a typed Extraction: the one place a result's shape is checked.

    The real pipeline answers typed; a stand-in extractor may answer with the JSON contract.
    """
    if isinstance(result, Extraction):
        return result
    try:
        return Extraction.from_json(result)
    except ContractError as e:
        raise ExtractionFailed(ErrorCode.BAD_EXTRACTION, f"the extractor returned an ill-formed result: {e}") from e


def extract_document_bytes(ctx: JobContext, document_id: int, job_id: int | None = None) -> Extraction:
    """Run the extractor on a stored original (no transaction open meanwhile: OCR can be slow). With a
    ``job_id``, the pages read so far are written to the job as the reader goes (jobs.progress)."""
    with ctx.db.session() as s:
        doc = get_document(s, document_id)
        if doc is None:
            raise ExtractionFailed(ErrorCode.NOT_FOUND, f"document {document_id} is gone")
        path, filename, meeting_date = doc.stored_path, doc.filename, doc.requested_meeting_date
    try:
        data = ctx.files.read(path)
    except OSError as e:
        raise ExtractionFailed(ErrorCode.MISSING_ORIGINAL, f"stored original cannot be read: {e}") from e
    options: dict[str, Any] = {"meeting_date": meeting_date}
    if job_id is not None and can_report(ctx.db.url) and takes_progress(ctx.extract):
        options["progress"] = JobProgress(ctx.db.url, job_id)
    try:
        extraction = ctx.extract(data, filename, **options)
    except IngestError as e:
        raise ExtractionFailed(e.code, e.reason) from e
    except SandboxTimeout as e:
        raise ExtractionFailed(
            ErrorCode.TIMEOUT, f"reading the document {e}; split it or raise NIRDESH_JOB_TIMEOUT"
        ) from e
    except SandboxMemory as e:
        raise ExtractionFailed(ErrorCode.TOO_LARGE, f"reading the document {e} (NIRDESH_JOB_MEMORY_MB)") from e
    except SandboxCrashed as e:
        raise ExtractionFailed(ErrorCode.WORKER_CRASHED, f"reading the document failed: {e}") from e
    except Exception as e:
        log.exception("extraction of document %s failed", document_id)
        raise ExtractionFailed(ErrorCode.EXTRACTION_FAILED, f"{type(e).__name__}: {e}") from e
    return as_extraction(extraction)


def _items_stored(ctx: JobContext) -> None:
    """Wake the search service's embedder, when this process runs one (the API server does; a worker
    does not, and the server's embedder finds the worker's items on its next poll)."""
    if ctx.search is not None:
        ctx.search.notify()


def write_extraction(s: Session, doc: Document, extraction: Extraction, kind: str) -> dict[str, Any]:
    """Store an extraction for ``doc``: new items, or a re-processing that keeps people's changes.
    Returns the job summary ({items} or what re-processing changed, with the extractor version)."""
    if kind == JobKind.REPROCESS:
        summary: dict[str, Any] = reprocess_document(s, doc, extraction)
    else:
        summary = {"items": len(save_extraction(s, doc, extraction))}
    summary["extractor_version"] = doc.extractor_version
    return summary


def extract_and_store(
    ctx: JobContext, document_id: int, kind: str = JobKind.EXTRACT, job_id: int | None = None
) -> dict[str, Any]:
    """Extract and write the result in one transaction. Returns {items} or the reprocess summary.

    On failure a first extraction marks the document failed (its original stays on disk); a failed
    re-processing leaves the document as it was. Raises ExtractionFailed.
    """
    try:
        extraction = extract_document_bytes(ctx, document_id, job_id)
        with ctx.db.session() as s:
            doc = get_document(s, document_id)
            if doc is None:
                raise ExtractionFailed(ErrorCode.NOT_FOUND, f"document {document_id} is gone")
            summary = write_extraction(s, doc, extraction, kind)
        _items_stored(ctx)
        return summary
    except ExtractionFailed as e:
        if kind != JobKind.REPROCESS:
            with ctx.db.session() as s:
                doc = get_document(s, document_id)
                if doc is not None:
                    mark_document_failed(doc, e.code, e.message)
        raise
    except Exception as e:  # e.g. the database refused the result: nothing half-written stays
        log.exception("storing extraction of document %s failed", document_id)
        if kind != JobKind.REPROCESS:
            with ctx.db.session() as s:
                doc = get_document(s, document_id)
                if doc is not None:
                    mark_document_failed(doc, ErrorCode.STORE_FAILED, str(e)[:500])
        raise ExtractionFailed(ErrorCode.STORE_FAILED, f"{type(e).__name__}: {e}") from e


def run_job(ctx: JobContext, job_id: int) -> None:
    """The job body: claim, extract, store, record the outcome."""
    with ctx.db.session() as s:
        job = job_store.claim(s, job_id, ctx.settings.job_max_attempts)
        if job is None:
            return
        document_id, kind = job.document_id, job.kind
        if job.status == JobStatus.FAILED:  # it had used up its attempts (each start counts, a crash too)
            doc = get_document(s, document_id)
            if doc is not None and kind == JobKind.EXTRACT:
                mark_document_failed(doc, job.error_code or ErrorCode.TOO_MANY_ATTEMPTS, job.error or "")
            return
        doc = get_document(s, document_id)
        if doc is not None and kind == JobKind.EXTRACT:
            doc.status = DocumentStatus.PROCESSING
    try:
        result = extract_and_store(ctx, document_id, kind, job_id)
    except ExtractionFailed as e:
        with ctx.db.session() as s:
            job = job_store.get_job(s, job_id)
            if job is not None:
                job_store.fail(job, e.code, e.message)
        return
    with ctx.db.session() as s:
        job = job_store.get_job(s, job_id)
        if job is not None:
            job_store.finish(job, result)


def resume_jobs(ctx: JobContext) -> list[int]:
    """Startup: jobs left queued or running by a previous process go back on the queue."""
    queue = ctx.queue
    if queue is None:
        raise RuntimeError("resume_jobs needs a context with a job queue")
    if queue.durable:  # the broker keeps and redelivers its own messages
        return []
    with ctx.db.session() as s:
        ids = job_store.requeue_unfinished(s, ctx.settings.job_max_attempts)
    for job_id in ids:
        queue.submit(job_id)
    return ids
