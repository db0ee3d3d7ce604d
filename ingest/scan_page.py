"""One scanned page read as prose plus ruled tables.

The page is levelled, its ruled tables found and their cells read (ingest.scan_tables); the prose is
read from the page with the tables painted out. The page text is the prose above the first table, the
first table as ``cell | cell | …`` lines, the prose between the tables, and so on, so that every
cell has a span in the page text: the tables handed on (``Page.tables``, as the text-PDF reader hands
on its tables) carry each body cell's span and its box on the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from ingest.columns import column_order
from ingest.document import Box as CellBox
from ingest.document import Table
from ingest.ocr import _text_from_data, fix_ocr_dandas
from ingest.scan_tables import Box, blank_out, find_grids, level, read_cells
from ingest.text import clean_text

#: Tesseract's "single uniform block of text" mode: each pasted cell is one or a few plain lines.
CELL_PSM = 6
#: What a cell's own edge may carry from a ruling OCR'd as a character.
_EDGE_JUNK = " |[]{}_!"
_PIPES = re.compile(r"\s*\|\s*")

Read = Callable[[Image.Image, int | None], dict[str, list]]


@dataclass
class ScannedPage:
    text: str
    confidence: float | None
    tables: list[Table] = field(default_factory=list)


def cell_text(raw: str) -> str:
    """One line of clean text for a cell: a pipe that ends Devanagari is a danda, any other pipe a space."""
    text = fix_ocr_dandas(clean_text(raw).replace("\n", " "))
    return " ".join(_PIPES.sub(" ", text).strip(_EDGE_JUNK).split())


def _subset(data: dict[str, list], keep: list[int]) -> dict[str, list]:
    return {k: [v[i] for i in keep] for k, v in data.items() if isinstance(v, list)}


def _confidences(data: dict[str, list]) -> list[float]:
    return [float(c) for c, w in zip(data["conf"], data["text"], strict=False) if (w or "").strip() and float(c) >= 0]


def _table_lines(
    texts: list[list[str]], offset: int, merged: list[tuple[int, int, int]]
) -> tuple[str, list[list[tuple[int, int]]]]:
    """The table as ``a | b | c`` lines starting at ``offset`` of the page text, and each cell's span.

    A merged cell's text stands once, in its first row; the rows below show ``-`` there, and their span
    is the merged cell's.
    """
    origin = {(r, c): o for r, c, o in merged}
    lines: list[str] = []
    spans: list[list[tuple[int, int]]] = []
    pos = offset
    for r, row in enumerate(texts):
        line = ""
        row_spans: list[tuple[int, int]] = []
        for c, cell in enumerate(row):
            if c:
                line += " | "
            if (r, c) in origin:
                row_spans.append(spans[origin[(r, c)]][c])
                line += "-"
                continue
            shown = cell or "-"
            start = pos + len(line)
            row_spans.append((start, start + len(cell)))
            line += shown
        lines.append(line)
        spans.append(row_spans)
        pos += len(line) + 1
    return "\n".join(lines), spans


def _fraction(box: Box, width: int, height: int) -> CellBox:
    left, top, right, bottom = box
    return (round(left / width, 4), round(top / height, 4), round(right / width, 4), round(bottom / height, 4))


def read_scanned_page(image: Image.Image, read: Read) -> ScannedPage:
    """The page's text and tables; ``read`` runs Tesseract (image, psm) and returns image_to_data's dict."""
    levelled, _angle, long_rules = level(image)
    gray = np.asarray(levelled)
    # A table needs at least three horizontal rules; most scanned pages have none, and skip the grid search.
    grids, rules = find_grids(gray) if long_rules >= 3 else ([], None)
    if not grids or rules is None:
        text, confidence = _text_from_data(column_order(read(levelled, None)))
        return ScannedPage(text, confidence)

    confidences: list[float] = []

    def recorded(img: Image.Image, psm: int | None) -> dict[str, list]:
        data = read(img, psm)
        confidences.extend(_confidences(data))
        return data

    prose = column_order(recorded(Image.fromarray(blank_out(gray, [g.box for g in grids])), None))
    cells = [
        [[cell_text(t) for t in row] for row in read_cells(gray, rules, g, lambda im: recorded(im, CELL_PSM))]
        for g in grids
    ]

    # A prose word goes after every table whose top lies above its middle.
    segments: list[list[int]] = [[] for _ in range(len(grids) + 1)]
    for i, word in enumerate(prose["text"]):
        if (word or "").strip():
            mid = int(prose["top"][i]) + int(prose["height"][i]) // 2
            segments[sum(1 for g in grids if g.box[1] <= mid)].append(i)

    height, width = gray.shape
    text = ""
    tables: list[Table] = []
    for k, segment in enumerate(segments):
        part, _ = _text_from_data(_subset(prose, segment)) if segment else ("", None)
        if part:
            text += ("\n\n" if text else "") + part
        if k == len(grids):
            break
        texts = cells[k]
        if not any(any(row) for row in texts):
            continue
        text += "\n\n" if text else ""
        lines, spans = _table_lines(texts, len(text), grids[k].merged)
        text += lines
        boxes = [[_fraction(b, width, height) for b in row] for row in grids[k].cells]
        tables.append(
            Table(
                page=0,
                header=texts[0],
                rows=texts[1:],
                row_spans=[[start for start, _ in row] for row in spans[1:]],
                row_boxes=boxes[1:],
                header_spans=[start for start, _ in spans[0]],
                header_boxes=boxes[0],
                merged=[(r - 1, c, o - 1) for r, c, o in grids[k].merged],
            )
        )
    confidence = sum(confidences) / len(confidences) if confidences else None
    return ScannedPage(text, confidence, tables)
