"""Declared extraction steps: each fills named fields of an action-item draft, in a fixed order.

``STEPS`` is the order (data, not code paths): every step says which contract fields it fills, and
``tests/extractors/test_steps.py`` checks that every field of ``core.contract.ExtractedItem`` has exactly one
filler. A step never overwrites a field that the caller preset (a table row gives its own responsible
officers and time limit).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from extractors.deadlines import deadline_candidates
from extractors.people import Person, PersonMention
from extractors.recurrence import find_recurrence
from extractors.responsible import find_responsible, without_issuer
from extractors.second_opinion import calibrated, review_below
from extractors.targets import find_targets
from models.gazetteer import Gazetteer
from nlp.dates import TimeExpression, find_time_expressions
from nlp.patterns import WORD_START
from nlp.sentences import TERMINATORS

# When a sentence holds several time expressions, the deadline is the one that binds the action.
_DEADLINE_PREFERENCE = {
    "by": 0,
    "within": 1,
    "from": 2,
    "immediate": 3,
    "on": 4,
    "before_next_meeting": 5,
    "unresolved": 5,
    "soon": 6,
    "recurring": 7,
}
_DATELINE_BEFORE = re.compile(r"\s*[\u0900-\u097f]+(?:\s+[\u0900-\u097f]+)?\s*[,।]\s*")
# "… करें ताकि … शीघ्र …": a time inside a purpose clause is not when the action is due.
_PURPOSE = re.compile(rf"{WORD_START}(?:ताकि|जिससे|जिससे\s+कि|ताकी)\s")
_THAT = re.compile(rf"{WORD_START}कि\s+")
# "15 जून को प्रस्तावित दौरे को लेकर … निर्देश दिए": a date inside the topic of the directions dates the event
# they are about, not the action.
_TOPIC_AFTER = re.compile(
    r"(?:(?!\s(?:करने|करें|कराएं|किया|किए|की\s+जाए)\s)[^,।]){0,80}?\s"
    r"(?:को\s+लेकर|के\s+(?:संबंध|सम्बन्ध|संदर्भ|बारे)\s+में|के\s+(?:मद्देनजर|मद्देनज़र|दृष्टिगत))\s"
)
_COMMA = re.compile(r"\s*,")
_EVERY_BEFORE = re.compile(r"(?:हर|प्रत्येक|प्रति)\s*$")
# "15 दिन में एक बार": how often; but "15 मार्च से पूर्व एक बार", "होली से पहले एक बार": once, by that time
_TIMES_AFTER = re.compile(r"(?<!पूर्व)(?<!पहले)\s*(?:एक|दो|1|2)\s+बार")
# A directive whose subject is a bare third- or second-person pronoun, at the start or right after कि
# ("वे … करें", "आप स्वयं … करेंगे"), or whose addressee is a pronoun right after the agent ("उन्होंने उन्हें
# … करने का निर्देश दिया"): the addressee named before.
_PRONOUN_SUBJECT = re.compile(
    r"(?:^|\sकि\s+)(?:वह|वे|आप)\s"
    # "मुख्य सचिव ने सभी को … निर्देश दिए": everyone present, the addressees named before
    r"|(?:^|\sने|उन्होंने|उन्होने|इन्होंने)\s*(?:भी\s+)?(?:उन्हें|उन्हे|इन्हें|इन्हे|उनसे|इनसे|आपको|आपसे|सभी\s+को|सभी\s+से)\s"
)


def needs_review(confidence: float) -> bool:
    """Is an item of this calibrated confidence shown for review? (threshold: models/data/second_opinion.json)"""
    return confidence < review_below()


def choose_deadline(expressions: list[TimeExpression], sentence: str = "") -> TimeExpression | None:
    """The expression that binds the action: not one inside a purpose clause; ``तक`` before ``से`` …"""
    expressions = deadline_candidates(expressions, sentence)
    purpose = _PURPOSE.search(sentence)
    if purpose:
        expressions = [e for e in expressions if e.start < purpose.start()]
    # "चंडीगढ़, 4 मई – … ने बताया कि …": a dateline opening the sentence dates the note, not the action
    expressions = [e for e in expressions if not (e.kind == "on" and _DATELINE_BEFORE.fullmatch(sentence[: e.start]))]
    expressions = [e for e in expressions if not (e.kind == "on" and _TOPIC_AFTER.match(sentence, e.end))]
    # "4 जुलाई को, मुख्य सचिव ने …": a date opening the sentence before a comma dates the meeting
    expressions = [
        e
        for e in expressions
        if not (e.kind == "on" and not sentence[: e.start].strip() and _COMMA.match(sentence, e.end))
    ]
    # "प्रत्येक तीन माह में", "15 दिन में एक बार": how often, not by when
    expressions = [
        e
        for e in expressions
        if not (_EVERY_BEFORE.search(sentence, 0, e.start) or _TIMES_AFTER.match(sentence, e.end))
    ]
    if not expressions:
        return None
    return min(expressions, key=lambda e: (_DEADLINE_PREFERENCE.get(e.kind, 9), e.start))


def action_clause(sentence: str, cue_end: int) -> str:
    """The thing to do: the clause after कि when there is one, else the sentence."""
    m = _THAT.search(sentence)
    clause = sentence[m.end() :] if m and m.start() < max(cue_end, 1) + 200 else sentence
    return clause.strip().rstrip(TERMINATORS + ". ").strip()


def deadline_dict(e: TimeExpression | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"text": e.text, "date": e.date, "kind": e.kind}


@dataclass
class ItemDraft:
    """What the steps read (the sentence and its context) and the fields they fill."""

    item_id: str
    page: int
    start: int
    end: int
    text: str
    issuer: Person | None
    issuer_span: tuple[int, int] | None
    mentions: list[PersonMention]
    cue_end: int
    cue_confidence: float
    meeting_date: date | None
    gazetteer: Gazetteer
    pronoun_addressee: Callable[[Person | None], list[dict[str, Any]]]
    expressions: list[TimeExpression] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)


def identity(d: ItemDraft) -> None:
    d.fields.update(id=d.item_id, text=d.text, evidence={"page": d.page, "start": d.start, "end": d.end})


def action(d: ItemDraft) -> None:
    d.fields["action"] = action_clause(d.text, d.cue_end)


def issuer(d: ItemDraft) -> None:
    d.fields["issued_by"] = d.issuer.as_dict() if d.issuer else None


def responsible(d: ItemDraft) -> None:
    found = find_responsible(d.text, d.gazetteer, d.mentions, d.issuer_span)
    found = without_issuer(found, d.issuer.as_dict() if d.issuer else None, d.issuer_span, d.text)
    if not found and _PRONOUN_SUBJECT.search(d.text):
        found = d.pronoun_addressee(d.issuer)
    d.fields["responsible"] = found


def deadline(d: ItemDraft) -> None:
    d.fields["deadline"] = deadline_dict(choose_deadline(d.expressions, d.text))


def recurrence(d: ItemDraft) -> None:
    d.fields["recurrence"] = find_recurrence(d.text)


def targets(d: ItemDraft) -> None:
    d.fields["targets"] = find_targets(d.text, [(e.start, e.end) for e in d.expressions])


def confidence(d: ItemDraft) -> None:
    """The probability that the item is a correct directive, calibrated from the cue's confidence and
    whether the item names who issued it and who must act (the second opinion, when on, adds its
    probability later: extractors/second_opinion.py)."""
    d.fields["confidence"] = calibrated(d.cue_confidence, d.issuer is not None, bool(d.fields.get("responsible")))


# (name, fields it fills, step), in order: confidence reads what the steps before it filled.
STEPS: tuple[tuple[str, tuple[str, ...], Callable[[ItemDraft], None]], ...] = (
    ("identity", ("id", "text", "evidence"), identity),
    ("action", ("action",), action),
    ("issuer", ("issued_by",), issuer),
    ("responsible", ("responsible",), responsible),
    ("deadline", ("deadline",), deadline),
    ("recurrence", ("recurrence",), recurrence),
    ("targets", ("targets",), targets),
    ("confidence", ("confidence",), confidence),
)


def run_steps(d: ItemDraft, preset: dict[str, Any] | None = None) -> dict[str, Any]:
    """Fill the draft's fields step by step; fields in ``preset`` are kept as given."""
    d.expressions = find_time_expressions(d.text, d.meeting_date)
    d.fields.update(preset or {})
    given = set(d.fields)
    for _name, fills, step in STEPS:
        if all(f in given for f in fills):
            continue
        step(d)
        for f in given & set(fills):
            d.fields[f] = (preset or {})[f]
    return {f: d.fields[f] for _, fills, _ in STEPS for f in fills}
