"""Recognising an upload's type from its bytes and name, and cheap checks before storing it."""

from __future__ import annotations

import string
from pathlib import PurePosixPath
from urllib.parse import quote

from api.errors import ApiError

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BY_EXT: dict[str, tuple[str, str]] = {
    ".pdf": ("pdf", "application/pdf"),
    ".png": ("image", "image/png"),
    ".jpg": ("image", "image/jpeg"),
    ".jpeg": ("image", "image/jpeg"),
    ".tif": ("image", "image/tiff"),
    ".tiff": ("image", "image/tiff"),
    ".bmp": ("image", "image/bmp"),
    ".webp": ("image", "image/webp"),
    ".txt": ("txt", "text/plain; charset=utf-8"),
    ".docx": ("docx", DOCX_TYPE),
}


def _magic(head: bytes) -> tuple[str, str] | None:
    if head.startswith(b"%PDF-"):
        return BY_EXT[".pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return BY_EXT[".png"]
    if head.startswith(b"\xff\xd8\xff"):
        return BY_EXT[".jpg"]
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return BY_EXT[".tif"]
    if head.startswith(b"BM"):
        return BY_EXT[".bmp"]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return BY_EXT[".webp"]
    return None


def detect(filename: str, data: bytes) -> tuple[str, str]:
    """(kind, content type) of an upload; ApiError 415 when unsupported, 422 when the bytes contradict
    a binary type the name claims (a corrupt file), or when a PDF is encrypted, or the file is empty."""
    if not data:
        raise ApiError(422, "empty", "the file is empty")
    ext = PurePosixPath(filename.lower()).suffix
    by_magic = _magic(data[:16])
    if by_magic:
        kind, ctype = by_magic
        if kind == "pdf" and b"/Encrypt" in data[-4096:] + data[:4096]:
            raise ApiError(422, "encrypted", "the PDF is encrypted; upload an unprotected copy")
        return kind, ctype
    if data.startswith(b"PK\x03\x04"):
        if ext == ".docx":
            return BY_EXT[".docx"]
        raise ApiError(415, "unsupported", "unsupported file type: only PDF, images, TXT and DOCX are accepted")
    if ext in BY_EXT and BY_EXT[ext][0] != "txt":
        raise ApiError(422, "corrupt", f"the file is not a valid {ext[1:].upper()} file")
    if ext == ".txt" or (ext == "" and _looks_like_text(data)):
        return BY_EXT[".txt"]
    raise ApiError(415, "unsupported", "unsupported file type: only PDF, images, TXT and DOCX are accepted")


def _looks_like_text(data: bytes) -> bool:
    try:
        data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data[:4096]


_ASCII_OK = set(string.ascii_letters + string.digits + "._- ")


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """RFC 6266 header: an ASCII fallback plus the UTF-8 name, with nothing that could break out."""
    fallback = "".join(c if c in _ASCII_OK else "_" for c in filename).strip() or "document"
    if fallback.strip("_. ") == "":
        fallback = "document" + PurePosixPath(filename).suffix.encode("ascii", "ignore").decode()
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
