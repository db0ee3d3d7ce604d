"""Page furniture: lines that belong to the page, not to the document's sentences.

- page numbers (``- 2 -``, ``पृष्ठ 2 / 5``, ``Page 2 of 5``) among a page's first and last lines;
- news-site banners anywhere (``Update: 2026-01-07 12:20 GMT``, ``अपडेटेड: …``);
- a letterhead or running header/footer: a line among the first or last lines of a page (of eight
  lines or more) that repeats on an earlier page and does not end a sentence. The first page keeps it in
  its text (there it is the document's heading, where meeting facts such as the office and place are
  read); later pages drop it.

Patterns are in ``ingest/data/furniture.txt``. Removed lines go to ``Page.furniture`` in page order, so
meeting-fact extraction can still read them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from ingest.document import Page
from ingest.text import clean_text

_DATA = Path(__file__).parent / "data" / "furniture.txt"
#: Lines at each end of a page that may be page numbers or running headers/footers.
EDGE_LINES = 2
#: A repeated letterhead line is at most this long (a repeated sentence of prose is not furniture).
MAX_HEADER_CHARS = 120
#: Only a page with at least this many lines has a head and foot apart from its body: on a shorter page a
#: line that repeats another page's is the document's own text (a formula repeated page after page).
MIN_LINES_FOR_REPEATS = 8
_SENTENCE_END = ("।", "॥", ".", "?", "!", ":")
_DIGITS = re.compile(r"[0-9०-९]+")


@lru_cache(maxsize=1)
def patterns() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """(edge-only, anywhere) patterns from the data file."""
    edge: list[re.Pattern[str]] = []
    anywhere: list[re.Pattern[str]] = []
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        where, _, rx = line.partition(" ")
        (edge if where == "edge" else anywhere).append(re.compile(rx.strip(), re.I))
    return edge, anywhere


FurnitureKind = Literal["banner", "page_number", "letterhead"]


def furniture_kind(line: str) -> FurnitureKind:
    """What a furniture line is: a news-site banner, a page number, or else a repeated letterhead line."""
    edge_rx, any_rx = patterns()
    text = line.strip()
    if any(rx.fullmatch(text) for rx in any_rx):
        return "banner"
    if any(rx.fullmatch(text) for rx in edge_rx):
        return "page_number"
    return "letterhead"


def _key(line: str) -> str:
    """Lines compare equal with their numbers ignored (running headers carry the page number)."""
    return _DIGITS.sub("#", " ".join(line.split()))


def _edge_indexes(lines: list[str]) -> set[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])


def separate(pages: list[Page]) -> None:
    """Move each page's furniture lines from ``text`` to ``furniture`` (in place)."""
    edge_rx, any_rx = patterns()
    seen: set[str] = set()
    for page in pages:
        lines = page.text.split("\n")
        edges = _edge_indexes(lines)
        long_page = sum(1 for line in lines if line.strip()) >= MIN_LINES_FOR_REPEATS
        keep: list[str] = []
        removed: list[str] = []
        for i, line in enumerate(lines):
            text = line.strip()
            key = _key(text)
            furniture = bool(text) and (
                any(rx.fullmatch(text) for rx in any_rx)
                or (i in edges and any(rx.fullmatch(text) for rx in edge_rx))
                or (i in edges and long_page and key in seen)
            )
            (removed if furniture else keep).append(line)
        for i in edges:
            text = lines[i].strip()
            if len(text) <= MAX_HEADER_CHARS and not text.endswith(_SENTENCE_END):
                seen.add(_key(text))
        if removed:
            page.furniture = page.furniture + [r.strip() for r in removed]
            page.text = clean_text("\n".join(keep))
