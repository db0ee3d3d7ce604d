"""Tables that run on from one page to the next without repeating their header row.

A page whose first table starts straight with a numbered row (``8 | …``), right after a page whose
last table has as many columns, continues that table: the earlier header is put over it and its
first row becomes a body row again (with its span and box, where the reader gave them).
"""

from __future__ import annotations

import re

from ingest.document import Page, Table

_SERIAL = re.compile(r"[0-9०-९]{1,3}[.)]?")


def _continues(table: Table, previous: Table) -> bool:
    first = (table.header[0] if table.header else "").strip()
    return len(table.header) == len(previous.header) and bool(_SERIAL.fullmatch(first))


def carry_headers(pages: list[Page]) -> None:
    """Give each continued table its header back (in place; pages in page order)."""
    previous: Table | None = None
    for page in pages:
        if page.tables and previous is not None and _continues(page.tables[0], previous):
            table = page.tables[0]
            table.rows.insert(0, table.header)
            if table.row_spans:
                table.row_spans.insert(0, table.header_spans or [-1] * len(table.header))
            if table.row_boxes:
                table.row_boxes = [table.header_boxes, *table.row_boxes] if table.header_boxes else []
            table.merged = [(r + 1, c, o + 1) for r, c, o in table.merged]
            table.header = list(previous.header)
            table.header_spans, table.header_boxes = [], []
        if page.tables:
            previous = page.tables[-1]
        elif page.text.strip():
            previous = None  # prose between: a new table would not continue the old one
