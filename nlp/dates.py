"""The officialese date grammar: absolute and relative time expressions in Hindi.

``find_time_expressions`` returns every expression in a sentence with its span,
its kind and, where it can be resolved against the meeting date, an ISO date.
dateparser handles plain absolute dates but not ``… तक`` phrases or relative
ones like ``माह के अंत तक``, so the grammar is written out here.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from nlp.normalize import ascii_digits, fold
from nlp.numbers import NUMBER_WORD, NUMBER_WORDS
from nlp.patterns import LETTERS, WORD_END_W, WORD_START_W
from nlp.vocab import alternation, column, rows

MONTHS: dict[str, int] = {fold(name): int(number) for name, number, *_ in rows("months")}
_UNIT_KIND: dict[str, str] = {fold(unit): kind for unit, kind, *_ in rows("duration_units")}
WEEKDAYS: dict[str, int] = {fold(day): int(number) for day, number, *_ in rows("weekdays")}
_MONTH = alternation(column("months"))
_UNIT = alternation(column("duration_units"))
_WEEKDAY = alternation(column("weekdays"))
WEEKDAY_WORDS = _WEEKDAY  # the weekdays as a regex alternation, for readers of meeting facts
MONTH_WORDS = _MONTH  # the month names as a regex alternation
_D = "[0-9०-९]"
_W = WORD_START_W
_E = WORD_END_W

# Postpositions that say how the date binds the action.
_SUFFIX = (
    # "26 जनवरी (गणतंत्र दिवस) से पहले", "22.12.2025 (सोमवार) तक": a gloss in brackets before the suffix
    r"(?:(?:\s*\([^()0-9०-९]{1,30}\))?\s*(?P<suffix>तक|को|से\s+पूर्व|से\s+पहले|से\s+पूर्व\s+तक|के\s+पूर्व|से|"
    r"तक\s+की\s+अवधि\s+में|के\s+अंदर|के\s+भीतर))?"
)
# "शाम 5 बजे", "दोपहर 2:30 बजे": a clock time, read as part of the day it follows or recurs on.
_CLOCK = rf"(?:(?:सुबह|प्रातः|शाम|सायं|दोपहर|रात|रात्रि)\s+)?{_D}{{1,2}}(?:[:.]{_D}{{2}})?\s+बजे"
_DAY_MONTH_YEAR = re.compile(
    rf"{_W}(?:दिनांक\s*[:\-]?\s*)?(?P<day>{_D}{{1,2}}|{NUMBER_WORD})\s*(?:st|nd|rd|th)?\s*[-]?\s*(?P<month>{_MONTH})\.?"
    rf"(?:\s*[,\-]?\s*(?P<year>{_D}{{4}}|{_D}{{2}}(?!{_D})))?{_E}"
    # "7 दिसंबर शनिवार को दोपहर 2 बजे तक": the weekday and the hour belong to the date
    rf"(?:\s*,?\s*(?:{_WEEKDAY}){_E})?(?:\s+(?:को\s+)?{_CLOCK})?" + _SUFFIX,
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    # "अगस्त 25, 2025 8:41 अपराह्न", "नई दिल्ली, जनवरी 1 --": also a Hindi month before the day
    rf"{_W}(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|{_MONTH})"
    rf"\s+(?P<day>{_D}{{1,2}}),?\s*(?P<year>{_D}{{4}})?{_E}" + _SUFFIX,
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    rf"{_W}(?:दिनांक\s*[:\-]?\s*)?(?P<day>{_D}{{1,2}})\s*(?P<sep>[./\-])\s*(?P<month>{_D}{{1,2}})\s*(?P=sep)\s*"
    rf"(?P<year>{_D}{{4}}|{_D}{{2}})(?!{_D})" + _SUFFIX
)
_ISO = re.compile(rf"{_W}(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?!\d)" + _SUFFIX)
_MONTH_ONLY = re.compile(
    rf"{_W}(?:माह\s+)?(?P<month>{_MONTH})(?:\s*[,\-–]?\s*(?P<year>{_D}{{4}}))?(?:\s+(?:माह|महीने))?"
    rf"(?:\s+के\s+(?:अंत|अन्त|आखिर)\s+तक|\s+(?P<suffix>तक|से\s+(?:पहले|पूर्व)|के\s+पूर्व|से|में))",
    re.IGNORECASE,
)
_END_OF_MONTH = re.compile(
    r"(?:(?P<which>इसी|इस|चालू|वर्तमान|अगले|आगामी)\s+)?(?:(?:माह|महीने|मास)\s+के\s+(?:अंत|अन्त|आखिर|अंतिम\s+दिन)|माहांत|माहान्त)\s+तक"
)
# "नवंबर के प्रथम सप्ताह तक", "माह के अंतिम सप्ताह में": by the end of that week of the month.
_WEEK_OF_MONTH = re.compile(
    rf"{_W}(?:(?P<which>इसी|इस|चालू|अगले|आगामी)\s+)?(?:(?P<month>{_MONTH})|माह|महीने)(?:\s+(?:माह|महीने))?\s+(?:के|का)\s+"
    r"(?P<nth>प्रथम|पहले|पहला|दूसरे|दूसरा|द्वितीय|तीसरे|तीसरा|तृतीय|चौथे|चौथा|चतुर्थ|अंतिम|आखिरी)\s+(?:सप्ताह|हफ्ते)"
    r"\s+(?:तक|में)(?![\u0900-\u097f])",
    re.IGNORECASE,
)
_NTH_WEEK_DAY = {"प्रथम": 7, "पहले": 7, "पहला": 7, "दूसरे": 14, "दूसरा": 14, "द्वितीय": 14, "तीसरे": 21, "तीसरा": 21}
_NTH_WEEK_DAY |= {"तृतीय": 21, "चौथे": 28, "चौथा": 28, "चतुर्थ": 28}
# "माह की 25 तारीख तक", "20 तारीख तक": that day of the meeting's month (of the next month once it has passed).
_DAY_OF_MONTH = re.compile(
    rf"{_W}(?:(?:इसी|इस|चालू)\s+)?(?:(?:माह|महीने)\s+(?:की|के)\s+)?(?P<day>{_D}{{1,2}})\s+(?:तारीख|तिथि)\s+(?P<suffix>तक|को){_E}"
)
_NEXT_MONTH = re.compile(r"(?:अगले|आगामी)\s+(?:माह|महीने)\s+(?:तक|में)")
_FY_END = re.compile(
    r"(?:(?:इस|चालू|वर्तमान)\s+)?वित्तीय\s+वर्ष\s+(?:\d{4}-\d{2,4}\s+)?(?:(?:के\s+(?:अंत|अन्त|समापन)|की\s+(?:समाप्ति|समाप्ती))\s+)?(?:तक|से\s+(?:पूर्व|पहले))"
)
# "15 दिन में", "72 घंटे के भीतर": by when. A bare count with तक is how long, not by when: "बैठक 4 घंटे तक
# चली", "एक घंटे तक खुले रखें", "तीन माह तक का राशन" ("अगले 7 दिन तक" is _NEXT_PERIOD's).
_IN_DAYS = re.compile(
    rf"{_W}(?P<n>{_D}{{1,3}}|{NUMBER_WORD})\s+(?P<unit>{_UNIT})\s*(?:के\s+(?:भीतर|अंदर|अन्दर|अंतर्गत|अन्तर्गत)|में|की\s+(?:समय-?सीमा|समयावधि|अवधि)\s+में)"
)
# "अगले 7 दिन सीमांकन सप्ताह चलाएं", "आगामी दो सप्ताह में": the next so many days from the meeting.
_NEXT_PERIOD = re.compile(
    rf"{_W}(?:अगले|आगामी)\s+(?P<n>{_D}{{1,3}}|{NUMBER_WORD})\s+(?P<unit>{_UNIT})"
    rf"(?:\s+(?:में|तक|के\s+(?:भीतर|अंदर|अन्दर|दौरान)))?{_E}"
)
# "परिणाम आने के …", "आवेदन प्राप्ति के …", "बिक्री के 48 घंटे के भीतर": a period counted from another event
# (counted_from.tsv), not from the meeting
_AFTER_EVENT = re.compile(
    rf"{LETTERS}(?:ने|नें)\s+के\s+$|(?<![\u0900-\u097f])(?:{alternation(column('counted_from'))})\s+के\s+$"
)
_NEXT_WEEK = re.compile(r"(?:अगले|आगामी)\s+(?:सप्ताह|हफ्ते|हफ़्ते)\s+(?:तक|में)")
_IMMEDIATE = re.compile(
    rf"{_W}(?:तत्काल|तत्कालिक\s+रूप\s+से|तुरंत|तुरन्त|अविलंब|अविलम्ब|फौरन|आज\s+ही"
    rf"|बिना\s+(?:किसी\s+)?(?:देरी|देर|विलंब|विलम्ब)\s+के|immediately|with\s+immediate\s+effect){_E}"
)
_SOON_WORDS = (
    r"(?:शीघ्रातिशीघ्र|अतिशीघ्र|अति\s+शीघ्र|यथाशीघ्र|यथा\s+शीघ्र|शीघ्रता\s+से|शीघ्र|शीघ|जल्द\s+से\s+जल्द|जल्दी\s+से\s+जल्दी|जल्दी|जल्द"
    # the English a Hindi note may write: "process ASAP शुरू करें", "at the earliest"
    r"|ASAP|A\.S\.A\.P|as\s+soon\s+as\s+possible|at\s+the\s+earliest)"
)
_SOON = re.compile(rf"{_W}{_SOON_WORDS}{_E}")
# "निर्धारित समय सीमा के भीतर", "जल्द से जल्द समय सीमा में", "समय रहते": a time limit the sentence does not date.
_LIMIT_WORDS = {
    role: [r[0] for r in rows("time_limit_words") if r[1:2] == (role,)]
    for role in ("limit", "modifier", "after_modifier", "alone", "on_time_modifier")
}
_TIME_LIMIT = re.compile(
    rf"{_W}(?:{_SOON_WORDS}\s+)?(?:(?:{alternation(_LIMIT_WORDS['modifier'])})\s+)?"
    rf"(?:{alternation(_LIMIT_WORDS['limit'])})\s+(?:के\s+(?:भीतर|अंदर|अन्दर|अंतर्गत|अन्तर्गत)|में){_E}"
    # "निर्धारित तिथि तक", "तय समय में": a date or time word is a limit only after a modifier
    rf"|{_W}(?:{alternation(_LIMIT_WORDS['modifier'])})\s+(?:{alternation(_LIMIT_WORDS['after_modifier'])})"
    rf"(?:\s+(?:एवं|और|व|तथा)\s+(?:{alternation(_LIMIT_WORDS['after_modifier'])}))?"  # "नियत तिथि एवं समय तक"
    rf"\s+(?:के\s+(?:भीतर|अंदर|अन्दर|अंतर्गत|अन्तर्गत)|में|तक|से\s+(?:पूर्व|पहले)){_E}"
    rf"|{_W}(?:{alternation(_LIMIT_WORDS['alone'])}){_E}"
)
# "समय पर", "सही समय पर", "समय से", "तय तिथि पर", "नियत तिथि एवं समय पर": on time, a limit the sentence does
# not date; not after a word that makes it the time of something else ("ट्रेनों के नियत समय पर", "लंबे समय
# से" how long; "समय-समय पर" how often).
_ON_TIME_WORDS = {r: [w[0] for w in rows("time_limit_words") if w[1:2] == (r,)] for r in ("on_time", "not_on_time")}
_FIXED = alternation(_LIMIT_WORDS["modifier"])
_FIXED_WHEN = alternation(_LIMIT_WORDS["after_modifier"])
_ON_TIME_PHRASE = alternation(_ON_TIME_WORDS["on_time"])  # no rows (the default): nothing
_ON_TIME = re.compile(
    rf"{_W}(?:(?:{_FIXED}|{alternation(_LIMIT_WORDS['on_time_modifier'])})\s+)?"
    rf"(?:{_ON_TIME_PHRASE}){_E}(?!\s+(?:पहले|पूर्व))"  # "समय से पहले": ahead of time
    rf"|{_W}(?:{_FIXED})\s+(?:{_FIXED_WHEN})(?:\s+(?:एवं|और|व|तथा)\s+(?:{_FIXED_WHEN}))?\s+पर{_E}"
)
_WORD_BEFORE = re.compile(rf"({LETTERS}+)[\s\-–]*$")
_NEXT_MEETING = re.compile(r"(?:आगामी|अगली)\s+(?:समीक्षा\s+|मासिक\s+)?बैठक\s+(?:से\s+पूर्व|से\s+पहले|तक|के\s+पूर्व|में)")
# "छठ पर्व से पूर्व", "मानसून से पहले": before an event whose date the sentence does not give (unresolved).
_EVENT_GENERIC = alternation([v for r in rows("event_words") if r[1:2] == ("generic",) for v in (r[0], fold(r[0]))])
_EVENT_NAMED = alternation([v for r in rows("event_words") if r[1:2] != ("generic",) for v in (r[0], fold(r[0]))])
# ("नया शैक्षणिक सत्र प्रारंभ होने से पूर्व": "नया" before the event's word is part of it)
_BEFORE_EVENT = re.compile(
    rf"{_W}(?:(?:नया|नए|नई|नयी)\s+)?"
    rf"(?:(?:(?<!की\s)(?<!के\s)(?<!का\s)(?!आगामी|अगली|अगले|की|के|का|को|में|से|पर|ने|तक){LETTERS}+\s+)?(?:{_EVENT_GENERIC})"
    rf"|(?:{_EVENT_NAMED}))(?:\s+(?:शुरू|प्रारंभ|प्रारम्भ|आरंभ|समाप्त|खत्म)\s+होने)?\s+(?:से|के)\s+(?:पूर्व|पहले){_E}"
)
# "मतगणना के दिन", "चुनाव वाले दिन": on the day of an event the sentence does not date (unresolved).
_EVENT_DAY = re.compile(rf"{_W}(?:{_EVENT_GENERIC}|{_EVENT_NAMED})\s+(?:के|वाले)\s+दिन{_E}")
# "मानसून तक", "दीपावली तक": by a named season or festival the sentence does not date; "पेराई सीज़न समाप्त होने तक",
# "मेला समाप्त होने तक": until an event ends.
_EVENT_BY = re.compile(
    rf"{_W}(?:{_EVENT_NAMED})\s+तक{_E}"
    rf"|{_W}(?:(?:(?!की|के|का|को|में|से|पर|ने|तक){LETTERS}+\s+)?(?:{_EVENT_GENERIC})|(?:{_EVENT_NAMED}))"
    rf"\s+(?:समाप्त|खत्म|ख़त्म|पूरा|पूर्ण)\s+होने\s+तक{_E}"
)
# "आगामी होली के अवसर पर", "शीतकालीन विधानसभा सत्र में", "आगामी सत्र 2026-27 से", "आगामी सीज़न से": by a coming
# occasion, session or season the sentence does not date (unresolved).
_COMING_OCCASION = re.compile(
    rf"{_W}(?:आगामी\s+(?:[^\s।,;]+\s+){{0,6}}?[^\s।,;]+\s+के\s+अवसर\s+पर"
    rf"|(?:आगामी|शीतकालीन|बजट|मानसून|ग्रीष्मकालीन)\s+(?:विधानसभा\s+|विधान\s+सभा\s+|संसद\s+|शैक्षणिक\s+|शिक्षा\s+)?सत्र"
    rf"(?:\s+{_D}{{4}}(?:\s*-\s*{_D}{{2,4}})?)?\s+(?:में|से|के\s+दौरान)"
    # "आगामी सीज़न से", "अगले पेराई सीजन में": a coming season
    rf"|(?:आगामी|अगले|अगली)\s+(?:{LETTERS}+\s+)?(?:सीजन|सीज़न)\s+(?:में|से|के\s+दौरान)){_E}"
)
_NEXT_WEEKDAY = re.compile(rf"{_W}(?:आगामी|अगले|अगली|इस|आने\s+वाले)\s+(?P<day>{_WEEKDAY})\s+(?:तक|को)")
# "प्रत्येक माह की 5 तारीख तक": a limit that recurs, not one due date.
_RECURRING_LIMIT = re.compile(
    rf"{_W}(?:प्रत्येक|हर|प्रति)\s*(?:माह|महीने|सप्ताह)\s+(?:की|के)\s+(?:{_D}{{1,2}}|{_WEEKDAY})\s*(?:तारीख|तिथि)?\s+(?:तक|को)"
    # "रिपोर्ट प्रत्येक शुक्रवार तक भेजें", "every Monday तक": a limit each week
    rf"|{_W}(?:प्रत्येक|हर|every|Every)\s+(?:{_WEEKDAY})\s+(?:तक|से\s+पहले|से\s+पूर्व){_E}"
)
# "प्रतिदिन शाम 5 बजे तक", "हर सोमवार दोपहर 12 बजे तक": a limit each day or week, not one due date.
_DAILY_LIMIT = re.compile(
    rf"{_W}(?:प्रतिदिन|रोजाना|रोज़ाना|रोज़?|हर\s+दिन|प्रत्येक\s+दिन|दैनिक\s+रूप\s+से|(?:हर|प्रत्येक)\s+(?:{_WEEKDAY}))"
    rf"(?:\s+को)?\s+{_CLOCK}\s+(?:तक|से\s+पहले|से\s+पूर्व){_E}"
)
# "शनिवार तक": the coming such weekday (``आगामी`` left out); "बुधवार को" alone is left alone: in a note it
# mostly dates the meeting ("डीएम ने बुधवार को …"), and "हर बुधवार" is how often (extractors/recurrence.py).
# ("सोमवार से शनिवार तक" is a span of days, no deadline)
_BARE_WEEKDAY_BY = re.compile(rf"{_W}(?<!हर\s)(?<!प्रत्येक\s)(?<!every\s)(?<!से\s)(?P<day>{_WEEKDAY})\s+तक{_E}")
# "निर्देश दिए कि शुक्रवार को … निरीक्षण किया जाए": a weekday inside the that-clause is the coming such day;
# before the कि it dates the meeting ("कलेक्टर ने बुधवार को निर्देश दिए कि …").
# "… कि बुधवार से … निगरानी करेंगे": from that coming weekday ("सोमवार से शनिवार तक" is a span of days).
_WEEKDAY_ON = re.compile(
    rf"{_W}(?<!हर\s)(?<!प्रत्येक\s)(?<!प्रति\s)(?<!every\s)(?<!Every\s)(?P<day>{_WEEKDAY})\s+(?P<suffix>को|से(?!\s+(?:{_WEEKDAY}|पहले|पूर्व|लेकर)))"
    rf"{_E}"
)
_THAT_BEFORE = re.compile(r"(?<![\u0900-\u097f])कि\s")
# "… कि बुधवार को कोई बैठक आयोजित नहीं होगी": a meeting held that day, or a standing ban (every such day)
_HELD_AFTER = re.compile(r"[^।]{0,80}?(?:आयोजित|संपन्न|सम्पन्न|हुई|हुआ|हुए|नहीं|कोई\s)(?![\u0900-\u097f])")
# "दस दिन का अभियान चलाकर सभी गड्ढे भरें": a campaign's length is the time the action has.
_CAMPAIGN = re.compile(
    rf"{_W}(?P<n>{_D}{{1,3}}|{NUMBER_WORD})\s+(?P<unit>{_UNIT})(?=\s+(?:का|के)\s+(?:विशेष\s+)?(?:अभियान|कैंप|शिविर|पखवाड़ा)(?![\u0900-\u097f]))"
)
# "बैठक तिथि से तीन दिवस पूर्व", "एक दिन पूर्व ही": a period before an event the note does not date.
_PERIOD_BEFORE = re.compile(rf"{_W}(?P<n>{_D}{{1,3}}|{NUMBER_WORD})\s+(?:{_UNIT})\s+(?:पूर्व|पहले){_E}")
# "सप्ताह भर में", "महीने भर के भीतर": within one such period.
_ONE_PERIOD = re.compile(rf"{_W}(?P<unit>{_UNIT})\s+भर\s+(?:में|के\s+(?:भीतर|अंदर|अन्दर)){_E}")
# "वर्ष के अंत तक" (not the financial year's): the end of the meeting's year.
_BARE_YEAR_END = re.compile(rf"{_W}(?<!वित्तीय\s)(?:वर्ष|साल)\s+के\s+(?:अंत|अन्त|आखिर)\s+तक{_E}")
# "आज से ही", "अभी से": from the meeting's day.
_FROM_TODAY = re.compile(rf"{_W}(?:आज|अभी)\s+से(?:\s+ही)?{_E}")
# "सायं तक", "शाम 5 बजे तक": by the evening of the meeting's day; "सुबह 10 से शाम 5 बजे तक" is a window of hours.
_EVENING = re.compile(rf"{_W}(?:सायं|सांय|साँय|सायँ|शाम|संध्या)(?:\s+{_D}{{1,2}}(?:[:.]{_D}{{2}})?\s+बजे)?\s+तक{_E}")
_WINDOW_BEFORE = re.compile(rf"(?:{_D}|{_W}(?:बजे|सुबह|प्रातः|दोपहर))\s*से\s+$")
# "आने वाले कुछ महीनों में", "अगले कुछ दिनों में": within a few such periods, undated.
_NEXT_FEW = re.compile(rf"{_W}(?:अगले|आगामी|आने\s+वाले)\s+कुछ\s+(?:{_UNIT})\s+(?:में|के\s+(?:भीतर|अंदर|अन्दर|दौरान)){_E}")
# "कल तक", "आज शाम तक", "परसों तक": a day counted from the meeting.
_RELATIVE_DAY = re.compile(
    rf"{_W}(?P<day>आज|कल|परसों)(?:\s+(?:ही\s+)?(?:सुबह|शाम|दोपहर|रात)(?:\s+{_D}{{1,2}}\s+बजे)?)?\s+तक{_E}"
)
_DAY_OFFSET = {"आज": 0, "कल": 1, "परसों": 2}
# "इस माह में", "इसी महीने तक": by the last day of the meeting's month.
_THIS_MONTH = re.compile(rf"{_W}(?:इसी|इस|चालू)\s+(?:माह|महीने|मास)\s+(?:में|तक){_E}")
# "इसी सप्ताह", "इस सप्ताह के अंत तक": by the Sunday that ends the meeting's week.
_THIS_WEEK = re.compile(rf"{_W}(?:इसी|इस|चालू)\s+(?:सप्ताह|हफ्ते|हफ़्ते)(?:\s+(?:के\s+(?:अंत|अन्त)\s+)?(?:तक|में))?{_E}")
# "इस वर्ष", "इसी साल के अंत तक": by the last day of the meeting's year.
_THIS_YEAR = re.compile(
    rf"{_W}(?:इसी|इस|चालू|वर्तमान)\s+(?:वर्ष|साल)(?:\s+(?:के\s+(?:अंत|अन्त|आखिर)\s+)?(?:तक|में))?{_E}(?!\s*[0-9०-९])"
)
_YEAR_END = re.compile(rf"{_W}(?:वर्ष\s+)?(?P<year>{_D}{{4}})\s+(?:के\s+अंत\s+)?तक")


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    date: str | None
    kind: str  # by | on | from | within | immediate | soon | before_next_meeting | unresolved | recurring


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


Resolved = tuple[date | None, str] | None  # (date, kind); None drops the match
Resolver = Callable[[re.Match[str], date | None], Resolved]


def _numeric(m: re.Match[str], meeting: date | None) -> Resolved:
    y = _year(m["year"])
    when = _safe_date(y, int(ascii_digits(m["month"])), int(ascii_digits(m["day"]))) if y else None
    return (when, _kind(m["suffix"])) if when else None


def _iso(m: re.Match[str], meeting: date | None) -> Resolved:
    when = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return (when, _kind(m["suffix"])) if when else None


def _day_month(m: re.Match[str], meeting: date | None) -> Resolved:
    raw = m["day"]
    mo, d = MONTHS[fold(m["month"])], NUMBER_WORDS[raw] if raw in NUMBER_WORDS else int(ascii_digits(raw))
    y = _year(m["year"]) or _infer_year(mo, d, meeting)
    return (_safe_date(y, mo, d) if y else None), _kind(m["suffix"])


def _month_only(m: re.Match[str], meeting: date | None) -> Resolved:
    """``दिसंबर तक``: the last day of that month (the next such month); ``नवंबर से``: its first day."""
    mo = MONTHS[fold(m["month"])]
    y = _year(m["year"])
    if y is None and meeting is not None:
        y = meeting.year + (1 if mo < meeting.month else 0)
    suffix = " ".join((m["suffix"] or "तक").split())
    if y is None:
        return None, _kind(suffix)
    if suffix == "से":
        return date(y, mo, 1), "from"
    if "पहले" in suffix or "पूर्व" in suffix:  # "मार्च 2026 से पहले": by the last day before that month
        return date(y, mo, 1) - timedelta(days=1), "by"
    return _month_end(y, mo), _kind(suffix)


def _end_of_month(m: re.Match[str], meeting: date | None) -> Resolved:
    if meeting is None:
        return None, "by"
    base = _add_months(meeting, 1) if m["which"] in ("अगले", "आगामी") else meeting
    return _month_end(base.year, base.month), "by"


def _week_of_month(m: re.Match[str], meeting: date | None) -> Resolved:
    """``नवंबर के दूसरे सप्ताह तक``: the 14th of that month; ``अंतिम सप्ताह``: its last day."""
    if m["month"]:
        mo = MONTHS[fold(m["month"])]
        y = meeting.year + (1 if mo < meeting.month else 0) if meeting else None
    elif meeting is not None:
        base = _add_months(meeting, 1) if m["which"] in ("अगले", "आगामी") else meeting
        y, mo = base.year, base.month
    else:
        y = None
    if y is None:
        return None, "by"
    day = _NTH_WEEK_DAY.get(m["nth"])
    return (date(y, mo, day) if day else _month_end(y, mo)), "by"


def _day_of_month(m: re.Match[str], meeting: date | None) -> Resolved:
    """``20 तारीख तक``: the next 20th on or after the meeting."""
    kind = _kind(m["suffix"])
    if meeting is None:
        return None, kind
    day = int(ascii_digits(m["day"]))
    base = meeting if day >= meeting.day else _add_months(meeting.replace(day=1), 1)
    return _safe_date(base.year, base.month, day), kind


def _next_month(m: re.Match[str], meeting: date | None) -> Resolved:
    if meeting is None:
        return None, "by"
    nxt = _add_months(meeting, 1)
    return _month_end(nxt.year, nxt.month), "by"


def _fy_end(m: re.Match[str], meeting: date | None) -> Resolved:
    return (date(meeting.year + (1 if meeting.month >= 4 else 0), 3, 31) if meeting else None), "by"


def _in_period(m: re.Match[str], meeting: date | None) -> Resolved:
    """``15 दिन में``, ``एक सप्ताह के भीतर``, ``48 घंटे के भीतर``: the meeting date plus the period; counted
    from another event (``परिणाम आने के एक सप्ताह के भीतर``), it stays unresolved."""
    if _AFTER_EVENT.search(m.string, 0, m.start()):
        return None, "unresolved"
    raw = m["n"]
    n = NUMBER_WORDS[raw] if raw in NUMBER_WORDS else int(ascii_digits(raw))
    if meeting is None:
        return None, "within"
    unit = _UNIT_KIND[fold(" ".join(m["unit"].split()))]
    if unit == "month":
        return _add_months(meeting, n), "within"
    days = {"hour": -(-n // 24), "day": n, "week": 7 * n, "fortnight": 15 * n}[unit]
    return meeting + timedelta(days=days), "within"


def _one_period(m: re.Match[str], meeting: date | None) -> Resolved:
    """``सप्ताह भर में``: the meeting date plus one such period."""
    if meeting is None:
        return None, "within"
    unit = _UNIT_KIND[fold(" ".join(m["unit"].split()))]
    if unit == "month":
        return _add_months(meeting, 1), "within"
    return meeting + timedelta(days={"hour": 1, "day": 1, "week": 7, "fortnight": 15}[unit]), "within"


def _next_week(m: re.Match[str], meeting: date | None) -> Resolved:
    return (meeting + timedelta(days=7) if meeting else None), "within"


def _period_before(m: re.Match[str], meeting: date | None) -> Resolved:
    """``तीन दिन पूर्व``: unresolved; ``दो दिन पहले हुई बैठक`` (a past event, a verb after it) is no deadline."""
    return None if _PAST_AFTER.match(m.string, m.end()) else (None, "unresolved")


_PAST_AFTER = re.compile(r"\s*(?:ही\s+)?(?:हुई|हुए|हुआ|की\s+गई|किए\s+गए|दिए\s+गए|दिये\s+गये|था|थी|थे)(?![\u0900-\u097f])")


def _weekday_on(m: re.Match[str], meeting: date | None) -> Resolved:
    """``… कि शुक्रवार को …`` (``… से``: from then): the next such weekday after the meeting; elsewhere no deadline."""
    if not _THAT_BEFORE.search(m.string, 0, m.start()) or _HELD_AFTER.match(m.string, m.end()):
        return None
    when = _next_weekday(m, meeting)
    return (when[0] if when else None), "from" if m["suffix"] == "से" else "on"


def _next_weekday(m: re.Match[str], meeting: date | None) -> Resolved:
    """``आगामी सोमवार तक``: the next such weekday after the meeting."""
    if meeting is None:
        return None, "by"
    ahead = (WEEKDAYS[fold(m["day"])] - meeting.isoweekday()) % 7 or 7
    return meeting + timedelta(days=ahead), "by"


def _evening(m: re.Match[str], meeting: date | None) -> Resolved:
    """``सायं तक``: the meeting's day; after ``… से`` it ends a window of hours, no deadline."""
    return None if _WINDOW_BEFORE.search(m.string, max(0, m.start() - 12), m.start()) else (meeting, "by")


