"""A send to the broker is claimed, made, then confirmed, and a running job holds a lease.

A server killed between claiming a send and making it left the job queued forever (the sweep only looked
at jobs never claimed); the sweep now takes over a claim never confirmed. The job a re-send duplicates
must not be run twice or have its attempts used up while it is live: a second start of a running job
takes it over only once it has been idle past the lease (its worker died).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.settings import Settings
from jobs.celery_queue import TASK_START, CeleryJobQueue
from store import jobs as job_store
from store.db import Database
from store.files import FileStore
from store.models import Job
from tests.helpers.builders import job_of_a_stored_text

LEASE_S = 600.0
RESEND_S = 60.0


def _job(db: Database, status: str = "queued", attempts: int = 0) -> int:
    return job_of_a_stored_text(db, status, attempts)[1]


def _set(db: Database, job_id: int, **ago_s: float | None) -> None:
    """Set the job's timestamps to that many seconds ago (None: NULL)."""
    now = datetime.now(UTC)
    with db.session() as s:
        job = job_store.get_job(s, job_id)
        assert job is not None
        for name, seconds in ago_s.items():
            setattr(job, name, None if seconds is None else now - timedelta(seconds=seconds))


def _job_row(db: Database, job_id: int) -> Job:
    with db.session() as s:
        job = job_store.get_job(s, job_id)
        assert job is not None
        s.expunge(job)
        return job


def _unsent(db: Database) -> list[int]:
    with db.session() as s:
        return job_store.unsent_jobs(s, RESEND_S)


# --- the send: claimed, made, confirmed ----------------------------------------------------------------


def test_a_send_claimed_and_never_confirmed_is_taken_over_after_the_resend_age(db: Database) -> None:
    job_id = _job(db)
    assert _unsent(db) == [job_id]  # never claimed: sent at the next sweep
    with db.session() as s:
        assert job_store.mark_enqueued(s, job_id, RESEND_S)
    # The server died here, between claiming the send and making it.
    assert _unsent(db) == []  # a sender may still be at it
    with db.session() as s:
        assert not job_store.mark_enqueued(s, job_id, RESEND_S)
    _set(db, job_id, enqueued_at=RESEND_S + 1)
    assert _unsent(db) == [job_id]
    with db.session() as s:
        assert job_store.mark_enqueued(s, job_id, RESEND_S)  # one sender takes the stale claim over…
    with db.session() as s:
        assert not job_store.mark_enqueued(s, job_id, RESEND_S)  # …and only one


def test_a_confirmed_send_is_never_sent_again(db: Database) -> None:
    job_id = _job(db)
    with db.session() as s:
        assert job_store.mark_enqueued(s, job_id, RESEND_S)
    with db.session() as s:
        job_store.mark_sent(s, job_id)
    _set(db, job_id, enqueued_at=10 * RESEND_S, sent_at=10 * RESEND_S)
    assert _unsent(db) == []
    with db.session() as s:
        assert not job_store.mark_enqueued(s, job_id, RESEND_S)


def test_only_queued_jobs_are_swept(db: Database) -> None:
    queued, running, done = _job(db), _job(db, "running", 1), _job(db, "done", 1)
    for job_id in (queued, running, done):
        _set(db, job_id, enqueued_at=RESEND_S + 1)
    assert _unsent(db) == [queued]


@dataclass
class _Broker:
    """Stands in for the Celery app: records what was sent, or refuses while ``down``."""

    down: bool = False
    sent: list[tuple[str, list[Any]]] = field(default_factory=list)

    def send_task(self, name: str, args: list[Any], queue: str, retry: bool) -> None:
        if self.down:
            raise ConnectionError("redis is away")
        self.sent.append((name, args))


@dataclass
class _Ctx:
    settings: Settings
    db: Database
    files: FileStore
    extract: Any = None
    search: Any = None
    queue: Any = None


def _queue(db: Database, tmp_path: Path, broker: _Broker) -> CeleryJobQueue:
    settings = dataclasses.replace(Settings(), data_dir=tmp_path, resend_s=RESEND_S)
    return CeleryJobQueue(_Ctx(settings, db, FileStore(tmp_path)), app=broker)  # type: ignore[arg-type]


