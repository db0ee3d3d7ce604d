"""What a job needs: settings, database, file store and the extractor (the API's ServiceContext has them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from core.settings import Settings, get_settings
from store.db import Database
from store.files import FileStorage, make_file_store

# extract(data, filename, meeting_date=...) -> an Extraction dict (core.contract)
ExtractFn = Callable[..., dict[str, Any]]


class JobContext(Protocol):
    settings: Settings
    db: Database
    files: FileStorage
    extract: ExtractFn


def default_extractor(settings: Settings) -> ExtractFn:
    """The real pipeline, imported lazily so a server starts even while it is unavailable."""

    def extract(data: bytes, filename: str, *, meeting_date: date | None = None) -> dict[str, Any]:
        from extractors.pipeline import process_bytes

        return dict(process_bytes(data, filename, meeting_date=meeting_date, settings=settings))

    return extract


@dataclass
class WorkerContext:
    """A worker process's context: built from the environment, no web app involved."""

    settings: Settings
    db: Database
    files: FileStorage
    extract: ExtractFn

    @classmethod
    def from_settings(cls, settings: Settings | None = None, *, migrate: bool = False) -> WorkerContext:
        settings = settings or get_settings()
        return cls(
            settings,
            Database(settings.database_url, run_migrations=migrate),
            make_file_store(settings),
            default_extractor(settings),
        )