def _on_time(m: re.Match[str], meeting: date | None) -> Resolved:
    """``समय पर``: undated; none after a genitive, a quantity or a pointer (``बैठक के समय पर``, ``लंबे समय से``)
    or before a negation (``… समय पर जमा नहीं किया``)."""
    before = _WORD_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
    if before and (before[1] == "समय" or before[1] in _NOT_ON_TIME) or _NOT_DONE_AFTER.match(m.string, m.end()):
        return None
    if _ONLY_AFTER.match(m.string, m.end()):
        return None  # "… और तय तिथि पर ही मापी हो": how it is done (on that very day), no time limit
    if _FIXED_TIME_ON.fullmatch(" ".join(m[0].split())):
        return None  # "निर्धारित समय पर", "तय समय पर": on time, as a bare "समय पर" (a fixed date "तय तिथि पर" stays)
    return None, "unresolved"


_ONLY_AFTER = re.compile(r"\s+ही(?![\u0900-\u097f])")
_FIXED_TIME_ON = re.compile(rf"(?:{_FIXED})\s+समय\s+पर")
# "जिन व्यक्तियों द्वारा समय पर ऋण नहीं चुकाया जा रहा": what is not done on time, a fact about the cases.
_NOT_DONE_AFTER = re.compile(r"[^,।]{0,60}?(?<![\u0900-\u097f])नहीं(?![\u0900-\u097f])")
_NOT_ON_TIME = frozenset(_ON_TIME_WORDS["not_on_time"]) | {fold(w) for w in _ON_TIME_WORDS["not_on_time"]}


