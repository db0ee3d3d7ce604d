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
from ingest.document import IngestedDocument, IngestError, Page, Table
from ingest.sniff import sniff
from ingest.tables import carry_headers

#: Kinds whose pages are read (and OCR'd) one by one; TXT and DOCX are read whole.
SPLIT_KINDS = ("pdf", "image")


def page_count(data: bytes) -> int:
    """Pages of a PDF, frames of an image, 1 for anything else. IngestError if the file cannot be opened."""
    kind = sniff(data)
    if kind == "pdf":
        from ingest.pdf import open_pdf

        pdf = open_pdf(data)
        try:
            return len(pdf)
        finally:
            pdf.close()
    if kind == "image":
        from ingest.images import open_image

        return int(getattr(open_image(data), "n_frames", 1))
    return 1


def _single_page_pdf(data: bytes, index: int) -> bytes:
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


def _single_frame_png(data: bytes, index: int) -> bytes:
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

    kind = sniff(data)
    if kind not in SPLIT_KINDS:
        raise IngestError(f"a {kind} file is not read page by page", code="unsupported")
    one = _single_page_pdf(data, number - 1) if kind == "pdf" else _single_frame_png(data, number - 1)
    single = dataclasses.replace(settings, ocr_workers=1, max_upload_bytes=max(settings.max_upload_bytes, len(one)))
    doc = ingest_bytes(one, filename, single)
    page = doc.pages[0]
    page.number = number
    for table in page.tables:
        table.page = number
    return page, doc.metadata


def page_to_dict(page: Page) -> dict[str, Any]:
    return dataclasses.asdict(page)


def _box(b: Any) -> tuple[float, float, float, float]:
    left, top, right, bottom = (float(v) for v in b)
    return (left, top, right, bottom)


def page_from_dict(d: dict[str, Any]) -> Page:
    tables = [
        Table(
            page=int(t["page"]),
            header=list(t["header"]),
            rows=[list(r) for r in t["rows"]],
            cell_spans=[[(int(a), int(b)) for a, b in r] for r in t["cell_spans"]] if t.get("cell_spans") else None,
            cell_boxes=[[_box(b) for b in r] for r in t["cell_boxes"]] if t.get("cell_boxes") else None,
            header_spans=[(int(a), int(b)) for a, b in t["header_spans"]] if t.get("header_spans") else None,
            header_boxes=[_box(b) for b in t["header_boxes"]] if t.get("header_boxes") else None,
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
    )


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
    carry_headers(ordered)
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
