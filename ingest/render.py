"""Page images for people: one page of a stored PDF or image file as a PNG, for the review screen.

Rendering is separate from text extraction: it runs on demand, at a width the viewer asks for,
and never touches the stored text.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image, ImageSequence

from core.sandbox import SandboxError, run_limited, sandbox_enabled
from core.settings import Settings
from ingest.document import IngestError
from ingest.formats import by_content
from ingest.images import open_image

MAX_WIDTH = 2400
#: Pixel caps applied to the scale before PDFium draws anything: a 100 x 14400 pt strip asked at 2400 px
#: wide would be 2400 x 345,600 px; it is drawn smaller instead, within both caps.
MAX_PIXELS = 40_000_000
MAX_SIDE = 10_000
#: A page longer than this many times its width (or the other way round) has nothing a reviewer could
#: read at any width: a 1-pt sliver of a page is refused with 422, not drawn.
MAX_ASPECT = 200
MIN_SIDE_PT = 2.0


def capped_scale(width_pt: float, height_pt: float, width_px: int) -> float:
    """The PDF scale (pixels per point) for ``width_px`` wide, reduced until the bitmap fits the caps;
    IngestError ``degenerate_page`` for a page too thin or too long to draw."""
    short, long = sorted((width_pt, height_pt))
    if short < MIN_SIDE_PT or long / short > MAX_ASPECT:
        raise IngestError(
            f"The page is {width_pt:g} x {height_pt:g} points: too thin or too long to show as an image.",
            code="degenerate_page",
        )
    scale = width_px / width_pt
    scale = min(scale, MAX_SIDE / long, (MAX_PIXELS / (width_pt * height_pt)) ** 0.5)
    return scale


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
        scale = capped_scale(page.get_width(), page.get_height(), width)
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


def render_page_png(data: bytes, number: int, width: int = 1000, settings: Settings | None = None) -> bytes:
    """PNG of page ``number`` (1-based) of a PDF or image file, ``width`` pixels wide at most.

    With ``settings`` the drawing runs in a child process limited to ``reader_memory_mb`` and
    ``render_timeout_s`` (``core.sandbox``): a page whose content parses into gigabytes costs the child.
    Raises IngestError with code ``no_image`` for kinds that have no page image (TXT, DOCX),
    ``no_page`` for a page outside the document, ``corrupt`` for an unreadable file, ``degenerate_page``
    for a page too thin to draw, ``too_complex`` for one that exceeds the child's limits.
    """
    if settings is not None and sandbox_enabled():
        try:
            return run_limited(
                render_page_png,
                data,
                number,
                width,
                memory_mb=settings.reader_memory_mb,
                timeout_s=settings.render_timeout_s,
            )
        except SandboxError as exc:
            raise IngestError(f"The page cannot be drawn within the limits: it {exc}.", code="too_complex") from exc
    width = max(100, min(int(width), MAX_WIDTH))
    fmt = by_content(data)
    if fmt is not None and fmt.render is not None:
        return fmt.render(data, number, width)
    raise IngestError("This kind of document has no page images; its text is shown instead.", code="no_image")