def _relative_day(m: re.Match[str], meeting: date | None) -> Resolved:
    return (meeting + timedelta(days=_DAY_OFFSET[m["day"]]) if meeting else None), "by"


def _this_month(m: re.Match[str], meeting: date | None) -> Resolved:
    return (_month_end(meeting.year, meeting.month) if meeting else None), "by"


def _this_week(m: re.Match[str], meeting: date | None) -> Resolved:
    return (meeting + timedelta(days=7 - meeting.isoweekday()) if meeting else None), "by"


def _this_year(m: re.Match[str], meeting: date | None) -> Resolved:
    return (date(meeting.year, 12, 31) if meeting else None), "by"


def _year_end(m: re.Match[str], meeting: date | None) -> Resolved:
    return date(_year(m["year"]) or 1, 12, 31), "by"


def _at(kind: str, on_meeting: bool = False) -> Resolver:
    def resolve(m: re.Match[str], meeting: date | None) -> Resolved:
        return (meeting if on_meeting else None), kind

    return resolve


# The grammar as rows: (pattern, resolver, kind). The resolver gives the date and may refine the kind
# (a suffix ``तक``/``से``/``को``); rows are tried in order and overlaps keep the longest expression.
TIME_RULES: tuple[tuple[re.Pattern[str], Resolver, str], ...] = (
    (_NUMERIC, _numeric, "on"),
    (_ISO, _iso, "on"),
    (_DAY_MONTH_YEAR, _day_month, "on"),
    (_MONTH_DAY_YEAR, _day_month, "on"),
    (_MONTH_ONLY, _month_only, "by"),
    (_END_OF_MONTH, _end_of_month, "by"),
    (_WEEK_OF_MONTH, _week_of_month, "by"),
    (_DAY_OF_MONTH, _day_of_month, "by"),
    (_NEXT_MONTH, _next_month, "by"),
    (_FY_END, _fy_end, "by"),
    (_IN_DAYS, _in_period, "within"),
    (_NEXT_PERIOD, _in_period, "within"),
    (_NEXT_WEEK, _next_week, "within"),
    (_ONE_PERIOD, _one_period, "within"),
    (_BARE_YEAR_END, _this_year, "by"),
    (_FROM_TODAY, _at("from", on_meeting=True), "from"),
    (_EVENING, _evening, "by"),
    (_NEXT_FEW, _at("unresolved"), "unresolved"),
    (_CAMPAIGN, _in_period, "within"),
    (_NEXT_WEEKDAY, _next_weekday, "by"),
    (_BARE_WEEKDAY_BY, _next_weekday, "by"),
    (_WEEKDAY_ON, _weekday_on, "on"),
    (_DAILY_LIMIT, _at("recurring"), "recurring"),
    (_PERIOD_BEFORE, _period_before, "unresolved"),
    (_YEAR_END, _year_end, "by"),
    (_RELATIVE_DAY, _relative_day, "by"),
    (_THIS_WEEK, _this_week, "by"),
    (_THIS_MONTH, _this_month, "by"),
    (_THIS_YEAR, _this_year, "by"),
    (_RECURRING_LIMIT, _at("recurring"), "recurring"),
    (_IMMEDIATE, _at("immediate", on_meeting=True), "immediate"),
    (_SOON, _at("soon"), "soon"),
    (_NEXT_MEETING, _at("before_next_meeting"), "before_next_meeting"),
    (_BEFORE_EVENT, _at("unresolved"), "unresolved"),
    (_EVENT_DAY, _at("unresolved"), "unresolved"),
    (_EVENT_BY, _at("unresolved"), "unresolved"),
    (_COMING_OCCASION, _at("unresolved"), "unresolved"),
    (_TIME_LIMIT, _at("unresolved"), "unresolved"),
    (_ON_TIME, _on_time, "unresolved"),
)


