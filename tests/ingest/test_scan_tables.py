"""Scanned pages with ruled tables and with unruled columns (ingest.scan_tables, scan_page, columns)."""

from __future__ import annotations

import difflib
import io
import random
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from bench.table_docs import load_doc, photocopy, scan_pdf_bytes, text_pdf_bytes
from core.settings import Settings
from extractors.document import extract_document
from ingest import IngestedDocument, ingest_bytes
from ingest.columns import column_order
from ingest.ocr import ocr_image
from ingest.pages import page_from_dict, page_to_dict
from ingest.scan_page import cell_text
from ingest.scan_tables import deskew, find_grids
from tests.helpers.samples import FONT, hindi_image

SETTINGS = Settings(ocr_workers=2, ocr_timeout_s=120, max_pages=10)


def _font(size: int = 36) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.RAQM)


def ruled_table(
    cells: list[list[str]],
    widths: list[int],
    merged_row: int | None = None,
    row_h: int = 110,
    merged_down: tuple[tuple[int, int, int], ...] = (),
) -> Image.Image:
    """A page with a heading line and a ruled table; ``merged_row`` has no rule between its last two columns;
    each (row, column, rows) of ``merged_down`` is one cell over that many rows, its text in the middle."""
    font = _font()
    img = Image.new("L", (60 + sum(widths) + 60, 260 + row_h * len(cells) + 100), 255)
    draw = ImageDraw.Draw(img)
    draw.text((60, 60), "बैठक में निम्नलिखित निर्देश दिए गए:", font=font, fill=0)
    top, left = 200, 60
    right = left + sum(widths)
    edges = [left + sum(widths[:c]) for c in range(len(widths) + 1)]
    covered = {(r + k, c) for r, c, n in merged_down for k in range(1, n)}
    spans = {(r, c): n for r, c, n in merged_down}
    for r in range(len(cells) + 1):
        for c in range(len(widths)):
            if (r, c) not in covered:
                draw.line([(edges[c], top + r * row_h), (edges[c + 1], top + r * row_h)], fill=0, width=3)
    for r, row in enumerate(cells):
        x = left
        y0, y1 = top + r * row_h, top + (r + 1) * row_h
        for c, w in enumerate(widths):
            if c == 0 or not (r == merged_row and c == len(widths) - 1):
                draw.line([(x, y0), (x, y1)], fill=0, width=3)
            if c < len(row) and (r, c) not in covered:
                middle = y0 + (spans.get((r, c), 1) * row_h) // 2 - 25
                draw.text((x + 15, middle), row[c], font=font, fill=0)
            x += w
        draw.line([(right, y0), (right, y1)], fill=0, width=3)
    return img


HEADER = ["क्र.सं.", "निर्देश", "उत्तरदायी अधिकारी", "समय-सीमा"]
WIDTHS = [200, 1100, 600, 400]


# --- grid detection (no OCR) ---------------------------------------------------------------------------


