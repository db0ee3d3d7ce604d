"""What every request handler and job needs: settings, database, file store, extractor, job queue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from fastapi import Request

from core.settings import Settings
from jobs.context import ExtractFn
from store.db import Database
from store.files import FileStorage

if TYPE_CHECKING:
    from jobs.queue import JobQueue
    from search.service import SearchService

__all__ = ["CheckFn", "ExtractFn", "ServiceContext", "get_ctx"]

# check(data, filename) raises ingest.IngestError for a file the extractor must not be given (see ingest.precheck)
CheckFn = Callable[[bytes, str], None]


@dataclass
class ServiceContext:
    settings: Settings
    db: Database
    files: FileStorage
    extract: ExtractFn
    auth_required: bool
    today: Callable[[], date] = field(default=date.today)
    queue: JobQueue | None = None
    search: SearchService | None = None  # hybrid search; its embedder loads lazily, once per process
    check: CheckFn | None = None  # structural checks run in the upload request, before storing


def get_ctx(request: Request) -> ServiceContext:
    return request.app.state.ctx
