"""One page at a time: what a distributed worker needs to OCR page N of a stored file on its own.

``read_page`` cuts page N out of the PDF (or frame N out of an image) and runs the ordinary whole-file
reader on that one page, so the per-page path takes exactly the same routes (text layer, legacy font,
OCR) as ``ingest_bytes``. ``assemble`` puts the pages back into one ``IngestedDocument``.
"""

from __future__ import annotations

import dataclasses
import io
from typing import Any

from core.settings import Settings
from ingest.cells import finish_pages
from ingest.document import Box, IngestedDocument, IngestError, Page, Table
from ingest.formats import by_content
from ingest.sniff import sniff
from ingest.tables import carry_headers


def page_count(data: bytes) -> int:
    """Pages of a PDF, frames of an image, 1 for anything else. IngestError if the file cannot be opened."""
    fmt = by_content(data)
    return fmt.paging.count(data) if fmt is not None and fmt.paging is not None else 1


def pdf_page_count(data: bytes) -> int:
    from ingest.pdf import open_pdf

    pdf = open_pdf(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def image_frame_count(data: bytes) -> int:
    from ingest.images import open_image

    return int(getattr(open_image(data), "n_frames", 1))


def single_pdf_page(data: bytes, index: int) -> bytes:
    """Page ``index`` (0-based) of a PDF as a PDF of its own."""
    import pypdfium2 as pdfium

    from ingest.pdf import open_pdf

    src = open_pdf(data)
    dst = pdfium.PdfDocument.new()
    try:
        dst.import_pages(src, [index])
        buf = io.BytesIO()
        dst.save(buf)
        return buf.getvalue()
    finally:
        dst.close()
        src.close()


def single_image_frame(data: bytes, index: int) -> bytes:
    """Frame ``index`` (0-based) of an image as a PNG of its own."""
    from PIL import ImageSequence

    from ingest.images import open_image

    image = open_image(data)
    for i, frame in enumerate(ImageSequence.Iterator(image)):
        if i == index:
            buf = io.BytesIO()
            frame.convert("RGB" if frame.mode not in ("L", "RGB") else frame.mode).save(buf, format="PNG")
            return buf.getvalue()
    raise IngestError(f"the image has no frame {index + 1}", code="corrupt")


def read_page(data: bytes, filename: str, number: int, settings: Settings) -> tuple[Page, dict[str, Any]]:
    """Page ``number`` (1-based) of a PDF or image, read as ``ingest_bytes`` would read it.

    Returns the page and the one-page reader's metadata (``ocr_errors`` etc.).
    """
    from ingest import ingest_bytes

    fmt = by_content(data)
    if fmt is None or fmt.paging is None:
        raise IngestError(f"a {sniff(data)} file is not read page by page", code="unsupported")
    one = fmt.paging.cut(data, number - 1)
    single = dataclasses.replace(settings, ocr_workers=1, max_upload_bytes=max(settings.max_upload_bytes, len(one)))
    doc = ingest_bytes(one, filename, single)
    page = doc.pages[0]
    page.number = number
    for table in page.tables:
        table.page = number
    return page, doc.metadata


def page_to_dict(page: Page) -> dict[str, Any]:
    return dataclasses.asdict(page)


def page_from_dict(d: dict[str, Any]) -> Page:
    tables = [
        Table(
            page=int(t["page"]),
            header=list(t["header"]),
            rows=[list(r) for r in t["rows"]],
            header_boxes=[_box(b) for b in t.get("header_boxes") or []],
            row_boxes=[[_box(b) for b in r] for r in t.get("row_boxes") or []],
            header_spans=[int(x) for x in t.get("header_spans") or []],
            row_spans=[[int(x) for x in r] for r in t.get("row_spans") or []],
            merged=[(int(r), int(c), int(o)) for r, c, o in t.get("merged") or []],
        )
        for t in d.get("tables") or []
    ]
    return Page(
        number=int(d["number"]),
        text=d.get("text") or "",
        route=d["route"],
        ocr_confidence=d.get("ocr_confidence"),
        garble_score=d.get("garble_score"),
        tables=tables,
        width=d.get("width"),
        height=d.get("height"),
        engine=d.get("engine"),
        furniture=[str(x) for x in d.get("furniture") or []],
    )


def _box(b: Any) -> Box:
    x0, top, x1, bottom = (float(v) for v in b)
    return (x0, top, x1, bottom)


def assemble(
    source: str,
    kind: str,
    pages: list[Page],
    size: int,
    errors: dict[int, str] | None = None,
    ocr_seconds: float | None = None,
) -> IngestedDocument:
    """The document made of pages read one by one (in page order), with the whole-file reader's metadata."""
    ordered = sorted(pages, key=lambda p: p.number)
    carry_headers(ordered)  # a table continued on the next page gets its header back
    finish_pages(ordered)  # running headers repeat across pages: only the whole document shows them
    meta: dict[str, Any] = {
        "bytes": size,
        "page_count": len(ordered),
        "detected_type": kind,
        "routes": {p.number: p.route for p in ordered},
        "split_by_page": True,
    }
    if ocr_seconds is not None:
        meta["ocr_seconds"] = round(ocr_seconds, 2)
    if errors:
        meta["ocr_errors"] = dict(sorted(errors.items()))
    return IngestedDocument(source=source, kind=kind, pages=ordered, metadata=meta)
