"""Per-page jobs without a broker: every step may be delivered twice and still stores everything once."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.settings import Settings
from ingest import ingest_bytes
from ingest.pages import assemble, page_count, read_page
from jobs import split
from jobs.context import WorkerContext, default_extractor
from store import jobs as job_store
from store.db import Database
from store.files import FileStore
from store.models import ActionItem, Page, PageResult
from store.repository import create_document, get_document
from tests.helpers.scale_cluster import best_subject, minutes_pages, scanned_pdf

pytestmark = pytest.mark.distributed


@pytest.fixture
def ctx(db: Database, tmp_path: Path) -> WorkerContext:
    settings = dataclasses.replace(Settings(), data_dir=tmp_path, ocr_dpi=150, ocr_workers=1)
    return WorkerContext(settings, db, FileStore(tmp_path), default_extractor(settings))


def _job(ctx: WorkerContext, data: bytes) -> int:
    sha, rel = ctx.files.put(data)
    with ctx.db.session() as s:
        doc = create_document(
            s,
            sha256=sha,
            filename="scan.pdf",
            content_type="application/pdf",
            kind="pdf",
            size=len(data),
            stored_path=rel,
        )
        return job_store.create_job(s, doc.id).id


def _idle_for(ctx: WorkerContext, job_id: int, seconds: float) -> None:
    """Make the job look idle for ``seconds`` (its last claim or page that long ago)."""
    with ctx.db.session() as s:
        job = job_store.get_job(s, job_id)
        job.active_at = datetime.now(UTC) - timedelta(seconds=seconds)


def test_read_page_matches_the_whole_file_reader() -> None:
    data = scanned_pdf(minutes_pages(5, 3))
    settings = dataclasses.replace(Settings(), ocr_dpi=150, ocr_workers=1)
    whole = ingest_bytes(data, "scan.pdf", settings)
    pages = [read_page(data, "scan.pdf", n, settings)[0] for n in (3, 1, 2)]
    assert page_count(data) == 3
    joined = assemble("scan.pdf", "pdf", pages, len(data))
    assert [p.number for p in joined.pages] == [1, 2, 3]
    assert [(p.route, p.text) for p in joined.pages] == [(p.route, p.text) for p in whole.pages]


def test_redelivered_steps_store_pages_and_items_once(ctx: WorkerContext) -> None:
    data = scanned_pdf(minutes_pages(7, 3))
    job_id = _job(ctx, data)
    started = split.start_job(ctx, job_id, "w1@test")
    assert started is not None and started.pages == 3 and started.missing == [1, 2, 3]
    assert split.process_page(ctx, job_id, 2, "w1@test") is False
    assert split.process_page(ctx, job_id, 2, "w2@test") is False  # a second delivery of the same page
    # A second delivery of the start while the job is live (the server re-sent it) takes nothing over.
    assert split.start_job(ctx, job_id, "w2@test") is None
    # The worker died here: once the job has been idle past the visibility timeout, the broker delivers the
    # start task again and it resumes with the pages still missing.
    _idle_for(ctx, job_id, ctx.settings.visibility_timeout_s + 1)
    again = split.start_job(ctx, job_id, "w2@test")
    assert again is not None and again.missing == [1, 3]
    assert split.process_page(ctx, job_id, 1, "w2@test") is False
    assert split.process_page(ctx, job_id, 3, "w2@test") is True  # the last page in: time to finalize
    assert split.finalize(ctx, job_id, "w2@test") is True
    assert split.finalize(ctx, job_id, "w1@test") is False  # a duplicate finalize changes nothing
    assert split.process_page(ctx, job_id, 1, "w1@test") is False  # a late page task of a finished job
    with ctx.db.session() as s:
        job = job_store.get_job(s, job_id)
        assert job.status == "done" and job.attempts == 2 and job.worker == "w2@test"
        rows = list(s.scalars(select(PageResult).order_by(PageResult.number)))
        assert [(r.number, r.worker) for r in rows] == [(1, "w2@test"), (2, "w1@test"), (3, "w2@test")]
        doc = get_document(s, job.document_id)
        assert doc.status == "processed"
        texts = [p.text for p in s.scalars(select(Page).where(Page.document_id == doc.id).order_by(Page.number))]
        assert [best_subject(t, 7, 3) for t in texts] == [1, 2, 3]
        n_items = s.scalar(select(func.count(ActionItem.id)).where(ActionItem.document_id == doc.id))
        assert n_items == job.result["items"] >= 3


def test_a_start_retried_after_an_error_resumes_its_job(ctx: WorkerContext) -> None:
    data = scanned_pdf(minutes_pages(8, 2))
    job_id = _job(ctx, data)
    with ctx.db.session() as s:  # the claim committed, then the task failed (the database went away)
        assert job_store.claim_or_resume(s, job_id, "w1@test", lease_s=600, delivery="start-1") is not None
    assert split.start_job(ctx, job_id, "w2@test", delivery="start-2") is None  # another delivery: live job
    again = split.start_job(ctx, job_id, "w1@test", delivery="start-1")  # the broker's retry of the same task
    assert again is not None and again.missing == [1, 2]


def test_pages_missing_at_finalize_are_read_there(ctx: WorkerContext) -> None:
    data = scanned_pdf(minutes_pages(9, 2))
    job_id = _job(ctx, data)
    assert split.start_job(ctx, job_id, "w1@test") is not None
    split.process_page(ctx, job_id, 1, "w1@test")  # the message for page 2 was lost
    assert split.finalize(ctx, job_id, "w1@test") is True
    with ctx.db.session() as s:
        assert s.scalar(select(func.count(Page.id))) == 2
        assert job_store.get_job(s, job_id).result["pages"] == 2


def test_a_damaged_pdf_fails_the_job_with_a_clear_error(ctx: WorkerContext) -> None:
    job_id = _job(ctx, b"%PDF-1.4\nnot really a pdf\n")
    with pytest.raises(split.ExtractionFailed) as err:
        split.start_job(ctx, job_id, "w1@test")
    split.fail_job(ctx, job_id, err.value)
    with ctx.db.session() as s:
        job = job_store.get_job(s, job_id)
        assert (job.status, job.error_code) == ("failed", "corrupt")
        assert get_document(s, job.document_id).status == "failed"
    assert split.start_job(ctx, job_id, "w2@test") is None  # a redelivery does not restart a failed job
