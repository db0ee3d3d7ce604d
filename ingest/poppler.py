"""Poppler's reading of a PDF's text layer: ``pdftotext -bbox-layout`` words, lines and blocks per page.

One run of the CLI (poppler-utils) reads the whole file; the XHTML it writes gives each word with its box
(points, origin top-left), grouped into lines and blocks in poppler's reading order. A page's text is its
lines joined by newlines, a blank line between blocks, so it reads like PDFium's ``layout_text``.
"""

from __future__ import annotations

import bisect
import logging
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ingest.text import clean_text

log = logging.getLogger(__name__)

_NS = "{http://www.w3.org/1999/xhtml}"
PDFTOTEXT = "pdftotext"
#: Words closer than this share of their height are one word (a space is about a fifth of the height).
TOUCHING = 0.03


@dataclass(frozen=True)
class Word:
    text: str
    x0: float  # points, origin top-left (pdfplumber's convention)
    top: float
    x1: float
    bottom: float


@dataclass
class PopplerPage:
    text: str
    words: list[Word] = field(default_factory=list)
    _by_middle: list[tuple[float, int]] = field(default_factory=list, repr=False)

    def text_in(self, x0: float, top: float, x1: float, bottom: float) -> str:
        """Words whose centre lies in the box, in reading order, joined by spaces."""
        if len(self._by_middle) != len(self.words):
            self._by_middle = sorted(((w.top + w.bottom) / 2, i) for i, w in enumerate(self.words))
        lo = bisect.bisect_left(self._by_middle, (top, -1))
        hi = bisect.bisect_right(self._by_middle, (bottom, len(self.words)))
        inside = sorted(i for _, i in self._by_middle[lo:hi] if x0 <= (self.words[i].x0 + self.words[i].x1) / 2 <= x1)
        return " ".join(self.words[i].text for i in inside)


def available() -> bool:
    return shutil.which(PDFTOTEXT) is not None


def read_pages(data: bytes, timeout_s: float = 60.0) -> list[PopplerPage] | None:
    """Every page's text and words, or None when pdftotext is missing or fails on the file."""
    if not available():
        log.warning("pdftotext (poppler-utils) is not installed; PDF pages are read by PDFium alone")
        return None
    try:
        run = subprocess.run(
            [PDFTOTEXT, "-q", "-bbox-layout", "-enc", "UTF-8", "-", "-"],
            input=data,
            capture_output=True,
            timeout=timeout_s,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("pdftotext failed: %s", exc)
        return None
    if run.returncode != 0:
        log.warning("pdftotext exited with %d", run.returncode)
        return None
    return parse_bbox_layout(run.stdout)


def parse_bbox_layout(xhtml: bytes) -> list[PopplerPage] | None:
    """Pages of ``pdftotext -bbox-layout`` output; None if it is not well-formed."""
    try:
        root = ET.fromstring(xhtml)
    except ET.ParseError as exc:
        log.warning("pdftotext output is not well-formed: %s", exc)
        return None
    pages: list[PopplerPage] = []
    for page in root.iter(f"{_NS}page"):
        words: list[Word] = []
        blocks: list[str] = []
        for block in page.iter(f"{_NS}block"):
            lines: list[str] = []
            for line in block.iter(f"{_NS}line"):
                line_words = _glued([_word(w) for w in line.iter(f"{_NS}word")])
                words += line_words
                lines.append(" ".join(w.text for w in line_words))
            blocks.append("\n".join(lines))
        pages.append(PopplerPage(clean_text("\n\n".join(blocks)), words))
    return pages


def _glued(words: list[Word]) -> list[Word]:
    """Words of one line with touching neighbours joined: in ``-bbox-layout`` mode poppler cuts a word
    at a glyph that starts exactly where the previous one ends (``निर्मा ण``), which plain mode does not."""
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if prev is not None and 0 <= w.x0 - prev.x1 < TOUCHING * (prev.bottom - prev.top):
            out[-1] = Word(prev.text + w.text, prev.x0, min(prev.top, w.top), w.x1, max(prev.bottom, w.bottom))
        else:
            out.append(w)
    return out


def _word(el: ET.Element) -> Word:
    a = el.attrib
    return Word(el.text or "", float(a["xMin"]), float(a["yMin"]), float(a["xMax"]), float(a["yMax"]))
