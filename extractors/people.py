"""People in a document: designation + name mentions, and who is speaking.

Press notes name an officer in full once (``मुख्य सचिव आनंद बर्द्धन``) and then
refer back with a surname (``श्री बर्द्धन``), a bare designation
(``मुख्य सचिव``), an abbreviation (``सीएस``) or a pronoun (``उन्होंने``).
``PersonRegistry`` keeps the full forms so that each later reference resolves
to the person named earlier.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.departments import portfolio_before
from models.designations import find_phrases
from models.gazetteer import Gazetteer, Mention, letter_spelling
from nlp.patterns import LETTERS, WORD_END, WORD_START
from nlp.vocab import alternation, column, is_in, rows, spelled, undotted

# A whole word: "श्रीवास्तव" opens with श्री but is a surname; "मा0"/"मा." abbreviate माननीय.
# "श्रीमतीं" (a nasal typed after श्रीमती), "प्रोफेसर", "डॉक्टर": honorifics written out, never part of the name
HONORIFIC = rf"(?:(?:डॉ|डा|प्रो|मा)[.0०]|(?:श्रीमतीं|श्रीमती|श्री|सुश्री|डॉ|माननीय|कुमारी|प्रोफेसर|प्रोफ़ेसर|डॉक्टर){WORD_END})"
# At most three honorifics in a row (श्री डॉ. प्रो.): an unbounded run makes each lookup cost the whole run.
_HONORIFIC_RE = re.compile(rf"\s*(?:{HONORIFIC}\s*){{1,3}}")
_HONORIFIC_AT = re.compile(rf"{WORD_START}{HONORIFIC}\s*")
_NAME_WORD = re.compile(rf"\s*((?:[\u0900-\u097f]{{1,3}}\.\s?){{0,4}}{LETTERS}+)")
# a branch word between a post and its holder's name, hyphened compounds whole ("आयुक्त भू-अभिलेख अनुभा मिश्रा ने")
_BRANCH_WORD = re.compile(rf"\s*({LETTERS}+(?:-{LETTERS}+)?)")
_DOTTED_INITIALS = re.compile(r"^(?:[\u0900-\u097f]{1,3}\.\s?)+")
# "आर के पांडे": initials spelt as Latin letter names, spaced, before the name word
_INITIALS = re.compile(rf"\s*((?:(?:{alternation(column('latin_initials'))})\.?\s+){{1,3}})(?={LETTERS})")
_ADDRESS = "(?:महोदय|महोदया|साहब|साहिबा|जी)"  # "डीएम साहब ने", "अध्यक्ष महोदय द्वारा", "योगी जी ने"
_SURNAME_ERGATIVE = re.compile(rf"{WORD_START}({LETTERS}+)\s+ने{WORD_END}")
_CHAIRING = re.compile(r"\s*(?:की|के)\s+(?:अध्यक्षता|नेतृत्व)")
_CADRE = rf"(?:{alternation(column('civil_services'))})"
# The name before the post: "श्री अनिल कुमार, जिलाधिकारी ने", "श्री अनिल कुमार (जिलाधिकारी) की अध्यक्षता",
# "अनिल कुमार, आईएएस, जिलाधिकारी ने" (a cadre after the name marks it without an honorific)
_NAME_COMMA_BEFORE = re.compile(
    rf"{WORD_START}(?:{HONORIFIC}\s*(?P<name>{LETTERS}+(?:\s+{LETTERS}+){{0,3}})\s*(?:,\s*{_CADRE}\s*)?"
    rf"|(?P<cadred>{LETTERS}+(?:\s+{LETTERS}+){{0,2}})\s*,\s*{_CADRE}\s*)[,(]\s*$"
)
# "(जिलाधिकारी) की अध्यक्षता": the post in brackets after its holder's name
_CLOSING_BRACKET = re.compile(r"\s*\)")
# A name is at most four words: the window read after a designation or honorific.
_NAME_WINDOW = 120
# "(बीडीओ)", "राज्यमंत्री (स्वतंत्र प्रभार) उ0प्र0 दिनेश …": an abbreviation or a charge in brackets, then perhaps the
# state's abbreviation, before the name
_ABBREVIATION_PAREN = re.compile(
    r"\s*\((?:[\u0900-\u097fA-Za-z.]{2,12}|[\u0900-\u097f]{2,12}\s+[\u0900-\u097f]{2,12})\)"
    r"(?:\s*[\u0900-\u097f]{1,4}[0०.]\s?[\u0900-\u097f]{1,4}[0०.])?"
)
# "सचिव/निदेशक, भूतत्व एवं खनिकर्म विभाग माला श्रीवास्तव ने": the post's department before the name
_OFFICE_STOP = rf"(?:{HONORIFIC}|(?:ने|की|के|का|को|में|से|पर|एवं|तथा|और|व){WORD_END})"
_POST_DEPARTMENT = re.compile(
    r"\s*,\s*(?:(?!(?:ने|की|के|को|में|से)\s)[\u0900-\u097f]+\s+){0,5}?(?:विभाग|मंत्रालय|निदेशालय)(?=\s)"
    # "सचिव, राजस्व एवं आपदा प्रबंधन श्रीमती नंदिनी ठाकुर": the post's branch, then an honoured name
    rf"|\s*,\s*(?:(?!(?:ने|की|के|को|में|से)\s)[\u0900-\u097f]+\s+){{1,5}}?(?={HONORIFIC})"
    # "निदेशक, कौशल विकास ने …": a department's name (departments.tsv) without विभाग, right before the ergative
    rf"|\s*,\s*(?:{alternation(column('departments'))})(?=\s*(?:ने|द्वारा)\s)"
    # "निदेशक, पशु चिकित्सा एवं पशुपालन सेवाएं ने …": an office of words joined by एवं/तथा (no honorific: never two
    # holders' names), right before the ergative
    rf"|\s*,\s*(?:(?!{_OFFICE_STOP}){LETTERS}+\s+){{1,3}}(?:एवं|तथा)\s+(?:(?!{_OFFICE_STOP}){LETTERS}+\s+){{0,2}}"
    rf"(?!{_OFFICE_STOP}){LETTERS}+(?=\s*(?:ने|द्वारा)\s)"
)
_PRONOUN_ERGATIVE = re.compile(rf"{WORD_START}(?:उन्होंने|इन्होंने|उन्होने|इन्होने){WORD_END}")
# "ने"/"(के) द्वारा" after the name, also after a parenthesis: "अपर जिलाधिकारी (वित्त एवं राजस्व) ने".
# "उपायुक्त अमित कुमार शर्मा Amit Kumar Sharma ने": the name also in Latin letters, before ने.
_ERGATIVE = re.compile(
    rf"\s*(?:\([^()]{{0,60}}\)\s*|(?:[A-Za-z][A-Za-z.]*\s+){{1,4}}|{_ADDRESS}\s+)?(?:ने|(?:के\s+)?द्वारा){WORD_END}"
)
_BY_AGENT = re.compile(rf"\s*(?:\([^()]{{0,60}}\)\s*)?(?:{_ADDRESS}\s+)?(?:के\s+)?द्वारा{WORD_END}")
# "X के द्वारा … [a participle chain: किए जाने के] निर्देश … दिए गए": X directs, however long the chain; a finite
# verb before the cue ("X द्वारा सड़क बनाई गई …", "… किया जा रहा है") ends X's own clause first.
_CLAUSE_VERB = (
    r"\s(?:जाएगा|जाएगी|जाएंगे|जायेगा|जायेगी|जायेंगे|गया|गई|गए|गये|गयी|है|हैं|रहा|रही|रहे)(?![\u0900-\u0963\u0966-\u097f])"
)
# "विभाग ने … संस्था प्रधानों को … भेजने के लिए पाबंद किया है" (Rajasthan, MP): binding someone to act directs too
_DIRECTING = spelled(
    rf"(?:(?!{_CLAUSE_VERB})[^।]){{0,250}}?(?:निर्देश|निर्देशित|हिदायत|आदेश|कहा|अपेक्षा|आग्रह|अनुरोध|आह्वान|अपील|पाबंद|पाबन्द)"
)
# "सरकार ने … विभाग द्वारा भेजे गए मामलों … के संबंध में सचिवों को निर्देश जारी किए": after a ने agent, a passive
# participle before an oblique plural noun qualifies that noun (a relative clause) and ends no clause; after a द्वारा
# agent it is the agent's own verb ("विभाग द्वारा भेजे गए मामलों": the office sent them, it directs nobody)
_PARTICIPLE_NOUN = r"\s+[\u0900-\u097f]+(?:ों|ओं)(?![\u0900-\u097f])"
_DIRECTING_AFTER_NE = spelled(
    rf"(?:(?!{_CLAUSE_VERB}(?!{_PARTICIPLE_NOUN}))[^।]){{0,250}}?"
    r"(?:निर्देश|निर्देशित|हिदायत|आदेश|कहा|अपेक्षा|आग्रह|अनुरोध|आह्वान|अपील|पाबंद|पाबन्द)"
)
# A misspelt designation before ने ("जिलाधिकरी ने") is matched against the gazetteer with a fuzzy fallback.
_WORD_BEFORE_NE = re.compile(rf"{WORD_START}({LETTERS}{{4,}})\s+ने{WORD_END}")
_WORD_NAME_NE = re.compile(
    rf"{WORD_START}({LETTERS}{{5,}})(?=(?:\s+{LETTERS}+){{1,3}}\s+(?:ने|(?:की|के)\s+अध्यक्षता){WORD_END})"
)
_NAME_END_OK = re.compile(
    # "डीआरएम सुनील वर्मा के अध्यक्षता में": के typed for की
    r"\s*(?:जी\s+)?(?:ने|[A-Za-z]|(?:की|के)\s+अध्यक्षता|की\s+उपस्थिति|के\s+निर्देश|(?:के\s+)?द्वारा|,|，|एवं|तथा|और|व(?![\u0900-\u097f])|सहित|\(|।|-|–|:|की\s+मौजूदगी|"
    r"को\s+(?:निर्देश|निर्देशित)|की\s+ओर\s+से|के\s+नेतृत्व)"
)


def _equivalents() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in rows("post_equivalents"):
        if len(row) >= 2:
            out.setdefault(row[0], set()).add(row[1])
            out.setdefault(row[1], set()).add(row[0])
    return out


_EQUIVALENTS = _equivalents()
# Latin capitals as Hindi spells them (letter_names.tsv): "DM" → "डीएम"
_LATIN_LETTERS = {row[1]: row[0] for row in reversed(rows("letter_names")) if len(row) >= 2}
# Hindi letter names with the letters an English word of that initial opens with in Devanagari: C → स|क|च (सिविल)
_LETTER_OPENINGS = {row[0]: frozenset(row[2].split("|")) for row in rows("letter_names") if len(row) >= 3}
_LETTER_NAMES = tuple(sorted(_LETTER_OPENINGS, key=len, reverse=True))


def spells_initials(abbreviation: str, designation: str) -> bool:
    """Does ``abbreviation`` (``सीएस``) spell the initials of ``designation``'s last words written as English words
    in Devanagari (``सिविल सर्जन``, ``गढ़वा सिविल सर्जन``)?"""
    letters = letter_spelling(undotted(abbreviation).replace(".", "").strip(), _LETTER_NAMES)
    words = designation.split()
    if not letters or len(letters) < 2 or len(words) < len(letters):
        return False
    return all(w[0] in _LETTER_OPENINGS[x] for x, w in zip(letters, words[-len(letters) :], strict=True))


# not a gloss in brackets ("जिलाधिकारी (DM)"), not a time ("06:21 PM"), not an English noun's modifier ("DG sets")
_LATIN_POST = re.compile(r"(?<![A-Za-z(0-9])(?<![0-9]\s)[A-Z]{2,6}(?![A-Za-z)]|\s+[a-z])")
# Posts written after their portfolio: "ऊर्जा मंत्री", "खाद्य राज्यमंत्री"
_PORTFOLIO_POSTS = frozenset({"मंत्री"})


@dataclass
class Person:
    name: str | None
    designation: str | None  # as written, in its fullest form seen
    canonical: str | None = None  # gazetteer canonical designation

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "designation": self.designation}

    def generic(self) -> bool:
        """No name and a post that names nobody in particular (``अधिकारियों ने``): not a meeting's chair."""
        return self.name is None and (self.designation is None or is_in(self.designation, "generic_posts"))


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    person: Person
    ergative: bool  # followed by ने / द्वारा: the agent of the clause
    written: str | None = None  # the designation as written here, singular ("सचिवों" → "सचिव", "सीएमओ")
    open_class: bool = False  # an open-class post phrase (models/designations.py), not a gazetteer entry


