"""File in, extraction out: ingest → nlp → extractors, in that order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from core.contract import Extraction
from core.settings import Settings, get_settings
from extractors import EXTRACTOR_VERSION, extract_document
from ingest import IngestedDocument, ingest_bytes, ingest_path
from ingest.formats import Progress

ProgressFn = Callable[[int, int], None]


def process_document(doc: IngestedDocument, *, meeting_date: date | None = None) -> Extraction:
    return extract_document(doc, meeting_date=meeting_date)


def process_path(
    path: Path,
    *,
    meeting_date: date | None = None,
    settings: Settings | None = None,
    progress: ProgressFn | None = None,
) -> Extraction:
    doc = ingest_path(Path(path), settings=settings or get_settings(), progress=progress)
    return process_document(doc, meeting_date=meeting_date)


def process_bytes(
    data: bytes,
    filename: str,
    *,
    meeting_date: date | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> Extraction:
    """Ingest and extract ``data``; ``progress(done, total)`` is called as pages are read."""
    doc = ingest_bytes(data, filename, settings=settings or get_settings(), progress=progress)
    return process_document(doc, meeting_date=meeting_date)


__all__ = ["EXTRACTOR_VERSION", "process_bytes", "process_document", "process_path"]
