"""The compliance report: a PDF that renders (not blank), shapes Devanagari and extracts back, and XLSX."""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook
from PIL import ImageChops

from core.settings import Settings
from exporters.report import ReportFontError, render_pdf, render_xlsx, report_data
from store.db import Database
from store.items import update_item
from store.repository import get_document
from tests.helpers.export_seed import TODAY, seed

FONT = Settings().report_font


@pytest.fixture
def data(db: Database):
    ids = seed(db)
    with db.session() as s:
        doc = get_document(s, ids["a"])
        update_item(s, doc.items[1], {"status": "in_progress", "note": "प्रगति संतोषजनक, कार्यवाही जारी"}, "t")
        s.flush()
        return report_data(get_document(s, ids["a"]), TODAY)


def page_image(pdf: bytes):
    page = pdfium.PdfDocument(pdf)[0]
    return page.render(scale=1.5).to_pil().convert("L")


def dark_fraction(img) -> float:
    hist = img.histogram()
    return sum(hist[:128]) / (img.width * img.height)


def extracted_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def test_report_lists_every_directive_with_status_and_notes(data) -> None:
    assert [ln.number for ln in data.lines] == [1, 2, 3]
    first, second, third = data.lines
    assert "खंड विकास अधिकारी" in first.responsible and first.status == "लंबित (अतिदेय)"
    assert first.deadline == "2026-01-10 तक (10-01-2026)"
    assert second.status == "प्रगति पर" and second.notes == "प्रगति संतोषजनक, कार्यवाही जारी"
    assert third.deadline == "—"


def test_pdf_renders_and_extracts_back_in_hindi(data) -> None:
    pdf = render_pdf(data, FONT)
    assert pdf.startswith(b"%PDF-")
    img = page_image(pdf)
    assert 0.003 < dark_fraction(img) < 0.5  # ink on the page, and not a black page
    text = extracted_text(pdf)
    words = " ".join(text.split())
    for expected in (
        "अनुपालन आख्या",
        "निर्देश",
        "कार्यवाही",
        "प्रगति",
        "जिम्मेदार अधिकारी",
        "अधिशासी अभियंता",
        "आवास सर्वे की कार्यवाही पूर्ण करने के निर्देश दिए।",
        "लंबित (अतिदेय)",
        "प्रगति संतोषजनक, कार्यवाही जारी",
    ):
        assert expected in words, expected
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)  # no codes of unmapped glyphs


def test_shaping_changes_the_drawn_glyphs(data) -> None:
    """With shaping off, the reph and i-matra are drawn in logical order: the pages must differ."""
    shaped, plain = page_image(render_pdf(data, FONT)), page_image(render_pdf(data, FONT, shaping=False))
    assert shaped.size == plain.size
    diff = sum(ImageChops.difference(shaped, plain).histogram()[65:])
    assert diff > 500, diff


def test_missing_font_is_a_clear_error(data, tmp_path) -> None:
    with pytest.raises(ReportFontError, match="NIRDESH_REPORT_FONT"):
        render_pdf(data, tmp_path / "none.ttf")


def test_xlsx_report(data) -> None:
    wb = load_workbook(io.BytesIO(render_xlsx(data)))
    ws = wb["अनुपालन आख्या"]
    assert [c.value for c in ws[1]][:3] == ["क्र.", "निर्देश", "जिम्मेदार अधिकारी"]
    assert ws.max_row == 4 and ws.cell(row=3, column=5).value == "प्रगति पर"
    assert wb["बैठक"]["B5"].value.date() == TODAY
