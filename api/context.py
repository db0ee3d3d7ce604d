"""What every request handler and job needs: settings, database, file store, extractor, job queue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from fastapi import Request

from nirdesh.settings import Settings
from store.db import Database
from store.files import FileStore

if TYPE_CHECKING:
    from api.jobs import JobQueue
    from nirdesh.search import SearchService

# extract(data, filename, meeting_date=...) -> an Extraction dict (nirdesh.schema)
ExtractFn = Callable[..., dict[str, Any]]


@dataclass
class ServiceContext:
    settings: Settings
    db: Database
    files: FileStore
    extract: ExtractFn
    auth_required: bool
    today: Callable[[], date] = field(default=date.today)
    queue: JobQueue | None = None
    search: SearchService | None = None  # hybrid search; its embedder loads lazily, once per process


def get_ctx(request: Request) -> ServiceContext:
    return request.app.state.ctx
