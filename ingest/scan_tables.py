"""Ruled tables on scanned pages: the grid found by OpenCV line detection, each cell read by Tesseract.

A page image is deskewed by the angle of its long horizontal rulings, then horizontal and vertical
rulings are picked out by morphological opening with long thin kernels (a Devanagari word's headline
is far shorter than a table rule, a letter's stroke far shorter than a column rule). A table is a
connected set of rulings with at least two row bands and two column bands; a cell is the space
between neighbouring rulings, merged sideways where a row has no vertical rule between two columns,
and merged down where no horizontal rule runs between a body cell and the one above it (a
``उत्तरदायी अधिकारी`` or ``समय-सीमा`` cell shared by several rows): the merged cell is read once and
every row it covers gets its text and its box.

All cells of a table are read by ONE Tesseract call: each cell's ink, cut out without its rulings, is
pasted onto a tall canvas with wide gaps, and every recognised word goes back to the cell it lies in.
One call per table costs about what the page costs; one call per cell (50 on a page) cost 10x that.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image

#: Grey level at or below which a pixel is ink (ingest.ocr binarises at the same level).
INK_LEVEL = 160
#: A horizontal rule is at least this fraction of the page width; a Devanagari headline never is.
H_RULE_FRACTION = 1 / 6
#: A vertical rule is at least this fraction of the page height; a letter's stroke never is.
V_RULE_FRACTION = 1 / 50
#: Pages at least this wide (A4 at 240 dpi and more) are halved before their skew is measured.
SKEW_HALVE_WIDTH = 2000
#: Skews smaller than this (degrees) are left alone.
MIN_SKEW = 0.05
#: Pixels either side of a ruling's measured width that are erased with it (blur, residual skew).
RULE_MARGIN = 3
#: Blank pixels between two cells pasted on the canvas that Tesseract reads.
CANVAS_GAP = 60

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels of the deskewed page


@dataclass
class Grid:
    """One ruled table: its outer box and its cells, row by row (cells of a row left to right)."""

    box: Box
    cells: list[list[Box]]
    #: Cells merged down: (row, column, row where the merged cell starts), rows counted from the header.
    merged: list[tuple[int, int, int]] = field(default_factory=list)


@dataclass
class CellTable:
    """A table read from a scan: cell texts and cell boxes, row by row; row 0 is the header."""

    box: Box
    texts: list[list[str]]
    boxes: list[list[Box]]


@lru_cache(maxsize=1)
def _cv2() -> Any:
    """OpenCV, on one thread: pages are already read in parallel, one per OCR worker."""
    import cv2

    cv2.setNumThreads(1)
    return cv2


def _ink(gray: np.ndarray) -> np.ndarray:
    cv2 = _cv2()

    return cv2.threshold(gray, INK_LEVEL, 255, cv2.THRESH_BINARY_INV)[1]


def _horizontal(ink: np.ndarray, thicken: int = 1) -> np.ndarray:
    """Mask of the horizontal rulings (``thicken``: first dilate vertically, for rules that are not level)."""
    cv2 = _cv2()

    source = cv2.dilate(ink, np.ones((thicken, 1), np.uint8)) if thicken > 1 else ink
    length = max(int(ink.shape[1] * H_RULE_FRACTION), 40)
    return cv2.morphologyEx(source, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))


def _vertical(ink: np.ndarray) -> np.ndarray:
    cv2 = _cv2()

    length = max(int(ink.shape[0] * V_RULE_FRACTION), 30)
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))


def survey(gray: np.ndarray) -> tuple[float, int]:
    """Degrees the page's long horizontal rules fall to the right (0.0 when it has none), and how many it has."""
    cv2 = _cv2()

    # A large page at half size: the angle is as clear, and the morphology costs a quarter.
    small = gray
    if gray.shape[1] >= SKEW_HALVE_WIDTH:
        small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
    # Thickened first so that a rule tilted by up to ~1 degree survives the long opening.
    horizontal = _horizontal(_ink(small), thicken=5)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal, connectivity=8)
    angles: list[float] = []
    w = small.shape[1]
    for i in range(1, n):
        x, y, cw, ch, _area = (int(v) for v in stats[i])
        if cw < 0.3 * w:
            continue
        ys, xs = np.nonzero(labels[y : y + ch, x : x + cw] == i)
        step = max(1, len(xs) // 4000)
        slope = float(np.polyfit(xs[::step].astype(float), ys[::step].astype(float), 1)[0])
        angles.append(math.degrees(math.atan(slope)))
    return (float(np.median(angles)) if angles else 0.0), n - 1


def level(image: Image.Image) -> tuple[Image.Image, float, int]:
    """The greyscale page turned so its rules lie level, the angle it was turned by, and its long rules."""
    cv2 = _cv2()

    gray = image.convert("L")
    pixels = np.asarray(gray)
    angle, rules = survey(pixels)
    if abs(angle) < MIN_SKEW:
        return gray, 0.0, rules
    h, w = pixels.shape
    # Counter-clockwise by ``angle`` about the centre, as PIL's rotate(angle); OpenCV's is ~5x faster.
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    levelled = cv2.warpAffine(pixels, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return Image.fromarray(levelled), angle, rules


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    """The greyscale page turned so its rules lie level, and the angle it was turned by."""
    levelled, angle, _ = level(image)
    return levelled, angle


def _runs(profile: np.ndarray, minimum: float) -> list[tuple[int, int]]:
    """First and last index of each run where ``profile`` reaches ``minimum``."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, v in enumerate([*profile.tolist(), 0]):
        if v >= minimum and start is None:
            start = i
        elif v < minimum and start is not None:
            out.append((start, i - 1))
            start = None
    return out


def _row_cells(vertical: np.ndarray, cols: list[int], top: int, bottom: int) -> list[Box]:
    """Cells of one row band: a column rule counts only where it runs through this band."""
    inner = vertical[top + 3 : max(bottom - 3, top + 4)]
    height = max(inner.shape[0], 1)
    kept = [cols[0]]
    for x in cols[1:-1]:
        strip = inner[:, max(x - 3, 0) : x + 4].max(axis=1) if inner.size else np.zeros(0)
        if strip.size and (strip > 0).sum() >= 0.6 * height:
            kept.append(x)
    kept.append(cols[-1])
    return [(a, top, b, bottom) for a, b in zip(kept, kept[1:], strict=False)]


def _rule_above(horizontal: np.ndarray, ink: np.ndarray, box: Box, kernel: int) -> bool:
    """Whether a horizontal ruling runs along the top of ``box`` (over half its inner width).

    The long-kernel mask drops a rule segment shorter than its kernel (the rule over a narrow cell when
    its neighbour's is missing); for a cell that narrow the raw ink decides, where only a rule runs
    nearly all the way across.
    """
    left, top, right, bottom = box
    band = slice(max(top - 4, 0), top + 5)
    inner = slice(left + 6, max(right - 6, left + 7))
    if (horizontal[band, inner].max(axis=0) > 0).mean() >= 0.5:
        return True
    return right - left < kernel + 12 and bool(((ink[band, inner] > 0).mean(axis=1) >= 0.85).any())


def _merge_down(cells: list[list[Box]], horizontal: np.ndarray, ink: np.ndarray) -> list[tuple[int, int, int]]:
    """Join body cells with no rule between them and the cell above (same column edges); boxes become the
    merged cell's in place. Returns (row, column, starting row) of each covered cell."""
    kernel = max(int(ink.shape[1] * H_RULE_FRACTION), 40)
    merged: list[tuple[int, int, int]] = []
    start: dict[tuple[int, int], int] = {}
    for r in range(2, len(cells)):
        above = {(a, b): c for c, (a, _, b, _) in enumerate(cells[r - 1])}
        for c, box in enumerate(cells[r]):
            c_above = next((k for (a, b), k in above.items() if abs(a - box[0]) <= 6 and abs(b - box[2]) <= 6), None)
            if c_above != c or _rule_above(horizontal, ink, box, kernel):
                continue
            origin = start.get((r - 1, c), r - 1)
            start[(r, c)] = origin
            merged.append((r, c, origin))
    for r, c, origin in merged:
        union = (cells[origin][c][0], cells[origin][c][1], cells[r][c][2], cells[r][c][3])
        for k in range(origin, r + 1):
            cells[k][c] = union
    return merged


def find_grids(gray: np.ndarray) -> tuple[list[Grid], np.ndarray]:
    """Ruled tables on a level page, and a mask of their rulings (to erase them before reading cells).

    The mask is drawn from the grid lines found, not taken from the morphological masks: on a small
    image a letter's stroke may pass the vertical opening, and erasing it would damage the letter.
    """
    cv2 = _cv2()

    ink = _ink(gray)
    horizontal, vertical = _horizontal(ink, thicken=3), _vertical(ink)
    h, w = gray.shape
    joined = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    grids: list[Grid] = []
    rules = np.zeros_like(gray)
    for contour in contours:
        x, y, cw, ch = cv2.boundingRect(contour)
        if cw < 0.25 * w or ch < 0.02 * h:
            continue
        row_runs = _runs((horizontal[y : y + ch, x : x + cw] > 0).sum(axis=1), 0.5 * cw)
        col_runs = _runs((vertical[y : y + ch, x : x + cw] > 0).sum(axis=0), 0.3 * ch)
        if len(row_runs) < 3 or len(col_runs) < 3:
            continue  # a frame or a single rule, not a table
        for a, b in row_runs:
            rules[max(y + a - RULE_MARGIN, 0) : y + b + RULE_MARGIN + 1, x : x + cw] = 255
        for a, b in col_runs:
            rules[y : y + ch, max(x + a - RULE_MARGIN, 0) : x + b + RULE_MARGIN + 1] = 255
        rows = [y + (a + b) // 2 for a, b in row_runs]
        cols = [x + (a + b) // 2 for a, b in col_runs]
        cells = [_row_cells(vertical, cols, top, bottom) for top, bottom in zip(rows, rows[1:], strict=False)]
        merged = _merge_down(cells, horizontal, ink)
        for r, c, _ in merged:  # no rule between merged rows: nothing to erase there
            left, _, right, _ = cells[r][c]
            top = rows[r]
            rules[
                max(top - RULE_MARGIN - 2, 0) : top + RULE_MARGIN + 3, left + RULE_MARGIN + 2 : right - RULE_MARGIN - 1
            ] = 0
        grids.append(Grid((cols[0], rows[0], cols[-1], rows[-1]), cells, merged))
    grids.sort(key=lambda g: g.box[1])
    return grids, rules


def _cell_ink(gray: np.ndarray, rules: np.ndarray, box: Box) -> np.ndarray | None:
    """The cell's content (rulings erased), cropped to its ink; None for an empty cell."""
    left, top, right, bottom = box
    crop = gray[top:bottom, left:right].copy()
    crop[rules[top:bottom, left:right] > 0] = 255
    ys, xs = np.nonzero(crop <= INK_LEVEL)
    if len(xs) < 12:  # a few specks
        return None
    return crop[max(ys.min() - 4, 0) : ys.max() + 5, max(xs.min() - 4, 0) : xs.max() + 5]


Reader = Callable[[Image.Image], dict[str, list]]


def read_cells(gray: np.ndarray, rules: np.ndarray, grid: Grid, read: Reader) -> list[list[str]]:
    """Text of every cell of ``grid`` from one OCR call (``read``: image → pytesseract image_to_data dict)."""
    pieces: list[tuple[int, int, np.ndarray]] = []  # (row, col, pixels)
    covered = {(r, c) for r, c, _ in grid.merged}
    for r, row in enumerate(grid.cells):
        for c, box in enumerate(row):
            if (r, c) in covered:
                continue  # read once, as the merged cell that starts higher up
            pixels = _cell_ink(gray, rules, box)
            if pixels is not None:
                pieces.append((r, c, pixels))
    texts = [["" for _ in row] for row in grid.cells]
    if not pieces:
        return texts
    width = max(p.shape[1] for _, _, p in pieces) + 2 * CANVAS_GAP
    height = sum(p.shape[0] + CANVAS_GAP for _, _, p in pieces) + CANVAS_GAP
    canvas = np.full((height, width), 255, np.uint8)
    spans: list[tuple[int, int, int, int]] = []  # (y0, y1, row, col)
    y = CANVAS_GAP
    for r, c, p in pieces:
        canvas[y : y + p.shape[0], CANVAS_GAP : CANVAS_GAP + p.shape[1]] = p
        spans.append((y, y + p.shape[0], r, c))
        y += p.shape[0] + CANVAS_GAP
    data = read(Image.fromarray(canvas))
    words: dict[tuple[int, int], list[str]] = {}
    for i, word in enumerate(data.get("text", [])):
        word = (word or "").strip()
        if not word:
            continue
        mid = int(data["top"][i]) + int(data["height"][i]) // 2
        for y0, y1, r, c in spans:
            if y0 - CANVAS_GAP // 2 <= mid < y1 + CANVAS_GAP // 2:
                words.setdefault((r, c), []).append(word)
                break
    for (r, c), ws in words.items():
        texts[r][c] = " ".join(ws)
    for r, c, origin in grid.merged:
        texts[r][c] = texts[origin][c]
    return texts


def read_tables(gray: np.ndarray, read: Reader) -> list[CellTable]:
    """Every ruled table on a level page, cells read."""
    grids, rules = find_grids(gray)
    return [CellTable(g.box, read_cells(gray, rules, g, read), g.cells) for g in grids]


def blank_out(gray: np.ndarray, boxes: list[Box], margin: int = 4) -> np.ndarray:
    """The page with ``boxes`` painted white (the prose reader must not read table cells as lines)."""
    out = gray.copy()
    for left, top, right, bottom in boxes:
        out[max(top - margin, 0) : bottom + margin, max(left - margin, 0) : right + margin] = 255
    return out
