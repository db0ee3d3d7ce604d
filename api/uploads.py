"""Recognising an upload's type from its bytes and name, and cheap checks before storing it."""

from __future__ import annotations

import string
from pathlib import PurePosixPath
from urllib.parse import quote

from api.context import CheckFn
from api.errors import INGEST_STATUS, ApiError
from core.states import ErrorCode
from ingest.document import IngestError
from ingest.formats import suffix_of
from ingest.precheck import format_of

_UNSUPPORTED = "unsupported file type: only PDF, images, TXT and DOCX are accepted"


def detect(filename: str, data: bytes) -> tuple[str, str]:
    """(kind, content type) of an upload, from its bytes checked against its name (``ingest.precheck.format_of``).

    ApiError 422 when the file is empty, encrypted, or its bytes contradict the binary type its name
    claims (a corrupt file); 415 when the type is not one Nirdesh reads, or text not named .txt.
    """
    try:
        fmt = format_of(data, filename)
    except IngestError as e:
        raise ApiError(INGEST_STATUS.get(e.code, 422), e.code, e.reason) from e
    ext = suffix_of(filename)
    if not fmt.binary and ext and ext not in fmt.suffixes:
        raise ApiError(415, ErrorCode.UNSUPPORTED, _UNSUPPORTED)
    if fmt.kind == "pdf" and b"/Encrypt" in data[-4096:] + data[:4096]:
        raise ApiError(422, ErrorCode.ENCRYPTED, "the PDF is encrypted; upload an unprotected copy")
    return fmt.kind, fmt.content_type


def check_structure(check: CheckFn, filename: str, data: bytes) -> None:
    """The extractor's cheap structural checks (``ingest.precheck``), in the request: a hostile file (zip
    bomb, gigapixel image, too many pages, a broken page tree) gets its 413/415/422 now and is never
    stored or queued."""
    try:
        check(data, filename)
    except IngestError as e:
        raise ApiError(INGEST_STATUS.get(e.code, 422), e.code, e.reason) from e


_ASCII_OK = set(string.ascii_letters + string.digits + "._- ")


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """RFC 6266 header: an ASCII fallback plus the UTF-8 name, with nothing that could break out."""
    fallback = "".join(c if c in _ASCII_OK else "_" for c in filename).strip() or "document"
    if fallback.strip("_. ") == "":
        fallback = "document" + PurePosixPath(filename).suffix.encode("ascii", "ignore").decode()
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
