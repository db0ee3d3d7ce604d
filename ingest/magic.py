"""Byte tests that recognise a file type from its first bytes (``ingest.formats`` pairs each with a format)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

#: How far into a file the signatures are looked for (PDF allows its header anywhere in the first KiB).
HEAD = 1024
ZIP = b"PK\x03\x04"
TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

Magic = Callable[[bytes], bool]


def starts_with(*signatures: bytes) -> Magic:
    """A test for files that begin with one of ``signatures``."""

    def test(data: bytes) -> bool:
        return data.startswith(signatures)

    return test


def is_pdf(data: bytes) -> bool:
    # PDF files may carry junk before the header; the spec allows the header within the first 1 KiB.
    return b"%PDF-" in data[:HEAD]


def is_bmp(data: bytes) -> bool:
    # "BM" alone is also how "BMC ..." or "BMW ..." notes begin; a bitmap's header has 4 reserved zero bytes.
    return data[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00"


def is_webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


def is_docx(data: bytes) -> bool:
    """A zip with a Word document part (or, with a broken directory, a local header naming word/ parts)."""
    if not data.startswith(ZIP):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except Exception:  # BadZipFile, OSError, ValueError, NotImplementedError ("zip file version 13.8"), ...
        # A zip whose directory is broken: call it DOCX if the local header names word/ parts,
        # so that the DOCX reader reports it as corrupt rather than unsupported.
        return b"word/" in data[:4096] or b"[Content_Types].xml" in data[:4096]


def looks_like_text(data: bytes) -> bool:
    """A text BOM, or a first KiB with no NUL that decodes as UTF-8 (a cut multi-byte sequence at the end is fine).

    A zip is never text, whether or not it is a Word file.
    """
    head = data[:HEAD]
    if head.startswith(TEXT_BOMS):
        return True
    if head.startswith(ZIP) or b"\x00" in head:
        return False
    # Cut at most 3 trailing bytes in case a multi-byte UTF-8 sequence straddles the boundary.
    for cut in range(4):
        try:
            head[: len(head) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False