# A virama right after a vowel sign joins nothing ("सु्क्खू"): a typing slip, dropped from a name.
_STRAY_VIRAMA = re.compile("([\u093e-\u094c])\u094d")


def _name_after(text: str, pos: int) -> tuple[str | None, int]:
    """A personal name starting at ``pos`` (after an optional honorific), and where it ends.

    Reads a bounded window after ``pos``, so a document of repeated titles costs linear time.
    """
    window = text[pos : pos + _NAME_WINDOW]
    # "प्रखंड विकास पदाधिकारी (बीडीओ) हुलास महतो": the post's abbreviation in brackets before the name
    paren = _ABBREVIATION_PAREN.match(window) or _POST_DEPARTMENT.match(window)
    start = paren.end() if paren else 0
    # "अनुविभागीय अधिकारी राजस्व सिहोरा पुष्पेन्द्र अहके ने": the post's branch word before the name
    branch = _BRANCH_WORD.match(window, start)
    branched = bool(branch and is_in(branch.group(1), "post_branches"))
    if branch and branched:
        start = branch.end()
        # "जिला शिक्षा अधिकारी (मुख्यालय) माध्यमिक शिक्षा X ने": a branch of two words
        second = _BRANCH_WORD.match(window, start)
        if second and is_in(second.group(1), "post_branches"):
            start = second.end()
    hon = _HONORIFIC_RE.match(window, start)
    words: list[tuple[str, int]] = []
    i = hon.end() if hon else start
    initials = _INITIALS.match(window, i)
    letters = initials.group(1).split() if initials else []
    if initials and not (len(letters) == 1 and is_in(letters[0].rstrip("."), "not_name")):  # "… के साथ"
        after = _NAME_WORD.match(window, initials.end())
        if after and not is_in(after.group(1), "not_name"):
            words.append((" ".join(letters), initials.end()))
            i = initials.end()
    while len(words) < 4:
        m = _NAME_WORD.match(window, i)
        # "… बैंकर्स कस्टमर फ्रेंडली बनें": a plural or a subjunctive or future verb ends a name
        if not m or m.group(1).endswith(("ों", "ाएं", "ियां", "ें", "ेंगे", "ेंगी")):
            break
        cut = len(m.group(1)) - len(_DOTTED_INITIALS.sub("", m.group(1), count=1))
        after = _NAME_WORD.match(window, m.end()) if words and m.group(1) == "जी" else None
        if after and not is_in(after.group(1), "not_name"):  # "राम जी मिश्र ने": जी inside a name
            words.append((m.group(1), m.end()))
            i = m.end()
            continue
        if is_in(m.group(1)[cut:], "not_name"):
            if cut:  # "राजेश आर. की अध्यक्षता": the initial ends the name, the word after does not
                words.append((m.group(1)[:cut].strip(), m.start(1) + cut))
            break
        words.append((m.group(1), m.end()))
        i = m.end()
    # Take the longest run of words that is followed by a name-closing token.
    for k in range(len(words), 0, -1):
        end = words[k - 1][1]
        if _NAME_END_OK.match(window, end) or (hon and k >= 1):
            return _STRAY_VIRAMA.sub(r"\1", " ".join(w for w, _ in words[:k])), pos + end
    # "प्रमुख सचिव कृषि ने …", "संयुक्त निदेशक, कृषि विभाग ने …": no name, but the branch or department is the post's
    return None, pos + (start if (branched or paren) and _ERGATIVE.match(window, start) else 0)


