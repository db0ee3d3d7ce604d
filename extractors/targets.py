"""Numeric and measurable targets: ``शत-प्रतिशत``, ``80 प्रतिशत``, ``2 करोड़``, ``500 एमटी``, counts with their noun."""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.responsible import INITIALISM
from models.designations import find_phrases
from nlp.numbers import AMOUNT, NUMBER, NUMBER_WORDS, SCALE_WORDS, has_scale, parse_amount, parse_number
from nlp.patterns import LETTERS
from nlp.vocab import alternation, column, is_in, rows

_UNITS: dict[str, str] = {written: unit for written, unit, *_ in rows("units")}
_END_ROLES = ("postposition", "conjunction", "predicate", "other")
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_SCALE = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))
# number words from two up count things ("पांच महिलाओं"); "एक" is an article as often as a number
_COUNT_WORD = "|".join(sorted((w for w, n in NUMBER_WORDS.items() if n >= 2), key=len, reverse=True))
# "शत-प्रतिशत", "शत फीसद", "सद फ़ीसद" (Urdu), "सत प्रतिशत" (misspelt, Jharkhand, UP): a hundred per cent, in any
# word for per cent (units.tsv)
_PERCENT = alternation([w for w, unit, *_ in rows("units") if unit == "%" and w[0].isalpha()])
_HUNDRED = re.compile(
    rf"(?<![\u0900-\u0963\u0966-\u097f])(?:शत्?|सद|सत)\s*[-–]?\s*(?:{_PERCENT})(?![\u0900-\u0963\u0966-\u097f])"
)
# "जीरो पेंडेंसी", "'शून्य हताहत'", "शून्य दुर्घटना": a zero goal of what zero_goals.tsv counts (Rajasthan, Odisha)
_ZERO = re.compile(
    rf"(?<![\u0900-\u0963\u0966-\u097f])(?:शून्य|जीरो|ज़ीरो)\s*[-–]?\s*(?P<what>{alternation(column('zero_goals'))})"
    r"(?![\u0900-\u0963\u0966-\u097f])"
)
# "उत्पादन को दोगुना करने", "आय दुगुनी हो": a multiple of what there is now, a measurable goal.
_MULTIPLES = {"दो": 2.0, "दु": 2.0, "ति": 3.0, "तीन": 3.0, "चार": 4.0, "चौ": 4.0}
_MULTIPLE = re.compile(
    rf"(?<![\u0900-\u0963\u0966-\u097f])(?P<n>{'|'.join(sorted(_MULTIPLES, key=len, reverse=True))})\s?(?:गुना|गुनी|गुने|गुणा|गुणी|गुणे|गना|गनी|गने)"
    r"(?![\u0900-\u0963\u0966-\u097f])"
)
# Goals named by a fixed phrase rather than a count of things (zero goals are _ZERO's): the days of work a scheme
# guarantees ("100 दिनों का रोजगार"), first place ("नंबर 1 बने", "नंबर वन बनाने").
_NAMED_GOAL = re.compile(
    rf"(?<![\u0900-\u0963\u0966-\u097f])(?:(?:{NUMBER}|{_COUNT_WORD})\s+(?:दिनों|दिन|दिवस)\s+(?:का|के)\s+(?:रोजगार|रोज़गार)"
    r"|(?:नंबर|नम्बर)\s*[-–]?\s*(?:1|१|एक|वन)(?=\s+(?:बने|बनें|बनाने|बनाएं|बनाना|पर|लाने|लाएं|आए|आने)(?![\u0900-\u0963\u0966-\u097f])))"
    r"(?![\u0900-\u0963\u0966-\u097f])"
)
_QUANTITY = re.compile(
    rf"(?:₹\s*)?(?P<num>{AMOUNT})\s*(?P<unit>{_UNIT})?"
    rf"(?:\s+(?P<per>मासिक|प्रतिमाह|प्रति\s+माह|वार्षिक|प्रतिवर्ष|प्रतिदिन|प्रति\s+दिन))?(?![\u0900-\u0963\u0966-\u097f0-9])"
)
# "10 नई समितियां", "25 शिविर": a count of things to create or cover.
_COUNT = re.compile(
    rf"(?<![0-9०-९×x.@/-])(?P<num>{NUMBER})\s+(?P<what>(?:नई|नए|नवीन|अतिरिक्त)\s+[\u0900-\u097f]+|(?:[\u0900-\u097f]+\s+)?[\u0900-\u097f]+(?:ों|ें|ियां|ियाँ|ाएं|ाएँ|ओं))"
    r"(?![\u0900-\u0963\u0966-\u097f])"
)
# "40 जागरूकता शिविर आयोजित किए जाएं", "15 नए ड्रोन खरीदे जाएं": a count and its noun right before the passive.
_PASSIVE_VERB = (
    rf"(?:{LETTERS}+\s+)?(?:(?:किए|किये|की|किया|कराए|कराई|कराया)\s+)?"
    r"(?:जाएं|जाएँ|जाए|जायें|जाये|जाएंगे|जाएंगी|जाएगा|जाएगी)(?![\u0900-\u0963\u0966-\u097f])"
)
# "200 पौधे प्रति सरोवर", "25 नमूने प्रत्येक सप्ताह": a count of things per unit.
_RATE = r"(?:प्रति|हर|प्रत्येक)\s+[\u0900-\u097f]+"
# "2 विशेष दल तत्काल गठित करें", "60 जवान 10 जनवरी तक उपलब्ध कराएं": the time limit between the noun and its verb
# ("1,480 भुगतान अगले सोमवार तक निपटाए जाएं", "40 शिविर आगामी माह में": a limit opened by "next")
_TIME_AHEAD = (
    r"(?:तत्काल|तुरंत|तुरन्त|अविलंब|अविलम्ब|शीघ्र|अगले|अगली|आगामी)\s"
    rf"|[0-9०-९]{{1,2}}\s+(?:{alternation(column('months'))})\s+(?:तक|से)(?![\u0900-\u0963\u0966-\u097f])"
    # "15 टूटे बिस्तर एक सप्ताह में बदले जाएं", "40 शिविर दो माह के भीतर": a period the action has
    rf"|(?:{NUMBER}|{_COUNT_WORD}|एक)\s+(?:{alternation(column('duration_units'))})\s+(?:में|के\s+(?:भीतर|अंदर|अन्दर))"
    r"(?![\u0900-\u0963\u0966-\u097f])"
)
# "18 घंटे बिजली आपूर्ति", "24 घंटे निगरानी": hours of a service (a measure), not a time limit (``48 घंटे में``).
_HOURS_OF = re.compile(
    rf"(?<![0-9०-९×x.])(?P<num>{NUMBER}|(?<![\u0900-\u0963\u0966-\u097f])(?:{_COUNT_WORD}))\s+(?:घंटे|घण्टे)\s+(?!(?:में|के|की|का|तक|से|पहले|पूर्व|बाद|भीतर|अंदर|अन्दर)(?![\u0900-\u097f])){LETTERS}"
)
# "12 हैंडपंप की मरम्मत", "2 लाख लंबित आवासों की स्वीकृति", "8 लाख 62 हजार 767 पीएम आवास (ग्रामीण) का निर्माण":
# an amount and its noun (a bracketed qualifier may follow it) before a postposition, a passive or a rate.
# "50-50 पौधे लगाएं": an imperative or subjunctive of a verb stem (imperative_stems.tsv) is no noun;
# "25 शौचालय बनवाएं", "5 शिविर लगाने के निर्देश": a count and its noun right before such a verb form.
_STEMS = alternation(column("imperative_stems"))
_VERB_FORM = re.compile(rf"(?:{_STEMS})(?:ें|एं|एँ|ाएं|ाएँ|ाए|े)")
_VERB_AHEAD = rf"(?<![\u0900-\u0963\u0966-\u097f])(?:{_STEMS})(?:ें|एं|एँ|ाएं|ाएँ|ाए|े|ने|ना)(?![\u0900-\u0963\u0966-\u097f])"
# Words that end a count's noun (count_noun_ends.tsv): postpositions, conjunctions, predicates ("पूर्ण करें").
_NOUN_ENDS = {role: frozenset(r[0] for r in rows("count_noun_ends") if r[1:2] == (role,)) for role in _END_ROLES}
_PHRASE_STOP = frozenset().union(*_NOUN_ENDS.values())
_POSTPOSITIONS = _NOUN_ENDS["postposition"]
# "38 पेयजल एवं स्वच्छता कार्यों": two modifiers joined before the noun's head
_CONJUNCTIONS = alternation(sorted(_NOUN_ENDS["conjunction"]))
_COUNT_NOUN = re.compile(
    rf"(?P<num>{AMOUNT})\s+(?P<what>(?:{LETTERS}+\s+){{0,3}}?(?:{_CONJUNCTIONS}\s+{LETTERS}+\s+)?{LETTERS}+)"
    rf"(?:\s*\([^()]{{1,40}}\))?"
    rf"\s+(?:(?:{alternation(_NOUN_ENDS['postposition'] | _NOUN_ENDS['predicate'])})(?![\u0900-\u0963\u0966-\u097f])"
    r"|(?=" + _PASSIVE_VERB + ")|(?=" + _RATE + ")|(?=" + _VERB_AHEAD + ")|(?=" + _TIME_AHEAD + "))"
)
# "5000 से अधिक किसानों", "5 प्रतिशत से कम": a bound; not a filter ("10 हजार से अधिक आबादी वाले गांव").
# "… टर्नअराउंड समय घटाकर 40 घंटे से कम किया जाए": hours are the unit of such a bound too.
_COMPARED = re.compile(
    rf"(?P<num>{AMOUNT})(?:\s*(?P<unit>{_UNIT}|घंटे|घण्टे))?\s+से\s+(?:अधिक|ज्यादा|ज़्यादा|कम|ऊपर)(?![\u0900-\u0963\u0966-\u097f])"
    rf"(?:\s+(?P<what>{LETTERS}+(?:\s+{LETTERS}+){{0,2}}))?"
)
# "… प्रगति 30 प्रतिशत से कम है": a bound stated as a fact (a condition) is no goal either.
_FILTER_AFTER = re.compile(r"\s*(?:वाले|वाली|वाला|वालों|है|हैं|था|थी|थे)(?![\u0900-\u0963\u0966-\u097f])")
# "प्रत्येक ग्राम पंचायत में दो कार्य चलते मिलें", "हर सप्ताह एक कार्यालय का निरीक्षण": a count under an "each"
# (हर / प्रत्येक) is so many per thing, whatever follows its noun.
_PER_EACH_COUNT = re.compile(rf"(?P<num>{AMOUNT})\s+(?P<what>{LETTERS}+(?:\s+{LETTERS}+){{0,2}})")
_EACH = re.compile(rf"(?<![\u0900-\u0963\u0966-\u097f])(?:हर|प्रत्येक|प्रति)\s+(?P<what>{LETTERS}+)")
# "हर सप्ताह एक …", "प्रत्येक माह एक …": one thing each period is a rate, so "एक" counts there; under an
# "each" of places ("हर गांव में एक नोडल अधिकारी") it stays an article.
_EACH_REACH = 80  # characters between the "each" and the count, in one clause
_CLAUSE_END = re.compile(r"[,;।|]")
_UNTIL = re.compile(rf"{LETTERS}+\s+तक(?![\u0900-\u0963\u0966-\u097f])")
# "एक" before a noun is an article unless a period makes it a rate (digits "1-1" are always a number)
_ARTICLE = "एक"
# A verb form after the noun ends the phrase ("दो नए तालाब खुदवाए जाएं"); "एक-एक कर" (one by one) counts nothing.
_PLURAL_ENDINGS = ("ों", "ें", "ियां", "ियाँ", "ाएं", "ाएँ", "ओं")
_VERB_ENDINGS = ("ित", "ने", "ना", "ते", "ता", "ती", "कर", "ाये", "ाए", "ाया")
# A number after these words is a label, not a count: "धारा 24", "वार्ड 12", "सेक्टर-26", "एनएच 530".
_LABEL_BEFORE = re.compile(rf"(?:{alternation(column('number_labels'))})\s*[-–]?\s*$")
# "वार्ड की सफाई दिन में तीन बार कराई जाए", "प्रतिदिन दो बार": how many times a day, a measurable goal (a
# frequency of less than a day is no recurrence value).
_TIMES_A_DAY = re.compile(
    rf"(?<![\u0900-\u0963\u0966-\u097f])(?:दिन\s+में|प्रतिदिन|प्रति\s+दिन|रोजाना|रोज़ाना|रोज़?|हर\s+दिन|प्रत्येक\s+दिन)"
    rf"\s+(?:{NUMBER}|{_COUNT_WORD}|एक)\s+बार(?![\u0900-\u0963\u0966-\u097f])"
)
# "इन छह अंचलों के राजस्व अधिकारियों से …", "17 पंचायतों के सचिवों को": a count qualifying the addressee (a post
# after its genitive, then को / से), no goal; "तीन नोटिस के बाद भी": a count of what came before, a condition.
_OF_POST = re.compile(r"\s+के\s+(?:(?:सभी|समस्त|संबंधित)\s+)?")
_ADDRESSED_AFTER = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?(?:को|से)(?![\u0900-\u0963\u0966-\u097f])")
_EVENT_AFTER = re.compile(r"\s+(?:के\s+(?:बाद|बावजूद|पश्चात)|बाद\s+भी)(?![\u0900-\u0963\u0966-\u097f])")
# "100% households से": a per cent before the English noun it counts
_LATIN_NOUN_AFTER = re.compile(r"\s+[a-z][a-z-]+(?![A-Za-z])")
# "कम से कम 20 आपदा मित्र", "न्यूनतम दस शिविर": a stated minimum is a target whatever follows.
_AT_LEAST = re.compile(
    rf"(?:कम\s+से\s+कम|न्यूनतम|अधिकतम|लगभग)\s+(?P<num>{AMOUNT})\s+(?P<what>(?:[\u0900-\u097f]+\s+){{0,2}}[\u0900-\u097f]+)"
)


