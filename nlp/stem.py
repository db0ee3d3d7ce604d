"""A light Hindi suffix stemmer for search.

It strips one inflectional suffix (plural/oblique noun endings, adjective and common verb endings) so
that समिति / समितियों / समितियां, किसान / किसानों or सड़क / सड़कें share one index term. It works on
text already passed through ``nlp.normalize.fold`` (chandrabindu is then anusvara), never shortens a
word below two characters, and leaves Latin-script words alone. It over-stems some pairs (अधिकार /
अधिकारी); for recall-oriented search that is the cheaper error.
"""

from __future__ import annotations

from functools import lru_cache

# Longest first: the first suffix that leaves a long enough stem wins.
_SUFFIXES = sorted(
    {
        # plural / oblique nouns
        "ाइयों",
        "ाइयां",
        "ियों",
        "ियां",
        "ुओं",
        "ुएं",
        "ाओं",
        "ाएं",
        "ओं",
        "एं",
        "ों",
        "ें",
        "ां",
        "ीं",
        # verbs and participles
        "ाएंगे",
        "ाएंगी",
        "ाएगा",
        "ाएगी",
        "ेंगे",
        "ेंगी",
        "ेगा",
        "ेगी",
        "ाते",
        "ाती",
        "ाता",
        "ाना",
        "ाने",
        "ाया",
        "ाये",
        "ाई",
        "ाए",
        "ता",
        "ती",
        "ते",
        "ना",
        "ने",
        # single vowel signs (singular/plural -ा/-े/-ी, -ि of समिति)
        "ा",
        "ि",
        "ी",
        "ु",
        "ू",
        "े",
        "ो",
        "ै",
        "ौ",
        # derivational
        "ीकरण",
        "ीय",
    },
    key=len,
    reverse=True,
)
_MIN_STEM = 2
_DEVANAGARI = range(0x0900, 0x0980)


def is_devanagari(word: str) -> bool:
    return bool(word) and ord(word[0]) in _DEVANAGARI


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one folded word; Latin words and digits come back unchanged."""
    if not is_devanagari(word):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word
