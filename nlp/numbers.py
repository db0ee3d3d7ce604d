"""Numbers as officials write them: ASCII or Devanagari digits, Indian grouping, words, scales.

Words and scales are data (``models/data/hi/number_words.tsv``). ``AMOUNT`` reads a whole written amount:
``8 लाख 62 हजार 767``, ``दो सौ``, ``डेढ़ लाख``, ``पांच-पांच करोड़`` (so much each), ``10-15`` (a range);
``parse_amount`` gives its value.
"""

from __future__ import annotations

import re
import unicodedata

from nlp.normalize import ascii_digits, fold
from nlp.patterns import LETTER
from nlp.vocab import alternation, column, rows

DIGITS = "[0-9०-९]"
NUMBER = rf"{DIGITS}{{1,3}}(?:,{DIGITS}{{2,3}})*(?:\.{DIGITS}+)?|{DIGITS}+(?:\.{DIGITS}+)?"


def _words(kind: str) -> dict[str, float]:
    """The words of ``number_words.tsv`` of one kind, each under its spellings (as written, NFC, NFD, folded)."""
    out: dict[str, float] = {}
    for word, value, row_kind, *_ in rows("number_words"):
        if row_kind == kind:
            for form in (word, unicodedata.normalize("NFC", word), unicodedata.normalize("NFD", word), fold(word)):
                out[form] = float(value)
    return out


NUMBER_WORDS: dict[str, int] = {w: int(v) for w, v in _words("count").items()}
NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
FRACTION_WORDS: dict[str, float] = _words("fraction")
SCALE_WORDS: dict[str, float] = _words("scale")

_B = rf"(?<![{LETTER}])"
_E = rf"(?![{LETTER}])"
_SCALE = alternation(list(SCALE_WORDS))
_MONTH = alternation(column("months"))
# "21वीं पशु गणना", "5वें दिन": an ordinal, not an amount
_NOT_ORDINAL = r"(?!(?:वीं|वां|वाँ|वें|वी|वा|वे)(?![\u0900-\u0963\u0966-\u097f]))"
_ONE = (
    rf"(?:(?:{NUMBER})(?![0-9०-९])(?!\s*[×x*]\s*[0-9०-९]){_NOT_ORDINAL}|{_B}(?:{alternation(list(NUMBER_WORDS))}){_E})"
)
_FRACTION = rf"{_B}(?:{alternation(list(FRACTION_WORDS))}){_E}"
# One amount: a number or a range or a repeated number ("10-15", "पांच-पांच"), then its scales
# ("8 लाख 62 हजार 767"); a fraction only before a scale ("डेढ़ लाख"). Never starts inside a word or
# right after a digit, a hyphen or a multiplication sign ("24×7", "2022-23", "सेक्टर-26").
AMOUNT = (
    rf"(?<![0-9०-९×x.@/-])(?:{_ONE}(?:\s*-\s*{_ONE})?|{_FRACTION}(?=\s*(?:{_SCALE})))"
    rf"(?:\s*(?:{_SCALE}){_E}(?:\s+(?:{NUMBER})\s*(?:{_SCALE}){_E})*(?:\s+{DIGITS}{{1,3}}(?![0-9०-९.,:/])(?!\s*(?:{_MONTH}){_E}))?)?"
)
_PART = re.compile(rf"{NUMBER}|{_B}[{LETTER}]+")

_GROUPING = re.compile(r"(?<=\d),(?=\d)")


def parse_number(text: str) -> float | None:
    """'1,200' → 1200, '२.५' → 2.5, 'पंद्रह' → 15; None when it is not a number."""
    text = text.strip()
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    if text in FRACTION_WORDS:
        return FRACTION_WORDS[text]
    try:
        return float(_GROUPING.sub("", ascii_digits(text)))
    except ValueError:
        return None


def has_scale(amount: str) -> bool:
    """Does the written amount hold a scale word after its number (``2 लाख``, ``दो सौ``; not ``सौ`` alone)?"""
    return any(part in SCALE_WORDS for part in _PART.findall(amount)[1:])


def parse_amount(text: str) -> float | None:
    """The value of a written amount: '8 लाख 62 हजार 767' → 862767, 'डेढ़ सौ' → 150, 'पांच-पांच करोड़' →
    5e7 (each), '10-15' → 15 (a range is read as its upper end); None when it holds no number."""
    _, sep, rest = text.partition("-")
    if sep:
        text = rest  # "पांच-पांच": the same number for each; "10-15 प्रतिशत": up to the upper end
    total, current = 0.0, None
    for part in _PART.findall(text):
        if part in SCALE_WORDS and current is not None:
            total += current * SCALE_WORDS[part]
            current = None
        else:
            value = parse_number(part)
            if value is None:
                return None
            if current is not None:
                total += current
            current = value
    if current is not None:
        total += current
    return total if total or current is not None else None
