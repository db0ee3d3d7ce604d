"""Ruling lines (and font names) of a PDF page from PDFium's objects: the cheap test for "may hold a ruled table".

pdfplumber's ``find_tables`` with its default settings has pdfminer parse the whole page's content
stream to find lines; on a page of browser-printed text that is most of the page's read time. PDFium
has already parsed the page, so its path objects give the rulings: each path's box (page coordinates),
a thin box as one line, a larger box as its four edges, a path of many segments by its straight
segments. A page with too few horizontal and vertical rulings to make a row of cells (a letterhead's
rule, an underline) holds no ruled table and pdfplumber is not asked; otherwise pdfplumber is given
these rulings as explicit lines and never parses the page itself.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as raw

from ingest.document import Box

#: A path box thinner than this (points) is one ruling line.
THIN = 2.5
#: Shorter rulings are decoration (bullets, glyph-like marks).
MIN_LENGTH = 8.0
#: Segments of one path considered at most (a path of thousands of segments is a drawing, not a table).
MAX_SEGMENTS = 2000
#: Fonts are read from the first FONT_SAMPLE text objects, then from every FONT_STRIDE-th.
FONT_SAMPLE = 64
FONT_STRIDE = 16
#: The fewest horizontal and vertical rulings that make cells: a header row and one body row.
MIN_HORIZONTAL = 3
MIN_VERTICAL = 2


def _bounds(obj: Any) -> tuple[float, float, float, float] | None:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    ok = raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return (left.value, bottom.value, right.value, top.value) if ok else None


def _segments(obj: Any) -> list[tuple[float, float, float, float]]:
    """Straight segments of a path in page coordinates (origin bottom-left)."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return []
    count = raw.FPDFPath_CountSegments(obj)
    if count <= 0 or count > MAX_SEGMENTS:
        return []
    out: list[tuple[float, float, float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    prev: tuple[float, float] | None = None
    start: tuple[float, float] | None = None
    for i in range(count):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        if not raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        point = (
            matrix.a * x.value + matrix.c * y.value + matrix.e,
            matrix.b * x.value + matrix.d * y.value + matrix.f,
        )
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            out.append((*prev, *point))
        if raw.FPDFPathSegment_GetClose(seg) and start is not None and point != start:
            out.append((*point, *start))
        prev = point
    return out


@dataclass
class PageObjects:
    """What one pass over a page's objects tells: rulings, form XObjects, font names."""

    rulings: list[Box] = field(default_factory=list)  # thin boxes, x0, top, x1, bottom; origin top-left
    forms: bool = False  # form XObjects may hold rulings this module does not look into
    fonts: set[str] = field(default_factory=set)  # base font names of the text objects


def _font_name(font: Any, buf: Any) -> str:
    size = raw.FPDFFont_GetBaseFontName(font, buf, len(buf))
    return bytes(buf[: max(0, size - 1)]).decode("utf-8", "replace") if size else ""


def scan(page: Any, page_height: float) -> PageObjects:
    """One walk over the page's top-level objects (raw PDFium calls, no Python object per page object)."""
    found = PageObjects()
    seen_fonts: set[int] = set()
    name_buf = ctypes.create_string_buffer(256)
    texts = 0

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        x0, x1 = min(x0, x1), max(x0, x1)
        y0, y1 = min(y0, y1), max(y0, y1)
        if (x1 - x0 <= THIN and y1 - y0 >= MIN_LENGTH) or (y1 - y0 <= THIN and x1 - x0 >= MIN_LENGTH):
            found.rulings.append((x0, page_height - y1, x1, page_height - y0))

    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            texts += 1
            if texts > FONT_SAMPLE and texts % FONT_STRIDE:
                continue  # a browser writes a text object per cluster: sample the fonts of the rest
            font = raw.FPDFTextObj_GetFont(obj)
            key = ctypes.cast(font, ctypes.c_void_p).value or 0
            if key and key not in seen_fonts:
                seen_fonts.add(key)
                found.fonts.add(_font_name(font, name_buf))
            continue
        if kind == raw.FPDF_PAGEOBJ_FORM:
            found.forms = True
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        box = _bounds(obj)
        if box is None:
            continue
        left, bottom, right, top = box
        if right - left <= THIN or top - bottom <= THIN:
            add(left, bottom, right, top)
        elif raw.FPDFPath_CountSegments(obj) <= 5:  # a rectangle: its four edges
            add(left, bottom, right, bottom)
            add(left, top, right, top)
            add(left, bottom, left, top)
            add(right, bottom, right, top)
        else:
            for x0, y0, x1, y1 in _segments(obj):
                if abs(x1 - x0) <= THIN or abs(y1 - y0) <= THIN:
                    add(x0, y0, x1, y1)
    found.fonts.discard("")
    return found


def table_settings(boxes: list[Box]) -> dict[str, Any] | None:
    """pdfplumber settings that use exactly these rulings; None when they cannot make a table."""
    horizontal = [b for b in boxes if b[2] - b[0] > b[3] - b[1]]
    vertical = [b for b in boxes if b[2] - b[0] <= b[3] - b[1]]
    if len(horizontal) < MIN_HORIZONTAL or len(vertical) < MIN_VERTICAL:
        return None

    def edge(b: Box, orientation: str) -> dict[str, Any]:
        x0, top, x1, bottom = b
        if orientation == "h":
            top = bottom = (top + bottom) / 2
        else:
            x0 = x1 = (x0 + x1) / 2
        return {
            "object_type": "ruling_edge",
            "orientation": orientation,
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "width": x1 - x0,
            "height": bottom - top,
        }

    return {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": [edge(b, "v") for b in vertical],
        "explicit_horizontal_lines": [edge(b, "h") for b in horizontal],
    }
