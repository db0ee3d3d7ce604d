"""How often an action recurs: weekly, fortnightly, monthly, quarterly."""

from __future__ import annotations

import re

from nlp.normalize import fold
from nlp.numbers import SCALE_WORDS
from nlp.vocab import alternation, column, rows

_B = r"(?<![\u0900-\u0963\u0966-\u097f])"
_KINDS = ("weekly", "fortnightly", "quarterly", "monthly")  # tried in this order: "माह में दो बार" before "माह"


def _pattern(kind: str) -> re.Pattern[str]:
    """The phrases of ``recurrence_words.tsv`` for ``kind`` (and "हर सोमवार" for weekly) as one regex."""
    phrases = [v for r in rows("recurrence_words") if r[1:2] == (kind,) for v in (r[0], fold(r[0]))]
    every_day = rf"|(?:हर|प्रत्येक|प्रति)\s+(?:{alternation(column('weekdays'))})" if kind == "weekly" else ""
    return re.compile(rf"{_B}(?:{alternation(phrases)}{every_day})")


_COMPILED = [(kind, _pattern(kind)) for kind in _KINDS]
# "2 करोड़ मासिक" is a rate inside a target, not a recurring action.
_AFTER_QUANTITY = re.compile(
    rf"[0-9०-९]\s*(?:(?:{alternation([*SCALE_WORDS, *column('units')])})\s*)*(?:प्रति\s+)?$"
)  # "2 करोड़ मासिक", "500 एमटी प्रतिमाह": a number with its scale or unit only, not "20 केंद्रों का प्रतिमाह"


# What a recurrence word may name rather than qualify an action: a (review) meeting, a salary, an instalment.
_NAMED_THING = re.compile(r"\s*(?:(?:समीक्षा|प्रगति)\s+)?(?:बैठक|वेतन|पेंशन|किस्त)")


def find_recurrence(sentence: str) -> str | None:
    for kind, rx in _COMPILED:
        for m in rx.finditer(sentence):
            if kind == "monthly" and _AFTER_QUANTITY.search(sentence[: m.start()]):
                continue
            if _NAMED_THING.match(sentence, m.end()):
                continue  # "मासिक बैठक", "साप्ताहिक समीक्षा बैठक आयोजित की गई" name a meeting, not what to do
            return kind
    return None
