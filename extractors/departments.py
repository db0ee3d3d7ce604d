"""The department (or committee) whose work a meeting reviews.

A department phrase is read backwards from its head noun (``विभाग``, ``मंत्रालय``, ``निदेशालय``) and kept
whole: ``महिला एवं बाल विकास विभाग``, ``राजस्व एवं आपदा प्रबंधन विभाग``, trimmed to the longest known
name (``departments.tsv``) where the words before it are not part of one (``वनाधिकारी एवं अग्निशमन विभाग`` →
``अग्निशमन विभाग``). A note names many departments in passing; the meeting's is the one the heading,
letterhead or subject line names, or whose work is reviewed (``… विभाग की समीक्षा / की बैठक``), or the
committee whose meeting it is (``जिला गंगा समिति की बैठक``). A department only mentioned is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.vocab import is_in, rows

_HEAD = re.compile(r"(?<![\u0900-\u097f])(?:विभाग|मंत्रालय|निदेशालय)(?![\u0900-\u0963\u0966-\u097f])")
_WORD_BEFORE = re.compile(r"([\u0900-\u097f\-]+)(\s*,)?\s*$")
_JOINERS = ("एवं", "व", "और", "तथा", ",")
_MAX_WORDS = 8
# What makes a department the meeting's: its work reviewed, its meeting held, its officers called.
_REVIEWED = re.compile(
    r"^\s*(?:की|के|द्वारा)\s+(?:(?:[\u0900-\u097f]+\s+){0,3}?(?:समीक्षा|बैठक)|योजनाओं|कार्यों|संचालित"
    r"|अधिकारियों\s+(?:के\s+साथ|की\s+(?:समीक्षा|बैठक))|प्रगति|कार्यक्रमों)"
)
# "सचिव, लोक निर्माण विभाग श्री … की अध्यक्षता में": the department of the post in the chair
_CHAIR_POST = re.compile(r"(?:सचिव|निदेशक|आयुक्त|अधिकारी|मंत्री)\s*,\s*$")
# "सूचना … विभाग के महानिदेशक X ने … बैठक": the department of the post that holds the meeting
# "आदिवासी विकास विभाग के सहायक आयुक्त X ने …": the head post may carry a modifier or two before it
_HEAD_POSTS = r"(?:[\u0900-\u097f]+\s+){0,2}?(?:महानिदेशक|निदेशक|संचालक|सचिव|मंत्री|आयुक्त)(?![\u0900-\u097f])"
_POST_AFTER = re.compile(rf"^\s+के\s+{_HEAD_POSTS}")
_CHAIR_AFTER = re.compile(
    rf"^(?:\s+के\s+{_HEAD_POSTS})?"
    r"[^।\n]{0,80}?(?:की\s+अध्यक्षता|ने\s+[^।\n]{0,160}?(?:बैठक|समीक्षा|निर्देश))"
)
# "सहकारिता मंत्रालय द्वारा दो दिवसीय कार्यशाला और समीक्षा बैठक आयोजित की गई": the department holds it
_HOLDS = re.compile(r"^\s*(?:ने|द्वारा)\s[^।\n]{0,120}?(?:बैठक|समीक्षा|कार्यशाला)")
_SUBJECT_LINE = re.compile(r"^\s*(?:विषय|बैठक\s+का\s+विषय|विभाग)\s*[:\-–]")
# "जिला गंगा समिति की बैठक", "जिला विकास समन्वय और निगरानी समिति ‘दिशा’ की बैठक", "दिशा की बैठक"
_COMMITTEE = re.compile(
    r"(?<![\u0900-\u097f])(?P<c>(?:जिला|राज्य|प्रखंड|मंडल)\s+(?:[\u0900-\u097f]+\s+){0,4}?(?:समिति|सोसाइटी))"
    r"(?:\s*\([^()\n]{0,30}\))?(?:\s+एवं\s+[^।\n]{0,40}?समिति)?\s+(?:की|के)\s+(?:[^।\n]{0,30}?\s)?बैठक"
    r"|(?P<disha>दिशा)[’']?\s+की\s+(?:[^।\n]{0,20}?\s)?बैठक"
)
_HEAD_CHARS = 4000
_COMMITTEE_CHARS = 700


@dataclass(frozen=True, order=True)
class _Candidate:
    rank: int
    start: int
    name: str


def _known() -> frozenset[tuple[str, ...]]:
    from nlp.normalize import fold

    return frozenset(tuple(fold(w) for w in r[0].split()) for r in rows("departments") if r and r[0])


_KNOWN = _known()


def _is_known(words: list[str]) -> bool:
    from nlp.normalize import fold

    return tuple(fold(w.strip(",")) for w in words) in _KNOWN


def department_phrase(text: str, head_start: int) -> str | None:
    """The department phrase ending in the head noun at ``head_start``, or None when no name stands before it."""
    found = _phrase(text, head_start)
    return found[0] if found else None


def portfolio_before(text: str, head_start: int) -> str | None:
    """A known department name right before the word at ``head_start``, or None (``ऊर्जा मंत्री`` → ऊर्जा,
    ``प्रदेश के मंत्री`` → None): a minister's portfolio. Only a name that is all the words before the post
    (``वन, पर्यावरण, उद्यान, जन्तु उद्यान मंत्री`` is no one portfolio: None)."""
    found = _phrase(text, head_start, known_only=True)
    return found[0].rsplit(" ", 1)[0] if found else None


def _phrase(text: str, head_start: int, *, known_only: bool = False) -> tuple[str, int] | None:
    """The department phrase ending in the head noun at ``head_start`` and where it starts."""
    words: list[str] = []
    where: list[int] = []
    end = head_start
    while len(words) < _MAX_WORDS:
        m = _WORD_BEFORE.search(text, max(0, end - 60), end)
        if m is None or "\n" in text[m.end(1) : end]:
            break
        word = m.group(1)
        if is_in(word, "dept_stop") and word not in _JOINERS:
            break
        if m.group(2):  # "पेंशन, खेतीबाड़ी": a comma joins two names
            words.insert(0, ",")
            where.insert(0, m.start(2))
        words.insert(0, word)
        where.insert(0, m.start(1))
        end = m.start(1)
    while words and words[0] in _JOINERS:
        words.pop(0)
        where.pop(0)
    if not words:
        return None
    noun = _HEAD.match(text, head_start)
    head = noun[0] if noun else text[head_start:].split()[0]
    start = _known_start(words, len(words))
    if start is None:  # an unknown name: its last word only, never a run of prose
        return None if known_only else (f"{words[-1]} {head}", where[-1])
    if known_only and start > 0:
        return None
    while True:  # names joined by एवं / व / commas, while each joined part is itself a known name
        j = start
        while j > 0 and words[j - 1] in _JOINERS:
            j -= 1
        before = _known_start(words, j) if j < start else None
        if before is None:
            break
        start = before
    return " ".join([*words[start:], head]).replace(" ,", ","), where[start]


def _known_start(words: list[str], end: int) -> int | None:
    """Where the longest known department name ending at ``words[end - 1]`` starts (commas skipped), or None."""
    names = [i for i in range(end) if words[i] != ","]
    for k in range(len(names), 0, -1):
        if _is_known([words[i] for i in names[-k:]]):
            return names[-k]
    return None


def meeting_department(text: str, *, letterhead: bool = False) -> str | None:
    """The meeting's department or committee; on ``letterhead`` lines any department named is the office's."""
    head = text[:_HEAD_CHARS]
    candidates: list[_Candidate] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", head)]
    for m in _HEAD.finditer(head):
        found = _phrase(head, m.start())
        if found is None:
            continue
        name, begins = found
        line_start = max(s for s in line_starts if s <= m.start())
        line_end = head.find("\n", m.end())
        line = head[line_start : line_end if line_end >= 0 else len(head)]
        line = line.strip()
        if (line.startswith(name) and len(line) <= len(name) + 30) or _SUBJECT_LINE.match(line):
            rank = 0  # a letterhead or heading line that is the department ("कृषि विभाग, बिहार"), a subject line
        elif (
            _REVIEWED.match(head[m.end() :])
            or _HOLDS.match(head[m.end() :])
            or (
                (_CHAIR_POST.search(head[max(0, begins - 40) : begins]) or _POST_AFTER.match(head[m.end() :]))
                and _CHAIR_AFTER.match(head[m.end() :])
            )
        ):
            rank = 1
        elif letterhead:
            rank = 3
        else:
            continue  # named in passing
        candidates.append(_Candidate(rank, m.start(), name))
    for m in _COMMITTEE.finditer(head[:_COMMITTEE_CHARS]):
        candidates.append(_Candidate(2, m.start(), " ".join((m["c"] or m["disha"]).split())))
    return min(candidates).name if candidates else None
