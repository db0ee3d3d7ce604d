"""Per page, the text-layer reading to keep: PDFium, poppler or pdfplumber's characters, or none (OCR).

Which engine wins on which producer (bench/pdf_producers.py measures it; WER against the source text):

- LibreOffice Writer export: **PDFium**. Its glyphs carry ToUnicode maps of whole clusters; PDFium
  follows the content stream's order, while poppler re-orders glyphs by their boxes, cuts a word where a
  pre-base matra (ि) or a wide conjunct leaves a gap (``कें द्र``, ``सेन्ट्र ल``) and reads a table's
  wrapped cells across columns: mean WER 0.045 for PDFium against 0.100 for pdftotext.
- Chromium / Skia print-to-PDF: **poppler**. Skia wraps each multi-glyph cluster in a marked-content
  ``/Span <</ActualText …>>``; poppler reads the ActualText instead of the glyphs, PDFium reads both and
  repeats a syllable after its word (``बैठक बै``): WER 0.055 against PDFium's 0.2 (Lohit) to 1.2 (Noto).
- fpdf2 2.8 (HarfBuzz shaping), ReportLab (HarfBuzz shaping), Ghostscript re-distilling: **OCR**. The
  text layers are garbled for every engine - glyph codes as control characters (fpdf2), private-use
  characters (ReportLab), lost ToUnicode of the re-embedded fonts (Ghostscript) - so no reading is
  plausible and the page is OCR'd (WER 0.21-0.26 against pdftotext's 0.59-0.82).
- pdfplumber (pdfminer) decodes HarfBuzz-shaped glyph runs badly (``(cid:N)``, moved matras); its
  characters are the last text-layer candidate, tried only when both others are implausible.

The choice is by :func:`ingest.plausible.implausibility`, lazily: PDFium's reading is kept when it is
clean; otherwise poppler's (one ``pdftotext`` run for the whole file) competes and the less implausible
wins; pdfplumber's (slow: pdfminer lays out the page) is asked only when neither is plausible, and a
page whose best reading is still implausible goes to OCR.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ingest.plausible import implausibility

#: A reading this plausible is kept without asking another engine. Corpus texts score 0.0; PDFium reads
#: LibreOffice files at 0.01-0.02 (a few moved matras) and Chromium files at 0.1 and more.
CLEAN = 0.03
#: A later engine replaces an earlier one only when its reading is this much less implausible: on a near
#: tie the engines differ in reading order (table cells), not in words, and PDFium follows the stream.
MARGIN = 0.01
#: No reading of the page is better than this: read it by OCR (garbled layers score 0.2 and more).
IMPLAUSIBLE = 0.12

Engine = str  # "pdfium" | "poppler" | "pdfplumber"


@dataclass(frozen=True)
class Reading:
    engine: Engine
    text: str
    score: float  # implausibility of text


def choose(
    candidates: Iterable[tuple[Engine, Callable[[], str | None]]],
    last_resort: tuple[Engine, Callable[[], str | None]] | None = None,
) -> Reading | None:
    """The first clean reading, else the least implausible one; None when none is below IMPLAUSIBLE.

    ``candidates`` are tried in order, each only when no earlier one was clean; ``last_resort`` only when
    none of them is plausible at all. A candidate returning None (engine missing or failed) is passed
    over. A near tie (within MARGIN) goes to the earlier candidate.
    """
    best: Reading | None = None
    for engine, read in candidates:
        best = _better(best, engine, read)
        if best is not None and best.score <= CLEAN:
            return best
    if last_resort is not None and (best is None or best.score > IMPLAUSIBLE):
        best = _better(best, *last_resort)
    if best is None or best.score > IMPLAUSIBLE:
        return None
    return best


def _better(best: Reading | None, engine: Engine, read: Callable[[], str | None]) -> Reading | None:
    """``best`` or the engine's reading, whichever is less implausible by MARGIN (else ``best``)."""
    text = read()
    if text is None:
        return best
    reading = Reading(engine, text, implausibility(text))
    return reading if best is None or reading.score < best.score - MARGIN else best
