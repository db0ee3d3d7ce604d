"""Job rows: the queue's durable state. Runners claim, finish or fail jobs through these functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from core.states import UNFINISHED_JOB_STATUSES, ErrorCode, JobKind, JobStatus
from store.models import Job


def create_job(session: Session, document_id: int, kind: str = JobKind.EXTRACT) -> Job:
    job = Job(kind=kind, document_id=document_id, status=JobStatus.QUEUED, attempts=0)
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: int) -> Job | None:
    return session.get(Job, job_id)


def latest_job(session: Session, document_id: int) -> Job | None:
    return session.scalar(select(Job).where(Job.document_id == document_id).order_by(Job.id.desc()).limit(1))


def attempts_used(max_attempts: int) -> str:
    return (
        f"the job was started {max_attempts} times without finishing (the worker died or was restarted each "
        "time); it is not run again: upload a smaller or cleaner copy, or reprocess it"
    )


def claim(session: Session, job_id: int, max_attempts: int | None = None) -> Job | None:
    """Mark a queued job running (atomically); None if it is not queued any more. A job that has been
    started ``max_attempts`` times already is marked failed instead (returned with status ``failed``)."""
    now = datetime.now(UTC)
    if max_attempts is not None:
        res = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == JobStatus.QUEUED, Job.attempts >= max_attempts)
            .values(
                status=JobStatus.FAILED,
                error_code=ErrorCode.TOO_MANY_ATTEMPTS,
                error=attempts_used(max_attempts),
                finished_at=now,
            )
        )
        if res.rowcount == 1:  # type: ignore[attr-defined]
            session.expire_all()
            return session.get(Job, job_id)
    res = session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == JobStatus.QUEUED)
        .values(status=JobStatus.RUNNING, started_at=now, attempts=Job.attempts + 1)
    )
    if res.rowcount != 1:  # type: ignore[attr-defined]
        return None
    session.expire_all()
    return session.get(Job, job_id)


def set_progress(session: Session, job_id: int, done: int, total: int) -> bool:
    """Record ``done`` of ``total`` pages read for a running job; False when it is not running any more."""
    res = session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == JobStatus.RUNNING)
        .values(pages_done=max(0, min(done, total)), pages_total=max(0, total), active_at=datetime.now(UTC))
    )
    return res.rowcount == 1  # type: ignore[attr-defined]


def progress_of(job: Job) -> dict[str, int] | None:
    """{done, total} pages of a running job that reports them, else None."""
    if job.status != JobStatus.RUNNING or job.pages_done is None or not job.pages_total:
        return None
    return {"done": job.pages_done, "total": job.pages_total}


def running_progress(session: Session, document_ids: list[int]) -> dict[int, dict[str, int]]:
    """Page progress of the running jobs of ``document_ids`` (for a document list), by document id."""
    if not document_ids:
        return {}
    stmt = select(Job).where(Job.document_id.in_(document_ids), Job.status == JobStatus.RUNNING).order_by(Job.id)
    out = {}
    for job in session.scalars(stmt):
        progress = progress_of(job)
        if progress is not None:
            out[job.document_id] = progress
    return out


def finish(job: Job, result: dict[str, Any] | None = None) -> None:
    job.status = JobStatus.DONE
    job.result = result
    job.error = job.error_code = None
    job.finished_at = datetime.now(UTC)


def fail(job: Job, code: str, message: str) -> None:
    job.status = JobStatus.FAILED
    job.error_code = code
    job.error = message[:2000]
    job.finished_at = datetime.now(UTC)


def requeue_unfinished(session: Session, max_attempts: int | None = None) -> list[int]:
    """After a restart: jobs left 'running' died with the old process; put them back to 'queued', unless
    they have used up ``max_attempts`` starts: those are marked failed with the reason, never run again.

    Returns the ids of all queued jobs, oldest first, for the queue to pick up.
    """
    if max_attempts is not None:
        session.execute(
            update(Job)
            .where(Job.status.in_(UNFINISHED_JOB_STATUSES), Job.attempts >= max_attempts)
            .values(
                status=JobStatus.FAILED,
                error_code=ErrorCode.TOO_MANY_ATTEMPTS,
                error=attempts_used(max_attempts),
                finished_at=datetime.now(UTC),
            )
        )
    session.execute(update(Job).where(Job.status == JobStatus.RUNNING).values(status=JobStatus.QUEUED))
    return list(session.scalars(select(Job.id).where(Job.status == JobStatus.QUEUED).order_by(Job.id)))


# --- a distributed queue (jobs.celery_queue): the broker may deliver a job again, so claiming resumes ---


def claim_or_resume(
    session: Session,
    job_id: int,
    worker: str | None = None,
    max_attempts: int | None = None,
    lease_s: float | None = None,
    delivery: str | None = None,
) -> Job | None:
    """Mark a queued job running, or take over a running one whose earlier delivery died with its worker.

    A running job is taken over by another ``delivery`` (the broker's task id) only when it has been idle
    (no claim, no page stored) for ``lease_s`` seconds: a duplicate delivery of a live job's start returns
    None and uses none of its attempts (``lease_s`` None: always take over). The delivery that claimed it
    resumes it at once (a retry after an error, or a redelivery after its worker process died). None too
    if the job is finished, failed or gone, or has been started ``max_attempts`` times already (it is then
    marked failed with the reason). The row is locked until the transaction ends.
    """
    job = session.scalar(select(Job).where(Job.id == job_id).with_for_update())
    if job is None or job.status not in UNFINISHED_JOB_STATUSES:
        return None
    now = datetime.now(UTC)
    live = job.status == JobStatus.RUNNING and lease_s is not None and not _idle(job, now, lease_s)
    if live and (delivery is None or delivery != job.claim_id):
        return None  # its worker is alive: this is a second delivery, not a lost one
    if max_attempts is not None and job.attempts >= max_attempts:
        fail(job, ErrorCode.TOO_MANY_ATTEMPTS, attempts_used(max_attempts))
        return None
    if job.status == JobStatus.QUEUED:
        job.started_at = now
    job.status = JobStatus.RUNNING
    job.attempts += 1
    job.worker = worker
    job.active_at = now
    job.claim_id = delivery
    return job


def _idle(job: Job, now: datetime, lease_s: float) -> bool:
    last = job.active_at or job.started_at
    return last is None or last <= now - timedelta(seconds=lease_s)


def lock_running(session: Session, job_id: int) -> Job | None:
    """The job, locked for the final write, if it is still running (else its result is already stored)."""
    job = session.scalar(select(Job).where(Job.id == job_id).with_for_update())
    return job if job is not None and job.status == JobStatus.RUNNING else None


def _unsent(now: datetime, resend_s: float) -> ColumnElement[bool]:
    """Never handed to the broker, or claimed for sending and not confirmed for ``resend_s`` seconds."""
    stale = now - timedelta(seconds=resend_s)
    return or_(Job.enqueued_at.is_(None), and_(Job.sent_at.is_(None), Job.enqueued_at <= stale))


def mark_enqueued(session: Session, job_id: int, resend_s: float) -> bool:
    """Atomically take the right to send a job the broker has not got (only one sender wins): one never
    claimed, or claimed ``resend_s`` seconds ago or more and never confirmed (the sender died before
    ``mark_sent``)."""
    now = datetime.now(UTC)
    res = session.execute(
        update(Job).where(Job.id == job_id, _unsent(now, resend_s)).values(enqueued_at=now, sent_at=None)
    )
    return res.rowcount == 1  # type: ignore[attr-defined]


def mark_sent(session: Session, job_id: int) -> None:
    """The broker took the job: the sweep leaves it alone from now on."""
    session.execute(update(Job).where(Job.id == job_id).values(sent_at=datetime.now(UTC)))


def unmark_enqueued(session: Session, job_id: int) -> None:
    """Sending failed (broker down): leave the job for the next sweep."""
    session.execute(update(Job).where(Job.id == job_id).values(enqueued_at=None, sent_at=None))


def unsent_jobs(session: Session, resend_s: float, limit: int = 500) -> list[int]:
    """Queued jobs the broker never got, oldest first: never sent (it was down), or claimed for sending
    ``resend_s`` seconds ago or more and never confirmed (the server died between claim and send)."""
    now = datetime.now(UTC)
    stmt = select(Job.id).where(Job.status == JobStatus.QUEUED, _unsent(now, resend_s)).order_by(Job.id).limit(limit)
    return list(session.scalars(stmt))
