"""Page images for people: one page of a stored PDF or image file as a PNG, for the review screen.

Rendering is separate from text extraction: it runs on demand, at a width the viewer asks for,
and never touches the stored text.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image, ImageSequence

from ingest.document import IngestError
from ingest.formats import by_content
from ingest.images import open_image

MAX_WIDTH = 2400


def _png(image: Image.Image, width: int) -> bytes:
    if image.width > width:
        image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False, compress_level=3)
    return buf.getvalue()


def pdf_page_png(data: bytes, number: int, width: int) -> bytes:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise IngestError("The PDF cannot be opened.", code="corrupt") from exc
    try:
        if not 1 <= number <= len(pdf):
            raise IngestError(f"The document has {len(pdf)} pages; there is no page {number}.", code="no_page")
        page = pdf[number - 1]
        scale = width / max(page.get_width(), 1.0)
        bitmap = page.render(scale=scale, grayscale=False)
        return _png(bitmap.to_pil(), width)
    finally:
        pdf.close()


def image_frame_png(data: bytes, number: int, width: int) -> bytes:
    image = open_image(data)
    for index, frame in enumerate(ImageSequence.Iterator(image), start=1):
        if index == number:
            return _png(frame.copy(), width)
    raise IngestError(f"The image has no page {number}.", code="no_page")


def render_page_png(data: bytes, number: int, width: int = 1000) -> bytes:
    """PNG of page ``number`` (1-based) of a PDF or image file, ``width`` pixels wide at most.

    Raises IngestError with code ``no_image`` for kinds that have no page image (TXT, DOCX),
    ``no_page`` for a page outside the document, ``corrupt`` for an unreadable file.
    """
    width = max(100, min(int(width), MAX_WIDTH))
    fmt = by_content(data)
    if fmt is not None and fmt.render is not None:
        return fmt.render(data, number, width)
    raise IngestError("This kind of document has no page images; its text is shown instead.", code="no_image")
