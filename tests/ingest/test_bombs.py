"""Issue 17, findings 4 and 7: a PDF content-stream bomb and a DOCX whose zip headers lie about sizes are
refused by the structural check, quickly, by what they really inflate to; PDFium never loads a page of
an uploaded PDF in the checking process."""

from __future__ import annotations

import resource
import time

import pytest

import ingest.pdf
from core.settings import Settings
from ingest.document import IngestError
from ingest.pdfscan import MAX_OBJECTS, scan_pdf
from ingest.precheck import precheck
from tests.helpers.hostile import content_bomb_pdf, docx, docx_lying_sizes, pdf_from_objects, text_pdf


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_docx_that_lies_about_its_sizes_is_refused_by_real_output() -> None:
    before = _peak_mb()
    start = time.monotonic()
    with pytest.raises(IngestError) as caught:
        precheck(docx_lying_sizes(500), "minutes.docx", Settings())
    assert caught.value.code == "too_large"
    assert time.monotonic() - start < 2
    assert _peak_mb() - before < 64  # the 500 MB member was never inflated in full


def test_honest_docx_still_passes() -> None:
    assert precheck(docx(["जिलाधिकारी ने निर्देश दिए कि सर्वे पूरा करें।"] * 200), "m.docx", Settings()) == "docx"


def test_pdf_content_stream_bomb_is_refused_before_pdfium_parses_it() -> None:
    start = time.monotonic()
    with pytest.raises(IngestError) as caught:
        precheck(content_bomb_pdf(), "minutes.pdf", Settings())
    assert caught.value.code == "too_large"
    assert time.monotonic() - start < 2


def test_object_count_is_capped() -> None:
    packed = b"<< /Type /ObjStm /N %d /First 10 /Length 0 >>\nstream\n\nendstream" % (MAX_OBJECTS + 1)
    pdf = pdf_from_objects({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: packed})
    with pytest.raises(IngestError) as caught:
        scan_pdf(pdf)
    assert caught.value.code == "too_large"


def test_pages_are_not_loaded_in_the_checking_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*_a: object) -> None:
        raise AssertionError("PDFium loaded a page in the request process")

    monkeypatch.setattr(ingest.pdf, "load_page", forbidden)
    assert precheck(text_pdf(), "minutes.pdf", Settings()) == "pdf"
