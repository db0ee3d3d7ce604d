"""People in a document: designation + name mentions, and who is speaking.

Press notes name an officer in full once (``मुख्य सचिव आनंद बर्द्धन``) and then
refer back with a surname (``श्री बर्द्धन``), a bare designation
(``मुख्य सचिव``), an abbreviation (``सीएस``) or a pronoun (``उन्होंने``).
``PersonRegistry`` keeps the full forms so that each later reference resolves
to the person named earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.gazetteer import Gazetteer, Mention

HONORIFIC = r"(?:श्रीमती|श्री|सुश्री|डॉ\.?|डा\.|प्रो\.|मा\.|माननीय|कुमारी)"
_HONORIFIC_RE = re.compile(rf"^\s*(?:{HONORIFIC}\s*)+")
# Words that can follow a designation but are never part of a name.
_NOT_NAME = set(
    [
        "ने",
        "को",
        "से",
        "का",
        "की",
        "के",
        "में",
        "पर",
        "भी",
        "ही",
        "है",
        "हैं",
        "था",
        "थे",
        "थी",
        "गई",
        "गया",
        "गए",
        "किया",
        "की",
        "कि",
        "एवं",
        "और",
        "तथा",
        "व",
        "या",
        "द्वारा",
        "सहित",
        "साथ",
        "बैठक",
        "समीक्षा",
        "विभाग",
        "विभागों",
        "कार्य",
        "कार्यों",
        "योजना",
        "योजनाओं",
        "सभी",
        "समस्त",
        "संबंधित",
        "सम्बन्धित",
        "स्तर",
        "स्तरीय",
        "महोदय",
        "महोदया",
        "जी",
        "प्रशासन",
        "राजस्व",
        "वित्त",
        "मुख्यालय",
        "कार्यालय",
        "जनपद",
        "जिला",
        "जिले",
        "जिलों",
        "प्रदेश",
        "राज्य",
        "शासन",
        "सचिवालय",
        "निर्देश",
        "निर्देशित",
        "कहा",
        "बताया",
        "उपस्थित",
        "रहे",
        "रहीं",
        "अध्यक्षता",
        "अध्यक्ष",
        "सदस्य",
        "प्रभारी",
        "अपने",
        "उनके",
        "इस",
        "उस",
        "यह",
        "वह",
        "ये",
        "वे",
        "आज",
        "कल",
        "सख्त",
        "स्पष्ट",
        "कड़े",
        "विशेष",
        "रूप",
        "लगातार",
        "नियमित",
        "समय",
        "हेतु",
        "लिए",
        "अंतर्गत",
        "संबंध",
        "तक",
    ]
)
_PRONOUN_ERGATIVE = re.compile(
    r"(?<![\u0900-\u0963\u0966-\u097f])(?:उन्होंने|इन्होंने|उन्होने|इन्होने)(?![\u0900-\u0963\u0966-\u097f])"
)
_ERGATIVE = re.compile(r"^\s*(?:ने|द्वारा)(?![\u0900-\u0963\u0966-\u097f])")
_NAME_END_OK = re.compile(
    r"^\s*(?:ने|की\s+अध्यक्षता|की\s+उपस्थिति|के\s+निर्देश|द्वारा|,|，|एवं|तथा|और|सहित|\(|।|-|–|:|की\s+मौजूदगी|"
    r"को\s+(?:निर्देश|निर्देशित))"
)


@dataclass
class Person:
    name: str | None
    designation: str | None  # as written, in its fullest form seen
    canonical: str | None = None  # gazetteer canonical designation

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "designation": self.designation}


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    person: Person
    ergative: bool  # followed by ने / द्वारा: the agent of the clause
    written: str | None = None  # the designation as written here, singular ("सचिवों" → "सचिव", "सीएमओ")


def _name_after(text: str, pos: int) -> tuple[str | None, int]:
    """A personal name starting at ``pos`` (after an optional honorific), and where it ends."""
    rest = text[pos:]
    hon = _HONORIFIC_RE.match(rest)
    offset = hon.end() if hon else 0
    words: list[tuple[str, int]] = []
    i = pos + offset
    while len(words) < 4:
        m = re.match(r"\s*((?:[\u0900-\u097f]{1,3}\.\s?)*[\u0900-\u0963\u0966-\u097f]+)", text[i:])
        if not m or m.group(1) in _NOT_NAME or m.group(1).endswith(("ों", "ाएं", "ियां")):
            break
        words.append((m.group(1), i + m.end()))
        i = i + m.end()
    # Take the longest run of words that is followed by a name-closing token.
    for k in range(len(words), 0, -1):
        end = words[k - 1][1]
        if _NAME_END_OK.match(text[end:]) or (hon and k >= 1):
            return " ".join(w for w, _ in words[:k]), end
    return None, pos


class PersonRegistry:
    """Everyone named so far in a document, for resolving later references."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.people: list[Person] = []

    def add(self, person: Person) -> Person:
        """Merge with a known person (same name or surname) or register a new one."""
        known = self.by_name(person.name) if person.name else None
        if known is None and person.name is None and person.canonical:
            known = self.by_designation(person.canonical)
        if known is None:
            self.people.append(person)
            return person
        if person.name and (not known.name or len(person.name) > len(known.name)):
            known.name = person.name
        longer = person.designation and (not known.designation or len(person.designation) > len(known.designation))
        same_post = not (known.canonical and person.canonical and known.canonical != person.canonical)
        if longer and same_post:
            known.designation = person.designation
            known.canonical = person.canonical
        return known

    def by_name(self, name: str | None) -> Person | None:
        if not name:
            return None
        words = set(name.split())
        for p in reversed(self.people):
            if p.name and (words <= set(p.name.split()) or set(p.name.split()) <= words):
                return p
        return None

    def by_designation(self, canonical: str) -> Person | None:
        named = [p for p in reversed(self.people) if p.canonical == canonical]
        return next((p for p in named if p.name), named[0] if named else None)

    def find_mentions(self, text: str) -> list[PersonMention]:
        """Designation mentions (with the name after them) and bare names before ने."""
        out: list[PersonMention] = []
        covered: list[tuple[int, int]] = []
        for m in self.gazetteer.find(text):
            out.append(self._from_designation(text, m))
            covered.append((m.start, out[-1].end))
        # Honorific + name with no designation: डॉ. भूटानी ने, श्री जैन ने
        for m in re.finditer(rf"(?<![\u0900-\u0963\u0966-\u097f]){HONORIFIC}\s*", text):
            if any(s <= m.start() < e for s, e in covered):
                continue
            name, end = _name_after(text, m.start())
            if name:
                known = self.by_name(name)
                person = self.add(known or Person(name, None))
                out.append(PersonMention(m.start(), end, person, bool(_ERGATIVE.match(text[end:]))))
                covered.append((m.start(), end))
        # A known surname alone before ने: जैन ने
        for m in re.finditer(r"([\u0900-\u0963\u0966-\u097f]+)\s+ने(?![\u0900-\u0963\u0966-\u097f])", text):
            if any(s <= m.start(1) < e for s, e in covered):
                continue
            known = self.by_name(m.group(1))
            if known and known.name:
                out.append(PersonMention(m.start(1), m.end(1), known, True))
        return sorted(out, key=lambda pm: pm.start)

    def _from_designation(self, text: str, m: Mention) -> PersonMention:
        name, end = _name_after(text, m.end)
        end = max(end, m.end)
        if name:  # a name (or surname) merges with whoever carries it
            person = self.add(Person(name, m.designation, m.canonical))
        else:  # a bare designation or abbreviation means the person who holds that post here
            person = self.by_designation(m.canonical) or self.add(Person(None, m.designation, m.canonical))
        return PersonMention(m.start, end, person, bool(_ERGATIVE.match(text[end:])), m.written)


def pronoun_agent(text: str) -> re.Match[str] | None:
    return _PRONOUN_ERGATIVE.search(text)
