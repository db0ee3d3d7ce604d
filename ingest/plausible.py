"""Is a page's text layer plausible Hindi? A measure of split and duplicated Devanagari clusters.

``ingest.garble`` catches text layers that break Unicode syllable structure. Some producers' text layers
are well-formed character by character yet wrong as words, and the engines differ in how they go wrong:

- a syllable repeated after its word (``बैठक बै``): Chromium's Skia wraps each multi-glyph cluster in a
  ``/Span <</ActualText …>>`` and PDFium emits the span's text as well as the glyphs' own;
- a cluster split by a space (``कें द्र``, ``सेन्ट्र ल``) or a vowel sign after a space (``दे ंतो``):
  a reader that places glyphs by their boxes cuts a word where a pre-base matra or a wide conjunct
  makes a gap.

Both leave lone syllables that Hindi does not write as words. The measure is the share of Devanagari
words that are invalid (``garble.word_is_invalid``) or a lone syllable not in the short-word list
(``ingest/data/short_words.txt``; a repeated ``बै`` or a split-off ``द्र`` is such a syllable).
It is 0.0 on the project's corpus texts and rises with every broken word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ingest.garble import word_is_invalid

_DATA = Path(__file__).parent / "data" / "short_words.txt"
_EDGE = "\"'“”‘’()[]{}<>,.;:!?।॥-–—/|*•·…%"
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_CONSONANT = re.compile(r"[\u0915-\u0939\u0958-\u095f\u0978-\u097f]")
_INDEPENDENT_VOWEL = re.compile(r"[\u0904-\u0914\u0960\u0961\u0972-\u0977]")
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]|\(cid:\d+\)")
_VIRAMA = "\u094d"
_DIGIT = re.compile(r"[0-9\u0966-\u096f]")
# "डी.पी.", "ह/-" (हस्ताक्षरित under a signature): a word cut short on purpose, a dot or a "/-" after it
_ABBREVIATED = re.compile(r"\.|/-")


@lru_cache(maxsize=1)
def short_words() -> frozenset[str]:
    """One-syllable words Hindi writes on their own (the data file, comments and blanks dropped)."""
    words = (line.split("#", 1)[0].strip() for line in _DATA.read_text(encoding="utf-8").splitlines())
    return frozenset(unicodedata.normalize("NFC", w) for w in words if w)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Aksharas in ``word``: consonants not joined by a virama to the one before, and independent vowels."""
    count = len(_INDEPENDENT_VOWEL.findall(word))
    prev = ""
    for ch in word:
        if _CONSONANT.match(ch) and prev != _VIRAMA:
            count += 1
        prev = ch
    return count


def suspicious_words(text: str) -> tuple[int, int]:
    """(suspicious, total) Devanagari words of ``text`` (see the module docstring)."""
    text = unicodedata.normalize("NFC", text)
    known = short_words()
    suspicious = total = 0
    for raw in text.split():
        word = raw.strip(_EDGE)
        if not word or not _DEVANAGARI.search(word):
            continue
        total += 1
        if word_is_invalid(_BAD_CHARS.sub("\x07", word)):
            suspicious += 1
        elif (
            _ABBREVIATED.search(raw) is None and not _DIGIT.search(word) and syllables(word) <= 1 and word not in known
        ):
            suspicious += 1  # a lone syllable: split from its word, or repeating the start of the one before
    return suspicious, total


def implausibility(text: str) -> float:
    """0.0 for text that reads as Hindi words; roughly the share of broken words otherwise."""
    bad_chars = len(_BAD_CHARS.findall(text))
    suspicious, total = suspicious_words(text)
    if not total:
        return 1.0 if bad_chars else 0.0
    return min(1.0, (suspicious + bad_chars) / total)
