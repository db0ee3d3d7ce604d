"""The distributed queue: Celery with Redis as the broker (``NIRDESH_QUEUE=celery``, ``REDIS_URL``).

The API sends only a job id (``nirdesh.start_job``); workers (``nirdesh worker``, on any machine that
reaches the same PostgreSQL and file store) split PDFs and images into one ``nirdesh.page`` task per
page and assemble them in ``nirdesh.finalize`` (jobs.split). Tasks are acknowledged late and prefetched
one at a time, so a task whose worker dies goes back to Redis after the visibility timeout and another
worker runs it; every step is idempotent, so running one twice stores nothing twice.

Celery and redis are imported only when this module is (the embedded queue needs neither).
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from celery import Celery
from sqlalchemy.exc import InterfaceError, OperationalError

from core.settings import Settings
from jobs import split
from jobs.context import JobContext, WorkerContext
from jobs.runner import ExtractionFailed, extract_document_bytes
from store import jobs as job_store

log = logging.getLogger("nirdesh.jobs")

QUEUE = "nirdesh"
TASK_START, TASK_PAGE, TASK_FINALIZE = "nirdesh.start_job", "nirdesh.page", "nirdesh.finalize"

# A database that is briefly away (restart, failover) makes a task wait and try again, for as long as it takes.
_RETRY = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 1,
    "retry_backoff_max": 30,
    "retry_jitter": True,
    "max_retries": None,
}


def make_celery(settings: Settings) -> Celery:
    vt = max(1, settings.visibility_timeout_s)
    app = Celery("nirdesh", broker=settings.redis_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,  # a task is removed from Redis only after it finished…
        task_reject_on_worker_lost=True,  # …and goes back if its worker process died
        worker_prefetch_multiplier=1,  # a busy worker does not sit on tasks another could run
        broker_transport_options={
            "visibility_timeout": vt,  # unacknowledged for this long → redelivered to another worker
            "unacked_restore_interval": max(1, min(60, vt // 5)),
            "unacked_restore_throttle": 1,
        },
        task_default_queue=QUEUE,
        task_ignore_result=True,  # results live in PostgreSQL (jobs, page_results); no result backend
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # a worker waits for Redis to come back
        broker_connection_timeout=3,
        worker_hijack_root_logger=False,
        worker_cancel_long_running_tasks_on_connection_loss=False,
    )
    _register_tasks(app, settings)
    return app


_ctx: tuple[int, WorkerContext] | None = None


def worker_ctx(settings: Settings) -> WorkerContext:
    """One context per worker process (created after the prefork pool forks)."""
    global _ctx
    if _ctx is None or _ctx[0] != os.getpid():
        _ctx = (os.getpid(), WorkerContext.from_settings(settings))
    return _ctx[1]


def _register_tasks(app: Celery, settings: Settings) -> None:
    def send(name: str, *args: Any) -> None:
        app.send_task(name, args=list(args), queue=QUEUE)

    @app.task(name=TASK_START, bind=True, **_RETRY)
    def start_job(self: Any, job_id: int) -> None:
        ctx, me = worker_ctx(settings), self.request.hostname
        try:
            started = split.start_job(ctx, job_id, me, delivery=self.request.id)
            if started is None:
                return
            if started.pages is None:  # TXT, DOCX: read whole
                split.store_extraction(ctx, job_id, extract_document_bytes(ctx, started.document_id, job_id), me)
            elif not started.missing:
                send(TASK_FINALIZE, job_id)
            for number in started.missing:
                send(TASK_PAGE, job_id, number)
        except ExtractionFailed as e:
            split.fail_job(ctx, job_id, e)

    @app.task(name=TASK_PAGE, bind=True, **_RETRY)
    def page(self: Any, job_id: int, number: int) -> None:
        ctx, me = worker_ctx(settings), self.request.hostname
        try:
            if split.process_page(ctx, job_id, number, me):
                send(TASK_FINALIZE, job_id)  # the last page in; a duplicate finalize is a no-op
        except ExtractionFailed as e:
            split.fail_job(ctx, job_id, e)

    @app.task(name=TASK_FINALIZE, bind=True, **_RETRY)
    def finalize(self: Any, job_id: int) -> None:
        ctx, me = worker_ctx(settings), self.request.hostname
        try:
            split.finalize(ctx, job_id, me)
        except ExtractionFailed as e:
            split.fail_job(ctx, job_id, e)


class CeleryJobQueue:
    """The API side: sends job ids to Redis, and re-sends the ones Redis did not take (a periodic sweep)."""

    durable = True  # the broker keeps messages across server restarts; nothing to requeue at startup

    def __init__(self, ctx: JobContext, app: Celery | None = None) -> None:
        self.ctx = ctx
        self.app = app or make_celery(ctx.settings)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def submit(self, job_id: int) -> None:
        """Send the job, or leave it for the sweep when Redis is away (the job row is already committed).

        The send is claimed (``enqueued_at``), made, then confirmed (``sent_at``): a server that dies
        between claim and confirmation leaves a claim the sweep takes over after ``resend_s`` seconds. A
        job sent twice that way is started once: a second start of a live job does nothing
        (``store.jobs.claim_or_resume``)."""
        with self.ctx.db.session() as s:
            if not job_store.mark_enqueued(s, job_id, self.ctx.settings.resend_s):
                return  # another sender has it
        try:
            self.app.send_task(TASK_START, args=[job_id], queue=QUEUE, retry=False)
        except Exception as e:
            log.warning("job %d not sent to the broker (%s); the sweep will send it", job_id, e)
            with self.ctx.db.session() as s:
                job_store.unmark_enqueued(s, job_id)
            return
        with self.ctx.db.session() as s:
            job_store.mark_sent(s, job_id)

    def sweep(self) -> int:
        """Send queued jobs the broker never got (it was down, or the sender died before confirming the
        send). Returns how many were tried."""
        with self.ctx.db.session() as s:
            ids = job_store.unsent_jobs(s, self.ctx.settings.resend_s)
        for job_id in ids:
            self.submit(job_id)
        return len(ids)

    def ping(self) -> None:
        """Raise if the broker cannot be reached (used by /v1/ready)."""
        with self.app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="nirdesh-sweep", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while True:
            try:
                self.sweep()
            except Exception as e:  # the database may be away too; try again next round
                log.warning("job sweep failed: %s", e)
            if self._stop.wait(self.ctx.settings.sweep_s):
                return

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None


def run_worker(
    settings: Settings, *, concurrency: int = 1, name: str | None = None, pool: str = "prefork", loglevel: str = "info"
) -> None:
    """``nirdesh worker``: migrate the schema once, then consume the ``nirdesh`` queue until stopped."""
    WorkerContext.from_settings(settings, migrate=True).db.dispose()
    app = make_celery(settings)
    argv = [
        "worker",
        f"--concurrency={concurrency}",
        f"--pool={pool}",
        f"--loglevel={loglevel}",
        "-Q",
        QUEUE,
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    if name:
        argv += ["-n", name]
    app.worker_main(argv)
