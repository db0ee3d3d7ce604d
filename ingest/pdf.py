"""PDF files: per page, the text layer (PDFium), a legacy-font conversion, or OCR.

Characters come from PDFium: pdfplumber/pdfminer decode Devanagari from HarfBuzz-shaped PDFs badly
((cid:N) glyphs, moved matras), while PDFium reads them almost exactly. pdfplumber is used only for
geometry (table cells) and font names.
"""

from __future__ import annotations

import io
import logging
import statistics
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image

from core.settings import Settings
from ingest.blank import is_blank_pdf_page
from ingest.document import IngestedDocument, IngestError, Page, Route, Table
from ingest.garble import GARBLE_THRESHOLD, garble_score
from ingest.legacy import convert_legacy, legacy_font, looks_like_krutidev
from ingest.ocr import OcrResult, ocr_many
from ingest.text import clean_text

log = logging.getLogger(__name__)

#: A page with fewer visible characters in its text layer than this is treated as image-only.
MIN_TEXT_CHARS = 20
#: A line pitch this many times the page's typical pitch starts a new paragraph.
PARAGRAPH_GAP = 1.5


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower() or "security" in str(exc).lower():
            raise IngestError("The PDF is password-protected; upload an unlocked copy.", code="encrypted") from exc
        raise IngestError("The PDF is damaged and cannot be opened.", code="corrupt") from exc


def load_page(pdf: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    """Page ``index``; a page PDFium cannot load (a broken object, a loop in the page tree) is an IngestError."""
    try:
        return pdf[index]
    except pdfium.PdfiumError as exc:
        raise IngestError(f"The PDF is damaged: page {index + 1} cannot be read.", code="corrupt") from exc


def layout_text(textpage: pdfium.PdfTextPage) -> str:
    """Page text in PDFium reading order: lines joined by newlines, a blank line at large vertical gaps."""
    raw = textpage.get_text_range()
    lines = raw.split("\r\n")
    if len(raw) != textpage.count_chars():
        # Char indices would not line up with the string; keep plain line structure.
        return clean_text(raw)
    out: list[str] = []
    bottoms: list[float | None] = []
    pos = 0
    for line in lines:
        first = next((j for j, c in enumerate(line) if not c.isspace()), None)
        bottoms.append(textpage.get_charbox(pos + first)[1] if first is not None else None)
        out.append(line)
        pos += len(line) + 2
    pitches = [a - b for a, b in zip(bottoms, bottoms[1:], strict=False) if a is not None and b is not None and a > b]
    typical = statistics.median(pitches) if pitches else 0.0
    text: list[str] = []
    for i, line in enumerate(out):
        if i and typical and bottoms[i] is not None and bottoms[i - 1] is not None:
            pitch = bottoms[i - 1] - bottoms[i]  # type: ignore[operator]
            if pitch > PARAGRAPH_GAP * typical or pitch < -typical:
                text.append("")
        text.append(line.rstrip())
    return clean_text("\n".join(text))


def _tables(
    plumber_page: Any, textpage: pdfium.PdfTextPage, number: int, convert: Callable[[str], str] | None
) -> list[Table]:
    """Tables found by pdfplumber's ruling lines; each cell's text read by PDFium inside the cell box."""
    height = float(plumber_page.height)
    x_off, y_off = float(plumber_page.bbox[0]), float(plumber_page.bbox[1])
    tables: list[Table] = []
    try:
        found = plumber_page.find_tables()
    except Exception as exc:  # geometry is a bonus; never fail the page over it
        log.warning("table detection failed on page %d: %s", number, exc)
        return tables
    for table in found:
        rows: list[list[str]] = []
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                if cell is None:  # part of a merged cell
                    continue
                x0, top, x1, bottom = cell
                # pdfplumber: origin top-left; PDFium: origin bottom-left.
                text = textpage.get_text_bounded(
                    left=x0 + x_off,
                    bottom=height - bottom + y_off,
                    right=x1 + x_off,
                    top=height - top + y_off,
                )
                text = clean_text(text).replace("\n", " ")
                cells.append(convert(text) if convert else text)
            rows.append(cells)
        rows = [r for r in rows if any(r)]
        if rows:
            tables.append(Table(page=number, header=rows[0], rows=rows[1:]))
    return tables


def _render(page: pdfium.PdfPage, dpi: int) -> Image.Image:
    scale = dpi / 72
    w, h = page.get_size()
    limit = Image.MAX_IMAGE_PIXELS or 0
    if limit and w * h * scale * scale > limit:
        scale = (limit / (w * h)) ** 0.5  # oversized page: render as large as the pixel limit allows
    # PDFium's own greyscale rendering costs ~1.8x its colour rendering plus Pillow's conversion to grey
    # (bench/README: OCR before/after); on grey scans both give the same pixels.
    return page.render(scale=scale).to_pil().convert("L")


def read_pdf(
    data: bytes, source: str, settings: Settings, progress: Callable[[int, int], None] | None = None
) -> IngestedDocument:
    pdf = open_pdf(data)
    try:
        return _read(pdf, data, source, settings, progress)
    finally:
        pdf.close()


def _open_plumber(data: bytes) -> Any:
    try:
        import pdfplumber

        from ingest.pdfminer_guard import install

        install()  # reference cycles read as null instead of hanging pdfminer
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer is stricter than PDFium; go on without geometry
        log.warning("pdfplumber could not open the PDF: %s", exc)
        return None


def _plumber_pages(plumber: Any) -> list[Any]:
    """pdfplumber's pages, or none: pdfminer may find fewer pages than PDFium, or fail on the page tree."""
    if plumber is None:
        return []
    try:
        return list(plumber.pages)
    except Exception as exc:  # geometry is a bonus, as in _open_plumber
        log.warning("pdfplumber could not read the page tree: %s", exc)
        return []


def _close_plumber(plumber: Any) -> None:
    """pdfplumber's close() walks the page tree again, so on a damaged file it raises what pages did."""
    if plumber is None:
        return
    try:
        plumber.close()
    except Exception as exc:
        log.warning("pdfplumber could not close the PDF cleanly: %s", exc)
        stream = getattr(plumber, "stream", None)
        if stream is not None:
            stream.close()


def _read(
    pdf: pdfium.PdfDocument,
    data: bytes,
    source: str,
    settings: Settings,
    progress: Callable[[int, int], None] | None,
) -> IngestedDocument:
    n = len(pdf)
    if n == 0:
        raise IngestError("The PDF has no pages.", code="empty")
    if n > settings.max_pages:
        raise IngestError(f"The PDF has {n} pages; the limit is {settings.max_pages}.", code="too_large")

    plumber = _open_plumber(data)
    plumber_pages = _plumber_pages(plumber)
    pages: dict[int, Page] = {}
    to_ocr: list[int] = []
    blank: list[int] = []
    done = 0
    try:
        for i in range(n):
            page = load_page(pdf, i)
            width, height = page.get_size()
            textpage = page.get_textpage()
            text = layout_text(textpage)
            pl_page = plumber_pages[i] if i < len(plumber_pages) else None
            fonts = _fontnames(pl_page)
            route: Route = "text"
            score: float | None = None
            convert: Callable[[str], str] | None = None
            slug = legacy_font(fonts)
            visible = sum(1 for c in text if not c.isspace())
            if visible < MIN_TEXT_CHARS:
                route = "ocr"
            elif slug or looks_like_krutidev(text):
                route = "legacy"
                font = slug or "krutidev_010"

                def convert(s: str, font: str = font) -> str:
                    return convert_legacy(s, font)

                text = clean_text(convert(text))
                score = garble_score(text)
            else:
                score = garble_score(text)
                if score > GARBLE_THRESHOLD:
                    route = "ocr"
            tables: list[Table] = []
            if pl_page is not None and route != "ocr" and _has_ruling(page):
                tables = _tables(pl_page, textpage, i + 1, convert)
            textpage.close()
            pages[i] = Page(
                number=i + 1,
                text=text if route != "ocr" else "",
                route=route,
                garble_score=score,
                tables=tables,
                width=width,
                height=height,
            )
            if route == "ocr" and is_blank_pdf_page(page):
                blank.append(i + 1)  # nothing drawn on it: no rendering, no OCR
                done += 1
            elif route == "ocr":
                to_ocr.append(i)
            else:
                done += 1
                if progress:
                    progress(done, n)
    finally:
        _close_plumber(plumber)

    def rendered() -> Iterator[tuple[int, Image.Image]]:
        for i in to_ocr:
            yield i, _render(load_page(pdf, i), settings.ocr_dpi)

    def on_done(_key: int, _res: OcrResult) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, n)

    results = ocr_many(rendered(), settings.ocr_lang, settings.ocr_timeout_s, settings.ocr_workers, on_done)
    errors: dict[int, str] = {}
    for i, res in results.items():
        pages[i].text = res.text
        pages[i].ocr_confidence = res.confidence
        if res.error:
            errors[i + 1] = res.error
    ordered = [pages[i] for i in range(n)]
    meta: dict[str, Any] = {
        "bytes": len(data),
        "page_count": n,
        "routes": {p.number: p.route for p in ordered},
        "garble_threshold": GARBLE_THRESHOLD,
    }
    if to_ocr:
        meta["ocr_lang"] = settings.ocr_lang
        meta["ocr_seconds"] = round(sum(r.seconds for r in results.values()), 2)
    if errors:
        meta["ocr_errors"] = errors
    if blank:
        meta["blank_pages"] = blank
    return IngestedDocument(source=source, kind="pdf", pages=ordered, metadata=meta)


