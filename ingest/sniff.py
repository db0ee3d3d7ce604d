"""Identify a file's type from its first bytes, never from its name (the signatures live in ``ingest.formats``)."""

from __future__ import annotations

from typing import Literal

from ingest import formats
from ingest.formats import by_content

Kind = formats.Kind | Literal["empty", "unknown"]


def sniff(data: bytes) -> Kind:
    """Return the document kind of ``data`` by magic bytes (and zip contents for DOCX)."""
    if not data:
        return "empty"
    fmt = by_content(data)
    return fmt.kind if fmt is not None else "unknown"
