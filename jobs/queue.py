"""The ``JobQueue`` interface and its default: worker threads inside the server process."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger("nirdesh.jobs")


class JobQueue(Protocol):
    durable: bool  # True: the broker keeps and redelivers its own messages (nothing to requeue at startup)

    def submit(self, job_id: int) -> None: ...
    def start(self) -> None: ...
    def stop(self, timeout: float = 10.0) -> None: ...


class EmbeddedJobQueue:
    """Worker threads inside the server process. Durable state lives in the jobs table."""

    durable = False  # queued ids are lost with the process; startup requeues unfinished jobs

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


def make_queue(ctx: Any) -> JobQueue:
    """The queue the settings choose (``NIRDESH_QUEUE``): embedded threads, or Celery on Redis."""
    kind = ctx.settings.queue
    if kind == "celery":
        from jobs.celery_queue import CeleryJobQueue  # celery/redis stay optional imports

        return CeleryJobQueue(ctx)
    if kind != "embedded":
        raise ValueError(f"NIRDESH_QUEUE must be 'embedded' or 'celery', not {kind!r}")
    from jobs.runner import run_job

    return EmbeddedJobQueue(lambda job_id: run_job(ctx, job_id), workers=ctx.settings.job_workers)
