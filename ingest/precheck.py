"""Cheap structural checks on a file before any reader works on it.

Each check reads only headers and directories (a PDF's page tree, an image's header, a zip's central
directory), so it takes milliseconds and little memory even on hostile input. It runs first in
``ingest_bytes`` and, in the API, inside the upload request, so a zip bomb, a gigapixel image, a PDF of
thousands of pages or with a broken page tree, an encrypted PDF, a file whose name lies about its type
or an empty file get a clear error at once instead of a failed job (or an exhausted server) later.
"""

from __future__ import annotations

import io
import zipfile

from core.sandbox import SandboxError, run_limited, sandbox_enabled
from core.settings import Settings
from ingest.document import IngestError
from ingest.formats import Format, Kind, by_content, by_name, suffix_of
from ingest.pdfscan import scan_pdf
from ingest.zipscan import check_real_sizes

#: A DOCX may inflate to at most this many bytes in all (python-docx holds every part in memory).
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
#: One XML part of a DOCX may inflate to at most this (lxml needs several times the text in memory).
MAX_DOCX_XML = 32 * 1024 * 1024
#: A member that inflates more than this ratio, and to more than BOMB_MIN_SIZE, is a zip bomb. Word's
#: XML compresses about 5-15:1; a ratio of 100 is already text that is almost all repetition.
BOMB_RATIO = 100
BOMB_MIN_SIZE = 4 * 1024 * 1024

_UNSUPPORTED = "Unsupported file type: upload a PDF, an image (PNG/JPEG/TIFF), a .docx or a UTF-8 text file."


def format_of(data: bytes, filename: str) -> Format:
    """The file's format by content, checked against the binary type its name claims: IngestError for an
    empty file, a name that lies (a ``.pdf`` that is text: corrupt) and bytes of no supported type."""
    if not data:
        raise IngestError("The file is empty.", code="empty")
    fmt = by_content(data)
    claimed = by_name(filename)
    if claimed is not None and claimed.binary and (fmt is None or not fmt.binary):
        suffix = suffix_of(filename)
        raise IngestError(f"The file is named {suffix} but is not a valid {suffix[1:].upper()} file.", code="corrupt")
    if fmt is None:
        raise IngestError(_UNSUPPORTED, code="unsupported")
    return fmt


def checked_format(data: bytes, filename: str, settings: Settings) -> Format:
    """The file's format after its size and structure checks, or IngestError with the code the API maps
    to 413/415/422."""
    if len(data) > settings.max_upload_bytes:
        raise IngestError(f"The file is larger than {settings.max_upload_bytes // (1024 * 1024)} MB.", code="too_large")
    fmt = format_of(data, filename)
    fmt.check(data, settings)
    return fmt


def precheck(data: bytes, filename: str, settings: Settings) -> Kind:
    """The file's kind (by content) after :func:`checked_format`."""
    return checked_format(data, filename, settings).kind


def check_pdf(data: bytes, settings: Settings) -> None:
    """Caps the object count and the inflated stream sizes (``ingest.pdfscan``, raw bytes), then opens
    (encryption), counts pages (limit) and loads each page (a page tree with a loop fails here) in a
    memory-limited child process (``core.sandbox``): a page that parses into gigabytes costs the child."""
    scan_pdf(data)
    if not sandbox_enabled():
        load_pdf_pages(data, settings.max_pages)
        return
    try:
        run_limited(
            load_pdf_pages,
            data,
            settings.max_pages,
            memory_mb=settings.reader_memory_mb,
            timeout_s=settings.precheck_timeout_s,
        )
    except SandboxError as exc:
        raise IngestError(f"The PDF cannot be read within the limits: it {exc}.", code="too_large") from exc


def load_pdf_pages(data: bytes, max_pages: int) -> int:
    """Open the PDF and load every page once; the page count, or IngestError."""
    from ingest.pdf import load_page, open_pdf

    pdf = open_pdf(data)
    try:
        n = len(pdf)
        if n == 0:
            raise IngestError("The PDF has no pages.", code="empty")
        if n > max_pages:
            raise IngestError(f"The PDF has {n} pages; the limit is {max_pages}.", code="too_large")
        for i in range(n):
            load_page(pdf, i).close()
        return n
    finally:
        pdf.close()


def check_image(data: bytes, settings: Settings) -> None:
    """Reads headers only: the pixel limit (decompression bombs) for every frame, and the frame count."""
    from PIL import ImageSequence

    from ingest.images import check_frame_size, decoding, frame_count, open_image

    image = open_image(data)
    try:
        n_frames = frame_count(image)
        if n_frames > settings.max_pages:
            raise IngestError(f"The image has {n_frames} frames; the limit is {settings.max_pages}.", code="too_large")
        with decoding():
            for frame in ImageSequence.Iterator(image):
                check_frame_size(frame)
    finally:
        image.close()


def check_docx(data: bytes) -> None:
    """The zip directory: a Word document part, and sizes that cannot exhaust memory when inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
    except Exception as exc:  # zipfile: BadZipFile, OSError, EOFError, NotImplementedError (odd versions), ...
        raise IngestError("The Word file is damaged and cannot be opened.", code="corrupt") from exc
    if not any(m.filename == "word/document.xml" for m in members):
        raise IngestError("The Word file is damaged: it has no document part.", code="corrupt")
    too_big = IngestError(
        "The Word file expands to too much data to process (a zip bomb?); save it again and retry.", code="too_large"
    )
    if sum(m.file_size for m in members) > MAX_DOCX_UNCOMPRESSED:
        raise too_big
    for m in members:
        if m.filename.endswith((".xml", ".rels")) and m.file_size > MAX_DOCX_XML:
            raise too_big
        if m.file_size > BOMB_MIN_SIZE and m.file_size > BOMB_RATIO * max(m.compress_size, 1):
            raise too_big
    check_real_sizes(data, members)  # the sizes above are what the headers declare: inflate and count