def _name_before(text: str, start: int) -> str | None:
    """The holder's name written before a post that starts at ``start`` (see ``_NAME_COMMA_BEFORE``)."""
    before = _NAME_COMMA_BEFORE.search(text, max(0, start - _NAME_WINDOW), start)
    if before is None:
        return None
    if before["name"]:
        return before["name"]
    words = before["cadred"].split()
    while words and is_in(words[0], "not_name"):  # "बैठक में मनोज कुमार, आईएएस, …": prose before the name
        words.pop(0)
    return " ".join(words) or None


# "X एवं मुख्यनगरपालिका अधिकारी Y ने": a joiner, perhaps with a word or two of the next post the gazetteer left out
LIST_JOINER = re.compile(r"\s*(?:,|एवं|और|तथा|व)\s*(?:[\u0900-\u0963\u0966-\u097f]+\s+){0,2}")


def lead_agent(text: str, agents: list[PersonMention], i: int) -> PersonMention:
    """The first named of the joint agents that ``agents[i]`` ends (``डीएम X, एसएसपी Y ने``: X)."""
    while i > 0 and LIST_JOINER.fullmatch(text, agents[i - 1].end, agents[i].start):
        i -= 1
    return agents[i]


_BARE_JOINER = re.compile(r"\s+(?:व|एवं|और|तथा)\s+")


def _bare(text: str, pm: PersonMention) -> bool:
    """Is the mention its post alone, no holder's name read with it?"""
    return " ".join(text[pm.start : pm.end].split()) == (pm.written or "")


def _joint_agents(text: str, mentions: list[PersonMention]) -> list[PersonMention]:
    """ "डीएम X, एसएसपी Y ने …": every officer of a list before ने is an agent, the first named leading."""
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):
        pm, after = out[i], out[i + 1]
        # each officer with a post and a name: "प्रशासक …, श्री X ने", "राज्यपाल और प्रशासक X ने" are appositions;
        # two bare posts joined by a conjunction are two officers ("डीएम व एसएसपी ने")
        # "… के निर्देश आईजी एसएसपी ने दिए": two bare posts side by side, neither generic, direct together too
        # ("सहायक सफाई निरीक्षक": a rank of its own, post_ranks.tsv, opens the next post's title)
        side_by_side = (
            text[pm.end : after.start].isspace()
            and not pm.person.generic()
            and not after.person.generic()
            and not is_in(pm.written or pm.person.designation or "", "post_ranks")
            # ("पुलिस अधीक्षक एसएसपी किशोर कौशल ने": a post then another with the holder's name is one officer)
            and _bare(text, pm)
            and _bare(text, after)
        )
        bare_pair = not pm.person.name and not after.person.name and _BARE_JOINER.fullmatch(text, pm.end, after.start)
        posts = pm.person.designation and (pm.person.name or bare_pair or side_by_side) and after.person.designation
        joined = LIST_JOINER.fullmatch(text, pm.end, after.start) or side_by_side
        if posts and not pm.ergative and after.ergative and joined:
            out[i] = PersonMention(pm.start, pm.end, pm.person, True, pm.written, pm.open_class)
    return out