def _noun_phrase(words: list[str]) -> list[str]:
    """The words of a count's noun: up to the first postposition, conjunction or verb-like word (a conjunction
    between two modifiers of a plural head that follows is kept)."""
    kept: list[str] = []
    for i, w in enumerate(words):
        if w in _NOUN_ENDS["conjunction"] and kept and not kept[-1].endswith(_PLURAL_ENDINGS):
            ahead = words[i + 1 : i + 3]
            if (
                ahead
                and not any(c.isdigit() for a in ahead for c in a)
                and any(a.endswith(_PLURAL_ENDINGS) for a in ahead)
            ):
                kept.append(w)  # "पेयजल एवं स्वच्छता कार्यों": the conjunction joins two modifiers of one head
                continue
        joined = bool(kept) and kept[-1] in _NOUN_ENDS["conjunction"]  # "स्वच्छता" after it: a modifier, no verb
        if w in _PHRASE_STOP or (kept and not joined and (w.endswith(_VERB_ENDINGS) or _VERB_FORM.fullmatch(w))):
            break
        kept.append(w)
        if w.endswith(_PLURAL_ENDINGS):
            break  # a plural ending marks the head noun: "3 सफाई टोलियां"
    return kept


def _not_a_thing(words: list[str]) -> bool:
    """Does the noun name a unit, a period, a month or a label word rather than things counted?"""
    return any(w in _UNITS or is_in(w, "duration_units") or is_in(w, "months") or is_in(w, "not_count") for w in words)


