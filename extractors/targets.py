"""Numeric and measurable targets: ``शत-प्रतिशत``, ``80 प्रतिशत``, ``2 करोड़``, ``500 एमटी``."""

from __future__ import annotations

import re

from nlp.numbers import NUMBER, NUMBER_WORD, NUMBER_WORDS, SCALE_WORDS, parse_number
from nlp.patterns import LETTERS
from nlp.vocab import is_in, rows

_UNITS: dict[str, str] = {written: unit for written, unit, *_ in rows("units")}
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_SCALE = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))
# number words from two up count things ("पांच महिलाओं"); "एक" is an article as often as a number
_COUNT_WORD = "|".join(sorted((w for w, n in NUMBER_WORDS.items() if n >= 2), key=len, reverse=True))
_HUNDRED = re.compile(r"(?<![\u0900-\u0963\u0966-\u097f])शत\s*-?\s*प्रतिशत(?![\u0900-\u0963\u0966-\u097f])")
_QUANTITY = re.compile(
    rf"(?:₹\s*)?(?P<num>{NUMBER})\s*(?P<scale>{_SCALE})?\s*(?P<unit>{_UNIT})?"
    rf"(?:\s+(?P<per>मासिक|प्रतिमाह|प्रति\s+माह|वार्षिक|प्रतिवर्ष|प्रतिदिन|प्रति\s+दिन))?(?![\u0900-\u0963\u0966-\u097f0-9])"
)
# "10 नई समितियां", "25 शिविर": a count of things to create or cover.
_COUNT = re.compile(
    rf"(?P<num>{NUMBER})\s+(?P<what>(?:नई|नए|नवीन|अतिरिक्त)\s+[\u0900-\u097f]+|(?:[\u0900-\u097f]+\s+)?[\u0900-\u097f]+(?:ों|ें|ियां|ियाँ|ाएं|ाएँ|ओं))"
    r"(?![\u0900-\u0963\u0966-\u097f])"
)
# "40 जागरूकता शिविर आयोजित किए जाएं", "15 नए ड्रोन खरीदे जाएं": a count and its noun right before the passive.
_PASSIVE_VERB = (
    rf"(?:{LETTERS}+\s+)?(?:(?:किए|किये|की|किया|कराए|कराई|कराया)\s+)?"
    r"(?:जाएं|जाएँ|जाए|जायें|जाये|जाएंगे|जाएंगी|जाएगा|जाएगी)(?![\u0900-\u0963\u0966-\u097f])"
)
# "200 पौधे प्रति सरोवर": a count of things per unit.
_RATE = r"(?:प्रति|हर)\s+[\u0900-\u097f]+"
# "18 घंटे बिजली आपूर्ति", "24 घंटे निगरानी": hours of a service (a measure), not a time limit (``48 घंटे में``).
_HOURS_OF = re.compile(
    rf"(?<![0-9०-९×x.])(?P<num>{NUMBER}|(?<![\u0900-\u0963\u0966-\u097f])(?:{_COUNT_WORD}))\s+(?:घंटे|घण्टे)\s+(?!(?:में|के|की|का|तक|से|पहले|पूर्व|बाद|भीतर|अंदर|अन्दर)(?![\u0900-\u097f])){LETTERS}"
)
# "12 हैंडपंप की मरम्मत", "2 लाख लंबित आवासों की स्वीकृति": a count and its noun before a postposition.
_COUNT_NOUN = re.compile(
    rf"(?<![0-9०-९×x.])(?P<num>{NUMBER}|(?<![\u0900-\u0963\u0966-\u097f])(?:{_COUNT_WORD})(?![\u0900-\u0963\u0966-\u097f]))\s*(?:(?P<scale>{_SCALE})\s+)?(?P<what>(?:{LETTERS}+\s+){{0,2}}?{LETTERS}+)"
    r"\s+(?:(?:की|के|का|को|में|पर|से)(?![\u0900-\u0963\u0966-\u097f])|(?=" + _PASSIVE_VERB + ")|(?=" + _RATE + "))"
)
_POSTPOSITIONS = frozenset({"में", "से", "को", "पर", "के", "की", "का", "तक"})
# A number after these words is a label, not a count: "धारा 24", "वार्ड 12".
_LABEL_BEFORE = re.compile(r"(?:धारा|क्रमांक|संख्या|वार्ड|नंबर|नम्बर|कक्ष|सेक्टर|पैरा|बिंदु|अनुच्छेद)\s*$")
# "कम से कम 20 आपदा मित्र", "न्यूनतम दस शिविर": a stated minimum is a target whatever follows.
_AT_LEAST = re.compile(
    rf"(?:कम\s+से\s+कम|न्यूनतम|अधिकतम|लगभग)\s+(?P<num>{NUMBER}|{NUMBER_WORD})\s+(?P<what>(?:[\u0900-\u097f]+\s+){{0,2}}[\u0900-\u097f]+)"
)