def find_time_expressions(sentence: str, meeting: date | None) -> list[TimeExpression]:
    """Every time expression in ``sentence``, left to right, without overlaps."""
    found: list[TimeExpression] = []
    for rx, resolve, _ in TIME_RULES:
        for m in rx.finditer(sentence):
            resolved = resolve(m, meeting)
            if resolved is None:
                continue
            when, kind = resolved
            text = m.group(0).strip()
            found.append(TimeExpression(m.start(), m.end(), text, when.isoformat() if when else None, kind))
    return [
        _effect_start(e, sentence)
        for e in _ranges_joined(_without_overlaps(found), sentence)
        if not _QUALIFIER_AFTER.match(sentence, e.end)
        and not (e.kind in _WHEN_SAID_KINDS and _SAID_AFTER.match(sentence, e.end))
    ]


# "… maintenance w.e.f. 01.01.2026 प्रत्येक माह किया जाए", "with effect from 1st April": the day an order takes
# effect, a start (never the meeting's date), its label kept in the text.
_EFFECT_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:w\.?\s?e\.?\s?f\.?|with\s+effect\s+from|effective\s+from|प्रभावी\s+(?:दिनांक|तिथि))\s*[:\-]?\s*$",
    re.IGNORECASE,
)


def _effect_start(e: TimeExpression, sentence: str) -> TimeExpression:
    m = _EFFECT_BEFORE.search(sentence, max(0, e.start - 30), e.start) if e.kind in ("on", "from") and e.date else None
    return TimeExpression(m.start(), e.end, sentence[m.start() : e.end].strip(), e.date, "from") if m else e


