"""How often an action recurs: weekly, fortnightly, monthly, quarterly."""

from __future__ import annotations

import re

_B = r"(?<![\u0900-\u0963\u0966-\u097f])"
_PATTERNS = [
    (
        "weekly",
        rf"{_B}(?:साप्ताहिक|प्रति\s*सप्ताह|हर\s+सप्ताह|प्रत्येक\s+सप्ताह|हर\s+हफ्ते|हर\s+(?:सोमवार|मंगलवार|बुधवार|गुरुवार|शुक्रवार|शनिवार|रविवार)|प्रत्येक\s+(?:सोमवार|मंगलवार|बुधवार|गुरुवार|शुक्रवार|शनिवार|रविवार))",
    ),
    (
        "fortnightly",
        rf"{_B}(?:पाक्षिक|प्रत्येक\s+पखवाड़े|हर\s+पखवाड़े|हर\s+15\s+दिन|प्रत्येक\s+15\s+दिन|पंद्रह\s+दिन\s+में\s+एक\s+बार)",
    ),
    ("quarterly", rf"{_B}(?:त्रैमासिक|तिमाही|प्रत्येक\s+तीन\s+माह|हर\s+तीन\s+महीने)"),
    ("monthly", rf"{_B}(?:मासिक|प्रतिमाह|प्रति\s+माह|हर\s+माह|प्रत्येक\s+माह|हर\s+महीने|प्रत्येक\s+महीने|माहवार)"),
]
_COMPILED = [(kind, re.compile(rx)) for kind, rx in _PATTERNS]
# "2 करोड़ मासिक" is a rate inside a target, not a recurring action.
_AFTER_QUANTITY = re.compile(r"[0-9०-९]\s*(?:[\u0900-\u097f.]+\s+){0,2}$")


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