# "जिलाधिकारी सह जिला निर्वाचन पदाधिकारी X", "जिलाधिकारी/जिला निर्वाचन अधिकारी X", "अपर कलेक्टर एवं उप जिला निर्वाचन
# अधिकारी X": one officer's two titles, the second an office whose head only (अधिकारी) the gazetteer knows.
# "कलेक्टर-सह-विकास आयुक्त डॉ. X", "जिलाधिकारी एवं समाहर्ता X": सह (cum) always joins one officer's titles, एवं / व a
# title of the same office (post_equivalents.tsv, or the same post under another name).
_SECOND_TITLE = re.compile(
    r"(?:\s*/|\s*[-–]?\s*(?P<joiner>सह|एवं|व|तथा|और)(?![\u0900-\u097f])\s*[-–]?)"
    r"\s*(?P<words>(?:[\u0900-\u0963\u0966-\u097f]+\s+){0,4})"
)
_TITLE_STOP = frozenset({"का", "की", "के", "को", "से", "में", "पर", "ने", "तक", "द्वारा", "सभी", "समस्त"})


def _compound_titles(text: str, mentions: list[PersonMention]) -> list[PersonMention]:
    """A post without a name followed by a second title that ends in a generic head and carries the name: one
    officer, named with the first title (``जिलाधिकारी``), not the generic head (``पदाधिकारी``)."""
    out: list[PersonMention] = []
    for pm in mentions:
        first = out[-1] if out else None
        m = _SECOND_TITLE.fullmatch(text, first.end, pm.start) if first is not None else None
        if (
            first is None
            or m is None
            or first.person.name is not None
            or first.person.generic()
            or pm.person.name is None
            or not (
                (m["words"] and is_in(pm.written or pm.person.designation or "", "generic_posts"))
                or m["joiner"] == "सह"
                or _same_office(first.person.canonical, pm.person.canonical)
            )
            or any(w in _TITLE_STOP for w in m["words"].split())
        ):
            out.append(pm)
            continue
        person = pm.person
        person.designation = first.written or first.person.designation
        person.canonical = first.person.canonical
        out[-1] = PersonMention(first.start, pm.end, person, pm.ergative, first.written, first.open_class)
    return out


def _same_office(a: str | None, b: str | None) -> bool:
    """Are ``a`` and ``b`` one office (the same canonical post, or two names of it in post_equivalents.tsv)?"""
    return a is not None and b is not None and (a == b or b in _EQUIVALENTS.get(a, set()))


class _Covered:
    """Spans already read, for a linear-time "is this position inside one?" test (spans come in order)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < max(self.ends[max(0, i - 3) : i + 1])


def _is_place(word: str, context: str, post: str) -> bool:
    """Is ``word`` a place in the document's opening: its dateline town (``शिमला, 24 जुलाई``, ``हमीरपुर:``) or a
    district (``सिरमौर जिला``, ``जिला ऊना``, ``ऊना में``)? A district only where it follows neither the post nor an
    honorific: there it may be the holder's name in a sentence that goes on (``कलेक्टर श्री X जिले की सीमाओं …``)."""
    w = re.escape(word)
    if re.search(rf"^\s*{w}\s*[:,]|{WORD_START}{w}\s*[:,]\s*[0-9०-९]", context):
        return True
    found = re.finditer(
        rf"{WORD_START}{w}\s+(?:जिला|जिले|जनपद|में){WORD_END}|{WORD_START}(?:जिला|जिले|जनपद)\s+{w}{WORD_END}", context
    )
    return any(not context[: m.start()].rstrip().endswith((post, "श्री", "श्रीमती")) for m in found)


# A post, then another in brackets right after it ("जिला शिक्षा पदाधिकारी (डीईओ)"): one officer
_OPEN_BRACKET = re.compile(r"\s*\(\s*")
_CLOSE_BRACKET = re.compile(r"\s*\)")
_BRACKET_IN_NAME = re.compile(r"[^()।,]{1,60}?\s*\(\s*(?P<abbr>[^()\s]{2,12})\s*\)")


