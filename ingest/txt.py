"""Plain-text files: UTF-8 (with or without BOM) and UTF-16 with BOM."""

from __future__ import annotations

import codecs

from ingest.document import IngestedDocument, IngestError, Page
from ingest.text import clean_text


def decode_text(data: bytes) -> str:
    """Decode by BOM, else strict UTF-8; anything else is an IngestError (no silent mojibake)."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[3:].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            "The text file is not valid UTF-8 or UTF-16 (with BOM); save it as UTF-8 and try again.",
            code="unreadable",
        ) from exc


def read_txt(data: bytes, source: str) -> IngestedDocument:
    text = clean_text(decode_text(data))
    if not text:
        raise IngestError("The text file is empty.", code="empty")
    pages = [Page(number=1, text=text, route="txt")]
    return IngestedDocument(source=source, kind="txt", pages=pages, metadata={"bytes": len(data)})
