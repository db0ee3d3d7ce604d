"""Ingest: files (PDF, image, TXT, DOCX) to pages of Unicode text and tables.

Dispatch is by content (magic bytes), never by file extension alone.
"""

from __future__ import annotations

from pathlib import Path

from core.settings import Settings, get_settings
from ingest.cells import locate_cells
from ingest.document import IngestedDocument, IngestError, Page, Table
from ingest.formats import Progress, by_name, suffix_of
from ingest.precheck import checked_format, precheck
from ingest.sniff import sniff
from ingest.text import strip_controls

__all__ = ["IngestedDocument", "IngestError", "Page", "Table", "ingest_bytes", "ingest_path", "precheck", "sniff"]


def ingest_bytes(
    data: bytes, filename: str, settings: Settings | None = None, progress: Progress | None = None
) -> IngestedDocument:
    """Read a document given as bytes; ``filename`` is only a label (and a hint in error messages)."""
    settings = settings or get_settings()
    fmt = checked_format(data, filename, settings)  # size, type, and structure limits before any reader runs
    doc = fmt.read(data, filename, settings, progress)
    _drop_controls(doc)
    doc.metadata.setdefault("detected_type", fmt.kind)
    suffix, claimed = suffix_of(filename), by_name(filename)
    if suffix and (claimed is None or claimed.kind != fmt.kind):
        doc.metadata["extension_mismatch"] = f"{suffix} file is really {fmt.kind}"
    return doc


def ingest_path(path: Path, settings: Settings | None = None, progress: Progress | None = None) -> IngestedDocument:
    """Read a document from disk (see :func:`ingest_bytes`)."""
    path = Path(path)
    settings = settings or get_settings()
    try:
        size = path.stat().st_size
        if size > settings.max_upload_bytes:
            raise IngestError(
                f"The file is larger than {settings.max_upload_bytes // (1024 * 1024)} MB.", code="too_large"
            )
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise IngestError(f"{path.name} is a folder, not a file.", code="unreadable") from exc
    except OSError as exc:
        raise IngestError(f"Cannot read {path.name}: {exc.strerror or exc}.", code="unreadable") from exc
    return ingest_bytes(data, path.name, settings, progress)


def _drop_controls(doc: IngestedDocument) -> None:
    """No control characters leave the ingest layer (text layers of damaged PDFs carry NUL and friends)."""
    for page in doc.pages:
        text = strip_controls(page.text)
        moved = text != page.text
        page.text = text
        for table in page.tables:
            table.header = [strip_controls(c) for c in table.header]
            table.rows = [[strip_controls(c) for c in row] for row in table.rows]
        if moved:
            locate_cells(page)  # the cells' offsets index the text before the clean-up
