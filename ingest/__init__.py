"""Ingest: files (PDF, image, TXT, DOCX) to pages of Unicode text and tables.

Dispatch is by content (magic bytes), never by file extension alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.settings import Settings, get_settings
from ingest.document import IngestedDocument, IngestError, Page, Table
from ingest.precheck import precheck
from ingest.sniff import sniff
from ingest.tables import carry_headers
from ingest.text import strip_controls

__all__ = ["IngestedDocument", "IngestError", "Page", "Table", "ingest_bytes", "ingest_path", "precheck", "sniff"]

Progress = Callable[[int, int], None]


def ingest_bytes(
    data: bytes, filename: str, settings: Settings | None = None, progress: Progress | None = None
) -> IngestedDocument:
    """Read a document given as bytes; ``filename`` is only a label (and a hint in error messages)."""
    settings = settings or get_settings()
    kind = precheck(data, filename, settings)  # size, type, and structure limits before any reader runs
    if kind == "pdf":
        from ingest.pdf import read_pdf

        doc = read_pdf(data, filename, settings, progress)
    elif kind == "image":
        from ingest.images import read_image

        doc = read_image(data, filename, settings, progress)
    elif kind == "docx":
        from ingest.docx import read_docx

        doc = read_docx(data, filename)
    elif kind == "txt":
        from ingest.txt import read_txt

        doc = read_txt(data, filename)
    else:  # precheck() raised for every other kind
        raise AssertionError(kind)
    _drop_controls(doc)
    carry_headers(doc.pages)
    suffix = Path(filename).suffix.lower().lstrip(".")
    doc.metadata.setdefault("detected_type", kind)
    if suffix and not _suffix_matches(suffix, kind):
        doc.metadata["extension_mismatch"] = f".{suffix} file is really {kind}"
    if progress and kind in ("docx", "txt"):
        progress(len(doc.pages), len(doc.pages))
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
        page.text = strip_controls(page.text)
        for table in page.tables:
            table.header = [strip_controls(c) for c in table.header]
            table.rows = [[strip_controls(c) for c in row] for row in table.rows]


_SUFFIXES = {
    "pdf": {"pdf"},
    "image": {"png", "jpg", "jpeg", "tif", "tiff", "gif", "bmp", "webp"},
    "docx": {"docx"},
    "txt": {"txt", "text", "md", "csv"},
}


def _suffix_matches(suffix: str, kind: str) -> bool:
    return suffix in _SUFFIXES.get(kind, set())
