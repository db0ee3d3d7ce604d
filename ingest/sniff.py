"""Identify a file's type from its first bytes, never from its name."""

from __future__ import annotations

import io
import zipfile
from typing import Literal

Kind = Literal["pdf", "image", "docx", "txt", "empty", "unknown"]

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF little-endian
    b"MM\x00*",  # TIFF big-endian
    b"GIF87a",
    b"GIF89a",
    b"BM",
)


def sniff(data: bytes) -> Kind:
    """Return the document kind of ``data`` by magic bytes (and zip contents for DOCX)."""
    if not data:
        return "empty"
    head = data[:1024]
    # PDF files may carry junk before the header; the spec allows the header within the first 1 KiB.
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else "unknown"
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return "txt"
    if _looks_like_text(head):
        return "txt"
    return "unknown"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except Exception:  # BadZipFile, OSError, ValueError, NotImplementedError ("zip file version 13.8"), ...
        # A zip whose directory is broken: call it DOCX if the local header names word/ parts,
        # so that the DOCX reader reports it as corrupt rather than unsupported.
        return b"word/" in data[:4096] or b"[Content_Types].xml" in data[:4096]


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    # Cut at most 3 trailing bytes in case a multi-byte UTF-8 sequence straddles the boundary.
    for cut in range(4):
        try:
            head[: len(head) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False
