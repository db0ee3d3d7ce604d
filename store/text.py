"""Text normalisation used to match items across extractions."""

from __future__ import annotations

import re

from nlp.normalize import fold

_PUNCT = re.compile(r"[\s\u0964\u0965.,;:!?\"'()\[\]{}\-–—/|*•\u200b\ufeff]+")


def normalise(text: str | None) -> str:
    """The language layer's spelling fold, with punctuation and spacing collapsed."""
    return _PUNCT.sub(" ", fold(text or "")).strip()


def trigrams(text: str) -> set[str]:
    s = text.replace(" ", "_")
    return {s[i : i + 3] for i in range(max(0, len(s) - 2))}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of character trigrams of two normalised strings."""
    ga, gb = trigrams(a), trigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)
