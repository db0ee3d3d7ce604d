"""Background extraction: a ``JobQueue`` interface, the embedded thread-pool queue, and the job body.

Jobs are rows in the database (store.jobs); the queue only carries ids, so another implementation
(e.g. Celery) needs only ``submit``/``start``/``stop`` and to call ``run_job`` in its worker.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, Protocol

from api.context import ServiceContext
from ingest import IngestError
from store import jobs as job_store
from store.repository import get_document, mark_document_failed, save_extraction
from store.reprocess import reprocess_document

log = logging.getLogger("nirdesh.jobs")


class JobQueue(Protocol):
    def submit(self, job_id: int) -> None: ...
    def start(self) -> None: ...
    def stop(self, timeout: float = 10.0) -> None: ...


class EmbeddedJobQueue:
    """Worker threads inside the server process. Durable state lives in the jobs table."""

    def __init__(self, handler: Callable[[int], Any], workers: int = 2) -> None:
        self._handler = handler
        self._workers = max(1, workers)
        self._queue: queue.Queue[int | None] = queue.Queue()
        self._threads: list[threading.Thread] = []

    def submit(self, job_id: int) -> None:
        self._queue.put(job_id)

    def start(self) -> None:
        for n in range(self._workers):
            t = threading.Thread(target=self._loop, name=f"nirdesh-job-{n}", daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self, timeout: float = 10.0) -> None:
        for _ in self._threads:
            self._queue.put(None)
        for t in self._threads:
            t.join(timeout)
        self._threads.clear()

    def _loop(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None:
                return
            try:
                self._handler(job_id)
            except Exception:  # the handler records failures itself; this is a last resort
                log.exception("job %s crashed", job_id)


class ExtractionFailed(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def extract_document_bytes(ctx: ServiceContext, document_id: int) -> dict[str, Any]:
    """Run the extractor on a stored original (no transaction open meanwhile: OCR can be slow)."""
    with ctx.db.session() as s:
        doc = get_document(s, document_id)
        if doc is None:
            raise ExtractionFailed("not_found", f"document {document_id} is gone")
        path, filename, meeting_date = doc.stored_path, doc.filename, doc.requested_meeting_date
    try:
        data = ctx.files.read(path)
    except OSError as e:
        raise ExtractionFailed("missing_original", f"stored original cannot be read: {e}") from e
    try:
        extraction = ctx.extract(data, filename, meeting_date=meeting_date)
    except IngestError as e:
        raise ExtractionFailed(e.code, e.reason) from e
    except Exception as e:
        log.exception("extraction of document %s failed", document_id)
        raise ExtractionFailed("extraction_failed", f"{type(e).__name__}: {e}") from e
    if not isinstance(extraction, dict) or not isinstance(extraction.get("action_items"), list):
        raise ExtractionFailed("bad_extraction", "the extractor returned no action_items list")
    return dict(extraction)


def extract_and_store(ctx: ServiceContext, document_id: int, kind: str = "extract") -> dict[str, Any]:
    """Extract and write the result in one transaction. Returns {items} or the reprocess summary.

    On failure a first extraction marks the document failed (its original stays on disk); a failed
    re-processing leaves the document as it was. Raises ExtractionFailed.
    """
    try:
        extraction = extract_document_bytes(ctx, document_id)
        with ctx.db.session() as s:
            doc = get_document(s, document_id)
            if doc is None:
                raise ExtractionFailed("not_found", f"document {document_id} is gone")
            if kind == "reprocess":
                summary: dict[str, Any] = reprocess_document(s, doc, extraction)
            else:
                summary = {"items": len(save_extraction(s, doc, extraction))}
            summary["extractor_version"] = doc.extractor_version
        if ctx.search is not None:
            ctx.search.notify()  # embed the new items in the background
        return summary
    except ExtractionFailed as e:
        if kind != "reprocess":
            with ctx.db.session() as s:
                doc = get_document(s, document_id)
                if doc is not None:
                    mark_document_failed(doc, e.code, e.message)
        raise
    except Exception as e:  # e.g. the database refused the result: nothing half-written stays
        log.exception("storing extraction of document %s failed", document_id)
        if kind != "reprocess":
            with ctx.db.session() as s:
                doc = get_document(s, document_id)
                if doc is not None:
                    mark_document_failed(doc, "store_failed", str(e)[:500])
        raise ExtractionFailed("store_failed", f"{type(e).__name__}: {e}") from e


def run_job(ctx: ServiceContext, job_id: int) -> None:
    """The job body: claim, extract, store, record the outcome."""
    with ctx.db.session() as s:
        job = job_store.claim(s, job_id)
        if job is None:
            return
        document_id, kind = job.document_id, job.kind
        doc = get_document(s, document_id)
        if doc is not None and kind == "extract":
            doc.status = "processing"
    try:
        result = extract_and_store(ctx, document_id, kind)
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


def resume_jobs(ctx: ServiceContext) -> list[int]:
    """Startup: jobs left queued or running by a previous process go back on the queue."""
    assert ctx.queue is not None
    with ctx.db.session() as s:
        ids = job_store.requeue_unfinished(s)
    for job_id in ids:
        ctx.queue.submit(job_id)
    return ids
