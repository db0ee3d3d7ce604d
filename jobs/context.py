"""What a job needs: settings, database, file store and the extractor (the API's ServiceContext has them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from core.contract import Extraction
from core.sandbox import run_limited, sandbox_enabled
from core.settings import Settings, get_settings
from store.db import Database
from store.files import FileStorage, make_file_store

# extract(data, filename, meeting_date=...) -> an Extraction; a stand-in (the tests' fake) may answer with
# the JSON contract instead, which jobs.runner parses at the one place a result is checked.
ExtractFn = Callable[..., Extraction | Mapping[str, Any]]


class Notifier(Protocol):
    """The search service, as a job sees it: told when new items are stored."""

    def notify(self) -> None: ...


class Requeue(Protocol):
    """The job queue, as a job sees it: where resumed jobs go back to."""

    @property
    def durable(self) -> bool: ...  # the broker keeps and redelivers its own messages

    def submit(self, job_id: int) -> None: ...


class JobContext(Protocol):
    @property
    def settings(self) -> Settings: ...
    @property
    def db(self) -> Database: ...
    @property
    def files(self) -> FileStorage: ...
    @property
    def extract(self) -> ExtractFn: ...
    @property
    def search(self) -> Notifier | None: ...  # None in a worker: the server's embedder polls for new items
    @property
    def queue(self) -> Requeue | None: ...  # None in a worker: the broker, not the worker, holds the jobs


def run_pipeline(
    data: bytes,
    filename: str,
    meeting_date: date | None,
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
) -> Extraction:
    """The real pipeline, imported lazily so a server starts even while it is unavailable."""
    from extractors.pipeline import process_bytes

    return process_bytes(data, filename, meeting_date=meeting_date, settings=settings, progress=progress)


def default_extractor(settings: Settings) -> ExtractFn:
    """The real pipeline in a child process limited to ``job_memory_mb`` and ``job_timeout_s`` (the
    per-document budget; core.sandbox): a file that would stall or exhaust a worker costs only the child,
    which raises SandboxTimeout / SandboxMemory / SandboxCrashed here (jobs.runner reports them)."""

    def extract(
        data: bytes,
        filename: str,
        *,
        meeting_date: date | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Extraction:
        if not sandbox_enabled():
            return run_pipeline(data, filename, meeting_date, settings, progress)
        return run_limited(
            run_pipeline,
            data,
            filename,
            meeting_date,
            settings,
            progress,
            memory_mb=settings.job_memory_mb,
            timeout_s=settings.job_timeout_s,
        )

    return extract


@dataclass
class WorkerContext:
    """A worker process's context: built from the environment, no web app involved."""

    settings: Settings
    db: Database
    files: FileStorage
    extract: ExtractFn
    search: Notifier | None = None
    queue: Requeue | None = None

    @classmethod
    def from_settings(cls, settings: Settings | None = None, *, migrate: bool = False) -> WorkerContext:
        settings = settings or get_settings()
        return cls(
            settings,
            Database(settings.database_url, run_migrations=migrate),
            make_file_store(settings),
            default_extractor(settings),
        )
