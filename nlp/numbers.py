"""Numbers as officials write them: ASCII or Devanagari digits, Indian grouping, words."""

from __future__ import annotations

import re

from nlp.normalize import ascii_digits

DIGITS = "[0-9०-९]"
NUMBER = rf"{DIGITS}{{1,3}}(?:,{DIGITS}{{2,3}})*(?:\.{DIGITS}+)?|{DIGITS}+(?:\.{DIGITS}+)?"

NUMBER_WORDS: dict[str, int] = {
    "एक": 1,
    "दो": 2,
    "तीन": 3,
    "चार": 4,
    "पांच": 5,
    "पाँच": 5,
    "छह": 6,
    "छः": 6,
    "सात": 7,
    "आठ": 8,
    "नौ": 9,
    "दस": 10,
    "बारह": 12,
    "पंद्रह": 15,
    "पन्द्रह": 15,
    "बीस": 20,
    "पच्चीस": 25,
    "तीस": 30,
    "पैंतालीस": 45,
    "साठ": 60,
    "नब्बे": 90,
    "सौ": 100,
}
NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

SCALE_WORDS: dict[str, float] = {
    "सौ": 1e2,
    "हजार": 1e3,
    "हज़ार": 1e3,
    "लाख": 1e5,
    "करोड़": 1e7,
    "करोड": 1e7,
    "अरब": 1e9,
}

_GROUPING = re.compile(r"(?<=\d),(?=\d)")


def parse_number(text: str) -> float | None:
    """'1,200' → 1200, '२.५' → 2.5, 'पंद्रह' → 15; None when it is not a number."""
    text = text.strip()
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(_GROUPING.sub("", ascii_digits(text)))
    except ValueError:
        return None
