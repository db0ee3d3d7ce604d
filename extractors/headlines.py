"""Headline-only directives: a line with no sentence mark is read as an item only when no body sentence
repeats it (the gold convention: "a headline counts when it holds a directive no body sentence repeats")."""

from __future__ import annotations

import re

from extractors.directives import DirectiveCue, blocked, continued_obligation, directive_cue, line_cue, negation_spelled
from models.gazetteer import load_gazetteer
from nlp.normalize import fold
from nlp.patterns import LETTERS, WORD_END, WORD_START
from nlp.sentences import TERMINATORS
from nlp.stem import stem
from nlp.vocab import alternation, column, is_in, spelled

_WORD = re.compile(r"[\u0900-\u0963\u0966-\u097fA-Za-z0-9]+")
# A body sentence that holds this share of the headline's content words repeats it.
REPEAT_SHARE = 0.5


def content_words(text: str) -> frozenset[str]:
    """The folded words of ``text`` that carry content: no function word or directive boilerplate."""
    return frozenset(
        w for w in (fold(m.group()) for m in _WORD.finditer(text)) if len(w) > 1 and not is_in(w, "stopwords")
    )


def _stem(word: str) -> str:
    """One stem for the inflections a headline and its body may write differently ("पूरे करें" / "पूरा कराने",
    "कामों" / "काम"): the search index's stemmer over the folded word."""
    return stem(fold(word))


# Where a headline's clauses part: a comma, a colon or visarga, a dash or bar between words.
# (a colon and dash glued to the signing post: "… का उपयोग :-उपायुक्त")
_HEADLINE_CLAUSE = re.compile(r"\s*(?:,|[:ः](?!\S)|\s[-–—|]|[-–—|]\s|[:ः][-–—])\s*")
# "… पूरी तैयारी-कलेक्टर राहत शिविरों में …": a dash glued to the post that signs a headline's clause ends it too.
_GLUED_DASH = re.compile(r"(?<=[\u0900-\u097f])[-–](?=[\u0900-\u097f])")
# A headline puts its verb before the object: "… निपटाएं लंबित मामले", "… रखें पूरी तैयारी", "… न हो देरी";
# a stem ending in े takes the bare nasal: "… में दें बेहतर परिणाम", "… लें जिम्मेदारी".
_STEMS = alternation(column("imperative_stems"))
# A duty put the same way: "… के लिए रहना होगा अलर्ट", "… यथाशीघ्र जारी कराना होगा कार्यवृत्त" (not a teaser's
# "… के लिए करना होगा ये जरूरी काम", the duty withheld).
_INVERTED_ORDER = spelled(
    rf"{WORD_START}(?:(?:{_STEMS})(?:ें|ाएं|ाएँ|ायें|एं|एँ|(?<=े)ं)|(?:न|नहीं)\s+(?:हो|हों|रहे|रहें)"
    rf"|(?!होना|होनी){LETTERS}+(?:ना|नी|ने)\s+(?:होगा|होगी|होंगे|पड़ेगा|पड़ेगी)(?=\s+(?!(?:ये|यह|इन|इस|वो|वह|वे){WORD_END})))"
    rf"\s+(?:{LETTERS}+\s+){{0,3}}{LETTERS}+\s*$"
)


def _clauses(line: str) -> list[str]:
    """The clauses of a headline: parts between its marks, each cut again where a glued dash signs it
    (``…-कलेक्टर``)."""
    out: list[str] = []
    for part in _HEADLINE_CLAUSE.split(line):
        start = 0
        for dash in _GLUED_DASH.finditer(part):
            signed = load_gazetteer().find(part[dash.end() : dash.end() + 40])
            if signed and signed[0].start == 0:
                out.append(part[start : dash.start()])
                start = dash.end()
        out.append(part[start:])
    return out


def _inverted_cue(clause: str) -> DirectiveCue | None:
    """A headline clause whose imperative or prohibition stands before its last words (not blocked)."""
    m = _INVERTED_ORDER.search(negation_spelled(clause))
    if m is None or blocked(clause):
        return None
    return DirectiveCue("imperative", m.start(), m.end(), 0.6)


