"""Job rows: the queue's durable state. Runners claim, finish or fail jobs through these functions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.models import Job


def create_job(session: Session, document_id: int, kind: str = "extract") -> Job:
    job = Job(kind=kind, document_id=document_id, status="queued", attempts=0)
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: int) -> Job | None:
    return session.get(Job, job_id)


def latest_job(session: Session, document_id: int) -> Job | None:
    return session.scalar(select(Job).where(Job.document_id == document_id).order_by(Job.id.desc()).limit(1))


def claim(session: Session, job_id: int) -> Job | None:
    """Mark a queued job running (atomically); None if it is not queued any more."""
    now = datetime.now(UTC)
    res = session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "queued")
        .values(status="running", started_at=now, attempts=Job.attempts + 1)
    )
    if res.rowcount != 1:  # type: ignore[attr-defined]
        return None
    session.expire_all()
    return session.get(Job, job_id)


def finish(job: Job, result: dict[str, Any] | None = None) -> None:
    job.status = "done"
    job.result = result
    job.error = job.error_code = None
    job.finished_at = datetime.now(UTC)


def fail(job: Job, code: str, message: str) -> None:
    job.status = "failed"
    job.error_code = code
    job.error = message[:2000]
    job.finished_at = datetime.now(UTC)


def requeue_unfinished(session: Session) -> list[int]:
    """After a restart: jobs left 'running' died with the old process; put them back to 'queued'.

    Returns the ids of all queued jobs, oldest first, for the queue to pick up.
    """
    session.execute(update(Job).where(Job.status == "running").values(status="queued"))
    return list(session.scalars(select(Job.id).where(Job.status == "queued").order_by(Job.id)))
