"""How often an action recurs: weekly, fortnightly, monthly, quarterly."""

from __future__ import annotations

import re

from nlp.normalize import fold
from nlp.numbers import NUMBER_WORD, SCALE_WORDS, parse_number
from nlp.vocab import alternation, column, rows

_B = r"(?<![\u0900-\u0963\u0966-\u097f])"
_KINDS = ("weekly", "fortnightly", "quarterly", "monthly")  # tried in this order: "माह में दो बार" before "माह"


def _pattern(kind: str) -> re.Pattern[str]:
    """The phrases of ``recurrence_words.tsv`` for ``kind`` (and "हर सोमवार" for weekly) as one regex."""
    phrases = [v for r in rows("recurrence_words") if r[1:2] == (kind,) for v in (r[0], fold(r[0]))]
    every_day = rf"|(?:हर|प्रत्येक|प्रति|every|Every)\s+(?:{alternation(column('weekdays'))})" if kind == "weekly" else ""
    return re.compile(rf"{_B}(?:{alternation(phrases)}{every_day})")


_COMPILED = [(kind, _pattern(kind)) for kind in _KINDS]
# "2 करोड़ मासिक" is a rate inside a target, not a recurring action.
_AFTER_QUANTITY = re.compile(
    rf"[0-9०-९]\s*(?:(?:{alternation([*SCALE_WORDS, *column('units')])})\s*)*(?:प्रति\s+)?$"
)  # "2 करोड़ मासिक", "500 एमटी प्रतिमाह": a number with its scale or unit only, not "20 केंद्रों का प्रतिमाह"


# What a recurrence word may name rather than qualify an action: a (review) meeting, a salary, an instalment,
# or anything it describes through a participle ("मासिक रूप से होने वाली … समीक्षा").
_NAMED_THING = re.compile(
    r"\s*(?:(?:समीक्षा|प्रगति)\s+)?(?:बैठक|वेतन|पेंशन|किस्त)|\s*(?:रूप\s+से\s+)?(?:आयोजित\s+)?होने\s+(?:वाली|वाले|वाला)"
)
# "हर माह बैठक आयोजित की जाए", "15 दिन के अंतराल पर बैठक करें": a meeting to hold is the recurring action itself.
# "… की साप्ताहिक बैठक नगर स्वास्थ्य अधिकारी करेंगे": its holders may stand between (no postposition right after
# बैठक, no new clause: "साप्ताहिक बैठक में … निर्देश दिए कि … करें" names the meeting of the note).
_HELD = re.compile(
    r"\s*(?:(?:समीक्षा|प्रगति)\s+)?बैठक\s+(?!(?:में|के|की|का|से|पर|को|आयोजित\s+की\s+गई)(?![\u0900-\u0963\u0966-\u097f]))"
    r"(?:(?!कि\s|ने\s)[^\s।,;|]+\s+){0,8}?"
    r"(?:करें|करेंगे|करेगी|करेगा|कराएं|की\s+जाए|की\s+जाएं|की\s+जाएगी|किया\s+जाए|किया\s+जाएगा|बुलाएं|लें|लेंगे|ली\s+जाए)"
    r"(?![\u0900-\u0963\u0966-\u097f])"
)


# "प्रथम तिमाही के लक्ष्य", "चालू तिमाही में", "प्रथम तिमाही में गर्भवती": one named quarter (or trimester), not a
# recurrence: after an ordinal or a demonstrative.
_ONE_NAMED = re.compile(
    r"(?:प्रथम|द्वितीय|तृतीय|चतुर्थ|पहली|दूसरी|तीसरी|चौथी|अंतिम|अन्तिम|चालू|वर्तमान|इस|उस|इसी|अगली|आगामी|पिछली|गत|विगत)\s+$"
)


def _names_a_thing(sentence: str, end: int) -> bool:
    """Does the recurrence word at ``end`` describe a thing (a salary, the meeting of the note) rather than the action?"""
    return bool(_NAMED_THING.match(sentence, end)) and not _HELD.match(sentence, end)


