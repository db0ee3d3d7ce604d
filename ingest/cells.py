"""Where each table cell's text stands in its page's text, so evidence can point at a table row.

A cell's text is searched for word by word, any whitespace between the words (a cell wraps over lines,
pdftotext may put columns on separate lines), from where the previous cell was found; failing that,
anywhere on the page; failing that, by its first words; failing that, -1.
"""

from __future__ import annotations

import re

from ingest.document import Page, Table
from ingest.furniture import separate

#: When a cell's whole text is not found (engines order a wrapped cell's words differently), its first
#: words down to this many still place it.
MIN_PREFIX_WORDS = 3


def locate(text: str, cell: str, start: int = 0) -> int:
    """Offset of ``cell``'s words (or its first words) in ``text`` at or after ``start``, else anywhere; or -1."""
    words = cell.split()
    for n in range(len(words), max(1, min(len(words), MIN_PREFIX_WORDS)) - 1, -1):
        rx = re.compile(r"\s+".join(re.escape(w) for w in words[:n]))
        found = rx.search(text, start) or rx.search(text)
        if found:
            return found.start()
    return -1


def _locate_row(text: str, row: list[str], cursor: int, skip: set[int]) -> tuple[list[int], int]:
    offsets: list[int] = []
    for c, cell in enumerate(row):
        if c in skip:  # a merged cell's copy: its place is the merged cell's (filled in by locate_table)
            offsets.append(-1)
            continue
        at = locate(text, cell, cursor)
        offsets.append(at)
        if at >= cursor:
            cursor = at + len(cell.split()[0]) if cell.split() else cursor
    return offsets, cursor


def locate_table(text: str, table: Table) -> None:
    """Fill ``header_spans`` and ``row_spans`` of ``table`` against the page text (in place)."""
    table.header_spans, cursor = _locate_row(text, table.header, 0, set())
    table.row_spans = []
    for r, row in enumerate(table.rows):
        offsets, cursor = _locate_row(text, row, cursor, {c for rr, c, _ in table.merged if rr == r})
        table.row_spans.append(offsets)
    for r, c, origin in table.merged:
        if origin < r < len(table.row_spans) and c < len(table.row_spans[r]) and c < len(table.row_spans[origin]):
            table.row_spans[r][c] = table.row_spans[origin][c]


def locate_cells(page: Page) -> None:
    for table in page.tables:
        locate_table(page.text, table)


def finish_pages(pages: list[Page]) -> None:
    """Furniture out of the page texts, then table cells located in what remains (in place)."""
    separate(pages)
    for page in pages:
        locate_cells(page)