# "2019 तक के सभी लंबित आवास", "31 मार्च तक के लिए": a limit naming which cases or what period, not a deadline.
# "31 मार्च तक की गई कार्रवाई", "जून तक हुए कार्य": what was done by then, not a deadline.
_QUALIFIER_AFTER = re.compile(r"\s*(?:के\s|(?:की|किए|किये|किया)\s+(?:गई|गयी|गए|गये|गया)\s|हुई\s|हुए\s|हुआ\s)")
# "… बैठक के पूर्व कहा कि …", "सोमवार को निर्देश दिए": a time right before the verb of saying dates the saying.
_SAID_AFTER = re.compile(r"\s*,?\s*(?:कहा|बताया|निर्देश\s+(?:दिए|दिये|दिया)|निर्देशित\s+किया)(?![\u0900-\u097f])")
_WHEN_SAID_KINDS = frozenset({"on", "unresolved", "before_next_meeting"})


# "15 से 17 अगस्त तक", "1 नवंबर से 30 नवंबर तक", a cell "15 से 20 नवंबर": one range, due at its end.
_BETWEEN_AFTER = re.compile(r"\s+के\s+(?:बीच|मध्य|दौरान)(?![\u0900-\u0963\u0966-\u097f])")
_RANGE_START = re.compile(rf"{_W}(?:{_D}{{1,2}}|{NUMBER_WORD})\s+से\s+$")