def test_a_tilted_ruled_table_is_levelled_and_its_cells_found() -> None:
    cells = [HEADER, ["1", "नालियों की सफाई कराई जाए", "अधिशासी अधिकारी", "तत्काल"], ["2", "पेयजल जांच", "-", "15 दिवस"]]
    page = ruled_table(cells, WIDTHS).rotate(-0.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    level, angle = deskew(page)
    assert angle == pytest.approx(0.5, abs=0.12)
    grids, _rules = find_grids(np.asarray(level))
    assert len(grids) == 1
    assert [len(row) for row in grids[0].cells] == [4, 4, 4]
    # cells of a row share their top and bottom; columns line up from row to row
    lefts = [[c[0] for c in row] for row in grids[0].cells]
    assert all(abs(a - b) <= 4 for row in lefts[1:] for a, b in zip(row, lefts[0], strict=True))


def test_a_row_without_a_column_rule_has_one_merged_cell() -> None:
    cells = [HEADER, ["1", "नालियों की सफाई", "अधिशासी अधिकारी", "तत्काल"], ["2", "टिप्पणी: सभी विभाग ध्यान दें"]]
    grids, _ = find_grids(np.asarray(ruled_table(cells, WIDTHS, merged_row=2)))
    assert [len(row) for row in grids[0].cells] == [4, 4, 3]
    merged = grids[0].cells[2][2]
    assert merged[2] - merged[0] == pytest.approx(WIDTHS[2] + WIDTHS[3], abs=8)


MERGED_ROWS = [
    HEADER,
    ["1", "नालियों की सफाई कराई जाए", "अधिशासी अधिकारी", "तत्काल"],
    ["2", "कूड़ा उठाने की व्यवस्था की जाए", "", ""],
    ["3", "पार्कों की मरम्मत कराई जाए", "", "30 सितंबर तक"],
    ["4", "स्ट्रीट लाइटें ठीक की जाएं", "विद्युत अभियंता", "15 दिन में"],
]
# the officer's cell spans body rows 1-3, the deadline's rows 1-2 (header = row 0)
MERGED_DOWN = ((1, 2, 3), (1, 3, 2))


def test_cells_merged_down_are_one_cell_for_every_row_they_cover() -> None:
    (grid,), rules = find_grids(np.asarray(ruled_table(MERGED_ROWS, WIDTHS, merged_down=MERGED_DOWN)))
    assert sorted(grid.merged) == [(2, 2, 1), (2, 3, 1), (3, 2, 1)]
    officer = grid.cells[1][2]
    assert grid.cells[2][2] == grid.cells[3][2] == officer
    assert officer[3] - officer[1] == pytest.approx(3 * 110, abs=8)  # one box over three rows
    assert grid.cells[3][3] != grid.cells[2][3] and grid.cells[4][2] != officer  # ruled cells stay apart
    middle = (officer[1] + officer[3]) // 2
    assert rules[middle - 60 : middle + 60, officer[0] + 20 : officer[2] - 20].max() == 0  # its text is not erased


def test_a_scanned_table_gives_each_row_the_merged_cells_text_and_place() -> None:
    img = photocopy(ruled_table(MERGED_ROWS, WIDTHS, merged_down=MERGED_DOWN), random.Random(5))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    page = ingest_bytes(buf.getvalue(), "merged.png", SETTINGS).pages[0]
    (table,) = page.tables
    officers = [row[2] for row in table.rows]
    assert officers[0] == officers[1] == officers[2] and _similar(officers[0], "अधिशासी अधिकारी") > 0.85
    assert _similar(officers[3], "विद्युत अभियंता") > 0.85
    assert table.rows[1][3] == table.rows[0][3] and table.rows[2][3] != table.rows[0][3]
    assert sorted(table.merged) == [(1, 2, 0), (1, 3, 0), (2, 2, 0)]
    for r, c, origin in table.merged:  # span and box of the merged cell, whose text stands once in the page
        assert table.row_spans[r][c] == table.row_spans[origin][c] >= 0
        assert table.row_boxes[r][c] == table.row_boxes[origin][c]
    start = table.row_spans[0][2]
    assert page.text[start : start + len(officers[0])] == officers[0]
    assert page.text.count(officers[0]) == 1
    assert page_from_dict(page_to_dict(page)) == page


def test_prose_headlines_rules_and_frames_are_not_tables() -> None:
    page = hindi_image(["समीक्षा बैठक का कार्यवृत्त", "अधिशासी अभियंता को निर्देश दिए गए कि कार्य पूरा कराएं।"] * 4)
    draw = ImageDraw.Draw(page)
    draw.line([(60, 40), (1340, 40)], fill=0, width=3)  # a letterhead rule
    draw.rectangle([(40, 50), (1360, page.height - 20)], outline=0, width=3)  # a frame round the text
    level, angle = deskew(page)
    assert find_grids(np.asarray(level))[0] == []


# --- cell text and columns (no OCR) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("| क्रियाशील किए जाएं।", "क्रियाशील किए जाएं।"),
        ("सफाई कराई जाए |", "सफाई कराई जाए।"),
        ("परियोजना अधिकारी\n(डूडा) |", "परियोजना अधिकारी (डूडा)"),
        ("[ अधिशासी अभियंता", "अधिशासी अभियंता"),
        ("31.12.2025", "31.12.2025"),
        ("(हर्षवर्धन त्रिवेदी)", "(हर्षवर्धन त्रिवेदी)"),
    ],
)
def test_cell_text_drops_what_rulings_leave(raw: str, clean: str) -> None:
    assert cell_text(raw) == clean


def _words(rows: list[list[tuple[str, int]]], height: int = 40) -> dict[str, list[Any]]:
    """A pytesseract word table: one Tesseract line per row, words at the given left edges (60 px wide)."""
    data: dict[str, list[Any]] = {k: [] for k in ("text", "left", "width", "top", "height", "conf")}
    data.update(block_num=[], par_num=[], line_num=[])
    for n, row in enumerate(rows, start=1):
        for word, left in row:
            for key, value in zip(
                ("text", "left", "width", "top", "height", "conf", "block_num", "par_num", "line_num"),
                (word, left, 60, 100 * n, height, 90, 1, 1, n),
                strict=True,
            ):
                data[key].append(value)
    return data


