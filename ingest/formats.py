"""The one table of input formats: what Nirdesh reads, how it recognises each, and how it reads it.

Every other place that needs a format fact asks here: sniffing (``ingest.sniff``), the checks before any
reader runs (``ingest.precheck``), reading (``ingest.ingest_bytes``), cutting a file into per-page jobs
(``ingest.pages``, ``jobs.split``), the upload's type check and in-request extraction (``api``) and the CLI's
folder batch (``nirdesh.cli``). A new format is one record in ``FORMATS`` plus tests.

A record's ``kind`` is the family stored with a document (``pdf``, ``image``, ``docx``, ``txt``): the
records of one family share reader, checks, paging, page images and where they are extracted, and differ
in signature, names and content type.
Readers and checks are imported when first used, so that asking the table (as the CLI does) stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Literal

from ingest.magic import Magic, is_bmp, is_docx, is_pdf, is_webp, looks_like_text, starts_with

if TYPE_CHECKING:
    from core.settings import Settings
    from ingest.document import IngestedDocument

Kind = Literal["pdf", "image", "docx", "txt"]
Progress = Callable[[int, int], None]
Reader = Callable[[bytes, str, "Settings", "Progress | None"], "IngestedDocument"]
Check = Callable[[bytes, "Settings"], None]
Render = Callable[[bytes, int, int], bytes]


@dataclass(frozen=True)
class Paging:
    """How a file is cut into pages that are read (and OCR'd) one by one, each by a job of its own."""

    count: Callable[[bytes], int]  # pages (or frames) in the file
    cut: Callable[[bytes, int], bytes]  # page ``index`` (0-based) as a one-page file of the same family


@dataclass(frozen=True)
class Format:
    name: str
    kind: Kind
    magic: Magic  # True when the bytes are of this format (looked for in the first KiB, a zip's directory)
    suffixes: tuple[str, ...]  # file names it is collected and uploaded under, lower case with the dot
    content_type: str  # served back with the stored original
    read: Reader  # the whole-file reader
    check: Check  # cheap structural checks before any reader runs (headers and directories only)
    paging: Paging | None = None  # read page by page (one job per page) when set; else read whole
    in_request: bool = False  # a small file (``sync_max_bytes``) is extracted within the upload request
    binary: bool = True  # a name claiming it, on text or unknown bytes, is a corrupt file, not a text file
    render: Render | None = None  # page ``number`` (1-based) as a PNG ``width`` wide, for the review screen

    @property
    def page_wise(self) -> bool:
        return self.paging is not None


# --- readers, checks and page cutters, imported on first use ------------------------------------------


def _read_pdf(data: bytes, name: str, settings: Settings, progress: Progress | None) -> IngestedDocument:
    from ingest.pdf import read_pdf

    return read_pdf(data, name, settings, progress)


def _read_image(data: bytes, name: str, settings: Settings, progress: Progress | None) -> IngestedDocument:
    from ingest.images import read_image

    return read_image(data, name, settings, progress)


def _read_docx(data: bytes, name: str, settings: Settings, progress: Progress | None) -> IngestedDocument:
    from ingest.docx import read_docx

    return _done(read_docx(data, name), progress)


def _read_txt(data: bytes, name: str, settings: Settings, progress: Progress | None) -> IngestedDocument:
    from ingest.txt import read_txt

    return _done(read_txt(data, name), progress)


def _done(doc: IngestedDocument, progress: Progress | None) -> IngestedDocument:
    """Whole-file readers report their progress once, at the end."""
    if progress:
        progress(len(doc.pages), len(doc.pages))
    return doc


def _check_pdf(data: bytes, settings: Settings) -> None:
    from ingest.precheck import check_pdf

    check_pdf(data, settings)


def _check_image(data: bytes, settings: Settings) -> None:
    from ingest.precheck import check_image

    check_image(data, settings)


def _check_docx(data: bytes, settings: Settings) -> None:
    from ingest.precheck import check_docx

    check_docx(data)


def _check_txt(data: bytes, settings: Settings) -> None:
    from ingest.txt import decode_text

    decode_text(data)


def _pdf_pages(data: bytes) -> int:
    from ingest.pages import pdf_page_count

    return pdf_page_count(data)


def _pdf_page(data: bytes, index: int) -> bytes:
    from ingest.pages import single_pdf_page

    return single_pdf_page(data, index)


def _image_frames(data: bytes) -> int:
    from ingest.pages import image_frame_count

    return image_frame_count(data)


def _image_frame(data: bytes, index: int) -> bytes:
    from ingest.pages import single_image_frame

    return single_image_frame(data, index)


def _render_pdf(data: bytes, number: int, width: int) -> bytes:
    from ingest.render import pdf_page_png

    return pdf_page_png(data, number, width)


def _render_frame(data: bytes, number: int, width: int) -> bytes:
    from ingest.render import image_frame_png

    return image_frame_png(data, number, width)


def _is_text(data: bytes) -> bool:
    """Text is what no binary format claims and decodes (tried last, so a binary signature always wins)."""
    return looks_like_text(data) and not any(f.magic(data) for f in FORMATS if f.binary)


def _image(name: str, magic: Magic, suffixes: tuple[str, ...], content_type: str) -> Format:
    """An image format: one OCR page per frame, each frame a job of its own."""
    return Format(
        name, "image", magic, suffixes, content_type, _read_image, _check_image, _IMAGE_PAGES, render=_render_frame
    )


_IMAGE_PAGES = Paging(count=_image_frames, cut=_image_frame)
_PDF_PAGES = Paging(count=_pdf_pages, cut=_pdf_page)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: In the order content is recognised: the first record whose ``magic`` accepts the bytes is their format.
FORMATS: tuple[Format, ...] = (
    Format("pdf", "pdf", is_pdf, (".pdf",), "application/pdf", _read_pdf, _check_pdf, _PDF_PAGES, render=_render_pdf),
    _image("png", starts_with(b"\x89PNG\r\n\x1a\n"), (".png",), "image/png"),
    _image("jpeg", starts_with(b"\xff\xd8\xff"), (".jpg", ".jpeg"), "image/jpeg"),
    _image("tiff", starts_with(b"II*\x00", b"MM\x00*"), (".tif", ".tiff"), "image/tiff"),
    _image("gif", starts_with(b"GIF87a", b"GIF89a"), (".gif",), "image/gif"),
    _image("bmp", is_bmp, (".bmp",), "image/bmp"),
    _image("webp", is_webp, (".webp",), "image/webp"),
    Format("docx", "docx", is_docx, (".docx",), DOCX_TYPE, _read_docx, _check_docx, in_request=True),
    Format(
        "txt",
        "txt",
        _is_text,
        (".txt",),
        "text/plain; charset=utf-8",
        _read_txt,
        _check_txt,
        in_request=True,
        binary=False,
    ),
)

_BY_SUFFIX: dict[str, Format] = {suffix: f for f in FORMATS for suffix in f.suffixes}
_BY_KIND: dict[str, Format] = {}
for _f in FORMATS:
    _BY_KIND.setdefault(_f.kind, _f)


def by_content(data: bytes) -> Format | None:
    """The format of ``data`` by its bytes alone; None when empty or of no format Nirdesh reads."""
    if not data:
        return None
    return next((f for f in FORMATS if f.magic(data)), None)


def suffix_of(filename: str) -> str:
    """The last extension of ``filename``, lower case with its dot ("" when it has none)."""
    return PurePosixPath(filename.lower()).suffix


def by_name(filename: str) -> Format | None:
    """The format a file's name claims (by its last extension, any case); None for names of no format."""
    return _BY_SUFFIX.get(suffix_of(filename))


def of_kind(kind: str) -> Format | None:
    """The first record of a family: its reader, checks and paging are the family's."""
    return _BY_KIND.get(kind)


def suffixes() -> frozenset[str]:
    """Every name extension Nirdesh reads: the CLI's folder batch collects these, the upload accepts them."""
    return frozenset(_BY_SUFFIX)


def reads_page_wise(kind: str) -> bool:
    """Files of this family are cut into pages, each read (and OCR'd) by a job of its own."""
    fmt = of_kind(kind)
    return fmt is not None and fmt.page_wise


def has_page_images(kind: str) -> bool:
    """Pages of this family can be drawn as images for the review screen (TXT and DOCX have text only)."""
    fmt = of_kind(kind)
    return fmt is not None and fmt.render is not None


def extracts_in_request(kind: str) -> bool:
    """Small files of this family are extracted within the upload request (else a job is queued)."""
    fmt = of_kind(kind)
    return fmt is not None and fmt.in_request
