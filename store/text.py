"""Text normalisation used to match items across extractions."""

from __future__ import annotations

import re
import unicodedata

_ZW = re.compile("[\u200b\u200c\u200d\ufeff]")
_PUNCT = re.compile(r"[\s\u0964\u0965.,;:!?\"'()\[\]{}\-–—/|*•]+")
_DEV_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


def normalise(text: str | None) -> str:
    """NFC, no zero-width characters, ASCII digits, punctuation and spacing collapsed, lower case."""
    s = unicodedata.normalize("NFC", text or "")
    s = _ZW.sub("", s).translate(_DEV_DIGITS)
    return _PUNCT.sub(" ", s).strip().lower()


def trigrams(text: str) -> set[str]:
    s = text.replace(" ", "_")
    return {s[i : i + 3] for i in range(max(0, len(s) - 2))}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of character trigrams of two normalised strings."""
    ga, gb = trigrams(a), trigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)