def test_lines_that_jump_a_gutter_are_read_column_by_column() -> None:
    data = _words([[("a1", 0), ("a2", 80), ("b1", 600)], [("a3", 0), ("b2", 600), ("b3", 680)]])
    assert column_order(data)["text"] == ["a1", "a2", "a3", "b1", "b2", "b3"]


def test_one_wide_gap_is_not_a_column_layout() -> None:
    data = _words([[("a1", 0), ("b1", 600)], [("a2", 0), ("a3", 80), ("a4", 160), ("a5", 240)]])
    assert column_order(data)["text"] == ["a1", "b1", "a2", "a3", "a4", "a5"]


# --- OCR ------------------------------------------------------------------------------------------------


def test_an_unruled_two_column_page_is_not_read_across_columns() -> None:
    left = ["सड़क मरम्मत का कार्य अधूरा पाया गया।", "अधिशासी अभियंता को निर्देश दिए गए", "कि कार्य एक सप्ताह में पूरा कराएं।"]
    right = ["राशन वितरण में देरी की शिकायत मिली।", "जिला पूर्ति अधिकारी को निर्देश दिए", "कि वितरण तीन दिन में पूरा कराएं।"]
    img = Image.new("L", (2480, 500), 255)
    draw = ImageDraw.Draw(img)
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        draw.text((150, 120 + 80 * i), a, font=_font(40), fill=0)
        draw.text((1330, 120 + 80 * i), b, font=_font(40), fill=0)
    result = ocr_image(img, SETTINGS.ocr_lang, SETTINGS.ocr_timeout_s)
    assert result.error is None
    columns = result.text.split("\n\n")
    assert len(columns) == 2, result.text
    assert "सड़क" in columns[0] and "अभियंता" in columns[0] and "राशन" not in columns[0]
    assert "राशन" in columns[1] and "पूर्ति" in columns[1]


def test_a_scanned_image_hands_on_its_table_with_cell_spans() -> None:
    cells = [HEADER, ["1", "नालियों की सफाई कराई जाए", "अधिशासी अधिकारी", "तत्काल"]]
    img = photocopy(ruled_table(cells, WIDTHS), random.Random(3))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    doc = ingest_bytes(buf.getvalue(), "table.png", SETTINGS)
    page = doc.pages[0]
    assert len(page.tables) == 1
    table = page.tables[0]
    assert table.page == 1 and len(table.header) == 4 and "निर्देश" in table.header[1]
    assert table.row_spans and table.row_boxes
    for start, cell in zip(table.row_spans[0], table.rows[0], strict=True):
        assert page.text[start : start + len(cell)] == cell
    assert all(0 <= v <= 1 for box in table.row_boxes[0] for v in box)  # fractions of the page
    assert difflib.SequenceMatcher(None, table.rows[0][1], cells[1][1]).ratio() > 0.9
    assert "निम्नलिखित" in page.text.split("\n\n")[0]  # the prose above the table comes first


# --- a generated scanned minutes document against its typed PDF ----------------------------------------


@pytest.fixture(scope="module")
def minutes() -> dict[str, Any]:
    """Corpus minutes 105 typed at 14 pt, so that its 5-column action table runs onto page 2 without its header
    row, and the same PDF photocopied: both extracted."""
    doc = load_doc("105_manrega_karyavahi_bahraich")
    typed = text_pdf_bytes(doc, font_pt=14, repeat_header=False)
    scan = scan_pdf_bytes(typed, seed=7)
    out: dict[str, Any] = {"doc": doc, "scan_pdf": scan}
    for route, data in (("text", typed), ("scan", scan)):
        ingested = ingest_bytes(data, f"minutes.{route}.pdf", SETTINGS)
        out[route] = (ingested, extract_document(ingested).to_json())
    return out


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def test_scanned_table_minutes_give_the_typed_pdfs_items(minutes: dict[str, Any]) -> None:
    typed, scan = minutes["text"][1]["action_items"], minutes["scan"][1]["action_items"]
    assert [p.route for p in minutes["scan"][0].pages] == ["ocr"] * len(minutes["scan"][0].pages)
    assert len(minutes["scan"][0].pages) == 2 and all(p.tables for p in minutes["scan"][0].pages)
    assert len(typed) == len(scan) >= len(minutes["doc"].rows)
    for t, s in zip(typed, scan, strict=True):
        assert _similar(t["text"], s["text"]) > 0.95, (t["text"], s["text"])
        assert (t["deadline"] or {}).get("date") == (s["deadline"] or {}).get("date"), s["text"]
        want = " / ".join(r["designation"] for r in t["responsible"])
        got = " / ".join(r["designation"] for r in s["responsible"])
        assert _similar(want, got) > 0.9, (want, got)