def _ranges_joined(kept: list[TimeExpression], sentence: str) -> list[TimeExpression]:
    """Join ``X से`` (a start) and ``Y (तक)`` right after it into one expression with Y's date, kind ``by``."""
    out: list[TimeExpression] = []
    for e in kept:
        if not (e.kind == "by" and e.text.endswith("तक") or e.kind == "on" and e.date is not None):
            out.append(e)
            continue
        start = None
        if out and out[-1].kind == "from" and not sentence[out[-1].end : e.start].strip():
            start = out.pop().start
        else:
            m = _RANGE_START.search(sentence, max(0, e.start - 20), e.start)
            start = m.start() if m else None
        if start is None:
            out.append(e)
            continue
        between = _BETWEEN_AFTER.match(sentence, e.end)  # "15 से 20 नवंबर के बीच"
        end = between.end() if between and e.kind == "on" else e.end
        out.append(TimeExpression(start, end, sentence[start:end].strip(), e.date, "by"))
    return out


def _without_overlaps(found: list[TimeExpression]) -> list[TimeExpression]:
    """Keep the longest expression where two overlap (``31 दिसंबर, 2025 तक`` over ``दिसंबर, 2025 तक``)."""
    kept: list[TimeExpression] = []  # sorted by start, never overlapping
    for e in sorted(found, key=lambda e: (-(e.end - e.start), e.start)):
        i = _position(kept, e.start)
        before_ok = i == 0 or kept[i - 1].end <= e.start
        after_ok = i == len(kept) or e.end <= kept[i].start
        if before_ok and after_ok:
            kept.insert(i, e)
    return kept


