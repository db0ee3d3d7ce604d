"""Unicode normalisation for Hindi text.

Two levels:
- ``clean_text`` (defined with the readers in ``ingest.text``) is applied to page
  text before anything else. Evidence offsets point into its output, so it only
  does what a reader would not notice (NFC, invisible characters, odd spaces).
- ``fold`` is for matching only (search, gazetteers, comparing sentences): it
  folds spelling variants that officials use interchangeably, so two spellings
  of one word compare equal. Its output is never shown.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.text import clean_text

__all__ = ["DEVANAGARI_DIGITS", "ascii_digits", "clean_text", "fold", "vowel_length_slips"]

DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")

# Nasal consonant + virama before a consonant of the same class is written as
# anusvara just as often: दिसम्बर / दिसंबर, कम्प्यूटर / कंप्यूटर.
_NASAL_CLUSTER = re.compile("[ङञणनम]\u094d(?=[क-ह])")
_NUKTA = "\u093c"
_ZWJ_ZWNJ = re.compile("[\u200c\u200d]")


def fold(text: str) -> str:
    """Fold spelling variants for matching: nukta, chandrabindu, nasal clusters, digits, case."""
    text = unicodedata.normalize("NFD", text)
    text = text.replace(_NUKTA, "")
    text = unicodedata.normalize("NFC", text)
    text = _ZWJ_ZWNJ.sub("", text)
    text = text.replace("\u0901", "\u0902")  # chandrabindu → anusvara
    text = _NASAL_CLUSTER.sub("\u0902", text)
    text = text.translate(DEVANAGARI_DIGITS)
    return text.lower()


def ascii_digits(text: str) -> str:
    """Devanagari digits to ASCII; same length, so offsets stay valid."""
    return text.translate(DEVANAGARI_DIGITS)


_VOWEL_LENGTH = {"ि": "ी", "ी": "ि", "ु": "ू", "ू": "ु"}


def vowel_length_slips(word: str) -> list[str]:
    """``word`` with one vowel sign of its stem written at the other length (``निरीक्षक`` → ``निरिक्षक``), for
    words of six letters or more: a slip outlets make, which no other post is spelt as."""
    if len(word) < 6:
        return []
    return [
        word[:i] + _VOWEL_LENGTH[ch] + word[i + 1 :]
        for i, ch in enumerate(word)
        if ch in _VOWEL_LENGTH and 0 < i < len(word) - 1
    ]