class PersonRegistry:
    """Everyone named so far in a document, for resolving later references."""

    def __init__(self, gazetteer: Gazetteer, context: str = "") -> None:
        self.gazetteer = gazetteer
        self.people: list[Person] = []
        self.context = context  # the document's opening: the meeting's subject for context abbreviations
        # "जिला विकास आयुक्त (डीडीसी) X ने …": an abbreviation the document gives a post in brackets means its holder
        # here, whatever post the gazetteer reads it as elsewhere (canonical of the bracketed post → the holder)
        self.aliases: dict[str, Person] = {}

    def add(self, person: Person) -> Person:
        """Merge with a known person (same name or surname) or register a new one."""
        known = self.by_name(person.name) if person.name else None
        if known is None and person.name is None and person.canonical:
            known = self.by_designation(person.canonical)
        if known is None and person.name and person.canonical:
            # "कलक्टर ने …" first, "कलेक्टर श्री अनुराग वर्मा" later: the post's holder now has a name
            known = next((p for p in reversed(self.people) if p.canonical == person.canonical and not p.name), None)
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

    def by_equivalent(self, canonical: str) -> Person | None:
        """The named holder of a post that is this one under another name (``post_equivalents.tsv``)."""
        others = _EQUIVALENTS.get(canonical, set())
        return next((p for p in reversed(self.people) if p.name and p.canonical in others), None)

    def by_initials(self, abbreviation: str) -> Person | None:
        """The named officer whose post the abbreviation spells letter by letter (``सिविल सर्जन X`` … ``सीएस ने``):
        the document's own reading of it, asked only when nobody holds the post the gazetteer reads it as."""
        return next(
            (
                p
                for p in reversed(self.people)
                if p.name and p.designation and spells_initials(abbreviation, p.designation)
            ),
            None,
        )

    def find_mentions(self, text: str) -> list[PersonMention]:
        """Designation mentions (with the name after them) and bare names before ने."""
        out: list[PersonMention] = []
        covered = _Covered()
        for gm in self.gazetteer.find(text, self.context):
            if gm.start in covered:
                continue  # "मुख्य विकास अधिकारी जयदेव सीएस की अध्यक्षता": a post's abbreviation inside a name read
            out.append(self._from_designation(text, gm))
            covered.add(gm.start, out[-1].end)
        for lm in _LATIN_POST.finditer(text):  # "DM के द्वारा", "SDM रीना सिंह ने": a post in Latin capitals
            latin = self._latin_post(text, lm)
            if latin is not None and lm.start() not in covered:
                out.append(latin)
                covered.add(lm.start(), latin.end)
        # Posts the gazetteer does not know ("निगमायुक्त शिवम वर्मा ने", "मुख्य वन संरक्षक"): open-class phrases
        for ph in find_phrases(text):
            if ph.body or ph.start in covered or (ph.end - 1) in covered:
                continue
            mention = Mention(ph.start, ph.end, text[ph.start : ph.end], ph.written, ph.written, False, ph.written)
            pm = self._from_designation(text, mention)
            out.append(PersonMention(pm.start, pm.end, pm.person, pm.ergative, pm.written, open_class=True))
            covered.add(ph.start, pm.end)
        # Honorific + name with no designation: डॉ. भूटानी ने, श्री जैन ने
        for hm in _HONORIFIC_AT.finditer(text):
            if hm.start() in covered:
                continue
            name, end = _name_after(text, hm.start())
            if name and not self.gazetteer.find(name):  # "मा0 वन मंत्री ने": an honoured post, not a name
                known = self.by_name(name)
                person = self.add(known or Person(name, None))
                out.append(PersonMention(hm.start(), end, person, bool(_ERGATIVE.match(text, end))))
                covered.add(hm.start(), end)
        # A known surname alone before ने: जैन ने
        for sm in _SURNAME_ERGATIVE.finditer(text):
            if sm.start(1) in covered:
                continue
            known = self.by_name(sm.group(1))
            if known and known.name:
                out.append(PersonMention(sm.start(1), sm.end(1), known, True))
                covered.add(sm.start(1), sm.end(1))
        for wm in _WORD_NAME_NE.finditer(text):  # "जिलाधिकरी रमेश चंद्र ने": a misspelt post, then its holder's name
            if wm.start(1) in covered or self.gazetteer.find(wm.group(1)):
                continue
            canonical = self.gazetteer.fuzzy(wm.group(1))
            if canonical:
                pm = self._from_designation(
                    text, Mention(wm.start(1), wm.end(1), wm.group(1), canonical, canonical, False, canonical)
                )
                if pm.person.name:
                    out.append(pm)
                    covered.add(pm.start, pm.end)
        for wm in _WORD_BEFORE_NE.finditer(text):
            if wm.start(1) in covered:
                continue
            canonical = self.gazetteer.fuzzy(wm.group(1))
            if canonical:
                person = self.by_designation(canonical) or self.add(Person(None, canonical, canonical))
                out.append(PersonMention(wm.start(1), wm.end(1), person, True, canonical))
        return _joint_agents(
            text, _compound_titles(text, self._bracketed_aliases(text, sorted(out, key=lambda pm: pm.start)))
        )

    def _bracketed_aliases(self, text: str, mentions: list[PersonMention]) -> list[PersonMention]:
        """ "जिला विकास आयुक्त (डीडीसी) X ने …": the post in brackets right after another post is the same officer;
        later the bracketed form alone (``डीडीसी ने``) means them (``aliases``)."""
        out: list[PersonMention] = []
        for pm in mentions:
            first = out[-1] if out else None
            inside = (
                _OPEN_BRACKET.fullmatch(text, first.end, pm.start) and _CLOSE_BRACKET.match(text, pm.end)
                if first is not None and first.end <= pm.start
                else None
            )
            if first is None or inside is None or first.person is pm.person or not first.person.designation:
                out.append(pm)
                continue
            if pm.person.canonical and not pm.person.name:
                self.aliases[pm.person.canonical] = first.person
                if pm.person in self.people and not any(m.person is pm.person for m in out):
                    self.people.remove(pm.person)  # read only here: the post in brackets is no officer of its own
            out.append(PersonMention(pm.start, pm.end, first.person, pm.ergative, pm.written, pm.open_class))
        for pm in list(out):  # the holder's name read on through the brackets: "आयुक्त (डीडीसी) राजौरी X ने"
            m = _BRACKET_IN_NAME.match(text, pm.start, pm.end)
            if m is None or not pm.person.name:
                continue
            inner = [g for g in self.gazetteer.find(m["abbr"]) if g.start == 0 and g.end == len(m["abbr"])]
            if inner and inner[0].canonical != pm.person.canonical:
                self.aliases[inner[0].canonical] = pm.person
        return out

    def _latin_post(self, text: str, lm: re.Match[str]) -> PersonMention | None:
        """A post written as a Latin initialism (``DM``): read as its Hindi spelling (``डीएम``), reported as written."""
        hindi = "".join(_LATIN_LETTERS.get(c, "?") for c in lm.group())
        found = [f for f in self.gazetteer.find(hindi, self.context) if f.start == 0 and f.end == len(hindi)]
        if not found:
            return None
        f = found[0]
        return self._from_designation(
            text, Mention(lm.start(), lm.end(), lm.group(), f.designation, f.canonical, True, lm.group())
        )

    def _from_designation(self, text: str, m: Mention) -> PersonMention:
        name, end = _name_after(text, m.end)
        if name and _is_place(name.split()[0], self.context, m.surface.strip()):
            # "उपायुक्त शिमला आदित्य नेगी ने", "डीसी हमीरपुर ने": the post's district before its holder's name
            name = " ".join(name.split()[1:]) or None
        # "श्री अनिल कुमार, जिलाधिकारी ने / की अध्यक्षता में …": the name before the post and a comma
        bracket = _CLOSING_BRACKET.match(text, m.end) if text[: m.start].rstrip().endswith("(") else None
        after = bracket.end() if bracket else m.end
        if name is None and (_ERGATIVE.match(text, after) or _CHAIRING.match(text, after)):
            name = _name_before(text, m.start)
            end = after if name else end
        if name and any(f.start == 0 for f in self.gazetteer.find(name)):
            name, end = None, m.end  # "सभी पदाधिकारी प्रमुख सचिव द्वारा …": a second post, not a name
        end = max(end, m.end)
        # A post written only as an abbreviation is reported so ("डीएम"); a fuller form seen later replaces it.
        # An abbreviation whose post depends on the meeting ("एसडीओ") is spelt out as the post it stands for.
        plain = m.abbreviation and not is_in(m.written, "context_abbreviations")
        written = m.written if plain else m.designation
        if m.canonical in _PORTFOLIO_POSTS and m.written == m.surface.strip():
            portfolio = portfolio_before(text, m.start)  # "प्रदेश के ऊर्जा मंत्री": the minister of ऊर्जा
            written = f"{portfolio} {written}" if portfolio else written
        if name:  # a name (or surname) merges with whoever carries it
            person = self.add(Person(name, written, m.canonical))
            if m.abbreviation and person.canonical and person.canonical != m.canonical:
                # "पंचायतराज अधिकारी X …", then "डीपीआरओ X ने …": the abbreviation alone means X from here on
                self.aliases.setdefault(m.canonical, person)
        else:  # a bare designation or abbreviation means the person who holds that post here
            held = (
                self.aliases.get(m.canonical)
                or self.by_designation(m.canonical)
                or self.by_equivalent(m.canonical)
                or (self.by_initials(m.written) if m.abbreviation else None)
            )
            person = held or self.add(Person(None, written, m.canonical))
            if (
                held is not None
                and person.canonical == m.canonical
                and len(written) > len(person.designation or "")
                and " ".join(m.surface.split()) == m.written  # not a plural: "जिला अधिकारीगण उपस्थित थे"
            ):
                person.designation = written  # "डीएम नेहा शर्मा …", then "जिलाधिकारी ने …": the fuller form
        return PersonMention(m.start, end, person, bool(_ERGATIVE.match(text, end)), m.written)


