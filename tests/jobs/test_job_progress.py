"""Page progress: a running job's row says how many pages are read, through the sandbox child too."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from core.settings import Settings
from core.states import JobStatus
from jobs import split
from jobs.context import WorkerContext, default_extractor
from jobs.progress import JobProgress, can_report, takes_progress
from jobs.runner import run_job
from store import jobs as job_store
from store.db import Database
from store.files import FileStore
from store.repository import create_document
from tests.helpers.builders import FakeExtractor
from tests.helpers.samples import hindi_scan_pdf


def _ctx(db: Database, tmp_path: Path, extract: Any) -> WorkerContext:
    settings = dataclasses.replace(Settings(), data_dir=tmp_path)
    return WorkerContext(settings, db, FileStore(tmp_path), extract)


def _job(ctx: WorkerContext, data: bytes, name: str, kind: str) -> int:
    sha, rel = ctx.files.put(data)
    with ctx.db.session() as s:
        doc = create_document(
            s, sha256=sha, filename=name, content_type="application/pdf", kind=kind, size=len(data), stored_path=rel
        )
        return job_store.create_job(s, doc.id).id


def test_the_job_row_follows_the_pages_read(db: Database, tmp_path: Path) -> None:
    seen: list[dict[str, int] | None] = []

    def extract(
        data: bytes, filename: str, *, meeting_date: date | None = None, progress: Callable[[int, int], None]
    ) -> dict[str, Any]:
        for done in (1, 2, 3):
            progress(done, 3)
            with db.session() as s:  # what GET /v1/jobs/{id} and the document list read meanwhile
                job = job_store.get_job(s, job_id)
                assert job is not None
                seen.append(job_store.progress_of(job))
                listed = job_store.running_progress(s, [job.document_id])
                assert listed.get(job.document_id) == seen[-1]
        return FakeExtractor()(data, filename, meeting_date=meeting_date)

    ctx = _ctx(db, tmp_path, extract)
    job_id = _job(ctx, "बैठक।".encode(), "a.txt", "txt")
    run_job(ctx, job_id)
    # The first and the last page are always written; the middle one falls inside the 0.5 s spacing.
    assert seen[0] == {"done": 1, "total": 3} and seen[2] == {"done": 3, "total": 3}
    assert seen[1] in ({"done": 1, "total": 3}, {"done": 2, "total": 3})
    with db.session() as s:
        job = job_store.get_job(s, job_id)
        assert job is not None and job.status == JobStatus.DONE
        assert job_store.progress_of(job) is None  # finished: no progress to show
        assert (job.pages_done, job.pages_total) == (3, 3)
        assert job_store.running_progress(s, [job.document_id]) == {}


def test_progress_is_written_from_the_sandbox_child(db: Database, tmp_path: Path) -> None:
    """The real extractor in its child process: the pickled reporter writes the row from there."""
    ctx = _ctx(db, tmp_path, default_extractor(dataclasses.replace(Settings(), data_dir=tmp_path)))
    assert takes_progress(ctx.extract)
    pdf = hindi_scan_pdf([["पहला पृष्ठ।"], ["दूसरा पृष्ठ।"]])
    job_id = _job(ctx, pdf, "scan.pdf", "pdf")
    run_job(ctx, job_id)
    with db.session() as s:
        job = job_store.get_job(s, job_id)
        assert job is not None and job.status == JobStatus.DONE, job.error if job else None
        assert (job.pages_done, job.pages_total) == (2, 2)


def test_a_stand_in_without_progress_is_called_as_before(db: Database, tmp_path: Path) -> None:
    ctx = _ctx(db, tmp_path, FakeExtractor())
    assert not takes_progress(lambda data, filename, *, meeting_date=None: None)
    job_id = _job(ctx, "बैठक।".encode(), "a.txt", "txt")
    run_job(ctx, job_id)
    with db.session() as s:
        job = job_store.get_job(s, job_id)
        assert job is not None and job.status == JobStatus.DONE and job.pages_done is None


def test_reporter_pickles_without_its_engine_and_skips_private_databases() -> None:
    reporter = JobProgress("sqlite:////tmp/x.db", 7, min_interval=2.0)
    reporter._last = 123.0
    copy = pickle.loads(pickle.dumps(reporter))
    assert (copy.database_url, copy.job_id, copy.min_interval, copy._last) == ("sqlite:////tmp/x.db", 7, 2.0, 0.0)
    assert not can_report("sqlite://") and not can_report("sqlite:///:memory:")
    assert can_report("sqlite:////tmp/x.db") and can_report("postgresql+psycopg://u:p@h/db")


def test_page_tasks_of_a_distributed_job_count_up(db: Database, tmp_path: Path) -> None:
    """Celery's per-page tasks (jobs.split): each stored page moves the job's progress on."""
    settings = dataclasses.replace(Settings(), data_dir=tmp_path, ocr_dpi=150, ocr_workers=1)
    ctx = WorkerContext(settings, db, FileStore(tmp_path), default_extractor(settings))
    job_id = _job(ctx, hindi_scan_pdf([["पहला।"], ["दूसरा।"], ["तीसरा।"]]), "scan.pdf", "pdf")
    started = split.start_job(ctx, job_id, "w1@test")
    assert started is not None and started.pages == 3
    progress = []
    for number in (2, 1):
        split.process_page(ctx, job_id, number, "w1@test")
        with db.session() as s:
            job = job_store.get_job(s, job_id)
            assert job is not None
            progress.append(job_store.progress_of(job))
    assert progress == [{"done": 1, "total": 3}, {"done": 2, "total": 3}]