def headline_cue(line: str, bodies: list[str], whole: DirectiveCue | None = None) -> DirectiveCue | None:
    """The cue of a headline that is the only statement of its directive. The headline is read clause by
    clause (``… पूरा करें-कलेक्टर``, ``X को दिए निर्देश, … तैयारियां पूर्ण रखें``): each clause as a sentence or
    as a verbless decision (``… भुगतान के निर्देश``); the clause that directs must not be repeated by a body
    sentence. ``whole`` is the cue the rules found in the whole line, used when no clause holds one."""
    if blocked(line):
        return None  # "यह भी पढ़ें – …": a link to another story; the line's other blockers too
    directing = False
    for clause in _clauses(line):
        clause = clause.strip()
        if len(clause.split()) < 3:
            continue
        found = directive_cue(clause + "।") or line_cue(clause)
        # an inverted order is a weaker cue: the body's directions together must not hold its words
        inverted = found is None and (found := _inverted_cue(clause)) is not None
        if found is None:
            continue
        directing = True
        if not repeated_in(clause, bodies, line, spread=inverted):
            return found  # a directive of its own: no body sentence repeats this clause
    if directing or whole is None or repeated_in(line, bodies, line):
        return None
    return whole


def repeated_in(clause: str, bodies: list[str], line: str, *, spread: bool = False) -> bool:
    """Does one of ``bodies`` (sentences with a mark, not the headline ``line`` printed again) hold at least
    ``REPEAT_SHARE`` of the clause's content words (by stem)? With ``spread``, the directing bodies together."""
    words = {_stem(w) for w in content_words(clause)}
    if not words:
        return True
    key = fold(" ".join(line.split()))
    together: set[str] = set()
    for body in bodies:
        if fold(" ".join(body.split())) == key or body.rstrip()[-1:] not in TERMINATORS + ".,":
            continue
        shared = words & {_stem(w) for w in content_words(body)}
        if len(shared) >= REPEAT_SHARE * len(words) and _directs(body):
            return True
        if spread and shared and _directs(body):
            together |= shared
    return len(together) >= REPEAT_SHARE * len(words)


def _directs(body: str) -> bool:
    """Does the body sentence direct (by the rules)? A report sharing the headline's words (``सेविकाओं ने … समय
    बढ़ाने की बात कही``) does not restate its directive."""
    return directive_cue(body) is not None or continued_obligation(body) is not None


_DEVANAGARI_WORD = re.compile(r"[\u0900-\u0963\u0966-\u097f]{2,}")


_CUT_IN_WORD = re.compile(r"[\u0900-\u0963\u0966-\u097f]\s*(?:\.{2,}|…)$")


# On a whole page the body restates its headline's directive, often in other words ("… टीकाकरण में तेजी लाने को
# कहा" over "… टीकाकरण 30 सितंबर तक पूर्ण करने का निर्देश"); a body that itself directs at most this many times
# (a report of the meeting, its progress figures) leaves the headline the only statement of what it directs.
WHOLE_PAGE_BODY_DIRECTIVES = 2


def body_directs_little(sentences: list[str]) -> bool:
    """Do at most ``WHOLE_PAGE_BODY_DIRECTIVES`` of ``sentences`` with a sentence mark direct (by the rules)?"""
    count = 0
    for sentence in sentences:
        if sentence.rstrip().rstrip("\"'”’").rstrip()[-1:] in TERMINATORS + "." and _directs(sentence):
            count += 1
            if count > WHOLE_PAGE_BODY_DIRECTIVES:
                return False
    return True


