"""The producer matrix: the same corpus document written by five PDF producers in two Devanagari fonts
and in a legacy KrutiDev-layout font (built from Lohit at test time, the text typed in KrutiDev codes).

Each file must read (text layer, or OCR where the layer is garbled) at a word error rate no worse than
pdftotext's + 0.01 on the same file. A missing producer fails the test with the package to install
(scripts/setup.sh installs them all); the PDFs are made at test time and cached for the session.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bench.producers import ALL_FONTS, LEGACY_FONTS, PRODUCERS, Doc, ProducerMissing, corpus_docs, produce
from core.settings import Settings
from ingest import ingest_bytes
from ingest.cer import wer

# One short document with a ruled action table (a page or two with every producer).
DOC_PREFIX = "105"
BLOCKS = 3


@pytest.fixture(scope="session")
def producer_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("producers")


@pytest.fixture(scope="session")
def doc() -> Doc:
    (found,) = corpus_docs([DOC_PREFIX], BLOCKS)
    return found


def _pdftotext(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-q", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


@pytest.mark.parametrize("font", ALL_FONTS)
@pytest.mark.parametrize("producer", PRODUCERS)
def test_producer_reads_no_worse_than_pdftotext(
    producer: str, font: str, doc: Doc, producer_cache: Path, settings: Settings
) -> None:
    try:
        data = produce(doc, producer, font, producer_cache)
    except ProducerMissing as exc:
        pytest.fail(f"producer {producer} is not installed: {exc}")
    ingested = ingest_bytes(data, f"{doc.name}.{producer}.pdf", settings)
    ours = wer("\n".join(p.text for p in ingested.pages), doc.reference())
    baseline = wer(_pdftotext(data), doc.reference())
    how = [(p.route, p.engine) for p in ingested.pages]
    assert ours <= baseline + 0.01, f"{producer}/{font}: WER {ours:.3f} vs pdftotext {baseline:.3f} ({how})"


@pytest.mark.parametrize("producer", ["fpdf2", "libreoffice"])
def test_legacy_font_pdfs_hold_latin_codes_and_read_as_hindi(
    producer: str, doc: Doc, producer_cache: Path, settings: Settings
) -> None:
    (font,) = LEGACY_FONTS
    data = produce(doc, producer, font, producer_cache)
    layer = _pdftotext(data)
    assert not any("\u0900" <= c <= "\u097f" for c in layer)  # the text layer is KrutiDev codes, not Hindi
    assert "funsZ'k" in layer  # निर्देश, typed in KrutiDev
    ingested = ingest_bytes(data, "legacy.pdf", settings)
    assert {p.route for p in ingested.pages} == {"legacy"}
    assert wer("\n".join(p.text for p in ingested.pages), doc.reference()) < 0.05


def test_legacy_text_is_known_by_its_letters_when_the_font_name_does_not_say(
    doc: Doc, producer_cache: Path, settings: Settings
) -> None:
    from fpdf import FPDF

    from bench.legacy_font import build_krutidev_font

    font = build_krutidev_font(producer_cache / "plain-name.ttf", family="Office Hindi 1")
    pdf = FPDF(format="A4")
    pdf.add_font("office", fname=str(font))
    pdf.add_page()
    pdf.set_font("office", size=12)
    legacy = doc.legacy()
    for text in [legacy.letterhead, *(t for _, t in legacy.blocks)]:
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert "OfficeHindi" in fonts.replace("-", "") and "Kruti" not in fonts
    ingested = ingest_bytes(data, "plain.pdf", settings)
    assert {p.route for p in ingested.pages} == {"legacy"}
    reference = "\n".join([doc.letterhead, *(t for _, t in doc.blocks)])
    assert wer("\n".join(p.text for p in ingested.pages), reference) < 0.05


def test_chromium_pages_are_read_by_poppler_and_libreoffice_by_pdfium(
    doc: Doc, producer_cache: Path, settings: Settings
) -> None:
    chromium = ingest_bytes(produce(doc, "chromium", "lohit", producer_cache), "c.pdf", settings)
    assert {p.engine for p in chromium.pages if p.route == "text"} == {"poppler"}
    libre = ingest_bytes(produce(doc, "libreoffice", "noto", producer_cache), "l.pdf", settings)
    assert {p.engine for p in libre.pages if p.route == "text"} == {"pdfium"}


def test_table_rows_of_typed_pdfs_carry_their_own_evidence(doc: Doc, producer_cache: Path, settings: Settings) -> None:
    from extractors.document import extract_document

    for producer in ("libreoffice", "chromium"):
        result = extract_document(
            ingest_bytes(produce(doc, producer, "noto", producer_cache), "t.pdf", settings)
        ).to_json()
        boxed = [it for it in result["action_items"] if "box" in it["evidence"]]
        assert len(boxed) == len(doc.table) - 1, producer  # one item per body row, each with its cell box
        for item in boxed:
            ev = item["evidence"]
            page_text = result["pages"][ev["page"] - 1]["text"]
            assert ev["start"] > 0
            first_words = " ".join(item["text"].split()[:3])
            assert " ".join(page_text[ev["start"] :].split()[:3]) == first_words, (producer, item["text"])
            x0, top, x1, bottom = ev["box"]
            assert 0 <= x0 < x1 <= 1 and 0 <= top < bottom <= 1  # fractions of the page