def test_table_cells_never_become_fragment_items(minutes: dict[str, Any]) -> None:
    for item in minutes["scan"][1]["action_items"]:
        text = item["text"]
        assert "|" not in text and len(text) >= 15 and not text.lstrip().startswith((";", "।")), text


def test_scanned_table_items_point_at_their_cell(minutes: dict[str, Any]) -> None:
    ingested: IngestedDocument = minutes["scan"][0]
    result = minutes["scan"][1]
    tops = []
    for item in result["action_items"]:
        ev = item["evidence"]
        if "box" not in ev:
            continue  # the one directive in prose
        tops.append((ev["page"], ev["box"][1]))
        page_text = result["pages"][ev["page"] - 1]["text"]
        assert page_text[ev["start"] : ev["end"]] == item["text"]
        left, top, right, bottom = ev["box"]
        assert 0 < left < right < 1 and 0 < top < bottom < 1
    assert len(tops) == len(minutes["doc"].rows)
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one row each, top to bottom
    # the per-page job path stores pages as dicts: spans and boxes survive the round trip
    page = ingested.pages[0]
    assert page_from_dict(page_to_dict(page)) == page


def test_the_photocopy_really_is_a_scan(minutes: dict[str, Any]) -> None:
    """The fixture is no easier than a photocopier's output: tilted, grey, speckled, no text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(minutes["scan_pdf"])
    try:
        page = pdf[0]
        chars = page.get_textpage().count_chars()
        image = page.render(scale=150 / 72).to_pil().convert("L")
    finally:
        pdf.close()
    assert chars == 0
    _level, angle = deskew(image)
    assert abs(angle) > 0.1
    assert 200 < int(np.percentile(np.asarray(image), 90)) < 250  # grey paper, not white


def test_a_table_running_onto_the_next_page_gets_its_header_back() -> None:
    from ingest.document import Page, Table
    from ingest.tables import carry_headers

    head = Table(1, ["क्र.सं.", "निर्देश", "उत्तरदायी"], [["1", "क", "ख"]], row_spans=[[0, 4, 8]])
    tail = Table(2, ["2", "ग", "घ"], [["3", "च", "छ"]], row_spans=[[12, 16, 20]], header_spans=[0, 4, 8])
    other = Table(3, ["क्र.सं.", "विषय"], [["1", "ज"]])
    pages = [
        Page(1, "…", "ocr", tables=[head]),
        Page(2, "…", "ocr", tables=[tail]),
        Page(3, "…", "ocr", tables=[other]),
    ]
    carry_headers(pages)
    assert tail.header == head.header and tail.rows == [["2", "ग", "घ"], ["3", "च", "छ"]]
    assert tail.row_spans == [[0, 4, 8], [12, 16, 20]]
    assert other.header == ["क्र.सं.", "विषय"]  # a table that starts with its own header is left alone


def test_long_table_rows_in_a_scans_text_do_not_stop_prose_lines_joining() -> None:
    """A scan's page text holds its table as long ``a | b | c`` lines; the wrapped prose below is one sentence."""
    from nlp.sentences import split_sentences

    row = "5 | एनएमएमएस उपस्थिति | सभी कार्यस्थलों पर एनएमएमएस ऐप से श्रमिकों की उपस्थिति दर्ज कराई जाए | तकनीकी सहायक | तत्काल"
    prose = (
        "अध्यक्ष द्वारा निर्देश दिए गए कि आगामी बैठक में सभी खंड विकास अधिकारी अनुपालन आख्या\n"
        "के साथ स्वयं उपस्थित रहें। बैठक धन्यवाद के साथ समाप्त हुई।\n\n(शशांक वर्मा)\nमुख्य विकास अधिकारी, बहराइच"
    )
    sentences = [s.text for s in split_sentences("\n".join([row] * 3) + "\n\n" + prose)]
    assert sentences[0].startswith("अध्यक्ष") and sentences[0].endswith("उपस्थित रहें।")