def _each_before(sentence: str, start: int) -> str | None:
    """The noun of an "each" (हर / प्रत्येक) before ``start`` in the same clause, or None."""
    window = sentence[max(0, start - _EACH_REACH) : start]
    window = _CLAUSE_END.split(window)[-1]
    found = list(_EACH.finditer(window))
    return found[-1]["what"] if found else None


def _per_each_counts(sentence: str, free: Callable[[int, int], bool]) -> list[tuple[int, int, str, float | None]]:
    """Counts under an "each": (start, end, text, value)."""
    out = []
    for m in _PER_EACH_COUNT.finditer(sentence):
        each = _each_before(sentence, m.start())
        if each is None or _LABEL_BEFORE.search(sentence[: m.start()]):
            continue
        value = parse_amount(m["num"])
        if m["num"] == _ARTICLE and not is_in(each, "duration_units"):
            continue  # "हर गांव में एक नोडल अधिकारी": an article
        what = _noun_phrase(m["what"].split())
        if not what or _not_a_thing(what):
            continue
        text = f"{m['num']} {' '.join(what)}"
        end = m.start() + len(text)
        if sentence[m.start() : end] == text and free(m.start(), end):
            out.append((m.start(), end, text, value))
    return out


def _no_goal(sentence: str, start: int, what_start: int, what: list[str]) -> bool:
    """Does the count at ``start`` qualify the addressee (``इन छह अंचलों के राजस्व अधिकारियों से``) or count what came
    before (``तीन नोटिस के बाद``)?"""
    end = what_start + len(" ".join(what))
    if _EVENT_AFTER.match(sentence, end):
        return True
    of = _OF_POST.match(sentence, end)
    if of is None:
        return False
    window = sentence[of.end() : of.end() + 80]
    post = next((p.end for p in find_phrases(window) if p.start == 0), None)
    initialism = INITIALISM.match(window)  # "इन चार प्रखंडों के बीडीओ से"
    post = initialism.end() if initialism else post
    return post is not None and bool(_ADDRESSED_AFTER.match(window, post))


