"""The ingest speed-ups found by the benchmarks give the same results as the code they replaced.

OCR preprocessing (majority filter for the 3x3 median), the path check that decides whether to look for
ruled tables (raw PDFium calls, including paths inside form XObjects), and the memoised garble check.
"""

from __future__ import annotations

import random

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageFilter

from ingest.garble import garble_score, word_is_invalid
from ingest.ocr import BINARY_THRESHOLD, prepare
from ingest.pdf import _has_ruling
from tests.helpers.hostile import numbered_pdf


def _median_then_threshold(image: Image.Image) -> Image.Image:
    grey = image.convert("L").filter(ImageFilter.MedianFilter(3))
    return grey.point(lambda v: 255 if v > BINARY_THRESHOLD else 0)


def test_prepare_equals_median_filter_then_threshold():
    rng = random.Random(4)
    levels = [0, 60, BINARY_THRESHOLD - 1, BINARY_THRESHOLD, BINARY_THRESHOLD + 1, 220, 255]
    for _ in range(30):
        w, h = rng.randint(1, 40), rng.randint(1, 40)
        image = Image.frombytes("L", (w, h), bytes(rng.choice(levels) for _ in range(w * h)))
        fast = prepare(image)
        assert fast.mode == "1" and fast.size == image.size
        assert ImageChops.difference(fast.convert("L"), _median_then_threshold(image)).getbbox() is None


def test_prepare_removes_isolated_speckle_and_keeps_strokes():
    image = Image.new("RGB", (30, 30), "white")
    image.putpixel((5, 5), (0, 0, 0))  # a lone dark dot: speckle
    for x in range(10, 25):
        for y in range(14, 17):  # a 3-pixel-thick stroke
            image.putpixel((x, y), (20, 20, 20))
    out = prepare(image).convert("L")
    assert out.getpixel((5, 5)) == 255
    assert out.getpixel((17, 15)) == 0


def _page_drawing_form(form_ops: bytes) -> bytes:
    """One page whose content only draws a form XObject with ``form_ops`` inside."""
    page_ops = b"q /Fm1 Do Q"
    return numbered_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Fm1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(page_ops) + page_ops + b"\nendstream",
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> "
            b"/Length %d >>\nstream\n" % len(form_ops) + form_ops + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def test_ruling_found_inside_a_form_xobject_and_not_in_text():
    ruled = pdfium.PdfDocument(_page_drawing_form(b"72 700 200 24 re S"))
    text_only = pdfium.PdfDocument(_page_drawing_form(b"BT /F1 11 Tf 72 780 Td (Minutes) Tj ET"))
    assert _has_ruling(ruled[0]) is True
    assert _has_ruling(text_only[0]) is False


def test_garble_check_is_memoised_without_changing_scores():
    word_is_invalid.cache_clear()
    text = "जिलाधिकारी ने निर्देश दिए कि कार्य पूरा करें। " * 20 + "कि\x06 वि\x06भाग"
    first = garble_score(text)
    assert word_is_invalid.cache_info().hits > 0
    assert garble_score(text) == first > 0
    assert word_is_invalid("वि\x07भाग") is True and word_is_invalid("विभाग") is False


def _typed_pdf(table: bool) -> bytes:
    """A text PDF (fpdf2, no shaping: a clean text layer) with a letterhead rule and, if asked, a ruled table."""
    from fpdf import FPDF

    from tests.helpers.samples import FONT

    pdf = FPDF(format="A4")
    pdf.add_font("deva", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("deva", size=12)
    pdf.cell(0, 10, "कार्यालय जिलाधिकारी बहराइच", new_x="LMARGIN", new_y="NEXT")
    pdf.line(10, 22, 200, 22)  # the letterhead's rule
    pdf.multi_cell(0, 8, "समीक्षा बैठक में सभी अधिकारी उपस्थित रहे और निर्देश दिए गए। " * 4)
    if table:
        with pdf.table(first_row_as_headings=False) as grid:
            for row in (["निर्देश", "उत्तरदायी अधिकारी"], ["सड़क की मरम्मत कराई जाए", "अधिशासी अभियंता"]):
                grid.row(row)
    return bytes(pdf.output())


def test_table_search_skips_pages_without_a_grid_and_does_not_parse_pages(monkeypatch) -> None:  # noqa: ANN001
    """pdfplumber is given PDFium's rulings: a letterhead rule alone is no table, and pdfminer never parses."""
    import pdfplumber.page

    from core.settings import Settings
    from ingest import ingest_bytes

    def no_parse(*_a: object, **_k: object) -> None:
        raise AssertionError("pdfplumber parsed the page's objects")

    monkeypatch.setattr(pdfplumber.page.Page, "parse_objects", no_parse)
    (page,) = ingest_bytes(_typed_pdf(table=True), "t.pdf", Settings()).pages
    assert page.route == "text"
    assert [(t.header, t.rows) for t in page.tables] == [
        (["निर्देश", "उत्तरदायी अधिकारी"], [["सड़क की मरम्मत कराई जाए", "अधिशासी अभियंता"]])
    ]
    assert page.text[page.tables[0].row_spans[0][0] :].startswith("सड़क की मरम्मत")
    (plain,) = ingest_bytes(_typed_pdf(table=False), "p.pdf", Settings()).pages
    assert plain.route == "text" and plain.tables == []