def directs(text: str, pm: PersonMention) -> bool:
    """Is this agent the one giving the direction? ``X द्वारा … किया जाएगा`` makes X the doer, not the issuer."""
    by = _BY_AGENT.match(text, pm.end)
    return not by or bool(_DIRECTING.match(text, by.end()))


def pronoun_agent(text: str) -> re.Match[str] | None:
    return _PRONOUN_ERGATIVE.search(text)


# "प्राधिकरण (FSSAI) ने", "परिवहन विभाग के द्वारा": a body as the agent, perhaps with its abbreviation in brackets
_BODY_ERGATIVE = re.compile(
    rf"\s*(?:\((?P<alias>[A-Za-z][A-Za-z.]{{1,11}}|[\u0900-\u097f]{{2,8}})\)\s*)?(?:ने|(?:के\s+)?द्वारा){WORD_END}"
)
# "शासन की ओर से निर्देश दिए गए हैं कि …", "आपदा प्रबंधन विभाग की तरफ से सभी जिलाधिकारियों को निर्देश दिया गया है":
# the office the direction comes from, its addressees (up to four words and को) between it and the direction noun
_SOURCE_DIRECTS = spelled(
    r"(?P<src>\s*(?:की|के)\s+(?:ओर|तरफ)\s+से)\s+(?:(?:[^\s।,]+\s+){0,4}?को\s+)?(?:भी\s+)?"
    r"(?:(?:सख्त|स्पष्ट|आवश्यक|कड़े|जरूरी)\s+)?(?:दिशा-?\s*)?(?:निर्देश|निर्देशित|आदेश|हिदायत)"
    rf"{WORD_END}"
)
# "विभाग ने … को कहा कि": an office named before, referred to by its head noun alone
# What may stand before a bare "विभाग ने" that means an office named before: nothing, a clause mark or a
# particle ("ऐसे में विभाग के द्वारा …"); a name word before it makes it a post's department or another office.
_OPENS_CLAUSE = re.compile(r"(?:^|[,।:]|(?<![\u0900-\u097f])(?:में|ही|भी|अब|फिर|तो))\s*$")
_BARE_BODY = re.compile(rf"{WORD_START}(?:विभाग|प्राधिकरण|मंत्रालय|निदेशालय|आयोग)\s+(?:ने|(?:के\s+)?द्वारा){WORD_END}")


_PASSIVE_DIRECTION = re.compile(
    r"[^।]{0,6}?\s(?:दिया|दिए|दिये|दी)\s+(?:गया|गए|गये|गई|गयी)(?![\u0900-\u0963\u0966-\u097f])"
)
# the active verb of a direction given ("… निर्देश दिए हैं", "… आदेश जारी किए", "… कहा है कि")
_ACTIVE_DIRECTION = re.compile(
    r"(?:\s+(?:भी|ही))?\s*(?:ित)?\s*(?:दिए|दिये|दिया|दी|जारी\s+(?:किए|किये|किया|की|कर|करते)|किया|किए|किये|है|हैं|कि|,)"
    rf"{WORD_END}(?!\s+(?:गया|गए|गये|गई|गयी|जाएगा|जाएगी|जाएंगे|जा\s+रहा|जा\s+रही|जा\s+रहे))"
)
_ADDRESSEE = re.compile(rf"{WORD_START}(?:को|उन्हें|उन्हे|इन्हें|इन्हे|उनसे|इनसे){WORD_END}")
_GAVE_DIRECTIONS = re.compile(
    r"\s*(?:भी\s+)?(?:दिए|दिये|दी|जारी\s+(?:किए|किये|की))\s+(?:(?:सख्त|कड़े|स्पष्ट|अहम|जरूरी|आवश्यक|कई)\s+)?"
    rf"(?:दिशा-?\s*)?(?:निर्देश|आदेश|हिदायत|हिदायतें){WORD_END}"
)


_ISSUING_BODY = re.compile(
    rf"{WORD_START}(?:(?:{alternation(tuple(r[0] for r in rows('issuing_bodies') if r[1:] == ('level',)))})\s+)?"
    rf"(?:{alternation(tuple(r[0] for r in rows('issuing_bodies') if not r[1:]))}){WORD_END}"
)


@dataclass(frozen=True)
class BodyAgent:
    """An office, not a person, that gives the direction of a sentence."""

    start: int
    end: int
    name: str | None  # the body's phrase as written; None for a bare head noun (the office named before)
    alias: str | None  # its abbreviation in brackets ("FSSAI"), written later alone


def _addresses(text: str, agent: re.Match[str]) -> bool:
    """Does a direction to someone follow the body ``agent`` (``… ने सभी राज्यों को … का निर्देश दिया``, ``… के
    द्वारा … उन्हें … के निर्देश दिए हैं``)? A body without an addressee, or the agent of a passive direction, is
    the doer (``कार्य को निगम के द्वारा करने का निर्देश दिया गया``, ``… को विभाग के द्वारा विकसित करने के निर्देश
    दिये गये``)."""
    if "द्वारा" not in agent[0] and _GAVE_DIRECTIONS.match(text, agent.end()):
        return True  # "परिवहन विभाग ने दिए निर्देश": a headline puts the verb before the noun
    cue = (_DIRECTING if "द्वारा" in agent[0] else _DIRECTING_AFTER_NE).match(text, agent.end())
    if cue is None:
        return False
    if "द्वारा" not in agent[0] and _ACTIVE_DIRECTION.match(text, cue.end()):
        return True  # "नगर निगम ने … फॉगिंग कराने के निर्देश दिए हैं": a body that directs, addressee named or not
    if not _ADDRESSEE.search(text, agent.end(), cue.end()):
        return False
    return "द्वारा" not in agent[0] or not _PASSIVE_DIRECTION.match(text, cue.end())


