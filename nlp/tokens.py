"""Tokenisation with spaCy's Hindi language class.

spaCy's blank Hindi tokenizer splits dotted abbreviations (डी.पी. → डी . पी .);
officialese is full of them, so initials and common abbreviations are added as
special cases and a token-match rule keeps any run of dotted aksharas whole.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language

_DOTTED = re.compile(r"^(?:[\u0900-\u097f]{1,3}\.){1,6}$")
_COMMON = ["डॉ.", "श्री.", "सं.", "क्र.", "क्र.सं.", "पृ.", "नं.", "मो.", "रु.", "कि.मी.", "मी.टन", "आई.टी.", "डी.पी."]


@lru_cache(maxsize=1)
def hindi_nlp() -> Language:
    """A blank Hindi pipeline (no model download) whose tokenizer respects dotted abbreviations."""
    nlp = spacy.blank("hi")
    for abbr in _COMMON:
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    default_match = nlp.tokenizer.token_match

    def token_match(text: str) -> bool:
        return bool(_DOTTED.match(text)) or bool(default_match and default_match(text))

    nlp.tokenizer.token_match = token_match
    return nlp


def tokenize(text: str) -> list[str]:
    return [t.text for t in hindi_nlp().tokenizer(text)]