def _fontnames(pl_page: Any) -> set[str]:
    """Font names from the page's resources: no layout analysis needed (pl_page.chars costs ~0.1 s a page)."""
    if pl_page is None:
        return set()
    try:
        from pdfminer.pdftypes import resolve1

        fonts = resolve1(pl_page.page_obj.resources.get("Font")) or {}
        return {str(resolve1(resolve1(f).get("BaseFont"))).strip("/'\"") for f in fonts.values()}
    except Exception:
        return set()


def _has_ruling(page: pdfium.PdfPage) -> bool:
    """Does the page draw any paths? Without lines or boxes there is no ruled table to look for.

    Walks PDFium's object list through the raw API (page, then one level of form XObjects): wrapping each
    of a text page's hundreds of objects in a Python object took a fifth of text-PDF ingest time.
    """
    raw = pdfium_raw

    def has_path(count: int, get: Callable[[int], Any], depth: int) -> bool:
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                return True
            if (
                kind == raw.FPDF_PAGEOBJ_FORM
                and depth < 1
                and has_path(raw.FPDFFormObj_CountObjects(obj), partial(raw.FPDFFormObj_GetObject, obj), depth + 1)
            ):
                return True
        return False

    try:
        return has_path(raw.FPDFPage_CountObjects(page), lambda i: raw.FPDFPage_GetObject(page, i), 0)
    except Exception:
        return True