def _position(kept: list[TimeExpression], start: int) -> int:
    """Where an expression starting at ``start`` goes in ``kept`` (binary search)."""
    lo, hi = 0, len(kept)
    while lo < hi:
        mid = (lo + hi) // 2
        if kept[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def parse_meeting_date(text: str) -> date | None:
    """The first full date (with a year) in ``text``."""
    for e in find_time_expressions(text, None):
        if e.date and e.kind in ("on", "by", "from"):
            return date.fromisoformat(e.date)
    return None


# "भोपाल, जून 2015/", "Bhopal, June 2015": a month and a year with no day before them
_MONTH_YEAR = re.compile(
    rf"(?<![0-9०-९]\s)(?<![0-9०-९])(?P<month>{_MONTH})\s*,?\s*(?P<year>{_D}{{4}})(?!{_D})", re.IGNORECASE
)


def month_and_year(line: str) -> tuple[int, int] | None:
    """The year and month of a dateline that gives no day (``भोपाल, जून 2015/``), or None."""
    m = _MONTH_YEAR.search(line)
    if m is None or fold(m["month"]) not in MONTHS:
        return None
    year = _year(m["year"])
    return (year, MONTHS[fold(m["month"])]) if year else None


def find_time_expressions_in_month(sentence: str, year: int, month: int) -> list[TimeExpression]:
    """Time expressions when only the meeting's month is known: an expression keeps its date only where every
    day of that month gives the same one (``इस वर्ष`` → 31 December, ``दिसंबर तक``); ``15 दिन में`` has none."""
    early = find_time_expressions(sentence, date(year, month, 1))
    late = {(e.start, e.end): e.date for e in find_time_expressions(sentence, _month_end(year, month))}
    return [
        e if late.get((e.start, e.end)) == e.date else TimeExpression(e.start, e.end, e.text, None, e.kind)
        for e in early
    ]
