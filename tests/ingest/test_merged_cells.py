"""Cells merged down over several rows (one officer or deadline for three directives), typed and scanned.

The generated minutes (bench/table_docs.py, corpus 103) have their responsible and deadline cells merged
over the first three body rows: fpdf2 draws them with rowspan, the scan is that PDF photocopied.
"""

from __future__ import annotations

from typing import Any

import pytest

from bench.table_docs import TableDoc, load_doc, scan_pdf_bytes, text_pdf_bytes, with_merged_cells
from core.settings import Settings
from extractors.document import extract_document
from ingest import ingest_bytes
from ingest.document import IngestedDocument, Table

SETTINGS = Settings(ocr_workers=2, ocr_timeout_s=120, max_pages=10)


@pytest.fixture(scope="module")
def merged_doc() -> TableDoc:
    return with_merged_cells(load_doc("103_rajasv_karyavritt_ayodhya"))


@pytest.fixture(scope="module")
def read(merged_doc: TableDoc) -> dict[str, tuple[IngestedDocument, dict[str, Any]]]:
    typed = text_pdf_bytes(merged_doc)
    out = {}
    for route, data in (("text", typed), ("scan", scan_pdf_bytes(typed, seed=2))):
        ingested = ingest_bytes(data, f"merged.{route}.pdf", SETTINGS)
        out[route] = (ingested, extract_document(ingested).to_json())
    return out


def _first_table(doc: IngestedDocument) -> tuple[str, Table]:
    page = next(p for p in doc.pages if p.tables)
    return page.text, page.tables[0]


def test_the_generated_table_really_merges_cells(merged_doc: TableDoc) -> None:
    assert merged_doc.merged == [(0, 2, 3), (0, 3, 3)]
    assert len({row[2] for row in merged_doc.rows[:3]}) == 1
    items = merged_doc.gold["items"][:3]
    assert len({str(it["responsible"]) for it in items}) == len({str(it["deadline"]) for it in items}) == 1


@pytest.mark.parametrize("route", ["text", "scan"])
def test_every_covered_row_gets_the_merged_cells_text_box_and_span(
    route: str, read: dict[str, tuple[IngestedDocument, dict[str, Any]]], merged_doc: TableDoc
) -> None:
    text, table = _first_table(read[route][0])
    assert sorted(table.merged) == [(1, 2, 0), (1, 3, 0), (2, 2, 0), (2, 3, 0)]
    officer, deadline = table.rows[0][2], table.rows[0][3]
    assert officer and deadline
    for r in (1, 2):
        assert (table.rows[r][2], table.rows[r][3]) == (officer, deadline)
        for c in (2, 3):
            assert table.row_boxes[r][c] == table.row_boxes[0][c]
            assert table.row_spans[r][c] == table.row_spans[0][c] >= 0
    start = table.row_spans[0][2]
    assert " ".join(text[start:].split())[: len(officer)] == officer  # the span is where the merged text stands
    top, bottom = table.row_boxes[0][2][1], table.row_boxes[0][2][3]
    assert top < table.row_boxes[2][1][1] < bottom  # the merged box reaches down to the third row
    assert table.rows[3][2] != officer or merged_doc.rows[3][2] == merged_doc.rows[0][2]


@pytest.mark.parametrize("route", ["text", "scan"])
def test_items_of_covered_rows_get_the_merged_officer_and_deadline(
    route: str, read: dict[str, tuple[IngestedDocument, dict[str, Any]]]
) -> None:
    items = [it for it in read[route][1]["action_items"] if "box" in it["evidence"]][:3]
    assert len(items) == 3
    officers = [[p["designation"] for p in it["responsible"]] for it in items]
    dates = [(it["deadline"] or {}).get("date") for it in items]
    assert officers[0] and officers[0] == officers[1] == officers[2]
    assert dates[0] and dates[0] == dates[1] == dates[2]
    tops = [it["evidence"]["box"][1] for it in items]
    assert tops == sorted(tops) and len(set(tops)) == 3  # each item's evidence stays on its own row
