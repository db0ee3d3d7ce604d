"""Issue 17, finding 2: a job's extraction runs under a time (and memory) budget, a stalled job fails with
the reason and frees its worker for the next one, and a job started too many times is never run again."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from core.sandbox import run_limited
from store import jobs as job_store
from tests.helpers.builders import FakeExtractor, job_of_a_stored_text, upload, wait_job

TEXT = "जिलाधिकारी ने तहसीलदार को सर्वे पूरा करने के निर्देश दिए।\n"


def _extract_in_child(data: bytes, filename: str, meeting_date: date | None) -> dict[str, Any]:
    if b"STALL" in data:
        time.sleep(600)
    return FakeExtractor()(data, filename, meeting_date=meeting_date)


def test_a_stalled_extraction_fails_with_timeout_and_the_queue_moves_on(make_client: Any) -> None:
    def extract(data: bytes, filename: str, *, meeting_date: date | None = None) -> dict[str, Any]:
        return run_limited(_extract_in_child, data, filename, meeting_date, memory_mb=512, timeout_s=6)

    client = make_client(extract=extract, job_workers=1, sync_max_bytes=0)
    stalled = upload(client, "stall.txt", "STALL " + TEXT)
    normal = upload(client, "ok.txt", TEXT)
    assert stalled.status_code == 202 and normal.status_code == 202
    start = time.monotonic()
    failed = wait_job(client, stalled.json()["id"], timeout=30)
    done = wait_job(client, normal.json()["id"], timeout=30)
    assert failed["status"] == "failed" and failed["error"]["code"] == "timeout", failed
    assert done["status"] == "done", (done, client.get(f"/v1/jobs/{done['id']}").json())
    assert time.monotonic() - start < 25


def test_after_a_restart_a_job_that_used_its_attempts_is_failed_not_rerun(db: Any) -> None:
    _doc, spent = job_of_a_stored_text(db, attempts=3, status="running")
    with db.session() as s:
        again = job_store.requeue_unfinished(s, max_attempts=3)
    assert spent not in again
    with db.session() as s:
        job = job_store.get_job(s, spent)
        assert job is not None and job.status == "failed" and job.error_code == "too_many_attempts"
        assert job.error and "3 times" in job.error


def test_a_queued_job_over_its_attempts_is_not_claimed(db: Any) -> None:
    _doc, job_id = job_of_a_stored_text(db, attempts=3, status="queued")
    with db.session() as s:
        job = job_store.claim(s, job_id, max_attempts=3)
        assert job is not None and job.status == "failed" and job.attempts == 3
    with db.session() as s:
        assert job_store.claim_or_resume(s, job_id, "w1", max_attempts=3) is None
