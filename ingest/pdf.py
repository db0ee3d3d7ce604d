"""PDF files: per page, the text layer (PDFium, poppler or pdfplumber), a legacy-font conversion, or OCR.

Which engine reads a page is chosen by how plausible each reading is (``ingest.reading``, where the
engine/producer note is). One pass over PDFium's page objects gives font names and ruling lines; pdfplumber
is opened only for pages with a ruled grid (table cells from those rulings) or as a last text reading.
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
from ingest import rulings
from ingest.blank import is_blank_pdf_page
from ingest.cells import finish_pages
from ingest.document import Box as CellBox
from ingest.document import IngestedDocument, IngestError, Page, Route, Table
from ingest.garble import GARBLE_THRESHOLD, garble_score
from ingest.legacy import convert_legacy, legacy_font, looks_like_krutidev
from ingest.ocr import OcrResult, ocr_many
from ingest.poppler import PopplerPage, read_pages
from ingest.reading import choose
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


#: Text inside a cell box given in pdfplumber's coordinates (points, origin top-left of the page box).
CellReader = Callable[[float, float, float, float], str]


def _pdfium_cells(textpage: pdfium.PdfTextPage, width: float, height: float) -> CellReader:
    """PDFium's text inside a box given with the origin top-left (PDFium's origin is bottom-left)."""

    def read(x0: float, top: float, x1: float, bottom: float) -> str:
        return str(textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top))

    return read


def _table_finder(page: pdfium.PdfPage, objects: rulings.PageObjects) -> dict[str, Any] | None:
    """pdfplumber table settings for the page, or None when it holds no ruled table (``ingest.rulings``).

    Rulings inside form XObjects are not read from PDFium: such a page, if it draws anything, gets
    pdfplumber's own line finding (the empty settings).
    """
    if objects.forms:
        return {} if _has_ruling(page) else None
    return rulings.table_settings(objects.rulings)


def _tables(
    plumber_page: Any,
    cells: CellReader,
    number: int,
    convert: Callable[[str], str] | None,
    finder: dict[str, Any],
) -> list[Table]:
    """Tables found by pdfplumber from the ruling lines; each cell's text read by the page's engine."""
    tables: list[Table] = []
    try:
        found = plumber_page.find_tables(finder or None)
    except Exception as exc:  # geometry is a bonus; never fail the page over it
        log.warning("table detection failed on page %d: %s", number, exc)
        return tables
    w, h = float(plumber_page.width) or 1.0, float(plumber_page.height) or 1.0
    for table in found:
        rows, boxes, merged = _table_cells(table, cells, convert, w, h)
        if rows:
            body_merged = [(r - 1, c, o - 1) for r, c, o in merged if o >= 1]
            tables.append(
                Table(
                    page=number,
                    header=rows[0],
                    rows=rows[1:],
                    header_boxes=boxes[0],
                    row_boxes=boxes[1:],
                    merged=body_merged,
                )
            )
    return tables


def _table_cells(
    table: Any, cells: CellReader, convert: Callable[[str], str] | None, w: float, h: float
) -> tuple[list[list[str]], list[list[CellBox]], list[tuple[int, int, int]]]:
    """Rows of a pdfplumber table as cell texts and boxes (fractions of the page).

    pdfplumber gives None where no cell starts: under a cell merged down from a row above (that row's cell
    reaches this row's bottom) the row gets the merged cell's text and box, listed in the third value as
    (row, column, row of the merged cell); a cell merged sideways is read once, in its first column.
    """
    rows: list[list[str]] = []
    boxes: list[list[CellBox]] = []
    merged: list[tuple[int, int, int]] = []
    above: dict[int, tuple[str, CellBox, float, int]] = {}  # column -> text, box, bottom, row
    for row in table.rows:
        texts: list[str] = []
        row_boxes: list[CellBox] = []
        copies: list[tuple[int, int]] = []
        starts: dict[int, tuple[str, CellBox, float]] = {}
        for c, cell in enumerate(row.cells):
            if cell is None:
                origin = above.get(c)
                if origin is not None and origin[2] >= float(row.bbox[3]) - 1:
                    copies.append((len(texts), origin[3]))
                    texts.append(origin[0])
                    row_boxes.append(origin[1])
                continue
            text = clean_text(cells(*cell)).replace("\n", " ")
            x0, top, x1, bottom = (float(v) for v in cell)
            texts.append(convert(text) if convert else text)
            row_boxes.append((round(x0 / w, 4), round(top / h, 4), round(x1 / w, 4), round(bottom / h, 4)))
            starts[c] = (texts[-1], row_boxes[-1], bottom)
        if any(texts):
            rows.append(texts)
            boxes.append(row_boxes)
            merged += [(len(rows) - 1, col, origin_row) for col, origin_row in copies]
            above.update({c: (*v, len(rows) - 1) for c, v in starts.items()})
    return rows, boxes, merged


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


class _LazyPlumber:
    """pdfplumber's view of the file, opened only when a page needs it (a table's cells, a last reading).

    pdfminer is stricter than PDFium and may fail to open the file, find fewer pages or fail on the page
    tree; then the pages that wanted it go without (geometry is a bonus).
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._doc: Any = None
        self._pages: list[Any] | None = None

    def page(self, index: int) -> Any:
        if self._pages is None:
            self._pages = []
            try:
                import pdfplumber

                from ingest.pdfminer_guard import install

                install()  # reference cycles read as null instead of hanging pdfminer
                self._doc = pdfplumber.open(io.BytesIO(self.data))
                self._pages = list(self._doc.pages)
            except Exception as exc:
                log.warning("pdfplumber could not read the PDF: %s", exc)
        return self._pages[index] if index < len(self._pages) else None

    def close(self) -> None:
        """pdfplumber's close() walks the page tree again, so on a damaged file it raises what pages did."""
        if self._doc is None:
            return
        try:
            self._doc.close()
        except Exception as exc:
            log.warning("pdfplumber could not close the PDF cleanly: %s", exc)
            stream = getattr(self._doc, "stream", None)
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

    plumber = _LazyPlumber(data)
    poppler = _LazyPoppler(data, n)
    pages: dict[int, Page] = {}
    engines: dict[int, str] = {}
    to_ocr: list[int] = []
    blank: list[int] = []
    done = 0
    try:
        for i in range(n):
            page = load_page(pdf, i)
            width, height = page.get_size()
            textpage = page.get_textpage()
            text = layout_text(textpage)
            objects = rulings.scan(page, height)
            fonts = objects.fonts
            route: Route = "text"
            score: float | None = None
            convert: Callable[[str], str] | None = None
            cell_reader: CellReader = _pdfium_cells(textpage, width, height)
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
                reading = choose(
                    [("pdfium", partial(str, text)), ("poppler", partial(poppler.text, i))],
                    last_resort=("pdfplumber", partial(_plumber_text, plumber.page, i)),
                )
                if reading is None:
                    route = "ocr"
                    score = garble_score(text)  # why the page went to OCR: how broken PDFium's text was
                else:
                    text, engines[i + 1] = reading.text, reading.engine
                    score = garble_score(text)
                    if reading.engine == "poppler":
                        cell_reader = poppler.cells(i)
            tables: list[Table] = []
            finder = _table_finder(page, objects) if route != "ocr" else None
            pl_page = plumber.page(i) if finder is not None else None
            if finder is not None and pl_page is not None:
                tables = _tables(pl_page, cell_reader, i + 1, convert, finder)
            textpage.close()
            pages[i] = Page(
                number=i + 1,
                text=text if route != "ocr" else "",
                route=route,
                garble_score=score,
                tables=tables,
                width=width,
                height=height,
                engine=engines.get(i + 1),
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
        plumber.close()

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
        pages[i].tables = res.tables_on(i + 1)
        if res.error:
            errors[i + 1] = res.error
    ordered = [pages[i] for i in range(n)]
    finish_pages(ordered)
    meta: dict[str, Any] = {
        "bytes": len(data),
        "page_count": n,
        "routes": {p.number: p.route for p in ordered},
        "garble_threshold": GARBLE_THRESHOLD,
        "engines": engines,
    }
    if to_ocr:
        meta["ocr_lang"] = settings.ocr_lang
        meta["ocr_seconds"] = round(sum(r.seconds for r in results.values()), 2)
    if errors:
        meta["ocr_errors"] = errors
    if blank:
        meta["blank_pages"] = blank
    return IngestedDocument(source=source, kind="pdf", pages=ordered, metadata=meta)


class _LazyPoppler:
    """Poppler's reading of the whole file, made on first use (one pdftotext run) and kept."""

    def __init__(self, data: bytes, count: int) -> None:
        self.data = data
        self.count = count
        self._pages: list[PopplerPage] | None = None
        self._tried = False

    def page(self, index: int) -> PopplerPage | None:
        if not self._tried:
            self._tried = True
            pages = read_pages(self.data)
            if pages is not None and len(pages) != self.count:
                log.warning(
                    "pdftotext found %d pages, PDFium %d; poppler's reading is not used", len(pages), self.count
                )
                pages = None
            self._pages = pages
        return self._pages[index] if self._pages is not None else None

    def text(self, index: int) -> str | None:
        page = self.page(index)
        return page.text if page is not None else None

    def cells(self, index: int) -> CellReader:
        page = self.page(index)
        return page.text_in if page is not None else (lambda *_box: "")


def _plumber_text(page_of: Callable[[int], Any], index: int) -> str | None:
    """pdfplumber's characters as text (pdfminer's layout), or None when pdfplumber has no page."""
    pl_page = page_of(index)
    if pl_page is None:
        return None
    try:
        return clean_text(pl_page.extract_text() or "")
    except Exception as exc:  # a third opinion only; never fail the page over it
        log.warning("pdfplumber could not read a page's characters: %s", exc)
        return None


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
        return has_path(raw.FPDFPage_CountObjects(page), partial(raw.FPDFPage_GetObject, page), 0)
    except Exception:
        return True