def _named_goal_value(text: str) -> dict[str, object]:
    """The value and unit of a named goal: first place is rank 1, days of work are days."""
    if text.startswith(("नंबर", "नम्बर")):
        return {"value": 1.0, "unit": "rank"}
    return {"value": parse_amount(text.split()[0]), "unit": "दिन"}


def find_targets(sentence: str, exclude: list[tuple[int, int]]) -> list[dict[str, object]]:
    """Targets in ``sentence``, skipping spans in ``exclude`` (deadline dates)."""
    out: list[dict[str, object]] = []
    taken: list[tuple[int, int]] = list(exclude)

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _AT_LEAST.finditer(sentence):
        if not free(*m.span()):
            continue
        kept = _noun_phrase(m["what"].split())
        kept = kept[:1] if kept and kept[0] in _UNITS else kept  # "कम से कम 500 एमटी": the unit ends it
        if kept and all(is_in(w, "duration_units") for w in kept) and _UNTIL.match(sentence, m.start("what")):
            continue  # "लगभग 4 घंटे तक चली": how long something lasts, no goal
        text = sentence[m.start() : m.start("what")] + " ".join(kept)
        out.append({"text": text.strip(), "value": parse_amount(m["num"]), "unit": kept[-1] if kept else None})
        taken.append((m.start(), m.start() + len(text)))
    for m in _TIMES_A_DAY.finditer(sentence):
        if free(*m.span()):
            out.append({"text": m.group(0), "value": parse_amount(m.group(0).split()[-2]), "unit": "बार"})
            taken.append(m.span())
    for m in _HUNDRED.finditer(sentence):
        out.append({"text": m.group(0), "value": 100.0, "unit": "%"})
        taken.append(m.span())
    for m in _NAMED_GOAL.finditer(sentence):
        if free(*m.span()):
            out.append({"text": m.group(0), **_named_goal_value(m.group(0))})
            taken.append(m.span())
    for m in _ZERO.finditer(sentence):
        if free(*m.span()):
            out.append({"text": m.group(0), "value": 0.0, "unit": m["what"]})
            taken.append(m.span())
    for m in _MULTIPLE.finditer(sentence):
        out.append({"text": m.group(0), "value": _MULTIPLES[m["n"]], "unit": "गुना"})
        taken.append(m.span())
    for m in _COMPARED.finditer(sentence):
        # with a unit the bound is complete ("12 प्रतिशत से कम"); without one it counts the noun after it
        what = [] if m["unit"] else _noun_phrase((m["what"] or "").split())
        head = sentence[m.start() : m.start("what") if m["what"] else m.end()]
        text = (head + " ".join(what)).strip()
        end = m.start() + len(text)
        if not free(m.start(), end):
            continue
        taken.append((m.start(), end))
        if _FILTER_AFTER.match(sentence, end) or (what and _not_a_thing(what)):
            continue  # a filter ("… से अधिक आबादी वाले"): no target, and no part of it is one
        unit = _UNITS.get(m["unit"] or "") or (what[-1] if what else None)
        out.append({"text": text, "value": parse_amount(m["num"]), "unit": unit})
    for start, end, text, value in _per_each_counts(sentence, free):
        out.append({"text": text, "value": value, "unit": text.split()[-1]})
        taken.append((start, end))
    for m in _COUNT_NOUN.finditer(sentence):
        what = _noun_phrase(m["what"].split())
        if not what or not free(m.start(), m.end("what")) or _LABEL_BEFORE.search(sentence[: m.start()]):
            continue  # "2003 से मैपिंग", "9 करोड़ के वृक्षारोपण": no noun of its own
        if _not_a_thing(what) or m["num"] == _ARTICLE or _no_goal(sentence, m.start(), m.start("what"), what):
            continue
        text = f"{m['num']} {' '.join(what)}"
        out.append({"text": text, "value": parse_amount(m["num"]), "unit": what[-1]})
        taken.append((m.start(), m.start() + len(text)))
    for m in _HOURS_OF.finditer(sentence):
        end = m.end() - 1  # the number and घंटे, not the first letter of the service
        if free(m.start(), end):
            out.append({"text": sentence[m.start() : end].strip(), "value": parse_number(m["num"]), "unit": "hour"})
            taken.append((m.start(), end))
    for m in _QUANTITY.finditer(sentence):
        scaled = has_scale(m["num"])
        if not (scaled or m["unit"]) or not free(*m.span()):
            continue
        unit = _UNITS.get(m["unit"] or "", "INR" if scaled and not m["unit"] else None)
        noun = _LATIN_NOUN_AFTER.match(sentence, m.end()) if unit == "%" else None
        end = noun.end() if noun else m.end()
        out.append({"text": sentence[m.start() : end].strip(), "value": parse_amount(m["num"]), "unit": unit})
        taken.append((m.start(), end))
    for m in _COUNT.finditer(sentence):
        if not free(*m.span()) or _LABEL_BEFORE.search(sentence[: m.start()]) or m["what"] in _POSTPOSITIONS:
            continue
        if any(is_in(w, "duration_units") or is_in(w, "not_count") for w in m["what"].split()):
            continue  # "30 दिनों से अधिक पुराने": a duration, not a count of things
        if _no_goal(sentence, m.start(), m.start("what"), m["what"].split()):
            continue
        out.append({"text": m.group(0).strip(), "value": parse_number(m["num"]), "unit": m["what"].split()[-1]})
        taken.append(m.span())
    return out