def test_the_sweep_sends_a_job_whose_sender_died_and_then_leaves_it(db: Database, tmp_path: Path) -> None:
    broker = _Broker()
    queue = _queue(db, tmp_path, broker)
    job_id = _job(db)
    with db.session() as s:
        job_store.mark_enqueued(s, job_id, RESEND_S)  # the killed server claimed the send, nothing more
    assert queue.sweep() == 0 and broker.sent == []
    _set(db, job_id, enqueued_at=RESEND_S + 1)
    assert queue.sweep() == 1
    assert broker.sent == [(TASK_START, [job_id])]
    assert _job_row(db, job_id).sent_at is not None
    _set(db, job_id, enqueued_at=10 * RESEND_S)
    assert queue.sweep() == 0 and len(broker.sent) == 1


def test_a_send_the_broker_refused_is_retried_by_the_next_sweep(db: Database, tmp_path: Path) -> None:
    broker = _Broker(down=True)
    queue = _queue(db, tmp_path, broker)
    job_id = _job(db)
    queue.submit(job_id)
    job = _job_row(db, job_id)
    assert broker.sent == [] and job.enqueued_at is None and job.sent_at is None
    broker.down = False
    assert queue.sweep() == 1 and broker.sent == [(TASK_START, [job_id])]


# --- the lease: a live job is not taken over -------------------------------------------------------------


def _claim(
    db: Database, job_id: int, worker: str, max_attempts: int | None = None, delivery: str | None = None
) -> Job | None:
    with db.session() as s:
        job = job_store.claim_or_resume(s, job_id, worker, max_attempts, lease_s=LEASE_S, delivery=delivery)
        if job is not None:
            s.flush()
            s.expunge(job)
        return job


def test_a_second_start_of_a_live_job_does_nothing(db: Database) -> None:
    job_id = _job(db)
    first = _claim(db, job_id, "w1")
    assert first is not None and first.status == "running" and first.attempts == 1
    assert _claim(db, job_id, "w2") is None
    job = _job_row(db, job_id)
    assert (job.status, job.attempts, job.worker) == ("running", 1, "w1")


def test_the_claiming_delivery_retried_resumes_at_once(db: Database) -> None:
    """A start task that failed after its claim (the database went away) is retried by the broker under the
    same task id, or redelivered under it when its worker process died: it resumes, lease or not."""
    job_id = _job(db)
    assert _claim(db, job_id, "w1", delivery="task-a") is not None
    assert _claim(db, job_id, "w2", delivery="task-b") is None  # a re-sent start: another delivery
    again = _claim(db, job_id, "w1", delivery="task-a")
    assert again is not None and again.attempts == 2
    assert _job_row(db, job_id).claim_id == "task-a"


def test_a_job_idle_past_its_lease_is_taken_over(db: Database) -> None:
    job_id = _job(db)
    assert _claim(db, job_id, "w1") is not None
    _set(db, job_id, active_at=LEASE_S + 1)
    again = _claim(db, job_id, "w2")
    assert again is not None and (again.attempts, again.worker) == (2, "w2")
    assert _claim(db, job_id, "w3") is None  # the new owner holds a fresh lease


def test_a_page_stored_renews_the_lease(db: Database) -> None:
    job_id = _job(db)
    assert _claim(db, job_id, "w1") is not None
    _set(db, job_id, active_at=LEASE_S + 1)
    with db.session() as s:
        assert job_store.set_progress(s, job_id, 3, 40)
    assert _claim(db, job_id, "w2") is None


def test_duplicate_starts_never_use_up_a_live_jobs_attempts(db: Database) -> None:
    job_id = _job(db)
    assert _claim(db, job_id, "w1", max_attempts=2) is not None
    for _ in range(5):
        assert _claim(db, job_id, "w2", max_attempts=2) is None
    job = _job_row(db, job_id)
    assert (job.status, job.attempts) == ("running", 1)


def test_a_job_from_before_the_lease_column_is_judged_by_its_start(db: Database) -> None:
    job_id = _job(db, "running", 1)
    _set(db, job_id, started_at=5, active_at=None)
    assert _claim(db, job_id, "w2") is None
    _set(db, job_id, started_at=LEASE_S + 1)
    assert _claim(db, job_id, "w2") is not None


@pytest.mark.parametrize("ago", [None, 0.0])
def test_without_a_lease_a_running_job_is_always_resumed(db: Database, ago: float | None) -> None:
    job_id = _job(db, "running", 1)
    _set(db, job_id, active_at=ago)
    with db.session() as s:
        job = job_store.claim_or_resume(s, job_id, "w2")
        assert job is not None and job.attempts == 2