def cut_short(sentences: list[str]) -> bool:
    """Does the text stop in the middle of its prose (a page's beginning, cut): its last sentence of Hindi
    prose (three words or more, no site button) has no sentence mark? In a whole article the body restates
    what a headline directs; only a cut body can leave a headline as the only statement of a directive."""
    for sentence in reversed(sentences):
        if len(_DEVANAGARI_WORD.findall(sentence)) >= 3 and blocked(sentence) != "site_furniture":
            end = sentence.rstrip().rstrip("\"'”’»").rstrip()
            # "… ढकने के निर्द...": a syndicated teaser cut inside a word, its dots no full stop
            return end[-1:] not in TERMINATORS + ".|" or bool(_CUT_IN_WORD.search(end))
    return False


# Words that end like a verb but are none: postpositions and pronouns in -ें ("बैठक में", "उन्हें"), the copula.
_NOT_VERB = r"(?:में|हैं|हें|उन्हें|इन्हें|जिन्हें|किन्हें|हमें|तुम्हें|आपमें|उनमें|इनमें|जिनमें)(?![\u0900-\u097f])"
# After a frame's कि, a word that may be the action's verb or verbal noun (or a pronoun's अपने, which is not).
# Nouns end in -ई, -नी and -ना as verbs do ("जुलाई", "ढिलाई", "चेतावनी", "योजना"; "दी गई", "करनी", "करना"): such a word
# is the verb only where a clause may end: at the cut, before a mark, a conjunction or an auxiliary.
_CLAUSE_MAY_END = (
    r"(?=\s*$|\s*[,;।.]|\s+(?:जाए|जाएं|जाये|जायें|है|हैं|होगा|होगी|चाहिए|सुनिश्चित|अनिवार्य|आवश्यक|गई|गयी|जाएगी|जायेगी"
    r"|तथा|और|एवं|व)(?![\u0900-\u097f]))"
)
_VERB_LIKE = re.compile(
    rf"(?<![\u0900-\u097f])(?!अपने(?![\u0900-\u097f])|{_NOT_VERB})[\u0900-\u097f]+"
    r"(?:ें|एं|ाएं|ायें|ाए|ाये|ने|ता|ती|ते|गा|गी|गे|या|ए)(?![\u0900-\u097f])"
    rf"|(?<![\u0900-\u097f])[\u0900-\u097f]+(?:ना|नी|यी|ई){_CLAUSE_MAY_END}"
    r"|(?<![\u0900-\u097f])(?:हो|हों|करे|दे|ले|रहे)(?![\u0900-\u097f])"
    # a prohibition's subjunctive: "… किसी भी दशा में न बिके"
    r"|(?<![\u0900-\u097f])न\s+[\u0900-\u097f]+(?:े|ें)(?![\u0900-\u097f])"
)
_FUTURE_OR_ORDER = re.compile(
    rf"(?<![\u0900-\u097f])(?!{_NOT_VERB})[\u0900-\u097f]+(?:ेंगे|ेंगी|ेगा|ेगी|ें|एं|ाएं|ायें)(?![\u0900-\u097f])"
    r"|(?:जाए|जाएं|जाये|जायें)(?![\u0900-\u097f])"
)
_ACTION_NOUN = spelled(rf"{WORD_START}(?:{alternation(column('action_nouns'))})(?![\u0900-\u0963\u0966-\u097f])")
_FRAME_THAT = spelled(r"(?:निर्देश|निर्देशित|निदेश|हिदायत|आदेश|कहा)[^।]*?\sकि\s+(?P<rest>[^।]*)$")


def cut_before_action(sentence: str) -> bool:
    """Is ``sentence`` a frame cut at the page end before its action (``… निर्देश दिए कि सभी स्कूलों के पिछले
    सत्र क``): after कि only nouns, no word that could be the verb?"""
    m = _FRAME_THAT.search(sentence)
    if m is None or _VERB_LIKE.search(m["rest"]) is not None:
        return False
    if "," not in m["rest"] and _ACTION_NOUN.search(m["rest"]):
        return False  # "… कि लंबित मामलों का निपटारा एक सप्ताह में": one action named by its noun (not a list of nouns)
    # an action written before the frame ("… लॉगिन करेंगे साथ ही … निर्देशित किया गया कि …") still counts
    before = sentence[: m.start()]
    return _FUTURE_OR_ORDER.search(before) is None