def _post_before_comma(text: str, start: int, agent_end: int | None = None) -> bool:
    """Does a comma stand before ``start`` after a post (``निदेशक, अल्पसंख्यक मामलात विभाग ने``: the post's
    department)? A headline's clause before a body that ``ने दिए निर्देश`` is none (``… जाना अनिवार्य, परिवहन विभाग ने
    दिए निर्देश``)."""
    before = text[:start].rstrip()
    if not before.endswith(","):
        return False
    words = before[:-1].split()
    headline = agent_end is not None and _GAVE_DIRECTIONS.match(text, agent_end) is not None
    return not (headline and words and not is_in(words[-1], "designation_heads"))


def _post_right_before(text: str, start: int) -> bool:
    """Does a post's head word stand right before ``start`` (``प्रमुख सचिव परिवहन विभाग ने``, ``आयुक्त नगर निगम ने``):
    the body after it is the post's department, not an agent of its own?"""
    words = text[:start].split()
    return bool(words) and is_in(words[-1], "designation_heads")


# "खाद्य विभाग द्वारा … सत्यापन 31 मार्च तक स्थगित कर दिया गया है", "… पर रोक लगा दी गई है", "… स्थगित करने का निर्णय
# लिया गया है": an order or decision a body has made
_ORDER_MADE = spelled(
    r"(?:\s+के)?\s+द्वारा\s[^।]{0,250}?\s(?:(?:कर|लगा)\s+(?:दिया|दी|दिए|दिये)|निर्णय\s+(?:लिया|किया))\s+"
    r"(?:गया|गई|गयी|गए|गये)\s+(?:है|हैं)"
    rf"{WORD_END}"
)


def body_order_maker(text: str) -> Person | None:
    """The body that has made an order in ``text`` (``खाद्य विभाग द्वारा … स्थगित कर दिया गया है``): a note an office
    issues with no officer named; its agentless directions after it are the office's."""
    for ph in find_phrases(text):
        if (
            ph.body
            and _ORDER_MADE.match(text, ph.end)
            and not _post_right_before(text, ph.start)  # "प्रमुख सचिव परिवहन विभाग द्वारा": the post's department
            and not _post_before_comma(text, ph.start)
        ):
            return Person(None, ph.written)
    return None


def body_agent(text: str, aliases: frozenset[str] = frozenset()) -> BodyAgent | None:
    """The body that directs someone in ``text`` (``परिवहन विभाग के द्वारा … उन्हें … के निर्देश दिए``, ``प्राधिकरण
    (FSSAI) ने सभी राज्यों को … निर्देश दिया``, ``विभाग ने … को कहा कि``), or None. ``X द्वारा … किया जा रहा है``
    makes X the doer; ``निदेशक, अल्पसंख्यक मामलात विभाग ने`` is a post's department (the post directs)."""
    for ph in find_phrases(text):
        m = _BODY_ERGATIVE.match(text, ph.end) if ph.body else None
        if m and _post_right_before(text, ph.start):
            continue  # "प्रमुख सचिव परिवहन विभाग ने …": the post's department; the post directs
        if m and not _post_before_comma(text, ph.start, m.end()) and _addresses(text, m):
            return BodyAgent(ph.start, m.end(), ph.written, m["alias"])
        source = _SOURCE_DIRECTS.match(text, ph.end) if ph.body else None
        if source and not _post_before_comma(text, ph.start):
            return BodyAgent(ph.start, source.end("src"), ph.written, None)
    for m in _ISSUING_BODY.finditer(text):  # "जिला प्रशासन ने …", "विश्वविद्यालय ने …", "शासन की ओर से निर्देश …"
        agent = _BODY_ERGATIVE.match(text, m.end())
        if agent and _addresses(text, agent):
            return BodyAgent(m.start(), agent.end(), " ".join(m.group().split()), None)
        source = _SOURCE_DIRECTS.match(text, m.end())
        if source:
            return BodyAgent(m.start(), source.end("src"), " ".join(m.group().split()), None)
    for alias in aliases:
        for m in re.finditer(rf"(?<![A-Za-z]){re.escape(alias)}\s+(?:ने|(?:के\s+)?द्वारा){WORD_END}", text):
            if _addresses(text, m):
                return BodyAgent(m.start(), m.end(), alias, alias)
    for bare in _BARE_BODY.finditer(text):
        if _OPENS_CLAUSE.search(text, 0, bare.start()) and _addresses(text, bare):
            return BodyAgent(bare.start(), bare.end(), None, None)
    return None


# What follows a post (and name) that is no subject: a postposition or a genitive ("X के निर्देश पर", "X को").
# "कलेक्टर-डीएफओ कॉन्फ्रेंस में …": a post hyphened to another names an event (a conference of both), no subject.
_OBLIQUE_AFTER = re.compile(
    rf"\s*(?:जी\s+)?(?:का|की|के|को|से|में|पर|ने|तक|द्वारा|सहित|समेत|एवं|और|तथा|व){WORD_END}|\s*[,/(]|-\s*[\u0900-\u097fA-Za-z]"
)
# "कलेक्टर द्वारा … की समीक्षा की गई", "X के द्वारा बैठक ली गई": the agent of a passive review or meeting held
_REVIEW_PASSIVE = re.compile(
    r"[^।]{0,160}?(?:समीक्षा|बैठक|मीटिंग|गोष्ठी|निरीक्षण|जनसुनवाई|सुनवाई)\s+"
    r"(?:की|ली|लिया|किया|आयोजित\s+की|का\s+आयोजन\s+किया)\s+(?:गई|गयी|गया)"
    rf"{WORD_END}"
)
_PRESENT = re.compile(r"उपस्थित|उपस्थिति|मौजूद|शामिल|सम्मिलित")
# "जिलाधिकारी X का कहना है कि …": the one whose words the sentence reports
# (the holder's name, up to three words, may stand between: the name reader stops before का)
_SAYS = re.compile(
    rf"(?:\s+(?!(?:का|की|के|को|से|ने|में|पर){WORD_END})[\u0900-\u097f.]+){{0,3}}?\s*(?:जी\s+)?का\s+"
    rf"(?:यह\s+(?:भी\s+)?)?कहना\s+(?:है|था){WORD_END}"
)
_THAT = re.compile(rf"{WORD_START}कि{WORD_END}")
_BIDDEN = re.compile(r"(?:ें|एं|एँ|ाए|ाये|ेगें|ेंगे|ेंगी)\s*[।.!]?\s*$")