def find_targets(sentence: str, exclude: list[tuple[int, int]]) -> list[dict[str, object]]:
    """Targets in ``sentence``, skipping spans in ``exclude`` (deadline dates)."""
    out: list[dict[str, object]] = []
    taken: list[tuple[int, int]] = list(exclude)

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _AT_LEAST.finditer(sentence):
        if not free(*m.span()):
            continue
        words = m["what"].split()
        # stop the noun phrase at the first postposition or verb-like word
        kept: list[str] = []
        for w in words:
            if w in {"का", "की", "के", "को", "में", "से", "पर", "तक", "एवं", "तथा", "और", "हो", "हों"}:
                break
            if kept and w.endswith(("ित", "ने", "ना", "ाएं", "ाएँ", "ें")):  # a participle or verb ends the phrase
                break
            kept.append(w)
        text = sentence[m.start() : m.start("what")] + " ".join(kept)
        out.append({"text": text.strip(), "value": parse_number(m["num"]), "unit": kept[-1] if kept else None})
        taken.append((m.start(), m.start() + len(text)))
    for m in _HUNDRED.finditer(sentence):
        out.append({"text": m.group(0), "value": 100.0, "unit": "%"})
        taken.append(m.span())
    for m in _COUNT_NOUN.finditer(sentence):
        what = m["what"].split()
        if not free(m.start(), m.end("what")) or _LABEL_BEFORE.search(sentence[: m.start()]):
            continue
        if any(w in _UNITS or is_in(w, "duration_units") or is_in(w, "months") or is_in(w, "not_count") for w in what):
            continue
        value = parse_number(m["num"])
        if value is not None and m["scale"]:
            value *= SCALE_WORDS[m["scale"]]
        out.append({"text": sentence[m.start() : m.end("what")], "value": value, "unit": what[-1]})
        taken.append((m.start(), m.end("what")))
    for m in _HOURS_OF.finditer(sentence):
        end = m.end() - 1  # the number and घंटे, not the first letter of the service
        if free(m.start(), end):
            out.append({"text": sentence[m.start() : end].strip(), "value": parse_number(m["num"]), "unit": "hour"})
            taken.append((m.start(), end))
    for m in _QUANTITY.finditer(sentence):
        if not (m["scale"] or m["unit"]) or not free(*m.span()):
            continue
        value = parse_number(m["num"])
        if value is not None and m["scale"]:
            value *= SCALE_WORDS[m["scale"]]
        unit = _UNITS.get(m["unit"] or "", "INR" if m["scale"] and not m["unit"] else None)
        out.append({"text": m.group(0).strip(), "value": value, "unit": unit})
        taken.append(m.span())
    for m in _COUNT.finditer(sentence):
        if not free(*m.span()) or _LABEL_BEFORE.search(sentence[: m.start()]) or m["what"] in _POSTPOSITIONS:
            continue
        if any(is_in(w, "duration_units") or is_in(w, "not_count") for w in m["what"].split()):
            continue  # "30 दिनों से अधिक पुराने": a duration, not a count of things
        out.append({"text": m.group(0).strip(), "value": parse_number(m["num"]), "unit": m["what"].split()[-1]})
        taken.append(m.span())
    return out
