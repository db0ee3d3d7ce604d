"""Which time expressions of a sentence may be its action's deadline (``extractors/steps.py`` asks first).

A date that says when the meeting or the note happened is no deadline even inside a directive sentence:
``आज दिनांक 25.05.2025 को … बैठक ली गई जिसमें … शीघ्र निराकरण करने हेतु निर्देशित किया गया``.
"""

from __future__ import annotations

import re

from nlp.dates import TimeExpression
from nlp.patterns import WORD_START

# "आज दिनांक 11/04/2025 को", "आज, 3 मार्च को": today, i.e. the meeting's own date
_TODAY_BEFORE = re.compile(rf"{WORD_START}आज\s*,?\s*$")


def deadline_candidates(expressions: list[TimeExpression], sentence: str) -> list[TimeExpression]:
    """``expressions`` without those that date the meeting itself."""
    return [e for e in expressions if not (e.kind == "on" and _TODAY_BEFORE.search(sentence, 0, e.start))]