def subject_authority(text: str, mentions: list[PersonMention]) -> PersonMention | None:
    """The named authority a sentence is about when nobody is its agent: a post and name as the sentence's
    subject (``मुख्यमंत्री X … को लेकर गंभीर हैं``, ``कलेक्टर X … को निर्देशित किया`` with ने dropped), or the
    agent of a passive review (``कलेक्टर द्वारा … की समीक्षा की गई``). Those present at a meeting are no
    subject of it."""
    if _PRESENT.search(text):
        return None
    that = _THAT.search(text)
    first = next((pm for pm in mentions if not pm.person.generic() and not pm.open_class), None)
    if first is None or pronoun_agent(text) or (that and that.start() < first.start):
        # "उन्होंने कहा कि परियोजना निदेशक … करें": the subject of a कि-clause is who must act
        return None
    by = _BY_AGENT.match(text, first.end)
    if by is not None:
        return first if _REVIEW_PASSIVE.match(text, by.end()) else None
    if first.ergative or _OBLIQUE_AFTER.match(text, first.end) or (_BIDDEN.search(text) and not that):
        return None  # "परियोजना निदेशक हर सप्ताह समीक्षा करें": the subject of a subjunctive is told to act
    # a scheme named after a post reads three words on ("प्रधानमंत्री ग्राम सड़क योजना"); any other post only its next
    # word ("कलेक्टर कार्यालय"), so a holder's name before one ("कलेक्टर X Y कार्यालय प्रमुखों को") stays the subject
    reach = 3 if is_in(first.written or first.person.designation or "", "scheme_posts") else 1
    following = text[first.end : first.end + 60].split()[:reach]
    if following and following[0].endswith(("ों", "ओं")):
        return None  # "प्रधान पाठकों की बैठक": the post qualifies an oblique noun
    if any(is_in(w.strip("।,"), "name_words") or is_in(w.strip("।,"), "building_words") for w in following):
        return None  # "प्रधानमंत्री आवास योजना", "कलेक्टर कार्यालय में": a scheme's or a place's name
    return first


def speaker_says(text: str, mentions: list[PersonMention]) -> PersonMention | None:
    """The officer whose words the sentence reports (``राजस्व परिषद के अध्यक्ष X का कहना है कि …``), or None: the post
    right before ``का कहना है``, with no कि-clause before it."""
    that = _THAT.search(text)
    for pm in mentions:
        if that and that.start() < pm.start:
            return None
        if not pm.person.generic() and _SAYS.match(text, pm.end):
            return pm
    return None


# "ये शब्द थे जल संसाधन मंत्री X के", "यह कहना था उपायुक्त X का": the speaker of the words quoted above, named after them
_WORDS_WERE = re.compile(
    rf"^\s*(?:ये|यह|यही)\s+(?:शब्द|बातें|बात|कहना|निर्देश|विचार)\s+(?:थे|था|थी|हैं|है)\s+(?P<who>[^।]{{0,120}}?)\s*(?:के|का|की){WORD_END}"
)


def speaker_of_words_above(text: str, mentions: list[PersonMention]) -> Person | None:
    """The officer ``ये शब्द थे X के`` names as the speaker of the directives quoted before it, or None."""
    m = _WORDS_WERE.match(text)
    if m is None:
        return None
    named = [pm for pm in mentions if m.start("who") <= pm.start < m.end("who") and not pm.person.generic()]
    return named[0].person if named else None


# "स्वास्थ्य विभाग ने … एडवाइजरी जारी कर …", "… विभाग स्तर पर अस्पतालों को अलर्ट किया गया", "… विभाग की ओर से …":
# a body that speaks, orders or acts as the source of a note
# "नई दिल्ली नगरपालिका परिषद् NDMC ने …", "महानगरपालिका (BMC) ने …": its abbreviation may stand before ने
_BODY_SOURCE = re.compile(
    rf"\s*(?:(?:\([A-Za-z.]{{2,12}}\)|[A-Z]{{2,6}})\s*)?(?:ने|स्तर\s+(?:पर|से)|की\s+ओर\s+से){WORD_END}"
)


def source_body(text: str) -> Person | None:
    """The office a note with no person in it comes from: the first body named as an agent or a source
    (``स्वास्थ्य विभाग ने …``, ``… विभाग स्तर पर …``), or None."""
    found = [(ph.start, ph.written) for ph in find_phrases(text) if ph.body and _BODY_SOURCE.match(text, ph.end)]
    # "केंद्र सरकार ने आठ राज्यों को चिट्ठी लिखी है": a government or administration (issuing_bodies.tsv) too
    found += [
        (m.start(), " ".join(m.group().split()))
        for m in _ISSUING_BODY.finditer(text)
        if _BODY_SOURCE.match(text, m.end())
    ]
    return Person(None, min(found)[1]) if found else None


# A letter's sign-off (``आज्ञा से,``, ``भवदीय``, ``हस्ताक्षर/-``, or the signatory's name in brackets, ``(रवि कुमार)``)
# on a line of its own (sign_offs.tsv), then the post that signs on the next line (``जिलाधिकारी, बलिया``,
# ``निदेशक, प्रारंभिक शिक्षा``).
_SIGN_OFF = re.compile(
    rf"^\s*(?:{alternation(column('sign_offs'))}|\((?P<name>[\u0900-\u097fA-Za-z. ]{{3,40}})\))\s*[,।./-]*\s*$"
)
_SIGNATURE_LOOK = 8  # lines from the end where a letter signs
_SIGNATURE_WORDS = 8  # words of the post line at most (a post, its branch and its town)


def letter_signatory(text: str, find_mentions: Callable[[str], list[PersonMention]]) -> Person | None:
    """The post that signs a letter or order (``आज्ञा से, / निदेशक, प्रारंभिक शिक्षा``, ``(नाम) / जिलाधिकारी,
    बलिया``) in its last lines: the issuer of the directions no one in its sentences gives, or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][-_SIGNATURE_LOOK:]
    for i, line in enumerate(lines[:-1]):
        sign = _SIGN_OFF.match(line)
        if sign is None:
            continue
        post_line = lines[i + 1]
        if len(post_line.split()) > _SIGNATURE_WORDS:
            continue
        found = [pm for pm in find_mentions(post_line) if pm.start <= 2 and not pm.person.generic()]
        if found:
            person = found[0].person
            return Person(person.name or sign["name"], person.designation, person.canonical)
    return None
