"""The officialese date grammar: absolute and relative time expressions in Hindi.

``find_time_expressions`` returns every expression in a sentence with its span,
its kind and, where it can be resolved against the meeting date, an ISO date.
dateparser handles plain absolute dates but not ``… तक`` phrases or relative
ones like ``माह के अंत तक``, so the grammar is written out here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from nlp.normalize import ascii_digits
from nlp.numbers import NUMBER_WORD, NUMBER_WORDS

MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "जनवरी|january|jan",
        "फरवरी|फ़रवरी|फ़रवरी|february|feb",
        "मार्च|march|mar",
        "अप्रैल|अप्रेल|एप्रिल|april|apr",
        "मई|may",
        "जून|june|jun",
        "जुलाई|july|jul",
        "अगस्त|august|aug",
        "सितंबर|सितम्बर|सितबंर|september|sept|sep",
        "अक्टूबर|अक्तूबर|अक्टुबर|october|oct",
        "नवंबर|नवम्बर|november|nov",
        "दिसंबर|दिसम्बर|december|dec",
    ],
    start=1,
):
    for _name in _names.split("|"):
        MONTHS[_name] = _num
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_D = "[0-9०-९]"
_W = r"(?<![\w\u0900-\u0963\u0966-\u097f])"  # word start
_E = r"(?![\w\u0900-\u0963\u0966-\u097f])"  # word end (Devanagari matras are not \w in every case)

# Postpositions that say how the date binds the action.
_SUFFIX = (
    r"(?:\s*(?P<suffix>तक|को|से\s+पूर्व|से\s+पहले|से\s+पूर्व\s+तक|के\s+पूर्व|से|"
    r"तक\s+की\s+अवधि\s+में|के\s+अंदर|के\s+भीतर))?"
)
_DAY_MONTH_YEAR = re.compile(
    rf"{_W}(?:दिनांक\s*[:\-]?\s*)?(?P<day>{_D}{{1,2}})\s*(?:st|nd|rd|th)?\s*[-]?\s*(?P<month>{_MONTH})\.?"
    rf"(?:\s*[,\-]?\s*(?P<year>{_D}{{4}}|{_D}{{2}}(?!{_D})))?{_E}" + _SUFFIX,
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"{_W}(?P<month>january|february|march|april|may|june|july|august|september|october|november|december)"
    rf"\s+(?P<day>\d{{1,2}}),?\s*(?P<year>\d{{4}})?{_E}" + _SUFFIX,
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    rf"{_W}(?:दिनांक\s*[:\-]?\s*)?(?P<day>{_D}{{1,2}})\s*(?P<sep>[./\-])\s*(?P<month>{_D}{{1,2}})\s*(?P=sep)\s*"
    rf"(?P<year>{_D}{{4}}|{_D}{{2}})(?!{_D})" + _SUFFIX
)
_ISO = re.compile(rf"{_W}(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?!\d)" + _SUFFIX)
_MONTH_ONLY = re.compile(
    rf"{_W}(?:माह\s+)?(?P<month>{_MONTH})(?:\s*[,]?\s*(?P<year>{_D}{{4}}))?(?:\s+(?:माह|महीने))?"
    rf"(?:\s+के\s+(?:अंत|अन्त|आखिर)\s+तक|\s+(?P<suffix>तक|से|में))",
    re.IGNORECASE,
)
_END_OF_MONTH = re.compile(
    r"(?:(?P<which>इसी|इस|चालू|वर्तमान|अगले|आगामी)\s+)?(?:माह|महीने|मास)\s+के\s+(?:अंत|अन्त|आखिर|अंतिम\s+दिन)\s+तक"
)
_NEXT_MONTH = re.compile(r"(?:अगले|आगामी)\s+(?:माह|महीने)\s+(?:तक|में)")
_FY_END = re.compile(
    r"(?:(?:इस|चालू|वर्तमान)\s+)?वित्तीय\s+वर्ष\s+(?:\d{4}-\d{2,4}\s+)?(?:के\s+(?:अंत|अन्त|समापन)\s+)?(?:तक|से\s+पूर्व)"
)
_IN_DAYS = re.compile(
    rf"{_W}(?P<n>{_D}{{1,3}}|{NUMBER_WORD})\s+(?P<unit>दिवस|दिवसों|दिन|दिनों|कार्यदिवस|कार्य\s+दिवस|सप्ताह|सप्ताहों|हफ्ते|हफ़्ते|हफ्तों|"
    r"माह|महीने|महीनों|मास)\s*(?:के\s+(?:भीतर|अंदर|अन्दर|अंतर्गत|अन्तर्गत)|में|तक|की\s+(?:समय-?सीमा|अवधि)\s+में)"
)
_NEXT_WEEK = re.compile(r"(?:अगले|आगामी)\s+(?:सप्ताह|हफ्ते|हफ़्ते)\s+(?:तक|में)")
_IMMEDIATE = re.compile(rf"{_W}(?:तत्काल|तत्कालिक\s+रूप\s+से|तुरंत|तुरन्त|अविलंब|अविलम्ब|फौरन|आज\s+ही){_E}")
_SOON = re.compile(rf"{_W}(?:शीघ्रातिशीघ्र|यथाशीघ्र|यथा\s+शीघ्र|शीघ्र|जल्द\s+से\s+जल्द|जल्दी\s+से\s+जल्दी|जल्द){_E}")
_NEXT_MEETING = re.compile(r"(?:आगामी|अगली)\s+(?:समीक्षा\s+|मासिक\s+)?बैठक\s+(?:से\s+पूर्व|से\s+पहले|तक|के\s+पूर्व)")
_YEAR_END = re.compile(rf"{_W}(?:वर्ष\s+)?(?P<year>{_D}{{4}})\s+(?:के\s+अंत\s+)?तक")


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    date: str | None
    kind: str  # by | on | from | within | immediate | soon | before_next_meeting


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    y = int(ascii_digits(raw))
    return y + 2000 if y < 100 else y


def _kind(suffix: str | None) -> str:
    if not suffix:
        return "on"
    s = " ".join(suffix.split())
    if s == "तक" or "पूर्व" in s or "पहले" in s or s in {"के अंदर", "के भीतर"} or "अवधि" in s:
        return "by"
    if s == "से":
        return "from"
    return "on"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int, meeting: date | None) -> int | None:
    """A date without a year is the next such date on or after the meeting (a deadline lies ahead)."""
    if meeting is None:
        return None
    candidate = _safe_date(meeting.year, month, min(day, 28) if month == 2 and day == 29 else day)
    if candidate is not None and candidate < meeting - timedelta(days=31):
        return meeting.year + 1
    return meeting.year


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def find_time_expressions(sentence: str, meeting: date | None) -> list[TimeExpression]:
    """Every time expression in ``sentence``, left to right, without overlaps."""
    found: list[TimeExpression] = []

    def add(m: re.Match[str], when: date | None, kind: str) -> None:
        found.append(TimeExpression(m.start(), m.end(), m.group(0).strip(), when.isoformat() if when else None, kind))

    for m in _NUMERIC.finditer(sentence):
        d, mo, y = int(ascii_digits(m["day"])), int(ascii_digits(m["month"])), _year(m["year"])
        when = _safe_date(y, mo, d) if y else None
        if when:
            add(m, when, _kind(m["suffix"]))
    for m in _ISO.finditer(sentence):
        when = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        if when:
            add(m, when, _kind(m["suffix"]))
    for rx in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in rx.finditer(sentence):
            mo, d = MONTHS[m["month"].lower()], int(ascii_digits(m["day"]))
            y = _year(m["year"]) or _infer_year(mo, d, meeting)
            add(m, _safe_date(y, mo, d) if y else None, _kind(m["suffix"]))
    for m in _MONTH_ONLY.finditer(sentence):
        mo = MONTHS[m["month"].lower()]
        y = _year(m["year"])
        if y is None and meeting is not None:
            y = meeting.year + (1 if mo < meeting.month else 0)
        suffix = m["suffix"] or "तक"
        when = None
        if y:
            when = date(y, mo, 1) if suffix == "से" else _month_end(y, mo)
        add(m, when, _kind(suffix))
    for m in _END_OF_MONTH.finditer(sentence):
        when = None
        if meeting is not None:
            base = _add_months(meeting, 1) if m["which"] in ("अगले", "आगामी") else meeting
            when = _month_end(base.year, base.month)
        add(m, when, "by")
    for m in _NEXT_MONTH.finditer(sentence):
        when = None
        if meeting is not None:
            nxt = _add_months(meeting, 1)
            when = _month_end(nxt.year, nxt.month)
        add(m, when, "by")
    for m in _FY_END.finditer(sentence):
        when = None
        if meeting is not None:
            when = date(meeting.year + (1 if meeting.month >= 4 else 0), 3, 31)
        add(m, when, "by")
    for m in _IN_DAYS.finditer(sentence):
        raw = m["n"]
        n = NUMBER_WORDS[raw] if raw in NUMBER_WORDS else int(ascii_digits(raw))
        unit = m["unit"]
        when = None
        if meeting is not None:
            if unit.startswith(("सप्ताह", "हफ")):
                when = meeting + timedelta(days=7 * n)
            elif unit.startswith(("माह", "मही", "मास")):
                when = _add_months(meeting, n)
            else:
                when = meeting + timedelta(days=n)
        add(m, when, "within")
    for m in _NEXT_WEEK.finditer(sentence):
        add(m, meeting + timedelta(days=7) if meeting else None, "within")
    for m in _YEAR_END.finditer(sentence):
        add(m, date(_year(m["year"]) or 1, 12, 31), "by")
    for m in _IMMEDIATE.finditer(sentence):
        add(m, meeting, "immediate")
    for m in _SOON.finditer(sentence):
        add(m, None, "soon")
    for m in _NEXT_MEETING.finditer(sentence):
        add(m, None, "before_next_meeting")
    return _without_overlaps(found)


def _without_overlaps(found: list[TimeExpression]) -> list[TimeExpression]:
    """Keep the longest expression where two overlap (``31 दिसंबर, 2025 तक`` over ``दिसंबर, 2025 तक``)."""
    kept: list[TimeExpression] = []
    for e in sorted(found, key=lambda e: (-(e.end - e.start), e.start)):
        if all(e.end <= k.start or e.start >= k.end for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e.start)


def parse_meeting_date(text: str) -> date | None:
    """The first full date (with a year) in ``text``."""
    for e in find_time_expressions(text, None):
        if e.date and e.kind in ("on", "by", "from"):
            return date.fromisoformat(e.date)
    return None
