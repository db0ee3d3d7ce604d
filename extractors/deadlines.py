"""Which time expressions of a sentence may be its action's deadline (``extractors/steps.py`` asks first).

A date that says when the meeting or the note happened is no deadline even inside a directive sentence:
``आज दिनांक 25.05.2025 को … बैठक ली गई जिसमें … शीघ्र निराकरण करने हेतु निर्देशित किया गया``; nor is a
dateline opening the sentence (``26 दिसम्बर 2025- कलेक्टर ने …``, ``date 2025-09-25 उपराज्यपाल ने …``), nor the
date of the cases' own event in a relative clause (``… जिनका शीघ्र लोकार्पण प्रस्तावित है``), nor a weekday's date in
brackets that dates the report (``… ने बुधवार (28 जून) को … निर्देश जारी किए``), nor the date of an event inside
the object (``मतदाताओं को 20 मई को वोट डालने के लिए प्रेरित करें``), nor a span of years naming records or a period
(``2010 से 2018 तक की गोपनीय रिपोर्ट 30 अप्रैल तक भेजें``) when a later time in the sentence is the deadline, nor
the date of a scheduled event stated as a fact (``मंत्री का 13 मार्च को दौरा प्रस्तावित है और सभी विभाग …``).
"""

from __future__ import annotations

import re

from nlp.dates import WEEKDAY_WORDS, TimeExpression
from nlp.patterns import LETTERS, WORD_END, WORD_START

# "आज दिनांक 11/04/2025 को", "आज, 3 मार्च को": today, i.e. the meeting's own date
_TODAY_BEFORE = re.compile(rf"{WORD_START}आज\s*,?\s*$")
# Before a dateline: nothing, or a Latin label and punctuation ("date", "Dated:", "Updated |").
_DATELINE_LABEL = re.compile(r"[\sA-Za-z.:|\-–—]*")


_WORDS_AFTER = re.compile(rf"\W*{LETTERS}")
# "… परियोजनाओं की सूची बनाएं जिनका शीघ्र लोकार्पण प्रस्तावित है", "पखवाड़ा जो कि माह मार्च में चलाया जाएगा":
# a date or a "soon" inside a relative clause says when the cases' own event happens, not when the action is due.
# The clause is still open: no comma, danda, finite verb, correlative or agent between it and the time ("जो
# लाभार्थी छूट गए हैं उनका शीघ्र सत्यापन हो" is due soon); "बैठक …, जिसमें उपायुक्त ने … जल्द …" is the report itself.
_RELATIVE_OPEN = re.compile(
    rf"{WORD_START}(?:जिनका|जिनकी|जिनके|जिसका|जिसकी|जिसके|जो)\s+(?:कि\s+)?"
    rf"(?:(?!{WORD_START}(?:है|हैं|था|थी|थे|हो|हों|गए|गये|गई|गयी|गया|रहे|रही|रहा|हुए|हुई|हुआ|उन्हें|उनका|उनकी|उनके|उनसे"
    rf"|उसे|उसका|उसकी|उसके|वहां|वहाँ|तो|ने|द्वारा|निर्देश){WORD_END})[^,;।|]){{0,60}}$"
)
_IN_RELATIVE_KINDS = frozenset({"on", "soon"})
# "… कार्यालय ने बुधवार (28 जून) को … निर्देश जारी किए": a date in brackets after a weekday, before any कि, says
# when the report's event happened.
_WEEKDAY_BRACKET = re.compile(rf"{WORD_START}(?:{WEEKDAY_WORDS})\s*\(\s*$")
_BRACKET_THEN_ON = re.compile(r"\s*\)\s*को(?![\u0900-\u097f])")
_THAT = re.compile(rf"{WORD_START}कि\s")


# "20 मई को वोट डालने के लिए प्रेरित करें": a date right before a purpose infinitive is when that event happens, not
# when the action is due ("7 दिसंबर को होने वाली बैठक की सूचना दें" is left alone: the gold takes the meeting's day).
_EVENT_OF_OBJECT = re.compile(rf"\s*(?:{LETTERS}+\s+)?{LETTERS}+ने\s+(?:के\s+लिए|के\s+लिये|हेतु){WORD_END}")
# "मंत्री का 13 मार्च को शिलाई प्रवास प्रस्तावित है और … तैयारियां पूरी करें": the date of a scheduled event stated as a fact
_SCHEDULED_AFTER = re.compile(rf"[^,;।|]{{0,50}}?\sप्रस्तावित\s+(?:है|हैं){WORD_END}")
# "वर्ष 2010 से 2018 तक": a span of years (the records' or a scheme's period)
_YEAR_SPAN_BEFORE = re.compile(r"(?<![0-9०-९])[0-9०-९]{4}\s*(?:से|-|–)\s*$")
_YEAR_BY = re.compile(r"(?:वर्ष\s+)?[0-9०-९]{4}\s+तक")


def _year_span(e: TimeExpression, sentence: str, later: list[TimeExpression]) -> bool:
    return (
        bool(_YEAR_BY.fullmatch(e.text))
        and bool(_YEAR_SPAN_BEFORE.search(sentence, max(0, e.start - 12), e.start))
        and any(o.start >= e.end for o in later)
    )


def _report_date(e: TimeExpression, sentence: str) -> bool:
    return (
        e.kind == "on"
        and bool(_WEEKDAY_BRACKET.search(sentence, max(0, e.start - 20), e.start))
        and bool(_BRACKET_THEN_ON.match(sentence, e.end))
        and not _THAT.search(sentence, 0, e.start)
    )


def _dateline(e: TimeExpression, sentence: str) -> bool:
    """A date with no postposition (``को`` binds it to the action) that opens a sentence going on in Hindi (a
    table's date cell, read alone, is its row's deadline)."""
    return (
        e.kind == "on"
        and not e.text.endswith("को")
        and bool(_DATELINE_LABEL.fullmatch(sentence, 0, e.start))
        and bool(_WORDS_AFTER.match(sentence, e.end))
    )


def deadline_candidates(expressions: list[TimeExpression], sentence: str) -> list[TimeExpression]:
    """``expressions`` without those that date the meeting itself."""
    return [
        e
        for e in expressions
        if not (e.kind == "on" and _TODAY_BEFORE.search(sentence, 0, e.start))
        and not (
            e.kind == "on" and (_EVENT_OF_OBJECT.match(sentence, e.end) or _SCHEDULED_AFTER.match(sentence, e.end))
        )
        and not _year_span(e, sentence, expressions)
        and not _dateline(e, sentence)
        and not _report_date(e, sentence)
        and not (e.kind in _IN_RELATIVE_KINDS and _RELATIVE_OPEN.search(sentence, max(0, e.start - 90), e.start))
    ]