# Any period a unit of duration_units.tsv measures: "हर 10 दिन", "प्रत्येक दो सप्ताह", "पखवाड़े में एक बार",
# "तीन माह में एक बार", "माह में दो बार". Its length in days gives the kind.
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 15, "month": 30}
_UNITS = alternation([u for u, kind in (r[:2] for r in rows("duration_units") if len(r) > 1) if kind in _UNIT_DAYS])
_COUNT = rf"[0-9०-९]{{1,3}}|{NUMBER_WORD}"
# "हर दूसरे सप्ताह" (every second week), "हर तीसरे महीने"
_ORDINALS = {"दूसरे": 2.0, "तीसरे": 3.0}
_EVERY = re.compile(
    rf"{_B}(?:(?:हर|प्रत्येक|प्रति)\s+(?:(?P<n1>{_COUNT}|{alternation(list(_ORDINALS))})\s+)?(?P<u1>{_UNITS})"
    rf"(?:\s+(?:में\s+)?(?P<times1>एक|दो|1|2)\s+बार)?"
    rf"|(?:(?P<n2>{_COUNT})\s+)?(?P<u2>{_UNITS})\s+में\s+(?P<times>एक|दो|1|2)\s+बार"
    # "15-15 दिन के अंतराल पर", "सात दिन के अंतराल में": every so many days
    rf"|(?P<n3>{_COUNT})(?:\s*-\s*(?:{_COUNT}))?\s+(?P<u3>{_UNITS})\s+के\s+अंतराल\s+(?:पर|में))"
    r"(?![\u0900-\u0963\u0966-\u097f])"
)
_UNIT_OF = {u: kind for u, kind, *_ in rows("duration_units")}
# "सप्ताह में 2 दिन कार्यालय में बैठें", "माह में तीन दिन शिविर लगे": some days in every such period; not after a
# count of the period ("एक सप्ताह में 2 दिन का प्रशिक्षण" is one stretch).
_DAYS_EACH = re.compile(
    rf"{_B}(?<![0-9०-९]\s)(?P<unit>{_UNITS})\s+में\s+(?:{_COUNT})\s+(?:दिन|दिवस)(?![\u0900-\u0963\u0966-\u097f])"
)
_PERIOD_KIND = {"week": "weekly", "fortnight": "fortnightly", "month": "monthly"}
_KIND_OF_DAYS = {7.0: "weekly", 14.0: "fortnightly", 15.0: "fortnightly", 30.0: "monthly", 90.0: "quarterly"}


def _every_periods(sentence: str) -> list[tuple[int, int, str | None]]:
    """Spans of periods written with a unit, each with its kind (None for a period of no kind: हर दिन, छह माह)."""
    out: list[tuple[int, int, str | None]] = []
    for m in _EVERY.finditer(sentence):
        count, unit = next((m[f"n{i}"], m[f"u{i}"]) for i in ("1", "2", "3") if m[f"u{i}"])
        n = (_ORDINALS.get(count) or parse_number(count) if count else None) or 1.0
        days = n * _UNIT_DAYS[_UNIT_OF[unit]] / (2 if (m["times"] or m["times1"]) in ("दो", "2") else 1)
        # "सप्ताह में दो बार": more often than weekly, but every week
        kind = "weekly" if _UNIT_OF[unit] == "week" and days < 7 else _KIND_OF_DAYS.get(days)
        out.append((m.start(), m.end(), kind))
    for m in _DAYS_EACH.finditer(sentence):
        before = sentence[: m.start()].split()
        if not (before and parse_number(before[-1]) is not None):
            out.append((m.start(), m.end(), _PERIOD_KIND.get(_UNIT_OF[m["unit"]])))
    return out


def find_recurrence(sentence: str) -> str | None:
    """How often the sentence's action recurs: of several ("साप्ताहिक बैठक … करेंगे एवं हर 15 दिन पर …"), the first
    written, which belongs to the first action named; at one place a period with its unit before a word."""
    periods = _every_periods(sentence)
    found = [(start, 0, kind) for start, end, kind in periods if kind is not None and not _names_a_thing(sentence, end)]
    for order, (kind, rx) in enumerate(_COMPILED, 1):
        for m in rx.finditer(sentence):
            if any(s <= m.start() < e for s, e, _ in periods):
                continue  # "छह माह में एक बार": inside a period of no kind
            if kind == "monthly" and _AFTER_QUANTITY.search(sentence[: m.start()]):
                continue
            if _ONE_NAMED.search(sentence[: m.start()]):
                continue  # "प्रथम तिमाही के लक्ष्य": the first quarter, once
            if _names_a_thing(sentence, m.end()):
                continue  # "मासिक बैठक", "साप्ताहिक समीक्षा बैठक आयोजित की गई" name a meeting, not what to do
            found.append((m.start(), order, kind))
            break
    return min(found)[2] if found else None


_ANY_FREQUENCY = re.compile(
    rf"(?:{_B}(?:{alternation([v for r in rows('recurrence_words') for v in (r[0], fold(r[0]))])})"
    rf"(?:\s+(?:रूप\s+से|आधार\s+पर))?\s*)+"
)


def names_a_frequency(cell: str) -> bool:
    """Does ``cell`` (a time-limit column's) say only how often, of any kind, daily too ("प्रतिदिन", "साप्ताहिक",
    "दैनिक आधार पर")? Such a cell gives no due date."""
    return bool(_ANY_FREQUENCY.fullmatch(" ".join(cell.split()).strip(" .।")))
