"""Page progress of a running job, written to its row as the reader goes ("page x of y" in the UI).

The extraction runs in a sandbox child (core.sandbox), so the reporter travels there by pickle: it holds
only the database URL and the job id, and opens its own engine in whichever process calls it. Writes are
spaced out (``min_interval`` seconds; the last page is always written) and never fail the extraction.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from store import jobs as job_store
from store.db import make_engine

log = logging.getLogger("nirdesh.jobs")
_engines: dict[str, Engine] = {}


def _engine(url: str) -> Engine:
    engine = _engines.get(url)
    if engine is None:
        engine = _engines[url] = make_engine(url)
    return engine


def can_report(url: str) -> bool:
    """An in-memory SQLite database is private to its process: a child could not write to it."""
    return not (url.startswith("sqlite") and (":memory:" in url or url.rstrip("/").endswith(":")))


@dataclass
class JobProgress:
    database_url: str
    job_id: int
    min_interval: float = 0.5
    _last: float = field(default=0.0, repr=False)

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < self.min_interval:
            return
        self._last = now
        try:
            with Session(_engine(self.database_url)) as s, s.begin():
                job_store.set_progress(s, self.job_id, done, total)
        except Exception:  # noqa: BLE001 - progress is a courtesy; the extraction goes on without it
            log.warning("could not record progress of job %s", self.job_id, exc_info=True)

    def __getstate__(self) -> dict[str, Any]:
        return {"database_url": self.database_url, "job_id": self.job_id, "min_interval": self.min_interval}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]


def takes_progress(fn: Callable[..., Any]) -> bool:
    """Whether an extract function accepts ``progress=`` (the real one does; test stand-ins may not)."""
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
