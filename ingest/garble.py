"""Measure how garbled a text layer is, without a word list.

A text layer can decode "cleanly" yet wrongly: shaped glyph runs mapped back to the wrong characters
leave control characters, stray ASCII symbols inside Devanagari words and matras in impossible places.
The score is the share of Devanagari-bearing words that break Unicode syllable structure, plus a
heavy penalty for characters that never belong in running text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# Dependent vowel signs (matras) incl. nukta-era and vocalic ones, and other combining marks.
_MATRA = {0x093A, 0x093B, 0x094E, 0x094F, 0x0955, 0x0956, 0x0957, 0x0962, 0x0963} | set(range(0x093E, 0x094D))
_SIGN = {0x0900, 0x0901, 0x0902, 0x0903}  # candrabindu, anusvara, visarga
_VIRAMA = 0x094D
_NUKTA = 0x093C
_CONSONANT = set(range(0x0915, 0x093A)) | set(range(0x0958, 0x0960)) | {0x0978, 0x0979, 0x097A, 0x097B}
_JOINERS = {0x200C, 0x200D}
_EDGE_PUNCT = "\"'“”‘’()[]{}<>,.;:!?।॥-–—/|*•·…%"
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]|\(cid:\d+\)")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
#: Pages scoring above this are treated as garbled and sent to OCR (dev set: good ≤ 0.01, garbled ≥ 0.2).
GARBLE_THRESHOLD = 0.08


_ORDINAL_DATA = Path(__file__).parent / "data" / "ordinal_suffixes.txt"
_LEADING_NUMBER = re.compile(r"^[0-9\u0966-\u096f]+")
#: A Latin zero written as the abbreviation mark after a letter (ह0/-, उ0प्र0, जि0), as typed minutes do.
ABBREVIATION_ZERO = re.compile(r"(?<=[\u0900-\u097f])0(?![0-9])")


@lru_cache(maxsize=1)
def ordinal_suffixes() -> frozenset[str]:
    """Endings of an ordinal written after its number (the data file, comments and blanks dropped)."""
    lines = (line.split("#", 1)[0].strip() for line in _ORDINAL_DATA.read_text(encoding="utf-8").splitlines())
    return frozenset(unicodedata.normalize("NFC", w) for w in lines if w)


def _is_deva_letterish(cp: int) -> bool:
    return 0x0900 <= cp <= 0x097F or cp in _JOINERS


# "११:००", "3:30": a clock time, digits about a colon
_CLOCK = re.compile(r"[0-9\u0966-\u096f]{1,2}:[0-9\u0966-\u096f]{2}")


@lru_cache(maxsize=65536)  # running text repeats its words; this check was a quarter of text-PDF ingest time
def word_is_invalid(word: str) -> bool:
    """True when a Devanagari word cannot be a well-formed sequence of syllables."""
    core = word.strip(_EDGE_PUNCT)
    if not core or _CLOCK.fullmatch(core):
        return False  # "११:००" (पूर्वाह्न ११:०० बजे): a time of day in Devanagari digits
    # Abbreviations such as डी.पी. or उ0प्र0 and hyphenated compounds are split and checked part by part.
    parts = [p for p in re.split(r"[.\-–/]", ABBREVIATION_ZERO.sub(".", core)) if p]
    return any(_part_invalid(p) for p in parts)


def _part_invalid(part: str) -> bool:
    if not _DEVANAGARI.search(part):
        return False
    number = _LEADING_NUMBER.match(part)
    if number and unicodedata.normalize("NFC", part[number.end() :]) in ordinal_suffixes():
        return False  # an ordinal: 10वीं, 5वें
    prev: int | None = None
    for ch in part:
        cp = ord(ch)
        if not _is_deva_letterish(cp):
            # Digits/Latin glued inside a Devanagari word (e.g. "दि"ए", "परिर्तित4त").
            return True
        if cp in _MATRA:
            if prev is None or prev in _MATRA or prev == _VIRAMA or prev in _SIGN:
                return True
        elif cp == _VIRAMA:
            if prev is None or not (prev in _CONSONANT or prev == _NUKTA):
                return True
        elif cp == _NUKTA:
            if prev is None or prev not in _CONSONANT:
                return True
        elif cp in _SIGN and prev is None:
            return True
        prev = cp
    return False


def garble_score(text: str) -> float:
    """0.0 for clean text; higher is worse. Roughly the share of broken Devanagari words."""
    text = unicodedata.normalize("NFC", text)
    bad_chars = len(_BAD_CHARS.findall(text))
    words = [w for w in text.split() if _DEVANAGARI.search(w)]
    if not words:
        return 1.0 if bad_chars else 0.0
    invalid = sum(1 for w in words if word_is_invalid(_BAD_CHARS.sub("\x07", w)))
    return min(1.0, (invalid + bad_chars) / len(words))
